"""The Whoosh schema: analyzers, fields and how much each field weighs."""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh import fields
from whoosh.analysis import Analyzer, Token, Tokenizer
from whoosh.analysis.filters import STOP_WORDS
from whoosh.lang.porter import stem as porter_stem
from whoosh.support.charset import accent_map

# "us" is a stop word in Whoosh's list, but "US" is a country here.
STOP = frozenset(STOP_WORDS) - {"us"}
TOKEN_PATTERN = r"\w+(?:\.?\w+)*"

# Facet fields: exact slugs or codes, one value or several per document.
SINGLE_FACETS = ("country", "kind", "language", "year", "decade")
MULTI_FACETS = ("issuer", "event", "mentioned")  # issuer: the body and its co-issuers

# Text fields a query searches by default, with their weights. Imported
# titles are composed from country, speaker and post, so a heavy title boost
# would rank every speech *by* a country above the speeches *about* it.
FIELD_BOOSTS = {
    "title": 1.5,
    "summary": 1.2,
    "body": 1.0,
    "meta": 0.6,  # issuer, speaker and post, countries and events: names and aliases
}

# Field prefixes people type (title:korea) and the index fields they mean.
FIELD_ALIASES = {
    "title": "title",
    "summary": "summary",
    "body": "body",
    "text": "body",
    "issuer": "meta",
    "speaker": "meta",
    "country": "meta",
    "countries": "meta",
    "event": "meta",
    "events": "meta",
}


def fold(text: str) -> str:
    """Lower-case and strip accents: "Côte" -> "cote"."""
    return text.lower().translate(accent_map)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem an already folded word with the English Porter stemmer."""
    return porter_stem(word)


class ArchiveTokenizer(Tokenizer):
    """Tokenize, lower-case, fold accents, drop stop words and stem, in one pass.

    Equivalent to RegexTokenizer | LowercaseFilter | CharsetFilter |
    StopFilter | StemFilter, but without five generator layers per token and
    with one cache from surface word to indexed term: indexing a corpus of
    32 million words meets only a few hundred thousand distinct words.
    """

    def __init__(self, stemming: bool = True) -> None:
        self.stemming = stemming

    def __eq__(self, other):
        return type(other) is type(self) and other.stemming == self.stemming

    def has_morph(self) -> bool:
        """Tell Whoosh to keep unstemmed words for spelling suggestions."""
        return self.stemming

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        no_morph=False,
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        stemming = self.stemming and not no_morph
        if not tokenize:
            token.original = token.text = _term(value, stemming) or fold(value)
            token.boost, token.stopped = 1.0, False
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        position = start_pos
        if chars:
            matches = ((m.group(), m.start(), m.end()) for m in _TOKEN.finditer(value))
        else:  # the common case: findall runs in C and makes no match objects
            matches = ((word, 0, 0) for word in _TOKEN.findall(value))
        cache, missing = _TERMS, _MISSING
        for word, start, end in matches:
            term = cache.get((word, stemming), missing)
            if term is missing:
                term = _term(word, stemming)
            if term is None:
                if removestops:
                    continue
                token.stopped, token.text = True, fold(word)
            else:
                token.stopped, token.text = False, term
            token.boost = 1.0
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = position
                position += 1
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


_TOKEN = re.compile(TOKEN_PATTERN)
_TERMS: dict[tuple[str, bool], str | None] = {}
_MISSING = object()


def _term(word: str, stemming: bool) -> str | None:
    """Return the indexed term for a surface word, or None for a stop word."""
    key = (word, stemming)
    try:
        return _TERMS[key]
    except KeyError:
        pass
    folded = fold(word)
    term = None if len(folded) < 2 or folded in STOP else stem(folded) if stemming else folded
    if len(_TERMS) > 1_000_000:
        _TERMS.clear()
    _TERMS[key] = term
    return term


def text_analyzer(stemming: bool = True) -> Analyzer:
    return ArchiveTokenizer(stemming)


def build_schema() -> fields.Schema:
    analyzer = text_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True, sortable=True),
        version=fields.ID(sortable=True),
        slug=fields.STORED(),
        # Texts are not stored: snippets read them through the TEXT_LOADER option.
        title=fields.TEXT(analyzer=analyzer, field_boost=FIELD_BOOSTS["title"]),
        summary=fields.TEXT(analyzer=analyzer, field_boost=FIELD_BOOSTS["summary"]),
        # No separate spelling word list: it cost a third of indexing time.
        # Suggestions come from the stemmed body terms (see the backend).
        body=fields.TEXT(analyzer=analyzer, field_boost=FIELD_BOOSTS["body"]),
        meta=fields.TEXT(analyzer=analyzer, field_boost=FIELD_BOOSTS["meta"]),
        source_id=fields.ID(stored=True),
        date_start=fields.ID(),  # yyyymmdd, for the date arrays
        date_end=fields.ID(),
        **{name: fields.ID() for name in SINGLE_FACETS},
        **{name: fields.KEYWORD(lowercase=False, commas=False) for name in MULTI_FACETS},
    )
