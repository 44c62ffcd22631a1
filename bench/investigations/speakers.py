"""How well the importer resolves speakers: labelled name groups against the person records.

``tests/speaker_groups.jsonl`` holds 70 groups of General Debate speeches whose
speakers share a family name under one UN seat (drawn at random, seed
20261206, with Gromyko, Genscher, Fischer and Bush added), each speech
labelled with the person who actually delivered it, from the record and the
speech, by an annotator who never saw the importer or its output. For every
pair of speeches in a group:

- a wrong merge: two people's speeches on one person record;
- a true duplicate: one person's speeches, found when on one record (merged)
  or on two records the importer proposed to the editors (proposed).

Run on an archive that imported the corpus (it reads the database):

    .venv/bin/python -m bench.investigations.speakers
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GROUPS = ROOT / "tests" / "speaker_groups.jsonl"


def load_groups(path: Path = GROUPS) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8")]


@dataclass
class SpeakerScore:
    groups: int = 0
    speeches: int = 0
    true_pairs: int = 0
    merged: int = 0
    proposed: int = 0
    other_pairs: int = 0
    wrong_merges: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def found(self) -> float:
        return (self.merged + self.proposed) / self.true_pairs if self.true_pairs else 1.0


def score(groups: list[dict]) -> SpeakerScore:
    """Compare the labels with the archive's person records and duplicate proposals."""
    from archive.models import Statement
    from archive.models.duplicates import DuplicateProposal

    ids = [s["id"] for g in groups for s in g["speeches"]]
    record_of = {}
    for source_id, person in Statement.objects.filter(source_id__in=ids).values_list(
        "source_id", "speaker_person"
    ):
        record_of[source_id] = person
    proposed = set()
    for a, b in DuplicateProposal.objects.values_list("person_id", "candidate_id"):
        proposed |= {(a, b), (b, a)}
    result = SpeakerScore(groups=len(groups))
    for group in groups:
        speeches = [s for s in group["speeches"] if s["id"] in record_of]
        result.speeches += len(speeches)
        for one, two in itertools.combinations(speeches, 2):
            a, b = record_of[one["id"]], record_of[two["id"]]
            same_record = a is not None and a == b
            if one["person"] == two["person"]:
                result.true_pairs += 1
                if same_record:
                    result.merged += 1
                elif (a, b) in proposed:
                    result.proposed += 1
                else:
                    result.missed.append(
                        f"{group['group']} {group['persons'][one['person']]}: "
                        f"{one['id']} “{one['speaker']}” / {two['id']} “{two['speaker']}”"
                    )
            else:
                result.other_pairs += 1
                if same_record:
                    result.wrong_merges.append(
                        f"{group['group']}: {one['id']} ({group['persons'][one['person']]}) and "
                        f"{two['id']} ({group['persons'][two['person']]}) on one record"
                    )
    return result


def render(result: SpeakerScore) -> str:
    return (
        f"{result.groups} groups, {result.speeches} speeches: "
        f"{result.true_pairs} pairs of one person's speeches, {result.merged} merged and "
        f"{result.proposed} proposed ({result.found:.1%} found); {result.other_pairs} pairs "
        f"of two people's, {len(result.wrong_merges)} wrongly merged"
    )


def main() -> None:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.project.settings")
    django.setup()
    from archive.models import Person
    from archive.models.duplicates import DuplicateProposal

    result = score(load_groups())
    print(render(result))
    people = Person.objects.current().filter(statements__isnull=False).distinct().count()
    print(
        f"Persons with speeches: {people}; open duplicate proposals: "
        f"{DuplicateProposal.objects.open().count()}"
    )
    for line in result.wrong_merges + result.missed:
        print(" ", line)


if __name__ == "__main__":
    main()
