"""make bench, on PostgreSQL: the Whoosh and PostgreSQL backends side by side, next to FTS5
and tantivy.

A deployment on PostgreSQL may search with either backend. This imports the
corpus into a PostgreSQL database (``archive_bench``, created afresh unless
``--reuse``), builds each backend's index from it (timed), measures how soon
an edit is searchable with each, runs the pages of ``bench/queries.json`` in
process through both backends, SQLite FTS5 and tantivy (interleaved, whole pages:
snippets included), and ranks the judged needs of ``bench/relevance/`` with
each (nDCG@10, P@10). ``bench/run.py`` runs it after its own measurements;
it prints its tables and writes a JSON file.

    .venv/bin/python -m bench.backends --limit 500 --output /tmp/backends.json
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg import sql

from bench.harness import (
    DEFAULT_CORPUS,
    ROOT,
    edit_latency,
    fts_rows,
    manage,
    query_string,
    summary,
)

SERVER = os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
DATABASE = "archive_bench"
ENGINES = ("whoosh", "postgres")


def fresh_database(reuse: bool, imported: str) -> bool:
    """Create the benchmark database unless it is kept; return whether it is new.

    One database serves every run, so it is kept only for the run whose import
    filled it (its directory, corpus and limit, written in the database's
    comment once the import is done): a small run must not leave its 500
    records to a full run's ``--reuse``.
    """
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        found = admin.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [DATABASE],
        ).fetchone()
        if found and reuse and found[0] == imported:
            return False
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    return True


def mark_imported(imported: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(DATABASE), sql.Literal(imported)
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int, help="import at most N records")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each page")
    parser.add_argument("--reuse", action="store_true", help="keep the database if it exists")
    parser.add_argument("--workdir", help="where the Whoosh index and FTS5 file go")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "backends.json"))
    args = parser.parse_args()

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="archive-bench-pg-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": f"{SERVER}/{DATABASE}".replace("postgresql://", "postgres://", 1),
        "SEARCH_INDEX_DIR": str(workdir / "index"),
        "DJANGO_SETTINGS_MODULE": "archive.project.settings",
        "LOG_LEVEL": "ERROR",
    }
    report: dict = {"database": "PostgreSQL", "limit": args.limit}
    imported = f"{workdir.resolve()} {args.corpus} limit={args.limit}"
    if fresh_database(args.reuse, imported):
        manage(env, "migrate", "-v0")
        limit = ["--limit", str(args.limit)] if args.limit else []
        seconds, _ = manage(
            {**env, "SEARCH_ENGINE": "postgres"},
            "import_statements",
            args.corpus,
            "--no-progress",
            *limit,
        )
        report["import_with_postgres_index_seconds"] = round(seconds, 1)
        mark_imported(imported)
    report["rebuild_seconds"] = {}
    for engine in ENGINES:
        seconds, _ = manage(
            {**env, "SEARCH_ENGINE": engine}, "rebuild_search_index", "--no-progress"
        )
        report["rebuild_seconds"][engine] = round(seconds, 1)

    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.http import QueryDict
    from django.utils.module_loading import import_string

    from archive.models import Statement
    from bench import fts5, known_items, tantivy_search
    from bench.relevance import metrics, rankings
    from search import documents, searching
    from search.backends import close_all
    from search.backends.base import SearchQuery
    from search.web.filters import parse_parameters

    backends = {}
    report["edit_to_searchable"] = {}
    for engine in ENGINES:
        config = settings.SEARCH_BACKENDS[engine]
        backends[engine] = import_string(config["BACKEND"])(config)
        settings.SEARCH_BACKEND = config  # what an edit's save writes to
        close_all()
        report["edit_to_searchable"][engine] = edit_latency(
            Statement, backends[engine], SearchQuery
        )

    fts_path = workdir / "fts5.sqlite3"
    fts5.build(fts_path, fts_rows(documents))
    tantivy_search.build(workdir / "tantivy", fts_rows(documents))
    references = {
        "fts5": fts5.FTS5Search(fts_path),
        "tantivy": tantivy_search.TantivySearch(workdir / "tantivy"),
    }

    pages = json.loads((ROOT / "bench" / "queries.json").read_text())["pages"]
    queries = [parse_parameters(QueryDict(query_string(p["params"]))).query for p in pages]
    names = [*ENGINES, *references]
    times: dict[str, list[list[float]]] = {name: [[] for _ in pages] for name in names}

    def answer(name: str, i: int) -> None:
        if name in references:
            references[name].page(pages[i]["params"])
        else:
            searching.run(backends[name], queries[i])

    for i in range(len(pages)):  # warm each once: opening files is not searching
        for name in names:
            answer(name, i)
    for round_number in range(args.repeat):
        for i in range(len(pages)):
            order = names[round_number % len(names) :] + names[: round_number % len(names)]
            for name in order:
                started = time.perf_counter()
                answer(name, i)
                times[name][i].append(time.perf_counter() - started)

    kinds = sorted({p["kind"] for p in pages})
    report["overall"] = {n: summary([t for ts in times[n] for t in ts]) for n in names}
    report["by_kind"] = {
        kind: {
            n: summary([t for i, p in enumerate(pages) if p["kind"] == kind for t in times[n][i]])
            for n in names
        }
        for kind in kinds
    }
    needs = metrics.load_needs()
    ranked = {engine: rankings.ours(backends[engine], needs) for engine in ENGINES}
    ranked |= {name: rankings.reference(engine, needs) for name, engine in references.items()}
    report["relevance"] = metrics.evaluate(ranked, metrics.load_grades())
    report["relevance_by_set"] = metrics.by_set(report["relevance"], needs)
    report["known_items"] = {
        engine: known_items.run(backends[engine], SearchQuery, Statement, references["fts5"])
        for engine in ENGINES
    }
    for backend in backends.values():
        backend.close()

    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2))
    print(render(report))
    print("\nRelevance on bench/relevance, PostgreSQL database (nDCG@10 / P@10 / judged):\n")
    print(metrics.render(report["relevance"], needs))
    print("\nBy set (the held-out needs are the headline):\n")
    print(metrics.render_sets(report["relevance_by_set"]))
    print(f"\nFull results: {output}")


def render(report: dict) -> str:
    """The side-by-side tables."""
    rebuild = report["rebuild_seconds"]
    edit = report["edit_to_searchable"]
    means = report["relevance"]["mean"]
    lines = [
        "Both backends on one PostgreSQL database, in process, interleaved with FTS5 and tantivy:",
        "",
        "| measure | Whoosh backend | PostgreSQL backend | FTS5 | tantivy |",
        "| --- | --- | --- | --- | --- |",
        f"| full rebuild | {rebuild['whoosh']} s | {rebuild['postgres']} s | — | — |",
        f"| edit searchable after commit (median) | {edit['whoosh']['p50_ms']} ms | "
        f"{edit['postgres']['p50_ms']} ms | — | — |",
        "| nDCG@10 / P@10 on the judged needs | "
        + " | ".join(
            f"{means[n]['ndcg']:.3f} / {means[n]['p10']:.3f}"
            for n in ("whoosh", "postgres", "fts5", "tantivy")
        )
        + " |",
    ]
    for name in ("whoosh", "postgres"):
        items = report["known_items"][name]
        lines.append(
            f"| known items, {name}: speaker+country+year, eight-word phrases, common phrases "
            f"| {items['speaker_country_year']}, {items['eight_word_phrases']}, "
            f"{items['common_phrases_only_their_speech']} | | | |"
        )
    if "import_with_postgres_index_seconds" in report:
        lines.append(
            f"| import incl. PostgreSQL indexing | | "
            f"{report['import_with_postgres_index_seconds']} s | | |"
        )
    lines += [
        "",
        "| pages (p50 / p95 ms) | Whoosh | PostgreSQL | FTS5 | tantivy "
        "| Whoosh ÷ FTS5 | PostgreSQL ÷ FTS5 | Whoosh ÷ tantivy | PostgreSQL ÷ tantivy |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]

    def row(name: str, figures: dict) -> str:
        cells = " | ".join(
            f"{figures[n]['p50_ms']} / {figures[n]['p95_ms']}"
            for n in ("whoosh", "postgres", "fts5", "tantivy")
        )
        ratios = " | ".join(
            f"{figures[n]['p50_ms'] / (figures[ref]['p50_ms'] or float('nan')):.2f}"
            for ref in ("fts5", "tantivy")
            for n in ("whoosh", "postgres")
        )
        return f"| {name} | {cells} | {ratios} |"

    lines.append(row("**all**", report["overall"]))
    lines += [row(kind, figures) for kind, figures in report["by_kind"].items()]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
