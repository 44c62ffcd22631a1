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


@pytest.mark.parametrize(
    ("typed", "text", "language"),
    [
        ("受け入れる", "政府は難民を受け入れた。", "ja"),
        ("抗議する", "外務省は大使館に強く抗議した。", "ja"),
        ("打ち上げる", "北朝鮮は衛星を打ち上げたと発表した。", "ja"),
        ("파견하다", "정부는 의료진을 현지에 파견했다.", "ko"),
        ("규탄하다", "외교부는 미사일 발사를 강력히 규탄했습니다.", "ko"),
        ("보내다", "인접국들은 구조 보트와 식량을 보냈다.", "ko"),  # 보내 + 었: one syllable
        ("풀려나다", "기자가 금요일 풀려났다고 밝혔다.", "ko"),
        ("보내다", "수천 명을 출신국으로 보낼 방침이다.", "ko"),  # 보내 + ㄹ
    ],
)
def test_a_verb_typed_in_its_dictionary_form_finds_it_conjugated(
    empty_backend, typed, text, language
):
    """Readers type a Japanese or Korean verb in its dictionary form; texts conjugate it."""
    empty_backend.index(
        [doc(1, "声明", text, language=language), doc(2, "声明", "無関係な文書。", language="ja")]
    )
    hits = empty_backend.search(SearchQuery(text=typed)).hits
    assert [hit.id for hit in hits] == ["1"]
    assert "<mark>" in hits[0].snippet


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("посол", "Послу вручена нота протеста."),  # a fleeting vowel: посол, посла, послу
        ("освободить", "Заложники были освобождены вчера."),  # освободить, освобождены
        ("микросхемы", "Экспорт микросхем ограничен."),  # Snowball alone cuts микросхем shorter
        ("выслать", "Иностранного дипломата вышлют за шпионаж."),  # marked though ы becomes ш
    ],
)
def test_a_russian_word_finds_its_other_forms(empty_backend, typed, text):
    empty_backend.index(
        [doc(1, "Заявление", text, language="ru"), doc(2, "Заявление", "Посольство закрыто.")]
    )
    hits = empty_backend.search(SearchQuery(text=typed)).hits
    assert [hit.id for hit in hits] == ["1"]
    assert "<mark>" in hits[0].snippet


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("لقاح", "وصلت شحنة اللقاح إلى المطار."),  # the word begins with ل: not a proclitic
        ("لقاح", "تبرعت الدولة بلقاحات للدول الفقيرة."),  # ب, with, glued to it
        ("وقف", "دعت الوزارة لوقف القتال."),  # ل, for, glued to it
        ('"وقف إطلاق النار"', "دعت الوزارة لوقف إطلاق النار فورا."),  # and in a quoted phrase
    ],
)
def test_an_arabic_word_is_found_behind_a_one_letter_proclitic(empty_backend, typed, text):
    empty_backend.index(
        [
            doc(1, "بيان", text, language="ar"),
            doc(2, "بيان", "أعلنت الوزارة النتائج.", language="ar"),
        ]
    )
    hits = empty_backend.search(SearchQuery(text=typed)).hits
    assert [hit.id for hit in hits] == ["1"]
    assert "<mark>" in hits[0].snippet


@pytest.mark.parametrize(
    ("typed", "text", "language"),
    [
        ("condenar", "El Gobierno condenó el ataque.", "es"),  # a verb in another tense
        ("rehén", "Liberaron a los rehenes.", "es"),  # a plural
        ("nuclear", "Prohibición de armas nucleares.", "es"),
        ("négocier", "Les négociations reprennent à Genève.", "fr"),
        ("Sanktion", "Neue Sanktionen wurden verhängt.", "de"),
        ('"alto el fuego"', "El ministerio pidió un alto el fuego inmediato.", "es"),
        ("negoc*", "Les négociations reprennent à Genève.", "fr"),
    ],
)
def test_a_word_finds_its_forms_stemmed_by_the_texts_language(empty_backend, typed, text, language):
    empty_backend.index(
        [doc(1, "Texte", text, language=language), doc(2, "Text", "The talks were postponed.")]
    )
    hits = empty_backend.search(SearchQuery(text=typed)).hits
    assert [hit.id for hit in hits] == ["1"]
    assert "<mark>" in hits[0].snippet


def test_an_english_text_is_not_stemmed_by_another_languages_rules(empty_backend):
    """Spanish Snowball reads "nuclear" as a verb ("nucl"); an English text keeps Porter's
    terms, so an English query never meets a Spanish stem in it."""
    empty_backend.index(
        [
            doc(1, "Statement", "Nuclear weapons and nuclear tests.", language="en"),
            doc(2, "Declaración", "Condenamos los ensayos nucleares.", language="es"),
        ]
    )
    assert {h.id for h in empty_backend.search(SearchQuery(text="nuclear")).hits} == {"1", "2"}
    assert [h.id for h in empty_backend.search(SearchQuery(text="nucl")).hits] == []


def test_a_statement_in_spanish_has_statements_like_it(empty_backend):
    """Its words are looked up as a Spanish text's are indexed."""
    empty_backend.index(
        [
            doc(
                1,
                "Pesca",
                "Los pesqueros extranjeros faenaban en aguas territoriales.",
                language="es",
            ),
            doc(
                2,
                "Pesca",
                "Otros pesqueros extranjeros faenaban sin licencia en aguas vecinas.",
                language="es",
            ),
            doc(3, "Elecciones", "Las elecciones se celebrarán en marzo.", language="es"),
        ]
    )
    assert empty_backend.more_like_this("1")[:1] == ["2"]
