"""bench/report_page.py: docs/benchmarks.md holds a report's figures, and only those."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown

from bench import report_page

DOCS = Path(__file__).resolve().parent.parent / "docs"


def summary(p50: float, p95: float, n: int = 33) -> dict:
    return {"n": n, "p50_ms": p50, "p95_ms": p95, "max_ms": p95 + 1}


def engines(**p50s: float) -> dict:
    return {name: summary(p50, p50 * 2) for name, p50 in p50s.items()}


def small_report() -> dict:
    """A hand-written report of bench/run.py's shape, every figure distinct."""
    mean = {"ndcg": 0.812, "p10": 0.734, "judged_share": 0.96}
    return {
        "corpus": "/data/ungdc.jsonl.gz",
        "limit": 500,
        "import": {
            "records": 500,
            "seconds": 5.1,
            "records_per_second": 97.7,
            "peak_memory_mb": 161,
        },
        "rebuild": {"seconds": 3.2, "output": "Indexed 500 published statements in 2.4 s."},
        "edit_to_searchable": summary(56.44, 90.74, n=20),
        "fts5_build_seconds": 0.7,
        "tantivy_build_seconds": 0.9,
        "overall": {
            **engines(ours=5.11, cold=7.53, fts5=5.37, tantivy=8.71),
            "http": summary(14.91, 28.2),
            "html": summary(12.99, 25.45),
        },
        "by_kind": {"common": engines(ours=4.47, cold=6.48, fts5=9.68, tantivy=19.03)},
        "pages": [
            {"kind": "common", "params": {"q": "peace"}, **engines(ours=3.21, cold=6.09)},
            {"kind": "boolean", "params": {"q": "a | b"}, **engines(ours=4.44, cold=5.55)},
        ],
        "load": [
            {
                "seconds": 3.0,
                "concurrency": 4,
                "requests": 399,
                "errors": 0,
                "pages_per_second": 132.1,
                "p50_ms": 29.3,
                "p95_ms": 47.4,
            },
        ],
        "relevance": {
            "needs": {"korea": {"ours": {"ndcg": 0.4, "p10": 0.4, "judged": 4, "shown": 10}}},
            "mean": {"ours": mean},
        },
        "relevance_by_set": {"heldout": {"ours": {**mean, "ndcg": 0.899, "needs": 45}}},
        "known_items": {
            "speaker_country_year": "58/60",
            "eight_word_phrases": "59/60",
            "common_phrases_only_their_speech": "40/40",
            "common_phrase_misses": [],
        },
    }


def render(report: dict) -> str:
    return report_page.render(report)


def test_the_page_holds_the_reports_figures():
    page = render(small_report())
    for figure in (
        "5.1 s",
        "97.7/s",
        "161 MB",
        "3.2 s",
        "56.44",
        "0.9 s",
        "5.11",
        "7.53",
        "5.37",
        "8.71",
        "14.91",
        "12.99",
        "132.1",
        "47.4",
        "0.812",
        "0.899",
        "58/60",
        "59/60",
        "40/40",
        "3.21",
        "19.03",
    ):
        assert figure in page, figure
    assert "ours ÷ FTS5 0.95" in page  # 5.11 / 5.37
    assert "its first 500 records" in page


def test_sections_the_report_does_not_hold_are_left_out():
    page = render(small_report())
    for heading in (
        "## Memory",
        "## Freshness",
        "## The two backends on PostgreSQL",
        "## The trends page",
    ):
        assert heading not in page
    bare = render({"rebuild": {"seconds": 2.0, "output": ""}})
    assert "## The run" in bare and "2.0 s" in bare
    for heading in ("## Search latency", "## Load", "## Relevance", "## Known items"):
        assert heading not in bare


def test_the_postgresql_comparison_and_freshness_when_present():
    report = small_report()
    report["backends"] = {
        "limit": 500,
        "rebuild_seconds": {"whoosh": 2.9, "postgres": 3.57},
        "edit_to_searchable": {"whoosh": summary(84.48, 131.3), "postgres": summary(44.16, 58.5)},
        "overall": engines(whoosh=6.98, postgres=12.97),
        "known_items": {
            "whoosh": {"speaker_country_year": "58/60"},
            "postgres": {"speaker_country_year": "57/60"},
        },
    }
    report["freshness"] = {
        "sqlite": {
            "database": "sqlite",
            "nodes": 1,
            "writers": 4,
            "rate": 8,
            "renames": 0.05,
            "seconds": 5.0,
            "saves": {"n": 40},
            "per_node": [
                {
                    "node": 0,
                    "visibility_s": {"p50": 0.53, "p95": 1.14, "max": 1.36},
                    "unseen": 0,
                    "saves": {"all_ms": {"p95": 473.2}},
                    "search_quiet_ms": {"p99": 145.3},
                    "search_writing_ms": {"p99": 91.6},
                }
            ],
        },
        "postgres": {"skipped": "no PostgreSQL at postgresql://127.0.0.1:1"},
    }
    page = render(report)
    assert "## The two backends on PostgreSQL" in page and "## Freshness" in page
    for figure in ("3.57 s", "44.16", "12.97", "57/60", "0.53 / 1.14 / 1.36", "473.2"):
        assert figure in page, figure
    assert "postgres: not measured (no PostgreSQL at postgresql://127.0.0.1:1)" in page


def test_the_backends_file_beside_the_report_is_read(tmp_path):
    (tmp_path / "latest.json").write_text(json.dumps(small_report()))
    (tmp_path / "latest-backends.json").write_text(
        json.dumps({"rebuild_seconds": {"postgres": 7.25}})
    )
    output = tmp_path / "benchmarks.md"
    report_page.main([str(tmp_path / "latest.json"), "--output", str(output)])
    page = output.read_text()
    assert "7.25 s" in page and "report written" in page


def test_the_page_is_fit_for_the_strict_docs_build():
    report = small_report()
    page = render(report)
    assert page.splitlines()[0].startswith("<!--") and "do not edit by hand" in page.splitlines()[0]
    assert page.splitlines()[1] == "# Benchmarks"
    # Every relative link names a page of docs/ (the page lives at docs/benchmarks.md).
    links = re.findall(r"\]\(([^)]+)\)", page)
    assert links
    for link in links:
        assert not link.startswith(("/", "http")), link
        target = link.split("#")[0]
        assert (DOCS / target).is_file(), link
    # Every table row has as many cells as its header, code spans with pipes included.
    html = markdown.markdown(page, extensions=["tables"])
    for table in re.findall(r"<table>.*?</table>", html, re.S):
        widths = {
            len(re.findall(r"<t[hd]>", row)) for row in re.findall(r"<tr>.*?</tr>", table, re.S)
        }
        assert len(widths) == 1, table
    assert '<code>{"q": "a | b"}</code>' in html
