"""Snippets: a short window of a text around the words a query matched.

Only the hits on the page are highlighted, and never by analysing a whole
speech: a regular expression finds candidate words by the prefix of each
query term (C speed), each candidate is checked with the index's own
stemmer, and the window with the most distinct matches is cut out, escaped
and marked.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from html import escape

from search.analysis import CJK_LETTERS, fold, is_arabic, is_cjk, is_cyrillic, untagged
from search.arabic import PREFIXES as ARABIC_PREFIXES
from search.arabic import plural_stems
from search.letter_cases import LONGER_LOWER, LOWERING_TO, SAME_UPPER_CASE

SNIPPET_CHARS = 220
MAX_MATCHES = 400
_WORD = re.compile(r"\w+")


# Accented forms a folded letter may stand for in the original text (search.analysis.fold).
_VARIANTS = {
    "a": "aàáâãäåāąæ",
    "c": "cçćč",
    "d": "dďđð",
    "e": "eèéêëēėęě",
    "g": "gğ",
    "h": "hħ",
    "i": "iìíîïīıİ",
    "l": "lłŀ",
    "n": "nñńň",
    "o": "oòóôõöøōœ",
    "r": "rř",
    "s": "sśšşß",
    "t": "tťŧþ",
    "u": "uùúûüūů",
    "y": "yýÿ",
    "z": "zźžż",
    # Arabic letters the fold or light stemming reads as one (search/arabic.py).
    "ا": "اأإآ",
    "ه": "هة",
    "ي": "يى",
}
# Where a candidate word starts, and the rest of it: a word of another script than CJK stands
# apart from CJK letters around it ("NATOの", "NATO를" hold the word NATO).
_START = f"(?<![^\\W{CJK_LETTERS}])"
_TAIL = f"[^\\W{CJK_LETTERS}]*"
_NOTHING = r"[^\s\S]"  # a class no character is in
# Two folded letters that one letter of the original stands for ("ss" is "ß"); the letter
# is among the first one's variants.
_DIGRAPHS = ("ss", "ae", "oe", "th")


def _prefix_pattern(prefix: str, letter_class: Callable[[str], str]) -> str:
    """A pattern for ``prefix`` as written: each letter by ``letter_class``, the second of a
    pair that one letter may stand for made optional. A candidate found that way is checked
    anyway, and the pattern keeps a class first, where the regex engine skips ahead fast."""
    parts = [letter_class(letter) for letter in prefix]
    for i in range(1, len(prefix)):
        if prefix[i - 1 : i + 1] in _DIGRAPHS:
            parts[i] += "?"
    return "".join(parts)


def _written_alternatives(prefixes: list[str]) -> str:
    """``prefixes`` as written (``_written_class``), one of them, opening on one class of
    every first letter. The regex engine skips ahead to where a pattern can start only when
    it opens on a class or a letter: an alternation whose branches open on different classes
    it tries at every position, two or three times slower on a speech. So each branch then
    checks its own first letter behind it: the same matches, found faster."""
    alternatives = [_prefix_pattern(prefix, _written_class) for prefix in prefixes]
    firsts = [_written_class(prefix[0]) for prefix in prefixes]
    if len(set(firsts)) <= 1:  # the regex parser moves a first class they share out itself
        return "|".join(alternatives)
    members = dict.fromkeys(m for prefix in prefixes for m in _written_members(prefix[0]))
    if not members:
        return _NOTHING
    branches = (
        f"(?<={first}){alternative[len(first) :]}"
        for first, alternative in zip(firsts, alternatives, strict=True)
    )
    return "[" + "".join(map(re.escape, members)) + "](?:" + "|".join(branches) + ")"


def _folded_class(letter: str) -> str:
    """A character class for ``letter`` and its accented forms (case aside)."""
    return f"[{_VARIANTS[letter]}]" if letter in _VARIANTS else re.escape(letter)


_PARTNERS = {letter: group for group in SAME_UPPER_CASE for letter in group}


def _lowered_forms(letter: str) -> dict[str, None]:
    """What ``letter`` matches case-insensitively, lower-cased: its accented forms if it is
    a folded letter, and their partners."""
    forms = _VARIANTS.get(letter, letter)
    return dict.fromkeys(partner for form in forms for partner in _PARTNERS.get(form, form))


def _lowered_class(letter: str) -> str:
    """A character class for what ``letter`` matches case-insensitively, in lower-cased
    text."""
    return "[" + "".join(map(re.escape, _lowered_forms(letter))) + "]"


def _written_class(letter: str) -> str:
    """A character class for every letter whose lower case is among ``_lowered_forms``: the
    text as written is scanned as if lower-cased, without lower-casing it. A letter nothing
    lower-cases to (the "A" of a folded "𝑨") is a class of nothing, never an empty "[]"."""
    members = _written_members(letter)
    return "[" + "".join(map(re.escape, members)) + "]" if members else _NOTHING


def _written_members(letter: str) -> dict[str, None]:
    members: dict[str, None] = {}
    for lower in _lowered_forms(letter):
        cases = (lower, lower.upper(), lower.title(), *LOWERING_TO.get(lower, ""))
        members.update(dict.fromkeys(c for c in cases if len(c) == 1 and c.lower() == lower))
    return members


class Candidates:
    """The words of a text that may stem to one of some terms, as (start, end) spans:
    those starting, case and accents aside, with one of the terms' prefixes.

    What ``\\b(?:prefixes)\\w*`` finds case-insensitively (``case_insensitive``),
    found faster, with a pattern that neither folds case nor opens with ``\\b``, so
    that the regex engine skips ahead to the letters its alternatives start with
    instead of trying every position (three to five times faster on a speech); the
    word boundary is checked here. Each letter is a class of every letter that
    lower-cases to one it stands for (``_written_class``), so nothing is lower-cased,
    except for one prefix opening on a letter that stands only for itself ("juch"),
    which the engine finds as a literal in lower-cased text, a chunk at a time. A
    text holding "İ", whose lower case is longer, is scanned with
    ``case_insensitive``, and so is every text for prefixes that hold something
    other than letters, digits and the underscore ("u." from "U.S."): a match
    rejected inside a word could then run past that word's end.
    """

    CHUNK = 4096  # lower-cased at a time, so that a scan that stops early lowers no more

    def __init__(self, prefixes: list[str], pairs: Iterable[str] = ()) -> None:
        self._prefix_list = prefixes
        self._case_insensitive: re.Pattern[str] | None = None
        self.written: re.Pattern[str] | None = None
        self.lowered: re.Pattern[str] | None = None
        if all(_WORD_ONLY.fullmatch(prefix) for prefix in prefixes):
            # The word's tail is matched apart (``_TAIL_PATTERN``, compiled once): its
            # class of every letter but CJK ones cost 1.8 ms to compile, in every pattern.
            if len(prefixes) == 1 and len(_lowered_forms(prefixes[0][0])) == 1:
                # One prefix opening on a letter that stands only for itself: in lower-cased
                # text the regex engine looks for it as a literal, twice as fast as a class.
                self.lowered = re.compile(_prefix_pattern(prefixes[0], _lowered_class))
            else:
                self.written = re.compile(_written_alternatives(prefixes))
        self.prefixes = bool(prefixes)
        # The most characters a prefix pattern matches: one per letter, or fewer ("ß").
        self.longest = max(map(len, prefixes), default=0)
        # CJK terms (pairs of letters) are found wherever they are: no space marks their start.
        found = "|".join(map(re.escape, sorted(set(pairs))))
        self.pairs = re.compile(f"(?=({found}))") if found else None

    @property
    def case_insensitive(self) -> re.Pattern[str]:
        """The pattern for texts the written one cannot scan, compiled when one comes: its
        accent-folding classes cost more to compile than most snippets take to find."""
        if self._case_insensitive is None:
            alternatives = "|".join(_prefix_pattern(p, _folded_class) for p in self._prefix_list)
            self._case_insensitive = re.compile(
                rf"{_START}(?:{alternatives}){_TAIL}", re.IGNORECASE
            )
        return self._case_insensitive

    def spans(self, text: str, bound: Bound | None = None) -> Iterator[tuple[int, int]]:
        """(start, end) of each candidate of ``text`` in order: words, and CJK pairs (which
        may overlap). Words start no later than ``bound.start``, which the caller may lower
        as it reads: the scan for the next word then stops there, not at the text's end."""
        words = self._words(text, bound or Bound(len(text))) if self.prefixes else iter(())
        if self.pairs is None:
            return words
        pairs = ((m.start(), m.start() + len(m.group(1))) for m in self.pairs.finditer(text))
        return heapq.merge(words, pairs)

    def _words(self, text: str, bound: Bound) -> Iterator[tuple[int, int]]:
        if self.written is self.lowered is None or LONGER_LOWER in text:
            for match in self.case_insensitive.finditer(text):
                yield match.span()
            return
        if self.written is not None:
            yield from _scan(self.written, text, 0, bound, self.longest)
            return
        size = len(text)
        begin = 0
        while begin < size and begin <= bound.start:
            end = min(size, begin + self.CHUNK)
            while end < size and _is_word_char(text[end]):  # never cut a word in two
                end += 1
            # A chunk after the first opens on a non-word character, where no candidate
            # starts: only a match inside the chunk needs its boundary checked.
            yield from _scan(self.lowered, text[begin:end].lower(), begin, bound, self.longest)
            begin = end


