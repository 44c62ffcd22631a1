import random
import sys
from collections import defaultdict

from search.analysis import query_terms, stem
from search.highlighting import (
    SNIPPET_CHARS,
    Bound,
    candidate_pattern,
    find_matches,
    snippet,
)
from search.letter_cases import LONGER_LOWER, LOWERING_TO, SAME_UPPER_CASE


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
    assert list(pattern.spans("policy")) == [(0, 6)]
    assert list(pattern.spans("policies")) == [(0, 8)]


def _spans_by_one_regex(text, terms):
    """What the scan must find: the case-insensitive pattern over the whole text."""
    return [m.span() for m in candidate_pattern(terms).case_insensitive.finditer(text)]


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


def test_a_bound_ends_the_scan_but_keeps_a_word_starting_on_it_whole():
    # "strasse" is written "Straße": its pattern matches fewer characters than its prefix.
    for terms, word in (
        ({"strass"}, "Straßenbahn"),
        ({"juch"}, "Juche"),
        ({"peac", "talk"}, "peacetime"),
    ):
        text = "x " * 3000 + word + " " + word
        start = text.index(word)
        spans = list(candidate_pattern(terms).spans(text, Bound(start)))
        assert [text[a:b] for a, b in spans] == [word], terms
        assert list(candidate_pattern(terms).spans(text, Bound(start - 1))) == []


def test_a_scan_stops_reading_a_text_past_the_goal(monkeypatch):
    """Once the goal's terms are seen, the search for the next word ends a snippet's width
    on: a speech that holds the term once is not read to its end."""
    text = "peace " + "x " * 50_000 + "peace"
    pattern = candidate_pattern({"peac", "talk"})
    searched: list[int] = []

    class Recorded:
        def __init__(self, compiled):
            self.compiled = compiled

        def search(self, text, pos=0, endpos=sys.maxsize):
            searched.append(endpos)
            return self.compiled.search(text, pos, endpos)

    monkeypatch.setattr(pattern, "written", Recorded(pattern.written))
    found = find_matches(text, {"peac", "talk"}, stem, pattern, goal=1)
    assert [text[a:b] for a, b, _ in found] == ["peace"]
    assert max(searched[1:]) <= len("peace") + SNIPPET_CHARS + len("peac")


def test_a_text_whose_lower_case_is_longer_is_still_scanned_right():
    text = "İstanbul hosted the peace talks. " * 3  # "İ".lower() is two characters
    spans = list(candidate_pattern({"peac", "talk"}).spans(text))
    assert [text[a:b] for a, b in spans] == ["peace", "talks"] * 3
    html = snippet(text, {"peac"}, stem)
    assert "<mark>peace</mark>" in html and "İstanbul" in html


def test_the_chunked_scan_finds_what_one_regex_over_the_text_finds():
    rng = random.Random(7)
    words = ["peace", "Peaceful", "appease", "PEACE", "péace", "war", "x_peace", "2peace", "U.S"]
    words += ["ſtate", "STATE", "ΕΙΣ", "εις", "Σοφία", "peacepeace", "war和平peace", "warpeace"]
    separators = [" ", ", ", "\n", "—", "’", "-", "", "."]
    # Without "İ" the text is scanned as written, or for "peac" alone lower-cased a chunk at
    # a time; with "İ", or with a dotted term, by the case-insensitive pattern.
    for vocabulary in (words, [*words, "İzmir"]):
        for terms in ({"peac", "war"}, {"peac", "u."}, {"stat", "war"}, {"εισ", "σοφια"}, {"peac"}):
            for _ in range(4):
                text = "".join(rng.choice(vocabulary) + rng.choice(separators) for _ in range(3000))
                found = list(candidate_pattern(terms).spans(text))
                assert found == _spans_by_one_regex(text, terms)


def test_terms_opening_on_different_letters_are_found_as_one_regex_finds_them():
    # Their branches open on one class of every first letter, each checking its own behind.
    rng = random.Random(11)
    words = ["Kosovo", "\u212aosovo", "ſtate", "STATE", "peace", "Péace", "war", "a", "Åland"]
    words += ["\u212bland", "warpeace", "x_war", "2state", "ΕΙΣ", "Σοφία", "kosovar", "AWAR"]
    separators = [" ", ", ", "\n", "—", "", "."]
    term_sets = [
        {"kosovo", "stat", "peac"},
        {"a", "war"},
        {"åland", "war", "εισ"},
        {"kosovo", "kos", "war"},
    ]
    for terms in term_sets:
        for _ in range(4):
            text = "".join(rng.choice(words) + rng.choice(separators) for _ in range(2000))
            found = list(candidate_pattern(terms).spans(text))
            assert found and found == _spans_by_one_regex(text, terms)


