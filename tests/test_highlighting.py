import random

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


def _spans_by_one_regex(text, terms):
    """What the scan must find: the case-insensitive pattern over the whole text."""
    return [m.span() for m in candidate_pattern(terms).anywhere.finditer(text)]


def test_candidates_start_at_word_boundaries_only():
    candidates = candidate_pattern({"peac"})
    text = "Peace, PEACEFUL appeasement; _peace peace_keeping 2peace péace"
    found = [text[a:b] for a, b in candidates.spans(text)]
    assert found == ["Peace", "PEACEFUL", "peace_keeping", "péace"]
    assert list(candidates.spans(text)) == _spans_by_one_regex(text, {"peac"})


def test_candidates_across_chunks_are_found_once_and_whole():
    text = ("x" * 4090 + " ") + "Disarmament " + ("y" * 4093) + " disarming, DÉSARMEMENT disarm"
    terms = {"disarm", "desarm"}
    spans = list(candidate_pattern(terms).spans(text))
    assert [text[a:b] for a, b in spans] == ["Disarmament", "disarming", "DÉSARMEMENT", "disarm"]
    assert spans == _spans_by_one_regex(text, terms)


def test_a_word_cut_by_a_chunk_end_is_not_a_candidate_in_its_middle():
    # "apeace" straddles the 4,096th character: its "peace" is not a word of its own.
    text = "a" * 4094 + "apeace " + "peace"
    assert [text[a:b] for a, b in candidate_pattern({"peac"}).spans(text)] == ["peace"]


def test_a_text_whose_lower_case_is_longer_is_still_scanned_right():
    text = "İstanbul hosted the peace talks. " * 3  # "İ".lower() is two characters
    spans = list(candidate_pattern({"peac", "talk"}).spans(text))
    assert [text[a:b] for a, b in spans] == ["peace", "talks"] * 3
    html = snippet(text, {"peac"}, stem)
    assert "<mark>peace</mark>" in html and "İstanbul" in html


def test_the_chunked_scan_finds_what_one_regex_over_the_text_finds():
    rng = random.Random(7)
    words = ["peace", "Peaceful", "appease", "PEACE", "péace", "war", "x_peace", "2peace"]
    separators = [" ", ", ", "\n", "—", "’", "-", ""]
    # Without "İ" every chunk is lower-cased; with it, chunks are scanned the other way.
    for vocabulary in (words, [*words, "İzmir"]):
        for _ in range(10):
            text = "".join(rng.choice(vocabulary) + rng.choice(separators) for _ in range(3000))
            found = list(candidate_pattern({"peac", "war"}).spans(text))
            assert found == _spans_by_one_regex(text, {"peac", "war"})
