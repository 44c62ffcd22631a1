"""The query language's parser: every input parses, into the tree the language promises."""

import pytest

from search.query import syntax
from search.query.cleaning import clean


def parse(text):
    return syntax.parse(clean(text).text)[0]


def test_words_phrases_operators_and_fields_make_their_tree():
    tree = parse('korea OR "Asian NATO" -japan title:(summit)')
    assert tree == syntax.And(
        (
            syntax.Or((syntax.Word("korea", start=0), syntax.Phrase("Asian NATO"))),
            syntax.Not(syntax.Word("japan", start=23)),
            syntax.Word("summit", field="title", start=36),
        )
    )


def test_words_side_by_side_bind_loosest_then_or_then_and():
    peace, war, arms = (
        syntax.Word(w, start=n) for w, n in (("peace", 0), ("war", 9), ("arms", 13))
    )
    assert parse("peace OR war arms") == syntax.And((syntax.Or((peace, war)), arms))
    and_war = syntax.Word("war", start=10)
    assert parse("peace AND war OR arms") == syntax.Or(
        (syntax.And((peace, and_war)), syntax.Word("arms", start=17))
    )


def test_prefix_fuzzy_and_field_aliases():
    assert parse("terror*") == syntax.Word("terror", prefix=True)
    assert parse("nucelar~") == syntax.Word("nucelar", fuzzy=1)
    assert parse("text:peace") == syntax.Word("peace", field="body", start=5)


@pytest.mark.parametrize("text", ["ANDNOT", "a ANDMAYBE b", "peace REQUIRE korea", "*", "[a TO b]"])
def test_operator_words_of_other_engines_are_plain_words(text):
    tree = parse(text)
    assert tree is None or all(
        isinstance(node, syntax.Word) for node in getattr(tree, "children", (tree,))
    )


@pytest.mark.parametrize(
    "text", ["(" * 400 + "peace", "(" * 200 + "peace" + ")" * 200, "-" * 399 + "x", "-(" * 200]
)
def test_deep_nesting_parses_without_exhausting_the_stack(text):
    parse(text)  # RecursionError would be a 500 on every search endpoint
