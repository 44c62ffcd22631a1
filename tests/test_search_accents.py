"""One accent folding for the index, the query and the snippet: what is typed plain finds the
letters beyond accents (ł, ø, ß, İ, æ…) and marks them, and the reverse, on every backend."""

import pytest

from search.analysis import fold
from search.backends.base import SearchQuery
from search.searching import search

PLACES = {
    "lodz": "Łódź",
    "oresund": "Øresund",
    "strasse": "Straße",
    "istanbul": "İstanbul",
    "aero": "Ærø",
    "oeuvre": "Œuvre",
    "thingvellir": "Þingvellir",
}


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("Łódź", "lodz"),
        ("ØRESUND", "oresund"),
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("İstanbul", "istanbul"),
        ("ISTANBUL", "istanbul"),
        ("Ærø", "aero"),
        ("Œuvre", "oeuvre"),
        ("Þingvellir", "thingvellir"),
        ("Côte", "cote"),
    ],
)
def test_fold_reduces_every_form_to_the_plain_letters(typed, written):
    assert fold(typed) == written


@pytest.fixture
def places(capture, make_statement):
    with capture():
        return {
            plain: make_statement(
                title=f"Statement {n}", body=f"The delegation met in {written} on Tuesday."
            )
            for n, (plain, written) in enumerate(PLACES.items())
        }


@pytest.mark.every_backend
@pytest.mark.parametrize("plain", list(PLACES))
def test_a_plain_spelling_finds_the_written_form_and_marks_it(places, plain):
    results = search(SearchQuery(text=plain))
    assert [hit.id for hit in results.hits] == [str(places[plain].pk)]
    assert f"<mark>{PLACES[plain]}</mark>" in results.hits[0].snippet


@pytest.mark.every_backend
@pytest.mark.parametrize("plain", list(PLACES))
def test_the_written_form_typed_finds_itself_in_a_phrase(places, plain):
    results = search(SearchQuery(text=f'"in {PLACES[plain]} on"'))
    assert [hit.id for hit in results.hits] == [str(places[plain].pk)]
    assert f"<mark>{PLACES[plain]}</mark>" in results.hits[0].snippet
