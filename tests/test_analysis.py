"""How text becomes terms in every script: CJK runs as pairs, stems by script, one folding."""

import pytest

from search.analysis import (
    fold,
    language_parts,
    marked,
    phrase_folded,
    phrase_words,
    query_terms,
    stem,
    stem_of_typed_word,
    typed_alternatives,
    word_spans,
    words,
)
from search.arabic import light_stem
from search.query.forms import phrase_forms, variants


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
        (("الصواريخ", "والصواريخ", "بالصواريخ", "للصواريخ", "صاروخ"), "صاروخ"),  # a broken plural
        (("سفراء", "السفير", "سفيرها"), "سفير"),
        (("حربية", "حربيتين", "حربيتان"), "حرب"),  # the dual of a feminine noun
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


@pytest.mark.parametrize(
    ("forms", "term"),
    [
        (("посол", "посла", "послу", "послы"), "посол"),  # a fleeting vowel Snowball cuts apart
        (("освободить", "освобождены"), "освобод"),  # д and жд: one verb
        (("микросхема", "микросхемы", "микросхем"), "микросхем"),
    ],
)
def test_a_russian_word_is_stemmed_from_its_dictionary_form(forms, term):
    assert {stem(fold(form)) for form in forms} == {term}


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("受け入れる", "受け入れ"),  # the last kana of a verb conjugates
        ("抗議する", "抗議"),  # a する-verb
        ("高い", "高い"),  # one letter would be left: as typed
        ("ミサイル", "ミサイル"),  # no Han letter: a katakana word, not a verb
        ("北约", "北约"),  # Chinese does not conjugate
        ("파견하다", "파견"),
        ("캐나다", "캐나"),  # a noun ending in 다 still finds itself by its first pair
        ("바다", "바다"),  # one letter would be left: as typed
    ],
)
def test_a_cjk_verb_typed_in_its_dictionary_form_is_searched_by_its_stem(typed, searched):
    assert stem_of_typed_word(typed) == searched


def test_an_arabic_word_also_stands_for_itself_behind_a_one_letter_proclitic():
    assert light_stem("لقاح") == "لقاح"  # a lone ل stays: it may begin the word
    found = variants(fold("لقاح"))
    assert found[0] == "لقاح"
    assert {"بلقاح", "قاح"} <= set(found)  # بلقاحات (with vaccines); للقاح (for the vaccine)


def test_french_spanish_and_german_texts_are_stemmed_by_their_own_snowball_tagged():
    assert {stem(fold(w), "es") for w in ("condenar", "condenó", "condena")} == {"conden@es"}
    assert {stem(fold(w), "de") for w in ("Sanktion", "Sanktionen")} == {"sanktion@de"}
    assert stem(fold("négociations"), "fr") == stem(fold("négocier"), "fr") == "negoci@fr"
    assert stem("sanktionen") == "sanktionen"  # as English: Porter, untagged
    assert stem("nuclear", "en") == "nuclear"


def test_a_latin_word_typed_is_searched_in_each_language_the_index_holds():
    assert variants("negotiate") == ("negoti",)  # no other language held: English only
    found = variants("nuclear", ("es", "fr"))
    assert found[0] == "nuclear"
    assert {"nucl@es", "nuclear@es"} <= set(found)  # the singular, and its plural "nucleares"
    assert all(term.endswith(("@es", "@fr")) for term in found[1:])


def test_a_quoted_phrase_is_searched_in_one_language_at_a_time():
    held = {"alto@es", "fueg@es", "al@fr"}.__contains__
    forms = phrase_forms(["alto", "el", "fuego"], ("es", "fr"), held)
    assert forms[0] == ("alto", "el", "fuego")  # as typed, stemmed as English
    assert ("alto@es", "el@es", "fueg@es") not in forms  # "el@es" is not held
    assert phrase_forms(["alto", "fuego"], ("es",), held)[1] == ("alto@es", "fueg@es")


def test_a_text_is_cut_where_its_language_changes():
    text = marked([("en", "The text."), ("fr", "Le texte."), ("ko", "본문")])
    assert language_parts(text) == [("", "The text.\n\n"), ("fr", "Le texte.\n\n"), ("", "본문")]
    assert marked([("en", "One."), ("ko", "둘")]) == "One.\n\n둘"  # no mark where none is needed


def test_an_arabic_country_in_stan_is_not_read_as_a_dual():
    assert stem(fold("باكستان")) == stem(fold("وباكستان")) != stem(fold("باكسة"))


@pytest.mark.parametrize(
    ("typed", "language", "written"),
    [
        ("condamner", "fr", "condamnent"),  # Snowball keeps -ent here
        ("suspendre", "fr", "suspendu"),
        ("verurteilen", "de", "verurteilte"),  # a weak verb's past
        ("einbestellen", "de", "einbestellt"),  # and its participle
        ("rehen", "es", "rehenes"),  # a singular typed without its accent, and its plural
    ],
)
def test_a_dictionary_form_typed_stands_for_the_forms_snowball_leaves_apart(
    typed, language, written
):
    assert stem(fold(written), language) in variants(typed, (language,))
    assert stem(fold(written), language) != stem(fold(typed), language)


def test_an_arabic_verb_typed_finds_its_feminine_and_plural_past_and_a_plural_its_suffixes():
    assert stem(fold("أدانت")) in variants(fold("أدان"))  # the ministry (she) condemned
    assert stem(fold("موانئها")) == stem(fold("ميناء"))  # its ports: a plural, then "ها"


def test_a_korean_verb_typed_is_searched_in_the_forms_its_last_syllable_takes():
    assert typed_alternatives("보내다") == ["보내다", "보냈", "보낼", "보낸", "보냅"]
    assert typed_alternatives("내리다")[1] == "내렸"  # 리 + 었: the vowel changes too
    assert typed_alternatives("파견하다") == ["파견하다"]  # 견 keeps its own final consonant
    assert typed_alternatives("나토") == ["나토"]  # not a verb


def test_an_arabic_word_beginning_with_waw_is_found_behind_the_article():
    assert stem(fold("الوباء")) in variants(fold("وباء"))  # و is the word's, not "and"


def test_a_long_quoted_phrase_is_searched_in_a_bounded_number_of_forms():
    words = phrase_folded("وقف إطلاق النار في المدن والقرى الحدودية بين البلدين")
    forms = phrase_forms(words, ("fr", "es"), lambda term: True)  # every form held
    assert 1 < len(forms) <= 16
    assert forms[0] == tuple(stem(w) if isinstance(w, str) else w for w in words)


def test_a_private_use_letter_in_a_text_changes_no_language():
    text = marked([("en", "A stray \ue001 glyph: sanctions")])
    assert language_parts(text) == [("", "A stray  glyph: sanctions")]
