"""docs/benchmarks.md from the JSON report of ``make bench``: the latest run, as it was measured.

    .venv/bin/python -m bench.report_page bench/results/latest.json --output docs/benchmarks.md

``render`` turns the report ``bench/run.py`` writes into the page's markdown: the run, import
and rebuild, search latency of every engine (ours warm and cold, SQLite FTS5, tantivy, the HTTP
API and the HTML page), load, the trends page, relevance, known items, memory, freshness and,
when the report holds it, the PostgreSQL comparison of ``bench/backends.py`` (read from the
``<stem>-backends.json`` file beside the report if the report does not embed it). A section the
report does not hold is left out, never filled in.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REPORT = ROOT / "bench" / "results" / "latest.json"
DEFAULT_OUTPUT = ROOT / "docs" / "benchmarks.md"

NOTE = "<!-- Written by make bench (bench/report_page.py) from its report: do not edit by hand. -->"
INTRO = (
    "The latest run of `make bench`, as its report holds it. How each figure is measured is in "
    "[How the benchmarks measure](architecture/measuring.md); earlier runs are in the "
    "[benchmark history](benchmark-history.md). Figures move between runs and machines: compare "
    "the engines of one run rather than one run's milliseconds with another's. *Ours* is the "
    "default (Whoosh) backend in process, *cold* the same with its postings cache bypassed, "
    "*API* and *HTML* ours through gunicorn."
)
# Engine and measure keys of the reports, as the page names them.
LABELS = {
    "ours": "ours",
    "cold": "ours cold",
    "fts5": "FTS5",
    "tantivy": "tantivy",
    "fts5 tuned": "FTS5 tuned",
    "tantivy tuned": "tantivy tuned",
    "http": "API",
    "html": "HTML",
    "whoosh": "Whoosh backend",
    "postgres": "PostgreSQL backend",
    "trends": "the trends page, warm",
    "trends_cold": "the trends page, cold",
    "three_searches": "its terms' three search pages, one after the other",
}
KNOWN_ITEMS = {
    "speaker_country_year": "speaker surname, country, year: found first",
    "eight_word_phrases": "eight words quoted from a speech: found first",
    "common_phrases_only_their_speech": "common-word phrases: only their speech found",
}


def label(key: str) -> str:
    """The page's name for an engine or measure key of the report."""
    return LABELS.get(key, key)


class Code(str):
    """An inline code span: a table keeps its pipes as they are (MkDocs splits no code span)."""


def cell(value: object) -> str:
    """A value fit for a markdown table cell: pipes escaped outside code, none a dash."""
    if value is None:
        return "—"
    if isinstance(value, Code):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value).replace("|", "\\|").replace("\n", " ")


def table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> list[str]:
    """A markdown table, one line a row."""
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return lines + ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]


def code(text: str) -> Code:
    """Text as an inline code span, backticks in it included."""
    return Code(f"`` {text} ``" if "`" in text else f"`{text}`")


def ratio(a: float | None, b: float | None) -> str:
    """``a / b`` to two decimals, or a dash when either is missing or b is zero."""
    return f"{a / b:.2f}" if a is not None and b else "—"


def p50_p95(summary: dict | None) -> str:
    """A timing summary of bench/run.py as ``p50 / p95``."""
    return f"{summary['p50_ms']} / {summary['p95_ms']}" if summary else "—"


def section(title: str, *blocks: list[str] | str) -> list[str]:
    """A ``##`` section of blocks (a line or a list of lines) separated by blank lines."""
    lines = [f"## {title}"]
    for block in blocks:
        lines += ["", *([block] if isinstance(block, str) else block)]
    return lines