def test_a_term_holding_a_letter_nothing_lowers_to_scans_without_error():
    # "𝑨" folds to "A", which no letter of a text lower-cases to: its class holds nothing.
    for terms in ({"A0", "00"}, {"0A0", "war"}, {"A0", "B1"}):
        text = "a0 00 A0 war 0a0 b1"
        found = [text[a:b] for a, b in candidate_pattern(terms).spans(text)]
        assert set(found) <= {"00", "war"}
    assert "<mark>00</mark>" in snippet("a0 00 A0", {"A0", "00"}, stem)


def test_a_dotted_term_is_found_wherever_the_chunks_fall():
    terms = set(query_terms("U.S. policy"))  # {"u.", "polici"}: the dot is the term's
    for cut in range(4088, 4100):
        text = "a" * cut + " U.S policy"
        assert [text[a:b] for a, b in candidate_pattern(terms).spans(text)] == ["U.S", "policy"]


def test_a_word_rejected_inside_another_does_not_hide_the_next_one():
    terms = set(query_terms("U.S. peace"))
    for text, words in [
        ("Thank you.Peace in the region", ["Peace"]),
        ("the EU.U.S. summit", ["U.S"]),
        ("menu.U.S. peace", ["U.S", "peace"]),
    ]:
        assert [text[a:b] for a, b in candidate_pattern(terms).spans(text)] == words


def test_letters_that_lower_casing_leaves_are_matched_as_case_insensitively():
    text = "the ſecurity of the ſtate, ΕΙΣ ΤΟ, Σοφία and µέτρα"
    for terms in ({"secur"}, {"εισ"}, {"εις"}, {"σοφια"}, {"μετρ"}):
        assert list(candidate_pattern(terms).spans(text)) == _spans_by_one_regex(text, terms)
    assert [text[a:b] for a, b in candidate_pattern({"secur"}).spans(text)] == ["ſecurity"]


def test_the_letters_sharing_an_upper_case_are_all_there_are():
    groups = defaultdict(set)
    for char in map(chr, range(0x110000)):
        if not 0xD800 <= ord(char) <= 0xDFFF and char.lower() == char != char.upper():
            groups[char.upper()].add(char)
    derived = {frozenset(group) for group in groups.values() if len(group) > 1}
    assert derived == {frozenset(group) for group in SAME_UPPER_CASE}


def test_the_letters_lowering_outside_their_own_cases_are_all_there_are():
    derived, longer = {}, set()
    for char in map(chr, range(0x110000)):
        if 0xD800 <= ord(char) <= 0xDFFF:
            continue
        lower = char.lower()
        if len(lower) > 1:
            longer.add(char)
        elif lower != char and char not in (lower.upper(), lower.title()):
            derived[lower] = derived.get(lower, "") + char
    assert derived == LOWERING_TO
    assert longer == {LONGER_LOWER}


def test_letters_that_lower_case_to_a_query_letter_are_found_as_written():
    text = "\u212aosovo and \u212bland, \u1e9eTRASSE, \u2126MEGA, \u03f4EOS, KOSOVO"
    for terms in ({"kosovo"}, {"åland"}, {"ßtrass"}, {"ωmeg"}, {"θeo"}):
        found = list(candidate_pattern(terms).spans(text))
        assert found and found == _spans_by_one_regex(text, terms)
    spans = candidate_pattern({"kosovo"}).spans(text)
    assert [text[a:b] for a, b in spans] == ["\u212aosovo", "KOSOVO"]


def test_cjk_pairs_are_found_inside_a_run_and_marked_once_together():
    html = snippet("北约军事演习威胁地区和平", {"军事", "事演", "演习", "和平"}, stem)
    assert html == "北约<mark>军事演习</mark>威胁地区<mark>和平</mark>"


def test_a_latin_word_glued_to_hangul_is_marked_without_the_particle():
    assert snippet("NATO를 규탄", {"nato"}, stem) == "<mark>NATO</mark>를 규탄"


def test_an_arabic_word_is_marked_behind_its_article_and_conjunction():
    # The plural is indexed as its singular's stem, "صاروخ": the highlighter finds it so.
    html = snippet("وأدانت الوزارة والصواريخ", {stem("صواريخ")}, stem)
    assert html == "وأدانت الوزارة <mark>والصواريخ</mark>"
