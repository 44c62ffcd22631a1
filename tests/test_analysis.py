"""How text becomes terms in every script: CJK runs as pairs, stems by script, one folding."""

import pytest

from search.analysis import fold, phrase_words, query_terms, stem, word_spans, words
from search.arabic import light_stem


def test_a_cjk_run_is_its_overlapping_pairs():
    assert words("北约军事演习") == ["北约", "约军", "军事", "事演", "演习"]
    assert words("北") == ["北"]
    assert words("조선 외무성은 나토를 규탄했다") == [
        "조선",
        "외무",
        "무성",
        "성은",
        "나토",
        "토를",
        "규탄",
        "탄했",
        "했다",
    ]


def test_a_latin_word_glued_to_cjk_letters_stands_apart():
    assert words("NATO를 비난") == ["NATO", "를", "비난"]
    assert query_terms("UN安保理") == ["un", "安保", "保理"]


def test_english_text_is_split_as_before():
    assert words("The U.S. and Côte d'Ivoire, 2015-2016.") == [
        "The",
        "U.S",
        "and",
        "Côte",
        "d",
        "Ivoire",
        "2015",
        "2016",
    ]


def test_half_width_kana_pair_as_full_width():
    assert words("ｶﾞｽ") == words("ガス") == ["ガス"]


def test_word_spans_say_where_each_pair_lies():
    text = "声明: 北约演习"
    assert [(w, text[a:b]) for w, a, b in word_spans(text)] == [
        ("声明", "声明"),
        ("北约", "北约"),
        ("约演", "约演"),
        ("演习", "演习"),
    ]


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Новый", "новый"),  # й keeps its breve: Russian endings need it
        ("Ёлка", "елка"),
        ("ガス", "ガス"),  # kana keep their voicing marks
        ("나토를", "나토를"),  # Hangul stays syllables
        ("أَمْن", "امن"),  # Arabic loses its vowel marks; hamza on alef read as alef
    ],
)
def test_fold_keeps_what_makes_a_letter_in_each_script(written, folded):
    assert fold(written) == folded


@pytest.mark.parametrize(
    ("forms", "term"),
    [
        (("negotiate", "negotiated", "negotiating"), "negoti"),
        (("россия", "россии", "россию"), "росс"),
        (("санкции", "санкций", "санкциями"), "санкц"),
        (("الصواريخ", "والصواريخ", "بالصواريخ", "للصواريخ"), "صواريخ"),
        (("فلسطين", "الفلسطينية", "فلسطينيه"), "فلسط"),
    ],
)
def test_every_form_of_a_word_stems_to_one_term(forms, term):
    assert {stem(fold(form)) for form in forms} == {term}


def test_cjk_pairs_and_other_scripts_are_not_stemmed():
    assert stem("北约") == "北约"
    assert stem("ミサ") == "ミサ"
    assert stem("ελλάδα") == "ελλάδα"


def test_arabic_light_stemming_leaves_a_short_word_whole():
    assert light_stem("وطن") == "وطن"  # "و" comes off only a word of four letters or more
    assert light_stem("كتابها") == "كتاب"  # a suffix comes off while two letters remain
    assert light_stem("اله") == "ال"


def test_a_single_cjk_letter_is_a_query_word_and_a_phrase_keeps_its_pairs_in_order():
    assert query_terms("日") == ["日"]
    assert phrase_words("军事演习") == ["军事", "事演", "演习"]
