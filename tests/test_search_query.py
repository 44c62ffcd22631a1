"""The query language, end to end: statements in the database, the index, a query."""

import re

import pytest

from search.analysis import MAX_EXPANSIONS, MIN_PREFIX
from search.backends import get_backend
from search.backends.base import SearchQuery, SearchResults
from search.query_text import MAX_QUERY_CHARS, MAX_QUERY_WORDS

# Every backend answers these the same way.
pytestmark = pytest.mark.every_backend

# Every statement's issuer is "DPRK Ministry of Foreign Affairs" of "North
# Korea" (see conftest), so those words match everything unless restricted to
# a field; the texts below avoid them otherwise.
CORPUS = {
    "exercises": (
        "Statement on military exercises",
        "The joint military exercises near the peninsula threaten peace.",
    ),
    "apart": (
        "Naval report",
        "The military leadership reviewed naval drills. Later the exercises were cancelled.",
    ),
    "sanctions": (
        "Sanctions resolution",
        "We reject resolution S/RES/2231 (2015) and all sanctions.",
    ),
    "cote_accented": ("Visit abroad", "The minister visited Côte d’Ivoire and Abidjan."),
    "cote_plain": ("Trade agreement", "A trade agreement with Cote d'Ivoire was signed."),
    "korea_title": ("Korea summit communique", "Leaders met to discuss cooperation."),
    "korea_body": ("Press briefing", "Questions about Korea were answered."),
    "nuclear": ("Nuclear talks", "We demand complete denuclearization of the region."),
    "shouting": ("URGENT NOTICE", "THE EMBASSY WILL CLOSE TOMORROW."),
    "emoji": ("Solidarity message", "Solidarity 🚀 with the people of the world."),
    "hyphen": ("Regional security", "Security in the Asia-Pacific region, 2015-2016."),
}


@pytest.fixture
def corpus(make_statement, django_capture_on_commit_callbacks):
    """Index the corpus; return statement id -> corpus key."""
    with django_capture_on_commit_callbacks(execute=True):
        statements = {
            key: make_statement(title=title, body=body) for key, (title, body) in CORPUS.items()
        }
    return {str(statement.pk): key for key, statement in statements.items()}


def search(text: str) -> SearchResults:
    return get_backend().search(SearchQuery(text=text))


def found(corpus, text: str) -> set[str]:
    results = search(text)
    keys = {corpus[hit.id] for hit in results.hits}
    assert results.total == len(keys)
    return keys


# The language ------------------------------------------------------------------


def test_all_words_must_match_by_default(corpus):
    assert found(corpus, "military") == {"exercises", "apart"}
    assert found(corpus, "military peace") == {"exercises"}
    assert found(corpus, "military abidjan") == set()


def test_or_matches_either_word(corpus):
    assert found(corpus, "sanctions OR summit") == {"sanctions", "korea_title"}


def test_or_binds_tighter_than_words_side_by_side(corpus):
    assert found(corpus, "sanctions OR summit leaders") == {"korea_title"}
    assert found(corpus, "sanctions AND resolution OR summit") == {"sanctions", "korea_title"}


def test_not_excludes_a_word(corpus):
    assert found(corpus, "military NOT peace") == {"apart"}


def test_minus_excludes_a_word(corpus):
    assert found(corpus, "military -peace") == {"apart"}
    assert found(corpus, "(military) -peace") == {"apart"}
    assert found(corpus, "military -(peace)") == {"apart"}


def test_minus_alone_excludes_from_everything(corpus):
    assert found(corpus, "-military") == set(CORPUS) - {"exercises", "apart"}
    assert found(corpus, "NOT military") == set(CORPUS) - {"exercises", "apart"}


def test_hyphen_inside_a_word_is_not_a_minus(corpus):
    assert found(corpus, "Asia-Pacific") == {"hyphen"}
    assert found(corpus, "2015-2016") == {"hyphen"}
    assert found(corpus, "security-pacific") == {"hyphen"}


def test_quoted_phrase_matches_only_the_exact_sequence(corpus):
    assert found(corpus, "military exercises") == {"exercises", "apart"}
    assert found(corpus, '"military exercises"') == {"exercises"}
    assert found(corpus, '"exercises military"') == set()