def run_section(report: dict) -> list[str]:
    """The run: when, on what, and the import, rebuild and edit figures."""
    rows: list[tuple[str, object]] = []
    for key, name in (("date", "date"), ("written", "report written"), ("machine", "machine")):
        if key in report and (key != "written" or "date" not in report):
            rows.append((name, report[key]))
    if "corpus" in report:
        limit = report.get("limit")
        scope = f"its first {limit:,} records (`--limit {limit}`)" if limit else "all of it"
        rows.append(("corpus", f"`{Path(report['corpus']).name}`, {scope}"))
    if imp := report.get("import"):
        peak = f", peak {imp['peak_memory_mb']} MB" if imp.get("peak_memory_mb") else ""
        value = f"{imp['records']:,} records in {imp['seconds']} s ({imp['records_per_second']}/s)"
        rows.append(("import incl. indexing", value + peak))
    if rebuild := report.get("rebuild"):
        rows.append(("full `rebuild_search_index`", f"{rebuild['seconds']} s"))
    for key, name in (("fts5_build_seconds", "FTS5"), ("tantivy_build_seconds", "tantivy")):
        if key in report:
            rows.append((f"{name} full build (reference)", f"{report[key]} s"))
    if edit := report.get("edit_to_searchable"):
        value = f"p50 {edit['p50_ms']} / p95 {edit['p95_ms']} / max {edit['max_ms']} ms"
        rows.append((f"an edit searchable after its commit ({edit['n']} edits)", value))
    return section("The run", table(["measure", "value"], rows)) if rows else []


def latency_section(report: dict) -> list[str]:
    """Every engine's page latency: overall, by kind of query, and page by page."""
    overall = report.get("overall")
    if not overall:
        return []
    blocks: list[list[str] | str] = [
        "The pages of `bench/queries.json`, interleaved, in milliseconds.",
        table(
            ["engine", "pages", "p50", "p95", "max"],
            [(label(k), s["n"], s["p50_ms"], s["p95_ms"], s["max_ms"]) for k, s in overall.items()],
        ),
    ]
    p50 = {k: s["p50_ms"] for k, s in overall.items()}
    pairs = [("ours", "fts5"), ("cold", "fts5"), ("ours", "tantivy")]
    shown = [
        f"{label(a)} ÷ {label(b)} {ratio(p50[a], p50[b])}" for a, b in pairs if {a, b} <= p50.keys()
    ]
    if shown:
        blocks.append("All pages at p50: " + ", ".join(shown) + ".")
    if by_kind := report.get("by_kind"):
        engines = list(next(iter(by_kind.values())))
        mid = {k: {e: s["p50_ms"] for e, s in f.items()} for k, f in by_kind.items()}
        ratios = {k: ratio(m.get("ours"), m.get("fts5")) for k, m in mid.items()}
        rows = [(k, *(p50_p95(f.get(e)) for e in engines), ratios[k]) for k, f in by_kind.items()]
        header = ["kind", *(f"{label(e)} p50 / p95" for e in engines), "ours ÷ FTS5 p50"]
        blocks += ["### By kind of query", table(header, rows)]
    if pages := report.get("pages"):
        engines = [k for k, v in pages[0].items() if isinstance(v, dict) and "p50_ms" in v]
        params = [code(json.dumps(p["params"], ensure_ascii=False)) for p in pages]
        rows = [
            [p["kind"], q, *(p[e]["p50_ms"] for e in engines)]
            for p, q in zip(pages, params, strict=True)
        ]
        blocks += ["### Page by page", "Each page's p50, in milliseconds."]
        blocks.append(table(["kind", "parameters", *(label(e) for e in engines)], rows))
    return section("Search latency", *blocks)


def load_section(report: dict) -> list[str]:
    """The bounded load on the HTML search page through gunicorn."""
    if not (loads := report.get("load")):
        return []
    keys = ("concurrency", "seconds", "requests", "errors", "pages_per_second", "p50_ms", "p95_ms")
    header = ["clients", "seconds", "pages", "errors", "pages/s", "p50 ms", "p95 ms"]
    return section(
        "Load",
        "The HTML search page through gunicorn (2 workers), driven from a second process.",
        table(header, [[load.get(k) for k in keys] for load in loads]),
    )


def trends_section(report: dict) -> list[str]:
    """The trends page in process, and through HTTP."""
    trends, http = report.get("trends"), report.get("trends_http")
    if not trends and not http:
        return []
    blocks: list[list[str] | str] = []
    if trends:
        timed = {k: s for k, s in trends.items() if isinstance(s, dict)}
        rows = [(label(k), s["n"], s["p50_ms"], s["p95_ms"]) for k, s in timed.items()]
        blocks.append(f"In process (view and template), {code(trends['path'])}:")
        blocks.append(table(["page", "runs", "p50 ms", "p95 ms"], rows))
    if http:
        series = [s for s in http.values() if isinstance(s, dict)]
        ends = [(", ".join(s["terms"]), ", ".join(s.get("statuses", []))) for s in series]
        rows = [
            (a, s["n"], s["p50_ms"], s["p95_ms"], b) for s, (a, b) in zip(series, ends, strict=True)
        ]
        blocks.append(f"Through HTTP, the request's time budget {http.get('budget_s', '—')} s:")
        blocks.append(table(["terms", "runs", "p50 ms", "p95 ms", "each term"], rows))
    return section("The trends page", *blocks)


