"""The Whoosh backend's BM25F, checked against the formula computed by hand.

The contract tests pin what any backend's ranking must keep; these pin this
backend's arithmetic, so that a weight applied twice (in a parser, in the
stored term weights, or in the scorer) cannot come back unnoticed.
"""

import math

import numpy as np
import pytest

from search.backends.base import SearchQuery
from search.backends.whoosh import WhooshBackend, proximity
from search.backends.whoosh.schema import FIELD_B, FIELD_WEIGHTS
from search.backends.whoosh.scoring import K1
from tests.contract.documents import doc


@pytest.fixture
def backend(tmp_path):
    options = {"PATH": tmp_path / "index", "PROXIMITY_WEIGHT": 0, "SEQUENCE_WEIGHT": 0}
    instance = WhooshBackend(options | {"COVER_WEIGHT": 0})
    instance.rebuild(
        [
            doc(1, "korea talks", "korea korea peace"),
            doc(2, "peace", "peace now"),
            doc(3, "war", "korea war"),
        ]
    )
    yield instance
    instance.close()


def bm25f(frequencies: dict[str, tuple[int, int, float]], idf: float) -> float:
    """frequencies: field -> (tf, length, average length)."""
    combined = sum(
        FIELD_WEIGHTS[name] * tf / ((1 - FIELD_B[name]) + FIELD_B[name] * length / average)
        for name, (tf, length, average) in frequencies.items()
    )
    return idf * combined * (K1 + 1) / (combined + K1)


def scores(backend, text):
    results = backend.search(SearchQuery(text=text, with_facets=False, with_snippets=False))
    return {hit.id: hit.score for hit in results.hits}


def test_a_word_is_scored_by_bm25f_over_its_fields_with_one_idf(backend):
    idf = math.log(1 + (3 - 2 + 0.5) / (2 + 0.5))  # df: the most of any field (body: 2)
    title_avg, body_avg = 4 / 3, 7 / 3
    expected = {
        "1": bm25f({"title": (1, 2, title_avg), "body": (2, 3, body_avg)}, idf),
        "3": bm25f({"body": (1, 2, body_avg)}, idf),
    }
    assert scores(backend, "korea") == pytest.approx(expected, abs=1e-4)


def test_a_field_prefix_scores_that_field_alone(backend):
    idf = math.log(1 + (3 - 2 + 0.5) / (2 + 0.5))
    expected = {"1": bm25f({"title": (1, 2, 4 / 3)}, idf)}
    assert scores(backend, "title:korea") == pytest.approx(expected, abs=1e-4)


def test_a_phrase_is_one_pseudo_term_with_the_sum_of_its_words_idfs(backend):
    idf_korea = math.log(1 + (3 - 2 + 0.5) / (2 + 0.5))
    idf_talks = math.log(1 + (3 - 1 + 0.5) / (1 + 0.5))
    expected = bm25f({"title": (1, 2, 4 / 3)}, idf_korea + idf_talks)
    assert scores(backend, '"korea talks"') == pytest.approx({"1": expected}, abs=1e-4)


def test_a_field_most_documents_leave_empty_scores_a_finite_number(tmp_path):
    instance = WhooshBackend({"PATH": tmp_path / "index"})
    instance.rebuild([doc(1, "x", "y", summary="Korea talks"), doc(2, "korea", "z")])
    found = scores(instance, "korea")
    instance.close()
    assert set(found) == {"1", "2"}
    assert all(math.isfinite(score) and score > 0 for score in found.values())


def test_phrases_match_past_the_65536th_word(tmp_path):
    instance = WhooshBackend({"PATH": tmp_path / "index"})
    long_text = "words " * 70_000 + "the Korea summit"
    instance.rebuild([doc(1, "x", long_text), doc(2, "y", "korea and a summit")])
    found = scores(instance, '"korea summit"')
    near = scores(instance, "korea summit")
    instance.close()
    assert list(found) == ["1"]
    assert set(near) == {"1", "2"}


def test_cover_density_sums_each_shortest_stretch_holding_every_term():
    # Document 0: a b . . . a . . . b  -> covers [0,1], [1,5], [5,9]: 1 + 1/4 + 1/4.
    # Document 1: a only -> no cover. Document 2: b a, then a far later -> one cover [0,1].
    doc = np.array([0, 0, 0, 0, 1, 2, 2, 2])
    position = np.array([0, 1, 5, 9, 3, 0, 1, 40])
    term = np.array([0, 1, 0, 1, 0, 1, 0, 0])
    density = proximity.cover_density((doc, position, term), 2, np.array([0, 1, 2]))
    assert density.tolist() == [1.5, 0.0, 1.0]


def test_cover_density_of_three_terms_counts_the_occurrences_inside_a_cover():
    # a a b c . . c . a b: covers are "a b c" (1-3, no other word: 1), "b c . . c . a" (2-8:
    # four occurrences in seven words, 1 / (1 + 3)) and "c . a b" (6-9: 1 / (1 + 1)); the
    # stretch 1-6 holds the first cover and is none.
    doc = np.zeros(7, np.int64)
    position = np.array([0, 1, 2, 3, 6, 8, 9])
    term = np.array([0, 0, 1, 2, 2, 0, 1])
    density = proximity.cover_density((doc, position, term), 3, np.array([0]))
    assert density.tolist() == [1.0 + 1 / 4 + 1 / 2]
