# The README's two commands: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_PROCESSES ?= 2
PYTEST_ARGS ?=
STAMP := $(VENV)/.installed
# mkdocs-material's notice about MkDocs 2 on every build: read once, not on every test run.
export NO_MKDOCS_2_WARNING := 1
BENCH_STAMP := $(VENV)/.bench-installed

.PHONY: run test test-fast bench growth lint docs format browser-deps deploy-deps

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# The benchmark's references (tantivy) on top of the pins above.
$(BENCH_STAMP): $(STAMP) bench/requirements.txt
	$(BIN)/python -m pip install --quiet -r bench/requirements.txt
	touch $(BENCH_STAMP)

## make run: install, migrate, load the demo data, make an admin account, serve on :$(PORT)
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_data
	$(BIN)/python manage.py rebuild_search_index --if-missing
	$(BIN)/python manage.py ensure_admin
	@echo "Serving the archive on http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)"
	@# The search indexer beside the server; it stops with this shell (Ctrl-C stops both).
	$(BIN)/python manage.py sync_search_index --follow --parent $$$$ & \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The browser tests drive Debian's Chromium and serve axe-core to the pages.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || \
		(apt-get update -q && apt-get install -y -q chromium)
	@[ -f tests/browser/node_modules/axe-core/axe.min.js ] || ! command -v npm >/dev/null || \
		npm ci --prefix tests/browser --silent --no-audit --no-fund

# The deployment test runs the shipped nginx configuration in front of gunicorn.
deploy-deps:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || [ "$$(id -u)" != 0 ] || \
		(apt-get update -q && apt-get install -y -q nginx-light)

## make test: the whole suite (set DATABASE_URL to run it on PostgreSQL), on two processes;
## PYTEST_ARGS="-m 'not browser'" skips the browser tests locally (CI runs them)
test: $(STAMP) browser-deps deploy-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/mkdocs build --strict --quiet --site-dir var/site
	$(BIN)/pytest -n $(TEST_PROCESSES) --dist loadfile $(PYTEST_ARGS)

## make test-fast: the suite without browser, process, server and whole-corpus tests, to
## iterate on (make test, which CI runs, is the one that says a change is done)
test-fast: $(STAMP)
	$(BIN)/pytest -n $(TEST_PROCESSES) --dist loadfile -m "not slow and not browser" $(PYTEST_ARGS)

## make bench: import, index and search the full corpus next to SQLite FTS5 and tantivy, speed
## and relevance (ARGS="--limit 500" for a small run, ARGS="--reuse var/bench-full" to keep the data)
bench: $(BENCH_STAMP)
	$(BIN)/python -m bench.run $(ARGS)

## make growth: ours and FTS5 on 1x, 2x and 4x the corpus, and the extrapolation to 1M statements
## (ARGS="--reuse" keeps the grown databases in var/growth)
growth: $(BENCH_STAMP)
	$(BIN)/python -m bench.growth $(ARGS)

## make docs: the documentation site (docs/, mkdocs.yml) built into var/site, every link checked
docs: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir var/site
	@echo "Open var/site/index.html, or run .venv/bin/mkdocs serve"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
