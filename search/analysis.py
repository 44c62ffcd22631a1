"""How text becomes terms, for every backend: tokens, accent folding, stop words, stemming.

Both backends index and query the terms made here, so a query means the same
on each, and the highlighter (``search.highlighting``) marks the words that
matched with the same stemmer. Nothing here belongs to a backend's library:
the PostgreSQL backend runs without Whoosh installed.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import Stemmer

from search.arabic import light_stem

# Limits of the query language's wildcards and fuzzy words, the same on every backend.
MIN_PREFIX = 3  # letters before a trailing *
MAX_EXPANSIONS = 64  # indexed terms a prefix or a fuzzy word stands for, the most common
FUZZY_PREFIX = 2  # letters a fuzzy match keeps as typed
MAX_TYPO_LENGTH = 40  # longer words get no fuzzy expansion and no "did you mean"

# The short English stop list (Whoosh's, which the index was built with) less "us": "US" is
# a country here.
# fmt: off
STOP = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have", "if", "in",
    "is", "it", "may", "not", "of", "on", "or", "tbd", "that", "the", "this", "to", "we", "when",
    "will", "with", "yet", "you", "your",
})
# fmt: on
TOKEN_PATTERN = r"\w+(?:\.?\w+)*"
TOKEN = re.compile(TOKEN_PATTERN)

# Stop words and single letters or digits: "small words". They are not indexed
# as terms (their postings would each be as long as the corpus); a backend
# that can keeps them some other way, so that a quoted phrase still matches
# them exactly ("as a matter of", "Côte d'Ivoire").
SMALL_WORDS = (*sorted(STOP), *"abcdefghijklmnopqrstuvwxyz0123456789")
SMALL_CODES = {word: code for code, word in enumerate(SMALL_WORDS, 1)}
assert len(SMALL_WORDS) < 256


# Letters that Unicode does not decompose into a plain letter and an accent, and ligatures,
# as a reader types them without the key: "Łódź" is "lodz", "Ærø" is "aeroe".
BEYOND_ACCENTS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ŧ": "t"}
    | {"æ": "ae", "œ": "oe", "þ": "th", "ĳ": "ij"}
)


# Combining marks that are part of a letter rather than an accent on it: the kana voicing
# marks (カ is not ガ) and the breve of the Cyrillic й (новый is not новыи).
LETTER_MARKS = frozenset("\u3099\u309a")
BREVE, CYRILLIC_I = "\u0306", frozenset("иИ")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case and accents folded, the one way for the index, the query and the snippet:
    "Côte" is "cote", "Straße" "strasse", "İstanbul" "istanbul", "Łódź" "lodz"; Arabic loses
    its vowel marks; Hangul, kana and й keep what makes them the letters they are."""
    if text.isascii():
        return text.lower()
    kept: list[str] = []
    for char in unicodedata.normalize("NFKD", text.casefold()):
        breve_of_i = char == BREVE and kept and kept[-1] in CYRILLIC_I
        if not unicodedata.combining(char) or char in LETTER_MARKS or breve_of_i:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).translate(BEYOND_ACCENTS)


# Scripts written without spaces between words (Chinese, Japanese) or with particles glued
# to them (Korean): a run of their letters is indexed as overlapping pairs, as Lucene's CJK
# analyzer does. "北约军事演习" is 北约 约军 军事 事演 演习; "나토를" is 나토 토를, so that
# 나토 finds it.
CJK_LETTERS = (
    "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff\uf900-\ufaff\uff66-\uff9f"
)
CJK = re.compile(f"[{CJK_LETTERS}]+")
_CJK_OR_NOT = re.compile(f"[{CJK_LETTERS}]+|[^{CJK_LETTERS}]+")


def is_cjk(word: str) -> bool:
    """Whether ``word`` (a token, or a term) is written in a CJK script."""
    return bool(word) and CJK.fullmatch(word[0]) is not None