def test_trailing_wildcard_matches_words_by_prefix(corpus):
    assert found(corpus, "sanct") == set()
    assert found(corpus, "sanct*") == {"sanctions"}
    assert found(corpus, "milit*") == {"exercises", "apart"}


def test_wildcard_needs_a_prefix_of_at_least_three_letters(corpus):
    results = search("mi*")
    assert results.total == 0
    assert results.notices == (
        f"A wildcard needs at least {MIN_PREFIX} letters before it: “mi*” was searched as a word.",
    )


def test_title_prefix_restricts_to_titles(corpus):
    assert found(corpus, "title:korea") == {"korea_title"}
    assert found(corpus, "title:nuclear") == {"nuclear"}
    assert found(corpus, "title:denuclearization") == set()


def test_body_prefix_restricts_to_bodies(corpus):
    assert found(corpus, "body:korea") == {"korea_body"}
    assert found(corpus, "body:denuclearization") == {"nuclear"}
    assert found(corpus, "body:summit") == set()


def test_fuzzy_finds_a_one_edit_misspelling(corpus):
    assert found(corpus, "peninsulo") == set()
    assert found(corpus, "peninsulo~") == {"exercises"}


def test_english_stemming_matches_other_forms_of_a_word(corpus):
    assert found(corpus, "exercise") == {"exercises", "apart"}
    assert found(corpus, "sanction") == {"sanctions"}
    assert found(corpus, "cancelling") == {"apart"}


def test_search_is_case_insensitive(corpus):
    assert found(corpus, "embassy") == {"shouting"}
    assert found(corpus, "EmBaSsY") == {"shouting"}
    assert found(corpus, "MILITARY PEACE") == {"exercises"}


def test_plain_spelling_finds_accents_and_curly_apostrophes(corpus):
    assert found(corpus, "Cote d'Ivoire") == {"cote_accented", "cote_plain"}
    assert found(corpus, '"Cote d\'Ivoire"') == {"cote_accented", "cote_plain"}


def test_accents_and_curly_apostrophes_find_plain_spelling(corpus):
    assert found(corpus, "Côte d’Ivoire") == {"cote_accented", "cote_plain"}
    assert found(corpus, "CÔTE") == {"cote_accented", "cote_plain"}


def test_unbalanced_quote_is_closed_at_the_end(corpus):
    results = search('"military exercises')
    assert {corpus[hit.id] for hit in results.hits} == {"exercises"}
    assert results.total == 1


def test_unbalanced_parentheses_are_balanced(corpus):
    assert found(corpus, "(military") == {"exercises", "apart"}
    assert found(corpus, "military)") == {"exercises", "apart"}
    assert found(corpus, "(military (peace") == {"exercises"}


# Hostile input -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '"""',
        "military\"'",
        "((",
        "))",
        "(()",
        "AND",
        "OR",
        "NOT",
        "NOT AND",
        "AND OR NOT",
        "military AND",
        "OR military",
        "*",
        "**",
        "a*",
        "*3*",
        "?",
        "date:[now to]",
        "[a TO b]",
        "{}",
        "title:",
        ":",
        "~",
        "~2",
        "^",
        "\\",
        "\x00\x1b[31m",
        "\u202e\u200b\ufeff",
        "🚀",
        "🏳️‍🌈 👩‍👩‍👧",
        "x" * 10_000,
        "word~2",
        "body:(",
        'title:"',
        "-",
        "--",
        "+",
        "- -",
        "military -",
        "-military",
        "+military",
        "military +peace",
        "-(",
        '-"',
        "a-b-c-d",
        "00-00",
    ],
)
def test_hostile_input_never_raises(corpus, text):
    results = search(text)
    assert isinstance(results, SearchResults)
    assert results.total >= 0
    assert all(isinstance(notice, str) for notice in results.notices)


def test_lone_operators_search_no_words_and_say_so(corpus):
    for text in ("AND", "OR", "NOT", "NOT AND"):
        results = search(text)
        assert isinstance(results, SearchResults)
        assert (
            "The query has no searchable words (they are too short or too common)."
            in results.notices
        ), text


