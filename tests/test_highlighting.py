from search.analysis import stem
from search.highlighting import candidate_pattern, fold_word, snippet


def test_fold_word_strips_accents_and_case():
    assert fold_word("Côte") == "cote"
    assert fold_word("PEACE") == "peace"


def test_accented_words_are_marked_for_a_folded_term():
    html = snippet("La Côte d’Ivoire salue la paix.", {"cote", "ivoir"}, stem)
    assert "<mark>Côte</mark>" in html and "<mark>Ivoire</mark>" in html


def test_snippet_marks_stemmed_matches_in_the_best_window():
    text = "Opening words. " * 40 + "The military exercises near the peninsula. " + "Tail. " * 40
    html = snippet(text, {"militari", "exercis"}, stem, width=120)
    assert "<mark>military</mark> <mark>exercises</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert len(html) < 300


def test_snippet_escapes_everything_but_the_marks():
    html = snippet('<script>alert("x")</script> peace', {"peac"}, stem)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "<mark>peace</mark>" in html


def test_snippet_without_matches_is_the_escaped_opening():
    assert snippet("A & B " * 100, set(), stem, width=20).startswith("A &amp; B")


def test_candidate_pattern_reaches_words_whose_stem_is_not_a_prefix():
    pattern = candidate_pattern({"polici"})
    assert pattern.search("policy") and pattern.search("policies")
