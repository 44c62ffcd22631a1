"""Try ranking settings on the judged needs: field weights, k1, b, proximity, cover density.

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
    parser.add_argument("--k1", type=float, nargs="+", default=[1.6])
    parser.add_argument("--title-b", type=float, nargs="+", default=[0.75])
    parser.add_argument("--proximity", type=float, nargs="+", default=[0.0, 0.5, 1.0, 2.0, 4.0])
    parser.add_argument("--sequence", type=float, nargs="+", default=[0.0, 0.25, 0.5])
    parser.add_argument("--body-b", type=float, nargs="+", default=[0.7])
    parser.add_argument("--cover", type=float, nargs="+", default=[0.0, 1.0])
    parser.add_argument(
        "--set", default="tuning", choices=("tuning", "heldout"), help="needs measured"
    )
    parser.add_argument(
        "--cross",
        action="store_true",
        help="also rank every need: the chosen setting's "
        "held-out figure and a 5-fold cross-validated figure over all needs",
    )
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
    needs, grades = load_needs(None if args.cross else args.set), load_grades()
    measured = {n["id"] for n in needs if n["set"] == args.set}
    per_need: dict[tuple, dict[str, float]] = {}
    weights = dict(FIELD_WEIGHTS)
    title_b, body_b = FIELD_B["title"], FIELD_B["body"]
    current = (
        weights["title"],
        weights["meta"],
        weights["named_countries"],
        scoring.K1,
        title_b,
        backend.proximity_weight,
        backend.sequence_weight,
        body_b,
        backend.cover_weight,
    )
    rows = []
    grid = itertools.product(
        args.title,
        args.meta,
        args.named,
        args.k1,
        args.title_b,
        args.proximity,
        args.sequence,
        args.body_b,
        args.cover,
    )
    for setting in grid:
        title, meta, named, k1, b, proximity, sequence, bb, cover = setting
        FIELD_WEIGHTS.update(title=title, meta=meta, named_countries=named)
        scoring.K1 = k1
        if (b, bb) != (FIELD_B["title"], FIELD_B["body"]):
            FIELD_B.update(title=b, body=bb)
            backend.close()  # length normalisation is computed when the searcher opens
        backend.proximity_weight, backend.sequence_weight = proximity, sequence
        backend.cover_weight = cover
        ranked = ours(backend, needs)
        full = evaluate({"ours": ranked}, grades)
        per_need[setting] = {i: row["ours"]["ndcg"] for i, row in full["needs"].items()}
        report = evaluate({"ours": {i: r for i, r in ranked.items() if i in measured}}, grades)
        report = report["mean"]["ours"]
        if args.save_rankings:
            name = "-".join(f"{v:g}" for v in setting)
            folder = Path(args.save_rankings)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.json").write_text(json.dumps(ranked))
        items = known_items.speaker_country_year(backend, SearchQuery, Statement)
        rows.append((report["ndcg"], report["p10"], report["judged_share"], items, *setting))
    FIELD_WEIGHTS.update(weights)
    FIELD_B.update(title=title_b, body=body_b)
    columns = ["nDCG@10", "P@10", "judged", "speaker, country, year"]
    columns += ["title", "meta", "named", "k1", "title b", "proximity", "sequence"]
    columns += ["body b", "cover"]
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
    if args.cross:
        print(cross_validate(per_need, needs, args.set))


def cross_validate(per_need: dict[tuple, dict[str, float]], needs: list[dict], chosen_on: str):
    """The held-out figure of the setting best on ``chosen_on``, and a 5-fold estimate: each
    fifth of all needs scored with the setting best on the other four fifths."""
    mean = lambda ids, s: sum(per_need[s][i] for i in ids) / max(1, len(ids))  # noqa: E731
    tuning = [n["id"] for n in needs if n["set"] == chosen_on]
    other = [n["id"] for n in needs if n["set"] != chosen_on]
    best = max(per_need, key=lambda s: mean(tuning, s))
    ids = sorted(n["id"] for n in needs)
    folds = [ids[k::5] for k in range(5)]
    scores = []
    for fold in folds:
        rest = [i for i in ids if i not in fold]
        pick = max(per_need, key=lambda s: mean(rest, s))
        scores += [per_need[pick][i] for i in fold]
    return (
        f"\nBest on the {chosen_on} needs: {best}; on the other needs it scores "
        f"{mean(other, best):.3f}.\n5-fold cross-validated nDCG@10 over all {len(ids)} needs: "
        f"{sum(scores) / len(scores):.3f}."
    )


if __name__ == "__main__":
    main()