def cjk_typo_notice(word: str) -> str:
    """What a search says of a typo mark (``~``) on a CJK word, which it cannot apply."""
    return (
        f"A typo mark (~) does not apply to Chinese, Japanese or Korean words: “{word}” was "
        "searched as written."
    )


def cjk_prefix_notice(word: str) -> str:
    """What a search says of a wildcard after a CJK word of two letters or more."""
    return (
        f"A wildcard is not needed after Chinese, Japanese or Korean letters: “{word}” is found "
        "inside longer words as it is."
    )


def bigrams(run: str) -> list[str]:
    """A run of CJK letters as its overlapping pairs (a single letter stands alone)."""
    return [run[i : i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run]


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """``words`` with where each lies in ``text`` (a CJK pair as written, half-width or not)."""
    spans: list[tuple[str, int, int]] = []
    for match in TOKEN.finditer(text):
        word, start = match.group(), match.start()
        if not CJK.search(word):
            spans.append((word, start, match.end()))
            continue
        for part in _CJK_OR_NOT.finditer(word):
            at = start + part.start()
            if CJK.match(part.group()):
                run = part.group()
                spans.extend(
                    (pair, at + i, at + i + len(pair)) for i, pair in enumerate(bigrams(run))
                )
            else:
                spans.extend(
                    (m.group(), at + m.start(), at + m.end()) for m in TOKEN.finditer(part.group())
                )
    return spans


def words(text: str) -> list[str]:
    """The words of ``text`` in order, a run of CJK letters as its pairs: one a position."""
    found = TOKEN.findall(text)
    if not CJK.search(text):
        return found
    split: list[str] = []
    for word in found:
        if not CJK.search(word):
            split.append(word)
            continue
        for part in _CJK_OR_NOT.findall(word):  # "NATO를": NATO, then 를
            if CJK.match(part):  # half-width kana as full-width, before pairing
                split.extend(bigrams(unicodedata.normalize("NFKC", part)))
            else:
                split.extend(TOKEN.findall(part))
    return split


_stemmers = threading.local()  # a Snowball stemmer is not to be shared between threads


def _stemmer(algorithm: str) -> Stemmer.Stemmer:
    stemmer = getattr(_stemmers, algorithm, None)
    if stemmer is None:
        stemmer = Stemmer.Stemmer(algorithm)
        setattr(_stemmers, algorithm, stemmer)
    return stemmer


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem an already folded word by the rules of its script: Snowball's English Porter for
    Latin ("negotiated", "negotiating" and "negotiate" are all "negoti"), Snowball's Russian
    for Cyrillic ("России" and "Россия" are "росс"), light stemming for Arabic; CJK pairs and
    other scripts as they are."""
    first = word[:1]
    if not first:
        return word
    if first < "\u0370":
        return _stemmer("porter").stemWord(word)
    if "\u0400" <= first <= "\u04ff":
        return _stemmer("russian").stemWord(word)
    if "\u0600" <= first <= "\u06ff":
        return light_stem(word)
    return word


def is_searchable(word: str) -> bool:
    """Whether a word counts outside quotes: not a stop word, not a single Latin letter or
    digit (a single CJK letter is a word)."""
    folded = fold(word)
    return (len(folded) > 1 or is_cjk(folded)) and folded not in STOP


def query_terms(text: str) -> list[str]:
    """Terms of text typed outside quotes: stop words and single letters are dropped."""
    return [stem(fold(word)) for word in words(text) if is_searchable(word)]


def transpositions(word: str) -> list[str]:
    """``word`` with each pair of neighbouring letters swapped: "nucelar" -> "nuclear"…"""
    return [
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(len(word) - 1)
        if word[i] != word[i + 1]
    ]


def phrase_words(text: str) -> list[str | int]:
    """Every word of a quoted phrase: an indexed term, or a small word's code."""
    found: list[str | int] = []
    for word in words(text):
        folded = fold(word)
        found.append(SMALL_CODES.get(folded) or stem(folded))
    return found
