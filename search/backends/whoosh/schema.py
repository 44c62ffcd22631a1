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
    "issuer_text": 0.6,
    "speaker_text": 0.6,
    "country_text": 0.4,
    "event_text": 0.8,
}

# Field prefixes people type (title:korea) and the index fields they mean.
FIELD_ALIASES = {
    "title": "title",
    "summary": "summary",
    "body": "body",
    "text": "body",
    "issuer": "issuer_text",
    "speaker": "speaker_text",
    "country": "country_text",
    "countries": "country_text",
    "event": "event_text",
    "events": "event_text",
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
        for match in _TOKEN.finditer(value):
            word = match.group()
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
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


_TOKEN = re.compile(TOKEN_PATTERN)
_TERMS: dict[tuple[str, bool], str | None] = {}


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
    text = {"analyzer": analyzer, "phrase": True}
    return fields.Schema(
        id=fields.ID(stored=True, unique=True, sortable=True),
        version=fields.ID(sortable=True),
        slug=fields.STORED(),
        title=fields.TEXT(stored=True, field_boost=FIELD_BOOSTS["title"], spelling=True, **text),
        summary=fields.TEXT(stored=True, field_boost=FIELD_BOOSTS["summary"], **text),
        body=fields.TEXT(stored=True, field_boost=FIELD_BOOSTS["body"], spelling=True, **text),
        issuer_text=fields.TEXT(field_boost=FIELD_BOOSTS["issuer_text"], spelling=True, **text),
        speaker_text=fields.TEXT(field_boost=FIELD_BOOSTS["speaker_text"], **text),
        country_text=fields.TEXT(field_boost=FIELD_BOOSTS["country_text"], spelling=True, **text),
        event_text=fields.TEXT(field_boost=FIELD_BOOSTS["event_text"], **text),
        source_id=fields.ID(stored=True),
        date_start=fields.ID(),  # yyyymmdd, for the date arrays
        date_end=fields.ID(),
        **{name: fields.ID() for name in SINGLE_FACETS},
        **{name: fields.KEYWORD(lowercase=False, commas=False) for name in MULTI_FACETS},
    )
