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


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case and accents folded, the one way for the index, the query and the snippet:
    "Côte" is "cote", "Straße" "strasse", "İstanbul" "istanbul", "Łódź" "lodz"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.translate(BEYOND_ACCENTS)


_stemmers = threading.local()  # a Snowball stemmer is not to be shared between threads


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem an already folded word with the English Porter stemmer (Snowball's, from
    PyStemmer): "negotiated", "negotiating" and "negotiate" are all "negoti"."""
    stemmer = getattr(_stemmers, "porter", None)
    if stemmer is None:
        stemmer = _stemmers.porter = Stemmer.Stemmer("porter")
    return stemmer.stemWord(word)


def is_searchable(word: str) -> bool:
    """Whether a word counts outside quotes: not a stop word, not a single letter."""
    folded = fold(word)
    return len(folded) > 1 and folded not in STOP


def query_terms(text: str) -> list[str]:
    """Terms of text typed outside quotes: stop words and single letters are dropped."""
    return [stem(fold(word)) for word in TOKEN.findall(text) if is_searchable(word)]


def transpositions(word: str) -> list[str]:
    """``word`` with each pair of neighbouring letters swapped: "nucelar" -> "nuclear"…"""
    return [
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(len(word) - 1)
        if word[i] != word[i + 1]
    ]


def phrase_words(text: str) -> list[str | int]:
    """Every word of a quoted phrase: an indexed term, or a small word's code."""
    words: list[str | int] = []
    for word in TOKEN.findall(text):
        folded = fold(word)
        words.append(SMALL_CODES.get(folded) or stem(folded))
    return words
