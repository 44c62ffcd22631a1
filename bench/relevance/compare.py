"""Every engine's ranking on both sets of needs, side by side: the held-out figure is the one
reported.

    python -m bench.relevance.compare --reuse var/bench-full [--postgres-rankings FILE]

Ranks every need with our Whoosh backend as configured, with FTS5 and tantivy
as first configured (stock) and as tuned on the tuning needs
(``bench/relevance/references.py``), and with any saved rankings given
(``--rankings name=FILE``: the PostgreSQL backend's from ``bench/backends.py``,
an earlier version of ours). Prints nDCG@10 / P@10 / judged share per set,
and with ``--per-need`` the held-out needs one by one.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.relevance.metrics import by_set, evaluate, load_grades, load_needs, render, render_sets
from bench.relevance.rankings import ours, reference, use_workdir


def rankings(workdir: Path, needs: list[dict]) -> dict[str, dict[str, list[str]]]:
    """need rankings of ours and of each reference, stock and tuned."""
    from bench import fts5, tantivy_search
    from search.backends import get_backend

    ranked = {"ours": ours(get_backend(), needs)}
    for name, weight in (("fts5", fts5.TITLE_WEIGHT), ("fts5 tuned", fts5.TUNED_TITLE_WEIGHT)):
        ranked[name] = reference(fts5.FTS5Search(workdir / "fts5.sqlite3", weight), needs)
    for name, tuning in (
        ("tantivy", tantivy_search.STOCK),
        ("tantivy tuned", tantivy_search.TUNED),
    ):
        engine = tantivy_search.TantivySearch(workdir / "tantivy", tuning)
        ranked[name] = reference(engine, needs)
    return ranked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", required=True)
    parser.add_argument("--rankings", nargs="*", default=[], help="name=FILE, saved rankings")
    parser.add_argument(
        "--per-need",
        nargs="?",
        const="heldout",
        choices=("tuning", "heldout"),
        help="also print each need of this set (held-out unless named)",
    )
    parser.add_argument("--save", help="write every engine's rankings to this JSON file")
    args = parser.parse_args()
    workdir = Path(args.reuse)
    use_workdir(workdir)
    needs = load_needs()
    ranked = rankings(workdir, needs)
    for item in args.rankings:
        name, _, path = item.partition("=")
        ranked[name] = json.loads(Path(path).read_text())
    report = evaluate(ranked, load_grades())
    if args.save:
        Path(args.save).write_text(json.dumps(ranked))
    print(render_sets(by_set(report, needs)))
    if args.per_need:
        chosen = load_needs(args.per_need)
        ids = {n["id"] for n in chosen}
        only = {e: {i: r for i, r in by.items() if i in ids} for e, by in ranked.items()}
        print()
        print(render(evaluate(only, load_grades()), chosen))


if __name__ == "__main__":
    main()
