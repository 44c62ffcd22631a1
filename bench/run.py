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
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.console import render
from bench.harness import (
    DEFAULT_CORPUS,
    ENGINES,
    PYTHON,
    ROOT,
    deployed,
    drive,
    edit_latency,
    free_port,
    fts_rows,
    http_get,
    manage,
    query_string,
    resident_mb,
    start_server,
    summary,
)


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
        "--freshness-seconds",
        type=float,
        default=60,
        help="writing time of bench/freshness.py (as long at rest: 120 searches a node each)",
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

    report["trends"] = trends_http.trend_timings(backend, args.repeat)

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
        report["trends_http"] = trends_http.through_http(
            port, args.repeat, trends_http.TRENDS_TERMS
        )
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


if __name__ == "__main__":
    main()
