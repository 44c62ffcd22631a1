"""Where the search page's time goes, phase by phase, warm.

    .venv/bin/python -m bench.investigations.page_phases --data var/bench-full [--api] [--kind K]

The 33 pages of ``bench/queries.json`` through Django's test client (so the
middleware is counted), with ``DEBUG`` off, on the data ``make bench --reuse``
left; three warm-up rounds, then ``--rounds`` measured ones. Each phase is
timed by wrapping the function that does it: the backend's search, the
snippets, reading the hits' rows and their texts, the template, and the
smaller steps of the view. Phases nest in nothing but the page, so the rest
of the total is Django, the middleware and the view's own lines. With ``--api``, the same
pages of the JSON API (``/api/search/``): its rows, the statements' JSON and its encoding.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a make bench --reuse directory")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--api", action="store_true", help="the JSON API's pages, not the HTML")
    parser.add_argument(
        "--kind", help="only the pages of this kind (rare, common, ...) or with this q (chernobyl)"
    )
    args = parser.parse_args()
    data = args.data.resolve()
    os.environ.update(
        {
            "DATABASE_URL": f"sqlite:///{data / 'db.sqlite3'}",
            "SEARCH_INDEX_DIR": str(data / "index"),
            "STATIC_ROOT": str(data / "static"),
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "0",
            "DJANGO_SETTINGS_MODULE": "archive.project.settings",
            "LOG_LEVEL": "ERROR",
        }
    )
    import django

    django.setup()
    from django.http import response as responses
    from django.test import Client

    from bench.harness import query_string
    from search import searching
    from search.sync.indexing import current_backend
    from search.web import presenters, views

    spent: Counter[str] = Counter()

    def timed(owner, name: str, phase: str) -> None:
        inner = getattr(owner, name)

        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[phase] += time.perf_counter() - started

        setattr(owner, name, wrapper)

    timed(type(current_backend()), "search", "backend search")
    timed(searching, "snippet", "snippets")
    timed(searching, "load_texts", "hits' texts")
    timed(searching, "suggest", "did you mean")
    timed(views, "listed_hits", "hits' rows")
    timed(views, "render", "template")
    timed(views, "parse_parameters", "parameters")
    timed(views, "histogram", "histogram")
    timed(views, "facet_labels", "facet labels")
    timed(views.facet_links, "facet_groups", "facet groups")
    timed(presenters, "listed_hits", "hits' rows")  # the API's, with their countries
    timed(presenters, "listed_fields", "statements' JSON")
    timed(responses.JsonResponse, "__init__", "JSON encoding")

    pages = json.loads((ROOT / "bench" / "queries.json").read_text())["pages"]
    pages = [page for page in pages if args.kind in (None, page["kind"], page["params"].get("q"))]
    base = "/api/search/" if args.api else "/search/"
    paths = [f"{base}?{query_string(page['params'])}" for page in pages]
    client = Client()
    for path in paths * 3:
        if client.get(path).status_code != 200:
            raise SystemExit(f"{path} did not answer 200")
    spent.clear()
    count = args.rounds * len(paths)
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(args.rounds):
        for path in paths:
            client.get(path)
    total = (time.perf_counter() - started) / count * 1000
    cpu = (time.process_time() - cpu) / count * 1000
    print(f"| phase | ms a page ({count} pages) |")
    print("| --- | --- |")
    print(f"| **whole request** | {total:.2f} (CPU {cpu:.2f}) |")
    for phase, seconds in spent.most_common():
        print(f"| {phase} | {seconds / count * 1000:.2f} |")
    rest = total - sum(spent.values()) / count * 1000
    print(f"| the rest: Django, middleware, the view | {rest:.2f} |")


if __name__ == "__main__":
    main()
