"""Configure the references as an expert would: a grid of their settings on the tuning needs.

    python -m bench.relevance.references --reuse var/bench-full

For tantivy: the title's weight, English stop words left out of the query's
implicit AND, and a phrase clause with slop over a multi-word query's words;
for FTS5: the title's weight in ``bm25()``. Prints mean nDCG@10 on the
tuning needs only (never the held-out ones), P@10 and the share of the top
10 judged, best first. ``tantivy_search.TUNED`` and
``fts5.TUNED_TITLE_WEIGHT`` are the settings chosen from this table; a
setting whose top 10 is not fully judged needs its speeches judged first
(``pool packets --rankings`` with the files ``--save-rankings`` writes).
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from bench.relevance.metrics import evaluate, load_grades, load_needs
from bench.relevance.rankings import reference, use_workdir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", required=True)
    parser.add_argument("--title", type=float, nargs="+", default=[0.0, 0.5, 1.0, 1.5])
    parser.add_argument("--phrase", type=float, nargs="+", default=[0.0, 0.25, 0.5, 1.0, 2.0])
    parser.add_argument("--slop", type=int, nargs="+", default=[2, 5, 7, 10])
    parser.add_argument("--save-rankings", help="write each setting's rankings here, to pool")
    parser.add_argument("--top", type=int, default=12, help="rows printed per engine")
    args = parser.parse_args()
    workdir = Path(args.reuse)
    use_workdir(workdir)
    from bench import fts5, tantivy_search

    needs = [n for n in load_needs() if n["set"] == "tuning"]
    grades = load_grades()

    def measure(name: str, engine) -> tuple:
        ranked = reference(engine, needs)
        if args.save_rankings:
            folder = Path(args.save_rankings)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.json").write_text(json.dumps(ranked))
        mean = evaluate({name: ranked}, grades)["mean"][name]
        return mean["ndcg"], mean["p10"], mean["judged_share"], name

    rows = []
    for title in args.title:
        engine = fts5.FTS5Search(workdir / "fts5.sqlite3", title_weight=title)
        rows.append(measure(f"fts5-title{title:g}", engine))
    print_rows("FTS5", rows, args.top)

    rows = []
    for title, stops, phrase, slop in itertools.product(
        args.title, (False, True), args.phrase, args.slop
    ):
        if not phrase and slop != args.slop[0]:
            continue  # slop means nothing without the phrase clause
        tuning = tantivy_search.Tuning(
            title_boost=title, stop_words=stops, phrase_boost=phrase, slop=slop
        )
        name = f"tantivy-title{title:g}-stops{int(stops)}-phrase{phrase:g}-slop{slop}"
        rows.append(measure(name, tantivy_search.TantivySearch(workdir / "tantivy", tuning)))
    print_rows("tantivy", rows, args.top)


def print_rows(title: str, rows: list[tuple], top: int) -> None:
    print(f"\n{title} on the tuning needs (nDCG@10 / P@10 / judged share of the top 10):")
    for ndcg, p10, judged, name in sorted(rows, reverse=True)[:top]:
        print(f"  {ndcg:.3f}  {p10:.3f}  {judged:.0%}  {name}")


if __name__ == "__main__":
    main()
