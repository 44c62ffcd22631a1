"""Ranking checks on the demo data: known items come first.

The same checks run on the full corpus in ``make bench`` (bench/known_items.py),
beside the relevance benchmark the field weights were chosen on
(docs/architecture/backends.md, "Ranking").
"""

import re

import pytest

from archive.models import Statement
from search.backends import get_backend
from search.backends.base import SearchQuery

# Every backend answers these the same way.
pytestmark = pytest.mark.every_backend


def first_hit(text: str) -> str | None:
    results = get_backend().search(
        SearchQuery(text=text, with_facets=False, with_snippets=False, page_size=1)
    )
    return results.hits[0].id if results.hits else None


def sample():
    speeches = Statement.objects.filter(source_id__startswith="ungdc-").exclude(speaker="")
    return list(speeches.order_by("source_id").select_related("issuer__country")[::25])


def test_quoted_phrases_find_their_speech_first(demo):
    found = 0
    speeches = sample()
    for speech in speeches:
        words = re.findall(r"\w+", speech.body)
        phrase = " ".join(words[len(words) // 3 : len(words) // 3 + 8])
        found += first_hit(f'"{phrase}"') == str(speech.pk)
    assert found >= 0.9 * len(speeches), (found, len(speeches))


def test_speaker_country_and_year_find_the_speech_first(demo):
    speeches = sample()
    found = sum(
        first_hit(f"{s.speaker.split()[-1]} {s.issuer.country.name} {s.issued_on.year}")
        == str(s.pk)
        for s in speeches
    )
    assert found >= 0.9 * len(speeches), (found, len(speeches))


def test_the_seed_statement_is_first_for_its_phrase(demo):
    seed = Statement.objects.get(slug="dprk-foreign-ministry-freedom-edge-asian-nato-2024")
    assert first_hit('"Asian NATO"') == str(seed.pk)
    assert first_hit("reckless provocative muscle-flexing") == str(seed.pk)