def mean_cell(mean: dict) -> str:
    """nDCG@10 / P@10 / judged share, as one cell."""
    return f"{mean['ndcg']:.3f} / {mean['p10']:.3f} / {mean['judged_share']:.0%}"


def relevance_table(relevance: dict | None, by_set: dict | None) -> list[str]:
    """Mean nDCG@10, P@10 and judged share of each engine, over all needs and by set."""
    means, sets = (relevance or {}).get("mean", {}), by_set or {}
    if not means and not sets:
        return []
    header = ["engine"] + ([f"all needs ({len(relevance.get('needs', {}))})"] if means else [])
    header += [
        f"{name} ({next(iter(f.values()), {}).get('needs', '?')})" for name, f in sets.items()
    ]
    engines = list(means) or list(next(iter(sets.values())))
    rows = [
        [label(e)]
        + ([mean_cell(means[e])] if means else [])
        + [mean_cell(f[e]) if e in f else "—" for f in sets.values()]
        for e in engines
    ]
    return ["nDCG@10 / P@10 / share of the top 10 judged, by set:", "", *table(header, rows)]


def known_items_lines(by_engine: dict) -> list[str]:
    """Each known-item check, found / asked, for each engine; then the misses listed."""
    checks = [k for k in next(iter(by_engine.values())) if k in KNOWN_ITEMS]
    rows = [(KNOWN_ITEMS[c], *(known.get(c) for known in by_engine.values())) for c in checks]
    lines = table(["check", *(label(e) for e in by_engine)], rows)
    for engine, known in by_engine.items():
        if misses := known.get("common_phrase_misses"):
            found = ", ".join(f"{code(m['phrase'])} ({m['found']})" for m in misses)
            lines += ["", f"{label(engine)}, phrases found in other speeches too: {found}."]
    return lines


def relevance_section(report: dict) -> list[str]:
    """Relevance on the judged needs of bench/relevance, and the known items."""
    lines = relevance_table(report.get("relevance"), report.get("relevance_by_set"))
    if lines and report.get("limit"):
        lines += ["", "The judgments are of the whole corpus: on part of it, most are unjudged."]
    lines = section("Relevance", lines) if lines else []
    if known := report.get("known_items"):
        lines += ["", *section("Known items", known_items_lines({"ours": known}))]
    return lines


def memory_section(report: dict) -> list[str]:
    """Each gunicorn worker's resident memory over the varied searches."""
    if not (memory := report.get("memory")):
        return []
    start, drift = memory["filling_mb"][0], memory["drift"]
    filled, end = memory["readings_mb"][0], memory["readings_mb"][-1]
    text = (
        f"{memory['fill']:,} varied searches fill the caches, then {memory['searches']:,} are "
        f"measured ({memory['distinct_pages']:,} distinct pages, {memory['errors']} errors): at "
        f"most {100 * drift:.1f} % from the first reading over the measured searches, "
        + ("flat (within 5 %)." if drift <= 0.05 else "not flat (more than 5 %).")
    )
    rows = [(n + 1, start[pid], filled.get(pid), end.get(pid)) for n, pid in enumerate(start)]
    header = ["worker", "at start MB", "caches filled MB", "at the end MB"]
    return section("Memory", text, table(header, rows))


