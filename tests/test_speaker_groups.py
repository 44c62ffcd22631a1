"""Speakers resolved on 70 hand-labelled name groups: no wrong merge, nine in ten of one
person's speeches on one record or proposed to the editors (bench/investigations/speakers.py)."""

import pytest

from archive.importers import StatementImporter
from bench.investigations.speakers import load_groups, render, score

pytestmark = pytest.mark.django_db


def corpus_lines(groups):
    """The labelled speeches as corpus lines (their texts are not needed to link them)."""
    import json

    speeches = sorted((s for g in groups for s in g["speeches"]), key=lambda s: s["date"])
    for n, speech in enumerate(speeches, 1):
        record = {k: v for k, v in speech.items() if k != "person"}
        yield n, json.dumps(record | {"body": f"The speech of {speech['speaker']}."})


def test_the_labelled_name_groups_are_big_enough():
    groups = load_groups()
    assert len(groups) >= 60
    assert sum(len(g["persons"]) for g in groups) > len(groups)  # namesakes among them


def test_no_wrong_merge_and_nine_in_ten_duplicates_merged_or_proposed():
    groups = load_groups()
    report = StatementImporter().run(corpus_lines(groups))
    assert report.failed == 0, report.errors[:3]
    result = score(groups)
    assert result.speeches == sum(len(g["speeches"]) for g in groups)
    assert result.wrong_merges == [], render(result)
    assert result.found >= 0.9, render(result) + "\n" + "\n".join(result.missed)