class Bound:
    """How far into a text a candidate may still start: the reader of ``Candidates.spans``
    lowers it once it knows the words past some point are not wanted."""

    __slots__ = ("start",)

    def __init__(self, start: int) -> None:
        self.start = start


def _scan(
    pattern: re.Pattern[str], text: str, offset: int, bound: Bound, longest: int
) -> Iterator[tuple[int, int]]:
    """(start, end) + ``offset`` of each word of ``text`` that ``pattern`` matches the
    start of, and that does not start inside a word, up to ``bound``: ``pattern`` matches
    at most ``longest`` characters, so it is searched no further than that past the
    bound (the word's tail is matched in the whole text)."""
    search, tail, at = pattern.search, _TAIL_PATTERN.match, 0
    while (match := search(text, at, bound.start - offset + longest)) is not None:
        start = match.start()
        at = tail(text, match.end()).end()
        if not (start and _continues_word(text[start - 1])):
            yield offset + start, offset + at


_WORD_ONLY = re.compile(r"\w+")
_TAIL_PATTERN = re.compile(_TAIL)


def _continues_word(char: str) -> bool:
    """Whether a candidate after ``char`` would start inside a word (CJK letters aside)."""
    return _is_word_char(char) and not is_cjk(char)


def _is_word_char(char: str) -> bool:
    """What ``\\w`` matches (letters and digits of any script, and the underscore)."""
    return char.isalnum() or char == "_"


