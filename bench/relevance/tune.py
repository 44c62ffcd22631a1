"""Try ranking settings on the judged needs: field weights, k1, title b, proximity bonuses.

    python -m bench.relevance.tune --reuse var/bench-full

Prints mean nDCG@10, P@10 and the share of the top 10 judged for every
setting of a small grid, with the "speaker surname, country, year" known
items beside them, best first. The settings in the code are the ones chosen
from this table; a setting whose top 10 is not fully judged needs its
unjudged speeches judged (``pool packets --rankings``, with the rankings
``--save-rankings`` writes) before its figure means anything.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from bench.relevance.metrics import evaluate, load_grades, load_needs
from bench.relevance.rankings import ours, use_workdir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", required=True)
    parser.add_argument("--title", type=float, nargs="+", default=[0.5, 1.0, 1.5, 2.0])
    parser.add_argument("--meta", type=float, nargs="+", default=[0.3, 0.6, 1.0])
    parser.add_argument("--named", type=float, nargs="+", default=[0.0, 0.1, 0.2, 0.5, 1.0])
    parser.add_argument("--k1", type=float, nargs="+", default=[1.2])
    parser.add_argument("--title-b", type=float, nargs="+", default=[0.75])
    parser.add_argument("--proximity", type=float, nargs="+", default=[0.0, 0.5, 1.0, 2.0, 4.0])
    parser.add_argument("--sequence", type=float, nargs="+", default=[0.0, 0.25, 0.5, 1.0])
    parser.add_argument(
        "--save-rankings", help="write each setting's rankings here, to pool them for judging"
    )
    args = parser.parse_args()
    use_workdir(Path(args.reuse))

    from archive.models import Statement
    from bench import known_items
    from search.backends import get_backend
    from search.backends.base import SearchQuery
    from search.backends.whoosh import scoring
    from search.backends.whoosh.schema import FIELD_B, FIELD_WEIGHTS

    backend = get_backend()
    needs, grades = load_needs(), load_grades()
    weights = dict(FIELD_WEIGHTS)
    title_b = FIELD_B["title"]
    current = (
        weights["title"],
        weights["meta"],
        weights["named_countries"],
        scoring.K1,
        title_b,
        backend.proximity_weight,
        backend.sequence_weight,
    )
    rows = []
    grid = itertools.product(
        args.title, args.meta, args.named, args.k1, args.title_b, args.proximity, args.sequence
    )
    for setting in grid:
        title, meta, named, k1, b, proximity, sequence = setting
        FIELD_WEIGHTS.update(title=title, meta=meta, named_countries=named)
        scoring.K1 = k1
        if b != FIELD_B["title"]:
            FIELD_B["title"] = b
            backend.close()  # length normalisation is computed when the searcher opens
        backend.proximity_weight, backend.sequence_weight = proximity, sequence
        ranked = ours(backend, needs)
        report = evaluate({"ours": ranked}, grades)["mean"]["ours"]
        if args.save_rankings:
            name = "-".join(f"{v:g}" for v in setting)
            folder = Path(args.save_rankings)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.json").write_text(json.dumps(ranked))
        items = known_items.speaker_country_year(backend, SearchQuery, Statement)
        rows.append((report["ndcg"], report["p10"], report["judged_share"], items, *setting))
    FIELD_WEIGHTS.update(weights)
    FIELD_B["title"] = title_b
    columns = ["nDCG@10", "P@10", "judged", "speaker, country, year"]
    columns += ["title", "meta", "named", "k1", "title b", "proximity", "sequence"]
    print("| " + " | ".join(columns) + " |")
    print("| --- " * len(columns) + "|")
    for row in sorted(rows, reverse=True):
        ndcg, p10, share, items, *setting = row
        marker = " (current)" if tuple(setting) == current else ""
        print(
            f"| {ndcg:.3f} | {p10:.3f} | {share:.0%} | {items} | "
            + " | ".join(f"{v:g}" for v in setting)
            + f"{marker} |"
        )


if __name__ == "__main__":
    main()
