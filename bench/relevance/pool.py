"""Pool the speeches to judge, write blind judging packets, and merge the grades back.

    python -m bench.relevance.pool packets --reuse var/bench-full --out /tmp/judging
    python -m bench.relevance.pool merge --keys /tmp/judging/keys.json --grades grades.json

``packets`` runs every need through our search and the references, stock and
tuned (FTS5, tantivy), and any earlier rankings given with ``--rankings``
(other settings, the PostgreSQL backend), keeps the speeches of their top
``--depth`` that nobody has judged yet, and writes one packet per need: the need,
the query, and for each speech an opaque key, its length and the passages
that match the query's words. Packets never say which engine found a speech,
its rank, its title or its speaker: judges grade from the passages alone.
``keys.json`` (key -> source id) stays with whoever merges the grades.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import unicodedata
from pathlib import Path

from bench.relevance.metrics import DEPTH, HERE, load_grades, load_needs
from bench.relevance.rankings import ours, reference, use_workdir

PASSAGES = 8
PASSAGE_CHARS = 420
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n+")
_OPERATORS = {"AND", "OR", "NOT"}
_COMMON = {"of", "the", "and", "a", "an", "in", "to", "for", "on", "by", "at", "s"}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def query_patterns(query: str) -> list[re.Pattern[str]]:
    """One pattern per word of the query, by its stem-like prefix: "Korea" finds "Korean"."""
    words = [w for w in re.findall(r"\w+", query) if w not in _OPERATORS]
    patterns = set()
    for word in words:
        folded = fold(word)
        if folded in _COMMON or len(word) <= (3 if word.isdigit() else 1):
            continue
        # Short words exactly ("UN" is not "United"), longer ones by a prefix.
        patterns.add(
            rf"\b{re.escape(folded[: len(folded) - 2])}\w*"
            if len(folded) > 4
            else rf"\b{re.escape(folded)}\b"
        )
    return [re.compile(pattern, re.IGNORECASE) for pattern in sorted(patterns)]


def passages(body: str, patterns: list[re.Pattern[str]]) -> tuple[list[str], int, int]:
    """Up to PASSAGES sentences mentioning the query; counts of matching and all sentences.

    Sentences holding more of the query's words come first ("Kim Jong Un" before
    a sentence that only says "UN"); among equals, they are spread over the
    speech. The chosen ones are shown in the speech's order.
    """
    sentences = [s.strip() for s in _SENTENCE.split(body) if s.strip()]
    matching = []
    for index, sentence in enumerate(sentences):
        folded = fold(sentence)
        hits = [found for found in (p.search(folded) for p in patterns) if found]
        if hits:
            matching.append((index, sentence, len(hits), min(h.start() for h in hits)))
    chosen: list[tuple[int, str, int, int]] = []
    for size in sorted({m[2] for m in matching}, reverse=True):
        group = [m for m in matching if m[2] == size]
        room = PASSAGES - len(chosen)
        if room <= 0:
            break
        step = max(1.0, len(group) / room)
        chosen += [group[int(i * step)] for i in range(min(room, len(group)))]
    shown = []
    for _, sentence, _, at in sorted(chosen):
        if len(sentence) > PASSAGE_CHARS:
            start = max(0, at - PASSAGE_CHARS // 2)
            sentence = "…" + sentence[start : start + PASSAGE_CHARS] + "…"
        shown.append(sentence)
    return shown, len(matching), len(sentences)


def key_of(need_id: str, source_id: str) -> str:
    return hashlib.blake2b(f"{need_id}/{source_id}".encode(), digest_size=5).hexdigest()


def packets(args) -> None:
    use_workdir(Path(args.reuse))
    from archive.models import Statement
    from bench import fts5, tantivy_search
    from search.backends import get_backend

    needs = load_needs()
    if args.need:
        needs = [n for n in needs if n["id"] in args.need]
    if args.set:
        needs = [n for n in needs if n["set"] == args.set]
    grades = load_grades()
    pools: dict[str, set[str]] = {n["id"]: set() for n in needs}
    workdir = Path(args.reuse)
    sources = [ours(get_backend(), needs, args.depth)]
    for weight in {fts5.TITLE_WEIGHT, fts5.TUNED_TITLE_WEIGHT}:
        engine = fts5.FTS5Search(workdir / "fts5.sqlite3", title_weight=weight)
        sources.append(reference(engine, needs, args.depth))
    if (workdir / "tantivy").exists():
        for tuning in (tantivy_search.STOCK, tantivy_search.TUNED):
            engine = tantivy_search.TantivySearch(workdir / "tantivy", tuning)
            sources.append(reference(engine, needs, args.depth))
    for path in args.rankings or ():
        sources.append(json.loads(Path(path).read_text()))
    for ranking in sources:
        for need_id, ranked in ranking.items():
            if need_id in pools:
                pools[need_id].update(ranked[: args.depth])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    keys: dict[str, dict[str, str]] = {}
    for need in needs:
        judged = set(grades.get(need["id"], {}))
        if need["id"] in (args.rejudge or ()):
            todo = sorted(pools[need["id"]] | judged)
        else:
            todo = sorted(pools[need["id"]] - judged)
        if not todo:
            continue
        patterns = query_patterns(need["query"])
        bodies = dict(Statement.objects.filter(source_id__in=todo).values_list("source_id", "body"))
        speeches = []
        for source_id in todo:
            key = key_of(need["id"], source_id)
            keys.setdefault(need["id"], {})[key] = source_id
            shown, matching, total = passages(bodies[source_id], patterns)
            speeches.append(
                {
                    "key": key,
                    "words": len(bodies[source_id].split()),
                    "sentences_mentioning_query": f"{matching} of {total}",
                    "passages": shown,
                }
            )
        speeches.sort(key=lambda s: s["key"])
        packet = {k: need[k] for k in ("id", "need", "query")} | {"speeches": speeches}
        (out / f"{need['id']}.json").write_text(json.dumps(packet, indent=1, ensure_ascii=False))
        print(f"{need['id']}: {len(todo)} to judge")
    (out / "keys.json").write_text(json.dumps(keys, indent=1))


def merge(args) -> None:
    keys = json.loads(Path(args.keys).read_text())
    path = HERE / "judgments.json"
    data = json.loads(path.read_text()) if path.exists() else {"grades": {}}
    added = 0
    for grades_file in args.grades:
        for need_id, graded in json.loads(Path(grades_file).read_text()).items():
            for key, grade in graded.items():
                if grade not in (0, 1, 2):
                    raise SystemExit(
                        f"{grades_file}: {need_id}/{key}: grade {grade!r} not 0, 1 or 2"
                    )
                source_id = keys[need_id][key]
                data["grades"].setdefault(need_id, {})[source_id] = grade
                added += 1
    data["grades"] = {
        need: dict(sorted(graded.items())) for need, graded in sorted(data["grades"].items())
    }
    path.write_text(json.dumps(data, indent=1) + "\n")
    print(f"merged {added} grades into {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("packets", help="write judging packets for unjudged speeches")
    make.add_argument("--reuse", required=True, help="a benchmark directory (make bench --reuse)")
    make.add_argument("--out", required=True)
    make.add_argument("--depth", type=int, default=DEPTH)
    make.add_argument("--rankings", nargs="*", help="JSON files: need id -> ranked source ids")
    make.add_argument("--need", nargs="*", help="only these needs")
    make.add_argument("--set", choices=("tuning", "heldout"), help="only the needs of this set")
    make.add_argument(
        "--rejudge", nargs="*", help="needs whose pooled speeches are all judged anew"
    )
    take = commands.add_parser("merge", help="add graded packets to judgments.json")
    take.add_argument("--keys", required=True)
    take.add_argument("--grades", nargs="+", required=True, help="JSON: need id -> key -> grade")
    args = parser.parse_args()
    packets(args) if args.command == "packets" else merge(args)


if __name__ == "__main__":
    main()
