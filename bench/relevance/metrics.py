"""nDCG@10 and P@10 of ranked speeches against graded judgments.

Grades: 0 not about the need, 1 mentioned in passing, 2 discussed. nDCG uses
the gains 0, 1 and 3 (2^grade - 1) with a log2 discount; the ideal ranking is
every judged speech of the need, best first. P@10 is the share of the top 10
graded 1 or 2. A speech nobody judged counts as 0: the share of the top 10
that is judged says how far to trust a figure.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEPTH = 10
GAIN = {0: 0, 1: 1, 2: 3}


def load_needs(only: str | None = None) -> list[dict]:
    """The information needs, or those of one set ("tuning" or "heldout")."""
    needs = json.loads((HERE / "needs.json").read_text())["needs"]
    return [n for n in needs if only is None or n["set"] == only]


def load_grades() -> dict[str, dict[str, int]]:
    path = HERE / "judgments.json"
    return json.loads(path.read_text())["grades"] if path.exists() else {}


def dcg(gains: list[int]) -> float:
    return sum(gain / math.log2(rank + 2) for rank, gain in enumerate(gains[:DEPTH]))


def ndcg(ranked: list[str], grades: dict[str, int]) -> float:
    ideal = dcg(sorted((GAIN[g] for g in grades.values()), reverse=True))
    if not ideal:
        return 0.0
    return dcg([GAIN[grades.get(doc, 0)] for doc in ranked]) / ideal


def precision(ranked: list[str], grades: dict[str, int]) -> float:
    return sum(grades.get(doc, 0) > 0 for doc in ranked[:DEPTH]) / DEPTH


def judged(ranked: list[str], grades: dict[str, int]) -> int:
    return sum(doc in grades for doc in ranked[:DEPTH])


def evaluate(rankings: dict[str, dict[str, list[str]]], grades: dict[str, dict[str, int]]) -> dict:
    """rankings: engine -> need id -> ranked source ids. Return per need and mean figures."""
    report: dict = {"needs": {}, "mean": {}}
    for engine, by_need in rankings.items():
        rows = report["needs"]
        for need_id, ranked in by_need.items():
            need_grades = grades.get(need_id, {})
            rows.setdefault(need_id, {})[engine] = {
                "ndcg": round(ndcg(ranked, need_grades), 3),
                "p10": round(precision(ranked, need_grades), 2),
                "judged": judged(ranked, need_grades),
                "shown": min(DEPTH, len(ranked)),
            }
        figures = [rows[need_id][engine] for need_id in by_need]
        shown = sum(f["shown"] for f in figures)
        report["mean"][engine] = {
            "ndcg": round(sum(f["ndcg"] for f in figures) / max(1, len(figures)), 3),
            "p10": round(sum(f["p10"] for f in figures) / max(1, len(figures)), 3),
            "judged_share": round(sum(f["judged"] for f in figures) / max(1, shown), 3),
        }
    return report


def by_set(report: dict, needs: list[dict]) -> dict[str, dict[str, dict]]:
    """Mean figures per set of needs: set -> engine -> {ndcg, p10, judged_share, needs}."""
    means: dict[str, dict[str, dict]] = {}
    for name in dict.fromkeys(n["set"] for n in needs):
        ids = [n["id"] for n in needs if n["set"] == name and n["id"] in report["needs"]]
        for engine in report["mean"]:
            rows = [report["needs"][i][engine] for i in ids if engine in report["needs"][i]]
            shown = max(1, sum(r["shown"] for r in rows))
            means.setdefault(name, {})[engine] = {
                "ndcg": round(sum(r["ndcg"] for r in rows) / max(1, len(rows)), 3),
                "p10": round(sum(r["p10"] for r in rows) / max(1, len(rows)), 3),
                "judged_share": round(sum(r["judged"] for r in rows) / shown, 3),
                "needs": len(rows),
            }
    return means


def render_sets(means: dict[str, dict[str, dict]]) -> str:
    """One row per engine, one column per set: nDCG@10 / P@10 / judged share."""
    sets = list(means)
    engines = list(next(iter(means.values()))) if means else []
    counts = [next(iter(means[s].values()))["needs"] for s in sets]
    header = " | ".join(f"{s} ({c} needs)" for s, c in zip(sets, counts, strict=True))
    lines = [f"| engine | {header} |", "| --- |" + " --- |" * len(sets)]
    for engine in engines:
        cells = " | ".join(_mean_cell(means[s][engine]) for s in sets)
        lines.append(f"| {engine} | {cells} |")
    return "\n".join(lines)


def render(report: dict, needs: list[dict]) -> str:
    engines = list(report["mean"])
    header = " | ".join(f"{e} nDCG@10 / P@10 / judged" for e in engines)
    lines = [f"| need | query | {header} |", "| --- | --- |" + " --- |" * len(engines)]
    for need in needs:
        row = report["needs"].get(need["id"])
        if not row:
            continue
        cells = " | ".join(
            f"{row[e]['ndcg']:.3f} / {row[e]['p10']:.2f} / {row[e]['judged']}" for e in engines
        )
        lines.append(f"| {need['id']} | `{need['query']}` | {cells} |")
    means = " | ".join(_mean_cell(report["mean"][e], bold=True) for e in engines)
    lines.append(f"| **mean** | | {means} |")
    return "\n".join(lines)


def _mean_cell(mean: dict, bold: bool = False) -> str:
    """Mean nDCG@10 / P@10 / judged share, as one table cell."""
    ndcg = f"**{mean['ndcg']:.3f}**" if bold else f"{mean['ndcg']:.3f}"
    return f"{ndcg} / {mean['p10']:.3f} / {mean['judged_share']:.0%}"
