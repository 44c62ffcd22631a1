"""The growth curve's corpus generator and its extrapolation (bench/grow.py, bench/growth.py)."""

import gzip
import json
from collections import Counter

import pytest

from bench import grow
from bench.growth import fit

SPEECHES = [
    {
        "id": f"ungdc-C{n}-1-1946",
        "title": f"Speech {n}",
        "body": "\n".join(f"Paragraph {p} of speech {n}." for p in range(6)),
        "country_iso3": f"C{n}",
    }
    for n in range(20)
]


def test_the_first_copy_is_the_corpus_itself():
    grown = list(grow.resampled(SPEECHES, 3))

    assert grown[: len(SPEECHES)] == SPEECHES
    assert len(grown) == 3 * len(SPEECHES)


def test_every_resampled_speech_has_a_new_id_and_its_source_paragraphs_reordered():
    grown = list(grow.resampled(SPEECHES, 4))
    by_id = {s["id"]: s for s in SPEECHES}

    assert len({s["id"] for s in grown}) == len(grown)
    copies = grown[len(SPEECHES) :]
    reordered = 0
    for copy in copies:
        source = by_id[copy["id"].rsplit("-r", 1)[0]]
        assert copy["country_iso3"] == source["country_iso3"]
        assert Counter(copy["body"].split("\n")) == Counter(source["body"].split("\n"))
        reordered += copy["body"] != source["body"]
    assert reordered > 0.9 * len(copies)


def test_the_same_seed_grows_the_same_corpus(tmp_path):
    first, second = tmp_path / "a.jsonl.gz", tmp_path / "b.jsonl.gz"

    assert grow.write(first, grow.resampled(SPEECHES, 2)) == 40
    grow.write(second, grow.resampled(SPEECHES, 2))

    with gzip.open(first, "rt") as a, gzip.open(second, "rt") as b:
        assert [json.loads(line) for line in a] == [json.loads(line) for line in b]


@pytest.mark.parametrize("exponent", [0.0, 0.5, 1.0, 1.3])
def test_the_fit_recovers_a_power_law(exponent):
    points = [(n, 3.0 * n**exponent) for n in (10_000, 20_000, 40_000)]

    a, b = fit(points)

    assert b == pytest.approx(exponent)
    assert a * 1_000_000**b == pytest.approx(3.0 * 1_000_000**exponent)