def freshness_section(report: dict) -> list[str]:
    """How soon edits are searchable on every node while writers write."""
    if not (runs := report.get("freshness")):
        return []
    blocks: list[list[str] | str] = []
    header = ["node", "visible p50 / p95 / max s", "unseen", "save p95 ms"]
    header.append("search p99 quiet / writing ms")
    for database, run in runs.items():
        if "per_node" not in run:
            reason = run.get("skipped") or "the run failed"
            blocks.append(f"{database}: not measured ({cell(reason)}).")
            continue
        blocks.append(
            f"**{database}**: {run['nodes']} node(s), {run['writers']} writers at {run['rate']} "
            f"saves/s, renames {run['renames']}, {run['seconds']} s of writing, "
            f"{run['saves']['n']} saves."
        )
        rows = []
        for node in run["per_node"]:
            vis = node["visibility_s"]
            visible = " / ".join(str(vis.get(k, "—")) for k in ("p50", "p95", "max"))
            quiet, busy = node["search_quiet_ms"].get("p99"), node["search_writing_ms"].get("p99")
            save = node["saves"]["all_ms"].get("p95")
            rows.append((node["node"], visible, node["unseen"], save, f"{quiet} / {busy}"))
        blocks.append(table(header, rows))
    return section("Freshness", *blocks)


def backends_section(backends: dict | None) -> list[str]:
    """Both backends side by side on PostgreSQL (bench/backends.py)."""
    if not backends:
        return []
    rows: list[tuple[str, object]] = []
    if "limit" in backends:
        limit = backends["limit"]
        rows.append(("corpus", f"its first {limit:,} records" if limit else "all of it"))
    if (seconds := backends.get("import_with_postgres_index_seconds")) is not None:
        rows.append(("import with the PostgreSQL index", f"{seconds} s"))
    for name, seconds in backends.get("rebuild_seconds", {}).items():
        rows.append((f"full rebuild, {label(name)}", f"{seconds} s"))
    for name, s in backends.get("edit_to_searchable", {}).items():
        rows.append((f"an edit searchable, {label(name)}", f"p50 / p95 {p50_p95(s)} ms"))
    blocks: list[list[str] | str] = [table(["measure", "value"], rows)] if rows else []
    if overall := backends.get("overall"):
        engines = list(overall)
        pages = [("all pages", *(p50_p95(overall[e]) for e in engines))]
        by_kind = backends.get("by_kind", {})
        pages += [(k, *(p50_p95(f.get(e)) for e in engines)) for k, f in by_kind.items()]
        blocks += [
            "Pages in process, ms, p50 / p95:",
            table(["pages", *map(label, engines)], pages),
        ]
    if relevance := relevance_table(backends.get("relevance"), backends.get("relevance_by_set")):
        blocks.append(relevance)
    if known := backends.get("known_items"):
        blocks += ["Known items:", known_items_lines(known)]
    return section("The two backends on PostgreSQL", *blocks)


def per_need_section(report: dict) -> list[str]:
    """nDCG@10, P@10 and judged count of every need, for every engine."""
    if not (needs := (report.get("relevance") or {}).get("needs")):
        return []
    engines = list(next(iter(needs.values())))
    rows = [
        (need, *(f"{r[e]['ndcg']:.3f} / {r[e]['p10']:.2f} / {r[e]['judged']}" for e in engines))
        for need, r in needs.items()
    ]
    return section(
        "Relevance per need",
        "nDCG@10 / P@10 / judged in the top 10; `bench/relevance/needs.json` says each need.",
        table(["need", *map(label, engines)], rows),
    )


def render(report: dict) -> str:
    """The markdown of docs/benchmarks.md for one ``make bench`` report."""
    sections = [
        run_section(report),
        latency_section(report),
        load_section(report),
        trends_section(report),
        relevance_section(report),
        memory_section(report),
        freshness_section(report),
        backends_section(report.get("backends")),
        per_need_section(report),
    ]
    body = "\n\n".join("\n".join(s) for s in sections if s)
    return f"{NOTE}\n# Benchmarks\n\n{INTRO}\n\n{body}\n"


def load(path: Path) -> dict:
    """A report with its PostgreSQL comparison, from the report or the file beside it.

    A report that holds no date gets the time its file was written, as ``written``.
    """
    report = json.loads(path.read_text())
    beside = path.with_name(path.stem + "-backends.json")
    if not report.get("backends") and beside.exists():
        report["backends"] = json.loads(beside.read_text())
    if "date" not in report:
        written = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        report["written"] = written.strftime("%Y-%m-%d %H:%M UTC")
    return report


def main(argv: list[str] | None = None) -> None:
    """Write the page for a report (by default bench/results/latest.json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    args.output.write_text(render(load(args.report)))
    print(f"Wrote {args.output}")


if __name__ == "__main__":
    main()
