"""Statements in their own languages, found by the words their readers type, on every backend.

Texts and queries written for these tests (``multilingual_corpus``), in Chinese, Japanese,
Korean, Russian, Arabic, French and Spanish: each query must find every text a reader would
say it matches, with the matched words marked in the snippet. The share of queries that do is
the measurement (``python -m bench.investigations.languages`` prints it per language); at least
95 % of each language's must.
"""

import pytest

from search.backends.base import SearchQuery
from tests.contract.documents import doc
from tests.contract.multilingual_corpus import QUERIES, TEXTS

# PostgreSQL's index lives in the test database.
pytestmark = pytest.mark.django_db

SHARE = 0.95


def indexed(backend, language: str) -> None:
    backend.index(
        doc(key, title, body, summary=title, language=language)
        for key, (title, body) in TEXTS[language].items()
    )


def outcome(backend, query: str, expected: set[str]) -> str | None:
    """None when the query finds every expected text with its words marked; else why not."""
    results = backend.search(SearchQuery(text=query, page_size=50))
    found = {hit.id: hit for hit in results.hits}
    missing = expected - set(found)
    if missing:
        return f"{query!r} missed {sorted(missing)}"
    unmarked = sorted(key for key in expected if "<mark>" not in found[key].snippet)
    return f"{query!r} marked nothing in {unmarked}" if unmarked else None


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_a_readers_queries_find_their_texts_and_mark_the_words(empty_backend, language):
    """At least 95 % of each language's queries find and mark every text they match; and no
    query finds more than a couple of texts beyond those (the pairs CJK text is indexed as
    never join unrelated texts)."""
    indexed(empty_backend, language)
    failures, wide = [], []
    for query, expected in QUERIES[language]:
        if (problem := outcome(empty_backend, query, expected)) is not None:
            failures.append(problem)
        found = {hit.id for hit in empty_backend.search(SearchQuery(text=query, page_size=50)).hits}
        if len(found - expected) > 2:
            wide.append((query, sorted(found - expected)))
    share = 1 - len(failures) / len(QUERIES[language])
    assert share >= SHARE, f"{language}: {share:.0%} found and marked; " + "; ".join(failures)
    assert not wide


def test_a_typo_mark_on_a_cjk_word_is_said_not_to_apply(empty_backend):
    empty_backend.index([doc(1, "声明", "北约军事演习威胁地区和平。", language="zh")])
    results = empty_backend.search(SearchQuery(text="军事演习~"))
    assert [hit.id for hit in results.hits] == ["1"]
    assert any("does not apply to Chinese, Japanese or Korean" in n for n in results.notices)


def test_a_cjk_word_is_its_letters_in_a_row_not_anywhere_in_the_text(empty_backend):
    empty_backend.index(
        [
            doc(1, "声明", "北约军事演习威胁地区和平。", language="zh"),
            doc(2, "声明", "演习结束后，军事专家发表评论。", language="zh"),  # 军事 and 演习 apart
        ]
    )
    assert [hit.id for hit in empty_backend.search(SearchQuery(text="军事演习")).hits] == ["1"]


def test_a_wildcard_after_one_cjk_letter_finds_its_words_and_is_not_needed_after_more(
    empty_backend,
):
    empty_backend.index(
        [
            doc(1, "声明", "北约军事演习威胁地区和平。", language="zh"),
            doc(2, "声明", "北京发表声明。", language="zh"),
            doc(3, "声明", "南方地区发生洪水。", language="zh"),
        ]
    )
    found = empty_backend.search(SearchQuery(text="北*"))
    assert {hit.id for hit in found.hits} == {"1", "2"}
    assert all("<mark>北" in hit.snippet for hit in found.hits)
    results = empty_backend.search(SearchQuery(text="军事演*"))
    assert [hit.id for hit in results.hits] == ["1"]
    assert any("A wildcard is not needed" in notice for notice in results.notices)
