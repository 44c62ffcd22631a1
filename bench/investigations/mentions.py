"""How well the country finder finds the states a speech names, on a hand-labelled sample.

Two samples of passages of real General Debate speeches, every state
mention labelled by hand under ``tests/country_mentions.md``, blind to the
finder:

- ``tests/country_mentions.jsonl`` (development): 72 passages, 8 drawn at
  random from each decade (seed 20261128). The authority's author saw it.
- ``tests/country_mentions_heldout.jsonl`` (held out): 54 passages, 6 a
  decade (seed 20261129), labelled after the authority was written and not
  used to change it.
- ``tests/country_mentions_heldout2.jsonl`` (issue 28): 45 passages of other
  speeches, 5 a decade (``python -m bench.investigations.draw_passages --seed 20261206``), labelled
  blind; scored once as held out, then used as a development sample.
- ``tests/country_mentions_heldout3.jsonl`` (held out, issue 28): 45 passages
  of yet other speeches (``--seed 20261207``), labelled blind after the
  finder's last change and not used to change it.

This scores the finder built from the shipped authority
(``archive/countries.json``):

- mentions: a found mention is right when a labelled mention of the same
  state overlaps it; each labelled mention is matched once;
- statements: the set of states each passage names, found against labelled.

Mentions labelled ``OTHER`` (a state the authority does not hold) count as
misses. Run: ``.venv/bin/python -m bench.investigations.mentions [--errors]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "country_mentions.jsonl"
HELD_OUT = ROOT / "tests" / "country_mentions_heldout.jsonl"
HELD_OUT_2 = ROOT / "tests" / "country_mentions_heldout2.jsonl"
HELD_OUT_3 = ROOT / "tests" / "country_mentions_heldout3.jsonl"
SAMPLES = {
    "development": SAMPLE,
    "held-out": HELD_OUT,
    "held-out 2": HELD_OUT_2,
    "held-out 3": HELD_OUT_3,
}


@dataclass
class Passage:
    id: str
    year: int
    issuer: str
    text: str
    gold: list[tuple[int, int, str]]  # start, end, code


@dataclass
class Score:
    found: int = 0
    labelled: int = 0
    right: int = 0
    set_found: int = 0
    set_labelled: int = 0
    set_right: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.labelled if self.labelled else 1.0

    @property
    def set_precision(self) -> float:
        return self.set_right / self.set_found if self.set_found else 1.0

    @property
    def set_recall(self) -> float:
        return self.set_right / self.set_labelled if self.set_labelled else 1.0


def load_sample(path: Path = SAMPLE) -> list[Passage]:
    """Read the sample, placing each labelled surface at its next occurrence in the text."""
    passages = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text, gold, at = row["text"], [], 0
        for mention in row["mentions"]:
            start = text.find(mention["surface"], at)
            if start < 0:
                raise ValueError(
                    f"{row['id']}: “{mention['surface']}” is not in the text after {at}"
                )
            end = start + len(mention["surface"])
            gold.append((start, end, mention["code"]))
            at = end
        passages.append(Passage(row["id"], row["year"], row["issuer"], text, gold))
    return passages


def score(passages: list[Passage], finder) -> Score:
    result = Score()
    for passage in passages:
        from archive.countries import seat_holder  # the state that spoke, that year

        found = finder.mentions(
            passage.text, passage.year, seat_holder(passage.issuer, passage.year)
        )
        unmatched = list(passage.gold)
        result.found += len(found)
        result.labelled += len(passage.gold)
        for mention in found:
            match = next(
                (
                    g
                    for g in unmatched
                    if g[2] == mention.code and g[0] < mention.end and mention.start < g[1]
                ),
                None,
            )
            if match:
                unmatched.remove(match)
                result.right += 1
            else:
                result.errors.append(
                    f"{passage.id} {passage.year} wrong: “{mention.surface}” as {mention.code}"
                )
        for start, end, code in unmatched:
            result.errors.append(
                f"{passage.id} {passage.year} missed: “{passage.text[start:end]}” ({code})"
            )
        got = {m.code for m in found}
        want = {code for _, _, code in passage.gold}
        result.set_found += len(got)
        result.set_labelled += len(want)
        result.set_right += len(got & want)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--errors", action="store_true", help="List every wrong and missed mention."
    )
    args = parser.parse_args(argv)
    from archive.countries import finder

    results = {}
    for name, path in SAMPLES.items():
        passages = load_sample(path)
        result = results[name] = score(passages, finder())
        print(
            f"{name}: {len(passages)} passages, {result.labelled} labelled mentions, "
            f"{result.found} found"
        )
        print(
            f"  mentions:   precision {result.precision:.3f} ({result.right}/{result.found}), "
            f"recall {result.recall:.3f} ({result.right}/{result.labelled})"
        )
        print(
            f"  statements: precision {result.set_precision:.3f} "
            f"({result.set_right}/{result.set_found}), "
            f"recall {result.set_recall:.3f} ({result.set_right}/{result.set_labelled})"
        )
    if args.errors:
        for name, result in results.items():
            print(f"\n{name}:", *result.errors, sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
