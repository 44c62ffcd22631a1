"""make bench: how fast and how well the archive searches, next to SQLite FTS5 and tantivy.

Then, where a PostgreSQL server answers (``BENCH_POSTGRES``), it runs
``bench/backends.py``: the Whoosh and PostgreSQL backends side by side on a
PostgreSQL database.

On a fresh database and index in a temporary directory (``--reuse DIR`` keeps
them between runs) it imports the corpus, rebuilds the index, measures how
soon an edit becomes searchable, runs the committed query set
(``bench/queries.json``) through the backend in-process and through the HTTP
API of a gunicorn server, against SQLite FTS5 and tantivy built from the same
records (``bench/fts5.py``, ``bench/tantivy_search.py``), interleaved, and
drives that server with a bounded load from a second process. It then ranks
the judged information needs of ``bench/relevance/`` with the three engines
(nDCG@10, P@10) and runs the known-item checks
(``bench/known_items.py``). It prints the tables and writes a JSON result
file. No result cache serves the measured runs: the archive has none. Last,
``bench/freshness.py`` measures how soon edits are searchable on every node of a
deployment while writers write (``--freshness-seconds``, 0 skips it).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "ungdc.jsonl.gz"
PYTHON = sys.executable
# Measured in turn, each going first in turn. "cold" is ours reading every postings list
# afresh, its cache of decoded postings bypassed (search/backends/whoosh/postings_cache.py).
ENGINES = ["ours", "cold", "fts5", "tantivy"]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(values_s: list[float]) -> dict:
    ms = [v * 1000 for v in values_s]
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(percentile(ms, 0.95), 2),
        "max_ms": round(max(ms), 2),
    }


def manage(env, *args, check=True) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    if check and result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed, result.stdout + result.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def query_string(params: dict) -> str:
    return urlencode(params, doseq=True)


def http_get(port: int, path: str) -> float:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"GET {path} answered {response.status}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int, help="import at most N records")
    parser.add_argument("--reuse", help="keep the database and index in this directory")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each page")
    parser.add_argument("--load-seconds", type=float, default=20)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[4, 8])
    parser.add_argument(
        "--memory-searches", type=int, default=10_000, help="searches the memory check makes"
    )
    parser.add_argument(
        "--freshness-seconds", type=float, default=30, help="writing time of bench/freshness.py"
    )
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "latest.json"))
    parser.add_argument(
        "--page",
        default=str(ROOT / "docs" / "benchmarks.md"),
        help="the docs page written from the report (bench/report_page.py)",
    )
    args = parser.parse_args()

    workdir = Path(args.reuse) if args.reuse else Path(tempfile.mkdtemp(prefix="archive-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "SEARCH_INDEX_DIR": str(workdir / "index"),
        "DJANGO_SETTINGS_MODULE": "archive.project.settings",
        "LOG_LEVEL": "ERROR",
    }
    report: dict = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
        "corpus": args.corpus,
        "limit": args.limit,
        "workdir": str(workdir),
    }
    fresh = not (workdir / "db.sqlite3").exists()

    if fresh:
        manage(env, "migrate", "-v0")
        limit = ["--limit", str(args.limit)] if args.limit else []
        seconds, output = manage(env, "import_statements", args.corpus, "--no-progress", *limit)
        counts = re.search(r"created (\d+).*?failed (\d+)", output)
        peak = re.search(r"peak memory (\d+) MB", output)
        records = int(counts.group(1)) if counts else 0
        report["import"] = {
            "records": records,
            "seconds": round(seconds, 1),
            "records_per_second": round(records / seconds, 1),
            "peak_memory_mb": int(peak.group(1)) if peak else None,
        }
    seconds, output = manage(env, "rebuild_search_index", "--no-progress")
    report["rebuild"] = {"seconds": round(seconds, 1), "output": output.strip().splitlines()[-1]}

    # In-process measurements run against the bench database and index.
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.http import QueryDict

    from archive.models import Statement
    from bench import fts5, known_items, servers, tantivy_search, trends_http
    from bench.relevance import metrics, rankings
    from search import documents, searching
    from search.backends import get_backend
    from search.backends.base import SearchQuery
    from search.web.filters import parse_parameters

    backend = get_backend()
    report["edit_to_searchable"] = edit_latency(Statement, backend, SearchQuery)

    fts_path = workdir / "fts5.sqlite3"
    started = time.perf_counter()
    fts5.build(fts_path, fts_rows(documents))
    report["fts5_build_seconds"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    tantivy_search.build(workdir / "tantivy", fts_rows(documents))
    report["tantivy_build_seconds"] = round(time.perf_counter() - started, 1)
    references = {
        "fts5": fts5.FTS5Search(fts_path),
        "tantivy": tantivy_search.TantivySearch(workdir / "tantivy"),
    }

    pages = json.loads((ROOT / "bench" / "queries.json").read_text())["pages"]
    queries = [parse_parameters(QueryDict(query_string(p["params"]))).query for p in pages]
    times: dict[str, list[list[float]]] = {name: [[] for _ in pages] for name in ENGINES}

    def answer(name: str, i: int) -> None:
        if name == "cold":
            with backend.postings_cache.bypassed():
                searching.run(backend, queries[i])
        elif name == "ours":
            searching.run(backend, queries[i])
        else:
            references[name].page(pages[i]["params"])

    for i in range(len(pages)):  # warm each once: opening files is not searching
        for name in ENGINES:
            answer(name, i)
    for round_number in range(args.repeat):
        for i in range(len(pages)):  # each engine goes first in turn
            turn = round_number % len(ENGINES)
            for name in ENGINES[turn:] + ENGINES[:turn]:
                started = time.perf_counter()
                answer(name, i)
                times[name][i].append(time.perf_counter() - started)

    report["trends"] = trend_timings(backend, args.repeat)

    # Relevance on the judged needs, and the known items, for every engine's ranking.
    needs = metrics.load_needs()
    ranked = {"ours": rankings.ours(backend, needs)}
    ranked |= {name: rankings.reference(engine, needs) for name, engine in references.items()}
    tuned = {
        "fts5 tuned": fts5.FTS5Search(fts_path, fts5.TUNED_TITLE_WEIGHT),
        "tantivy tuned": tantivy_search.TantivySearch(workdir / "tantivy", tantivy_search.TUNED),
    }
    ranked |= {name: rankings.reference(engine, needs) for name, engine in tuned.items()}
    report["relevance"] = metrics.evaluate(ranked, metrics.load_grades())
    report["relevance_by_set"] = metrics.by_set(report["relevance"], needs)
    report["known_items"] = known_items.run(backend, SearchQuery, Statement, references["fts5"])

    port = free_port()
    server_env = deployed(env, workdir)
    server = start_server(server_env, port)
    try:
        http_times: dict[int, list[float]] = {i: [] for i in range(len(pages))}
        html_times: dict[int, list[float]] = {i: [] for i in range(len(pages))}
        api_paths = [f"/api/search/?{query_string(p['params'])}" for p in pages]
        paths = [f"/search/?{query_string(p['params'])}" for p in pages]
        for path in api_paths + paths:
            http_get(port, path)
        for _ in range(args.repeat):
            for i in range(len(pages)):
                http_times[i].append(http_get(port, api_paths[i]))
                html_times[i].append(http_get(port, paths[i]))
        report["trends_http"] = trends_http.through_http(port, args.repeat, TRENDS_TERMS)
        report["load"] = [
            drive(port, paths, seconds=args.load_seconds, concurrency=clients)
            for clients in args.concurrency
        ]
        report["memory"] = worker_memory(
            server,
            port,
            varied_paths(references["fts5"]),
            args.memory_searches,
            fill=args.memory_searches,
        )
    finally:
        servers.stop(server)

    report["pages"] = [
        {
            "kind": page["kind"],
            "params": page["params"],
            **{name: summary(times[name][i]) for name in ENGINES},
            "http": summary(http_times[i]),
            "html": summary(html_times[i]),
        }
        for i, page in enumerate(pages)
    ]
    every = lambda d: [t for times in d.values() for t in times]  # noqa: E731
    report["overall"] = {
        **{name: summary([t for ts in times[name] for t in ts]) for name in ENGINES},
        "http": summary(every(http_times)),
        "html": summary(every(html_times)),
    }
    kinds = sorted({p["kind"] for p in pages})
    report["by_kind"] = {
        kind: {
            name: summary(
                [t for i, p in enumerate(pages) if p["kind"] == kind for t in times[name][i]]
            )
            for name in ENGINES
        }
        for kind in kinds
    }
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2))
    print(render(report))
    print("\nRelevance on bench/relevance (nDCG@10 with gains 0/1/3, P@10 of grades 1-2):\n")
    print(metrics.render(report["relevance"], needs))
    print("\nBy set (the held-out needs are the headline; tuned on the others):\n")
    print(metrics.render_sets(report["relevance_by_set"]))
    print("\nKnown items (found first / asked):", json.dumps(report["known_items"], indent=1))
    print("\n" + trends_http.render(report["trends_http"]))
    print(f"\nFull results: {output}")
    report["backends"] = on_postgres(args, workdir, output)
    output.write_text(json.dumps(report, indent=2))
    if args.freshness_seconds:
        from bench import freshness

        print("\n== How soon edits are searchable on every node (bench/freshness.py)\n", flush=True)
        report["freshness"] = freshness.freshness_runs(args.freshness_seconds, output.parent)
        output.write_text(json.dumps(report, indent=2))
        print(freshness.render_runs(report["freshness"]))
    from bench import report_page

    Path(args.page).write_text(report_page.render(report_page.load(output)))
    print(f"\nThe docs page: {args.page}")
    if not args.reuse:
        shutil.rmtree(workdir, ignore_errors=True)


def machine() -> str:
    """What the run ran on: CPUs, memory and Python, for the page that reports it."""
    memory = Path("/proc/meminfo")
    total = memory.read_text().split()[1] if memory.exists() else None
    gib = f", {int(total) / 2**20:.0f} GiB" if total else ""
    return f"{os.cpu_count()} CPUs{gib}, Python {sys.version.split()[0]}, {sys.platform}"


def drive(port: int, paths: list[str], **options) -> dict:
    """Run ``bench/load.py`` against the server (``seconds``, ``concurrency``, ``requests``…)."""
    command = [PYTHON, str(ROOT / "bench" / "load.py"), "--base", f"http://127.0.0.1:{port}"]
    command += ["--paths", json.dumps(paths)]
    for name, value in options.items():
        command += [f"--{name}", str(value)]
    load = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(load.stdout)


def varied_paths(fts5_search, count: int = 3000, seed: int = 14) -> list[str]:
    """Search pages no two alike, so no cache can hold them all: words drawn from the
    index's vocabulary, alone or in pairs, some as phrases, prefixes or typos, some
    filtered by country or decade, sorted, or paged."""
    import random

    rng = random.Random(seed)
    words = [
        term
        for (term,) in fts5_search.db.execute(
            "SELECT term FROM vocab WHERE doc BETWEEN 5 AND 8000 AND length(term) > 3 "
            "AND term GLOB '[a-z]*' ORDER BY term"
        )
    ]
    countries = [c for (c,) in fts5_search.db.execute("SELECT DISTINCT country FROM docs") if c]
    decades = [d for (d,) in fts5_search.db.execute("SELECT DISTINCT decade FROM docs") if d]
    paths = set()
    while len(paths) < min(count, len(words)):
        shape = rng.random()
        first, second = rng.choice(words), rng.choice(words)
        if shape < 0.4:
            q = first
        elif shape < 0.6:
            q = f"{first} {second}"
        elif shape < 0.7:
            q = f'"{first} {second}"'
        elif shape < 0.8:
            q = f"{first[:4]}*"
        elif shape < 0.9:
            q = f"{first[:-1]}~"
        else:
            q = f"{first} OR {second}"
        params: dict = {"q": q}
        if rng.random() < 0.3:
            params["country"] = rng.choice(countries)
        if rng.random() < 0.2:
            params["decade"] = rng.choice(decades)
        if rng.random() < 0.2:
            params["sort"] = rng.choice(["newest", "oldest"])
        if rng.random() < 0.2:
            params["page"] = str(rng.randint(2, 5))
        paths.add(f"/search/?{query_string(params)}")
    return sorted(paths)


def resident_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return round(int(status.split("VmRSS:")[1].split()[0]) / 1024, 1)


def worker_memory(
    server: subprocess.Popen, port: int, paths: list[str], searches: int, fill: int
) -> dict:
    """The resident memory of each gunicorn worker every tenth of ``searches`` varied pages,
    after ``fill`` more that fill the per-process caches (word lists, decoded postings) to
    their bounds; each reading is listed. Flat means no reading of the measured
    ``searches`` is more than 5 % above or below the first one."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    workers = sorted(int(pid) for pid in children)
    steps = 10

    def read() -> dict[str, float]:
        return {str(pid): resident_mb(pid) for pid in workers}

    def run(count: int, offset: int) -> dict:
        return drive(port, paths, requests=count, concurrency=4, seconds=600, offset=offset)

    filling = [read()]
    for step in range(steps):
        run(fill // steps, offset=step * (fill // steps))
        filling.append(read())
    measured = [filling[-1]]
    errors = done = 0
    for step in range(steps):
        load = run(searches // steps, offset=fill + step * (searches // steps))
        errors += load["errors"]
        done += load["requests"] + load["errors"]
        measured.append(read())
    first = measured[0]
    drift = max(abs(now[pid] - first[pid]) / first[pid] for now in measured for pid in first)
    return {
        "fill": fill,
        "searches": done,
        "distinct_pages": len(paths),
        "errors": errors,
        "filling_mb": filling,
        "readings_mb": measured,
        "drift": round(drift, 3),
    }


TRENDS_TERMS = ('"Asian NATO"', "hegemonism", "denuclearization")


def trend_timings(backend, repeat: int) -> dict:
    """The trends page for the issue's three terms, in process (view and template), warm
    and with the postings cache bypassed, next to the three search pages of its terms."""
    from django.test import RequestFactory

    from search.web.views import search_page, trends_page

    factory = RequestFactory()
    trends_request = factory.get("/trends/", {"q": ",".join(TRENDS_TERMS)})
    searches = [factory.get("/search/", {"q": term}) for term in TRENDS_TERMS]
    times: dict[str, list[float]] = {"trends": [], "trends_cold": [], "three_searches": []}

    def timed(call) -> float:
        started = time.perf_counter()
        response = call()
        assert response.status_code == 200, response.status_code
        return time.perf_counter() - started

    def cold_trends():
        with backend.postings_cache.bypassed():
            return trends_page(trends_request)

    timed(lambda: trends_page(trends_request))  # opening files is not searching
    for _ in range(max(5, repeat * 4)):
        times["trends"].append(timed(lambda: trends_page(trends_request)))
        times["trends_cold"].append(timed(cold_trends))
        times["three_searches"].append(sum(timed(lambda r=r: search_page(r)) for r in searches))
    return {"path": trends_request.get_full_path(), **{k: summary(v) for k, v in times.items()}}


def on_postgres(args, workdir: Path, output: Path) -> dict | None:
    """Both backends side by side on PostgreSQL (bench/backends.py), if a server answers."""
    from bench import backends

    try:
        import psycopg

        psycopg.connect(f"{backends.SERVER}/postgres", connect_timeout=3).close()
    except Exception as exc:
        print(f"\nNo PostgreSQL at {backends.SERVER} ({exc}): the backends were not compared.")
        return None
    result = output.with_name(output.stem + "-backends.json")
    command = [PYTHON, "-m", "bench.backends", "--repeat", str(args.repeat)]
    command += [
        "--corpus",
        args.corpus,
        "--workdir",
        str(workdir / "postgres"),
        "--output",
        str(result),
    ]
    if args.limit:
        command += ["--limit", str(args.limit)]
    if args.reuse:
        command.append("--reuse")
    print("\n== The two backends on PostgreSQL (bench/backends.py)\n", flush=True)
    subprocess.run(command, cwd=ROOT, check=True)
    return json.loads(result.read_text())


def edit_latency(Statement, backend, SearchQuery, edits: int = 20) -> dict:
    """Median time from an edit's save (commit) until a search finds it."""
    times = []
    statements = list(Statement.objects.published().order_by("pk")[:edits])
    for n, statement in enumerate(statements):
        word = f"benchmarkedit{n}x{int(time.time())}"
        statement.summary = f"{statement.summary} {word}".strip()
        started = time.perf_counter()
        statement.save()  # autocommit: the index is updated on commit
        while backend.search(SearchQuery(text=word, with_facets=False)).total != 1:
            if time.perf_counter() - started > 30:
                raise RuntimeError("an edit did not become searchable within 30 s")
            time.sleep(0.005)
        times.append(time.perf_counter() - started)
    return summary(times)


def fts_rows(documents):
    for doc in documents.iter_documents():
        year = doc.facets.get("year", ("",))
        yield {
            "id": int(doc.id),
            "title": doc.title,
            "body": doc.body,
            "issuer": (doc.facets.get("issuer") or ("",))[0],
            "country": (doc.facets.get("country") or ("",))[0],
            "kind": doc.facets["kind"][0],
            "language": doc.facets["language"][0],
            "year": year[0] if year else "",
            "decade": (doc.facets.get("decade") or ("",))[0],
            "events": doc.facets.get("event", ()),
            "date_start": int(doc.date_start.strftime("%Y%m%d")) if doc.date_start else 0,
            "date_end": int(doc.date_end.strftime("%Y%m%d")) if doc.date_end else 0,
        }


def deployed(env: dict, workdir: Path) -> dict:
    """The environment of a server as deployed: DEBUG off, static files collected for WhiteNoise."""
    server_env = {
        **env,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(workdir / "static"),
    }
    manage(server_env, "collectstatic", "--noinput", "-v0")
    return server_env


def start_server(env, port: int, cwd: Path = ROOT) -> subprocess.Popen:
    """Start gunicorn of the checkout ``cwd`` with ``env`` (production-like settings) and wait
    until it answers."""
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "archive.project.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=cwd,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            http_get(port, "/api/search/?q=warmup")
            return server
        except (OSError, RuntimeError):
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not start in {cwd}")


def render(report: dict) -> str:
    lines = ["| measure | value |", "| --- | --- |"]
    if "import" in report:
        imp = report["import"]
        lines.append(
            f"| import incl. indexing | {imp['records']} records in {imp['seconds']} s "
            f"({imp['records_per_second']}/s), peak {imp['peak_memory_mb']} MB |"
        )
    lines.append(f"| full rebuild_search_index | {report['rebuild']['seconds']} s |")
    lines.append(f"| FTS5 full build (reference) | {report['fts5_build_seconds']} s |")
    lines.append(f"| tantivy full build (reference) | {report['tantivy_build_seconds']} s |")
    edit = report["edit_to_searchable"]
    lines.append(f"| edit searchable after commit | median {edit['p50_ms']} ms |")
    html = report["overall"]["html"]
    lines.append(
        f"| HTML search page through gunicorn | p50 {html['p50_ms']} ms, p95 {html['p95_ms']} ms |"
    )
    for load in report["load"]:
        lines.append(
            f"| load on the HTML search page: gunicorn 2 workers, {load['concurrency']} clients, "
            f"{load['seconds']} s | {load['pages_per_second']} pages/s, p50 {load['p50_ms']} ms, "
            f"p95 {load['p95_ms']} ms, {load['errors']} errors |"
        )
    trends = report["trends"]
    lines.append(
        f"| trends page `{trends['path']}` in process (view and template) "
        f"| warm p50 {trends['trends']['p50_ms']} ms, p95 {trends['trends']['p95_ms']} ms; "
        f"cold p50 {trends['trends_cold']['p50_ms']} ms, p95 {trends['trends_cold']['p95_ms']} ms; "
        f"its terms' three search pages together p50 {trends['three_searches']['p50_ms']} ms |"
    )
    memory = report["memory"]
    readings = memory["readings_mb"]
    start, end = memory["filling_mb"][0], readings[-1]
    lines.append(
        f"| worker memory: {memory['fill']:,} varied searches to fill the caches, then "
        f"{memory['searches']:,} measured ({memory['distinct_pages']:,} distinct pages, "
        f"{memory['errors']} errors) | {' / '.join(str(v) for v in start.values())} MB at start, "
        f"{' / '.join(str(v) for v in readings[0].values())} MB filled, "
        f"{' / '.join(str(v) for v in end.values())} MB at the end: "
        f"drift {100 * memory['drift']:.1f} % over the measured searches |"
    )
    overall = report["overall"]
    lines += [
        "",
        "| pages (ms) | ours p50 / p95 / max | ours cold p50 / p95 | HTTP API p50 / p95 "
        "| FTS5 p50 / p95 | tantivy p50 / p95 | ours ÷ FTS5 p50 / p95 | cold ÷ FTS5 p50 "
        "| ours ÷ tantivy p50 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]

    def ratio(a: float, b: float) -> str:
        return f"{a / b:.2f}" if b else "—"

    def row(name, figures, http):
        ours, cold = figures["ours"], figures["cold"]
        fts, tan = figures["fts5"], figures["tantivy"]
        http_text = f"{http['p50_ms']} / {http['p95_ms']}" if http else "—"
        return (
            f"| {name} | {ours['p50_ms']} / {ours['p95_ms']} / {ours['max_ms']} "
            f"| {cold['p50_ms']} / {cold['p95_ms']} | {http_text} "
            f"| {fts['p50_ms']} / {fts['p95_ms']} | {tan['p50_ms']} / {tan['p95_ms']} "
            f"| {ratio(ours['p50_ms'], fts['p50_ms'])} / {ratio(ours['p95_ms'], fts['p95_ms'])} "
            f"| {ratio(cold['p50_ms'], fts['p50_ms'])} | {ratio(ours['p50_ms'], tan['p50_ms'])} |"
        )

    lines.append(row("**all**", overall, overall["http"]))
    for kind, figures in report["by_kind"].items():
        lines.append(row(kind, figures, None))
    lines += [
        "",
        "| page | ours p50 ms | cold p50 ms | FTS5 p50 ms | tantivy p50 ms | ÷ FTS5 | cold ÷ FTS5 "
        "| ÷ tantivy |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for page in report["pages"]:
        ours, cold, fts, tan = (page[name]["p50_ms"] for name in ENGINES)
        params = json.dumps(page["params"], ensure_ascii=False).replace("|", "\\|")
        lines.append(
            f"| {page['kind']} `{params}` | {ours} | {cold} | {fts} | {tan} | {ratio(ours, fts)} "
            f"| {ratio(cold, fts)} | {ratio(ours, tan)} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