def _start(term: str) -> str:
    """How a word of ``term`` begins: the term less its last letter, or in Russian its last
    three, since a dictionary form's stem may differ there ("посол" is also "посла")."""
    term = untagged(term)  # "negoci@fr": a French word begins "negoc"
    if is_cyrillic(term):  # "высла" (выслать) is also "вышлют"
        return term[: max(2, len(term) - 3)]
    return term[:-1] if len(term) > 3 else term


def candidate_pattern(terms: Iterable[str]) -> Candidates | None:
    """The candidate words of ``terms``: words that start as a term does, less its last
    letter or two (the stemmer may have changed them: "polici" is "policy"; see ``_start``),
    or, in Arabic, after one of the prefixes light stemming takes off; and CJK terms wherever
    they are. Kept per set of terms: a page asks again for the terms of a recent one."""
    return _candidates(frozenset(t for t in terms if t))


@lru_cache(maxsize=512)
def _candidates(terms: frozenset[str]) -> Candidates | None:
    pairs = [t for t in terms if is_cjk(t)]
    starts = {_start(t) for t in terms if not is_cjk(t)}
    starts |= {_start(p) for t in terms if is_arabic(t) for p in plural_stems(t)}
    starts |= {p + s for s in starts if is_arabic(s) for p in ARABIC_PREFIXES}
    prefixes = sorted(starts, key=len, reverse=True)
    return Candidates(prefixes, pairs) if prefixes or pairs else None