def test_resolution_symbol_is_found_as_written(corpus):
    assert found(corpus, "S/RES/2231 (2015)") == {"sanctions"}


def test_lone_wildcard_never_raises(corpus):
    for text in ("*", "a*"):
        assert isinstance(search(text), SearchResults)
    assert f"A wildcard needs at least {MIN_PREFIX} letters before it" in search("a*").notices[0]


def test_infix_wildcard_gives_a_notice(corpus):
    results = search("*3*")
    assert isinstance(results, SearchResults)
    assert any("wildcard" in notice for notice in results.notices)
    results = search("mil*ary")
    assert results.total == 0
    assert any(
        notice.startswith("Only trailing wildcards are allowed:") for notice in results.notices
    )


def test_a_wildcard_after_punctuation_searches_the_words_with_a_notice(corpus):
    results = search("S/RES/2231*")
    assert "A wildcard ends one word: “S/RES/2231*” was searched as plain words." in (
        results.notices
    )
    assert {corpus[hit.id] for hit in results.hits} == {"sanctions"}


def test_range_syntax_is_not_a_range(corpus):
    results = search("date:[now to]")
    assert isinstance(results, SearchResults)
    assert results.total == 0  # "date" and "now" appear nowhere


def test_control_characters_are_treated_as_spaces(corpus):
    assert isinstance(search("\x00\x1b[31m"), SearchResults)
    assert found(corpus, "\x00military\x07peace\x1b") == {"exercises"}


def test_emoji_are_ignored_next_to_words(corpus):
    assert isinstance(search("🚀"), SearchResults)
    assert found(corpus, "🚀 military peace") == {"exercises"}


def test_very_long_query_is_cut_with_a_notice(corpus):
    text = "peninsula " * 1_000  # 10 kB
    results = search(text)
    cut = [n for n in results.notices if n.startswith("The query was cut to its first ")]
    assert len(cut) == 1
    length = int(re.fullmatch(r"The query was cut to its first (\d+) characters\.", cut[0])[1])
    assert length <= MAX_QUERY_CHARS
    assert {corpus[hit.id] for hit in results.hits} == {"exercises"}


def test_fuzzy_with_more_than_one_edit_gives_a_notice(corpus):
    results = search("peninsulo~2")
    assert "Fuzzy matching is limited to one edit (word~1)." in results.notices
    assert {corpus[hit.id] for hit in results.hits} == {"exercises"}
    two_edits = search("penimsulo~2")
    assert "Fuzzy matching is limited to one edit (word~1)." in two_edits.notices
    assert two_edits.total == 0


# Bounds ------------------------------------------------------------------------


def test_prefix_matching_many_words_is_bounded_with_a_notice(
    corpus, make_statement, django_capture_on_commit_callbacks
):
    words = [f"zorb{a}{b}x" for a in "bcdfghjk" for b in "lmnpqrtvw"]  # 72 words
    assert len(words) > MAX_EXPANSIONS
    with django_capture_on_commit_callbacks(execute=True):
        many = make_statement(title="Word list", body=" ".join(words))
    results = search("zorb*")
    assert [hit.id for hit in results.hits] == [str(many.pk)]
    bounded = f"“zorb*” matches many words; the {MAX_EXPANSIONS} most common were searched."
    if "prefixes" in get_backend().differences:  # documented: the database expands them all
        assert bounded not in results.notices
    else:
        assert bounded in results.notices


def test_prefix_matching_few_words_gives_no_notice(corpus):
    assert search("milit*").notices == ()


def test_query_with_too_many_words_is_cut_with_a_notice(corpus):
    words = ["military"] * MAX_QUERY_WORDS + ["nowhereword"]
    results = search(" ".join(words))
    assert results.notices == (
        f"Only the first {MAX_QUERY_WORDS} words of the query were searched.",
    )
    # The word past the limit was not searched, or nothing would match.
    assert {corpus[hit.id] for hit in results.hits} == {"exercises", "apart"}


def test_query_of_exactly_the_word_limit_is_not_cut(corpus):
    results = search(" ".join(["military"] * MAX_QUERY_WORDS))
    assert results.notices == ()
    assert results.total == 2
