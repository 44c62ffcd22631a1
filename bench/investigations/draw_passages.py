"""Draw passages of General Debate speeches for a hand-labelled sample of states named.

From speeches none of the existing samples used, ``--per-decade`` a decade
(1940s-2020s), each passage whole paragraphs from a random one on, about
1,500-2,200 characters, as the earlier samples were drawn. The output has no
labels: annotators add them blind to the finder (tests/country_mentions.md).

    .venv/bin/python -m bench.investigations.draw_passages --seed 20261206 --per-decade 5 \
        --output /tmp/passages.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpora" / "ungdc.jsonl.gz"
USED = sorted((ROOT / "tests").glob("country_mentions*.jsonl"))
LOW, HIGH = 1500, 2200  # characters a passage has, at least and about at most


def passage(body: str, rng: random.Random) -> str:
    paragraphs = [p for p in body.split("\n") if p.strip()]
    # A start with enough text after it (the whole speech if it is short).
    after = [len("\n".join(paragraphs[i:])) for i in range(len(paragraphs))]
    starts = [i for i, n in enumerate(after) if n >= LOW] or [0]
    start = rng.choice(starts)
    taken: list[str] = []
    for paragraph in paragraphs[start:]:
        if taken and len("\n".join(taken)) + len(paragraph) > HIGH:
            break
        taken.append(paragraph)
        if len("\n".join(taken)) >= LOW:
            break
    return "\n".join(taken)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--per-decade", type=int, default=5)
    parser.add_argument("--prefix", default="b")
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    used = {json.loads(line)["source_id"] for path in USED for line in path.open()}
    by_decade: dict[int, list[dict]] = {}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as corpus:
        for line in corpus:
            record = json.loads(line)
            if record["id"] in used or not record.get("date"):
                continue
            decade = int(record["date"][:4]) // 10 * 10
            by_decade.setdefault(decade, []).append(record)
    rng = random.Random(args.seed)
    rows = []
    for decade in sorted(by_decade):
        for record in rng.sample(by_decade[decade], args.per_decade):
            rows.append(
                {
                    "id": f"{args.prefix}{len(rows) + 1:02d}",
                    "source_id": record["id"],
                    "year": int(record["date"][:4]),
                    "issuer": record["country_iso3"],
                    "text": passage(record["body"], rng),
                }
            )
    with open(args.output, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} passages from {len(by_decade)} decades written to {args.output}")


if __name__ == "__main__":
    main()