def find_matches(
    text: str,
    terms: set[str],
    stem: Callable[[str], str],
    pattern: Candidates | None,
    goal: int | None = None,
) -> list[tuple[int, int, str]]:
    """Return (start, end, term) for words of ``text`` that match a term.

    With ``goal``, stop one snippet's width after ``goal`` distinct terms have
    been seen: a window holding them exists by then, and a long speech need
    not be scanned to its end.
    """
    if pattern is None:
        return []
    found: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    stop_at = None
    bound = Bound(len(text))
    for start, end in pattern.spans(text, bound):
        if stop_at is not None and start > stop_at:
            break
        word = fold(text[start:end])
        term = word if word in terms else stem(word)
        if term in terms:
            found.append((start, end, term))
            seen.add(term)
            if goal is not None and stop_at is None and len(seen) >= goal:
                stop_at = bound.start = end + SNIPPET_CHARS
            if len(found) >= MAX_MATCHES:
                break
    return found


def best_window(matches: list[tuple[int, int, str]], width: int) -> int:
    """Return the start of the ``width``-character window with the most distinct terms."""
    best_start, best_score = matches[0][0], (0, 0)
    right = 0
    for left in range(len(matches)):
        start = matches[left][0]
        while right < len(matches) and matches[right][1] <= start + width:
            right += 1
        inside = matches[left:right]
        score = (len({m[2] for m in inside}), len(inside))
        if score > best_score:
            best_start, best_score = start, score
    return best_start


def snippet(
    text: str,
    terms: set[str],
    stem: Callable[[str], str],
    pattern: Candidates | None = None,
    width: int = SNIPPET_CHARS,
) -> str:
    """Return escaped HTML: about ``width`` characters of ``text`` with matches in <mark>."""
    text = text or ""
    if pattern is None:
        pattern = candidate_pattern(terms)
    matches = find_matches(text, terms, stem, pattern, goal=min(len(terms), 4))
    if not matches:
        return _plain(text, width)
    anchor = best_window(matches, width)
    # Start a little before the first match, at a word boundary.
    start = max(0, anchor - width // 5)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start - space < 30 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    parts, cursor = [], start
    for m_start, m_end, _ in _joined(matches):
        if m_start < start or m_end > end:
            continue
        parts.append(escape(text[cursor:m_start]))
        parts.append(f"<mark>{escape(text[m_start:m_end])}</mark>")
        cursor = m_end
    parts.append(escape(text[cursor:end]))
    body = "".join(parts).replace("\n", " ")
    return ("… " if start > 0 else "") + body + (" …" if end < len(text) else "")


def _joined(matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping matches as one: the CJK pairs 军事, 事演, 演习 mark 军事演习 once."""
    joined: list[tuple[int, int, str]] = []
    for start, end, term in matches:
        if joined and start < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]), joined[-1][2])
        else:
            joined.append((start, end, term))
    return joined


def _plain(text: str, width: int) -> str:
    if len(text) <= width:
        return escape(text).replace("\n", " ")
    cut = text.rfind(" ", 0, width)
    return escape(text[: cut if cut > 0 else width]).replace("\n", " ") + " …"
