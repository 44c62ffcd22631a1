"""Grow a corpus to N times its size, for measuring how cost grows with the archive.

The first copy is the corpus itself. Every further copy resamples its speeches
(seeded, with replacement, so years and countries keep their proportions)
under new ids, and shuffles each speech's paragraphs, so no two texts are
identical and phrase queries still meet real sentences::

    python -m bench.grow --factor 4 --output var/growth/ungdc-4x.jsonl.gz
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "ungdc.jsonl.gz"


def read(corpus: Path) -> list[dict]:
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def resampled(records: list[dict], factor: int, seed: int = 14) -> Iterator[dict]:
    """The records, then ``factor - 1`` resampled copies with new ids and shuffled paragraphs."""
    rng = random.Random(seed)
    yield from records
    for copy in range(1, factor):
        for n in range(len(records)):
            original = rng.choice(records)
            paragraphs = original["body"].split("\n")
            rng.shuffle(paragraphs)
            yield {
                **original,
                "id": f"{original['id']}-r{copy}-{n}",
                "body": "\n".join(paragraphs),
            }


def write(path: Path, records: Iterator[dict]) -> int:
    """Write ``records`` as gzip'd JSON Lines; return how many."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--factor", type=int, required=True, help="1, 2, 4, ...")
    parser.add_argument("--output", required=True)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    if args.factor < 1:
        raise SystemExit("--factor must be at least 1")
    count = write(Path(args.output), resampled(read(Path(args.corpus)), args.factor, args.seed))
    print(f"{count} records in {args.output}")


if __name__ == "__main__":
    main()
