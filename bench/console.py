"""The tables ``make bench`` prints as it goes (docs/benchmarks.md is written from the report)."""

from __future__ import annotations

import json

from bench.harness import ENGINES


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
