"""The Whoosh schema: how text becomes terms, how positions are stored, what each field weighs."""

from __future__ import annotations

import sys
from array import array
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from whoosh import columns, fields, formats
from whoosh.analysis import Token, Tokenizer

from search import facets
from search.analysis import (
    SMALL_CODES,
    fold,
    is_searchable,
    language_parts,
    stem,
    word_spans,
    words,
)

# Bump when what the index stores changes: an older index must be rebuilt.
INDEX_FORMAT = 9

# Facet fields (declared in search.facets): exact slugs or codes, one value or several.
SINGLE_FACETS = facets.SINGLE
MULTI_FACETS = facets.MULTI

# The text fields a query searches by default, and the one place their weights
# live: BM25F (scoring.py) multiplies each field's term frequency by its weight,
# once, before the frequencies of all fields saturate together; so a title match
# adds to a body about the query instead of drowning it. Chosen with
# `python -m bench.relevance.tune` (docs/architecture/backends.md, "Ranking").
FIELD_WEIGHTS = {
    "title": 2.0,
    "summary": 1.2,
    "body": 1.0,
    "meta": 0.6,  # issuer, speaker and post, issuing country, events, the date: names and aliases
    # The countries named, by every name and alias: found in the text itself, so
    # they count for little; they let "DPRK" find a speech that says "North Korea".
    "named_countries": 0.1,
}
TEXT_FIELDS = tuple(FIELD_WEIGHTS)
# How much BM25 normalises each field by its length (b: 0 none, 1 fully). Imported
# titles are long or short by the speaker's post, not by what the speech is about.
FIELD_B = {"title": 0.75, "summary": 0.75, "body": 0.7, "meta": 0.75, "named_countries": 0.75}

# Positions of the lines of a multi-line field (meta) lie this far apart, so
# neither phrases nor proximity join the end of one name to the next.
LINE_GAP = 100

FIRST_TERM = 256  # codes below are small words (0: none), from here on numbered terms


class Vocabulary:
    """Surface words numbered once: a small word's code, or ``FIRST_TERM`` + its term's number.

    Numbers let ``analyse`` sort a text's words with numpy instead of
    grouping them word by word in Python.
    """

    LIMIT = 1_000_000  # surface words or terms before a fresh vocabulary replaces this one

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}  # an English (or unmarked) text's words
        self.by_language: dict[str, dict[str, int]] = {"": self.codes}
        self.terms: list[str] = []
        self.term_bytes: list[bytes] = []
        self._numbers: dict[str, int] = {}
        # The codes of whole lines of names (meta, countries named): the same names recur in
        # thousands of documents, each line is split and looked up once.
        self.lines: dict[str, list[int]] = {}

    def codes_in(self, language: str) -> dict[str, int]:
        """The codes of the words seen in texts of ``language`` ("": English, or unmarked)."""
        codes = self.by_language.get(language)
        if codes is None:
            codes = self.by_language[language] = {}
        return codes

    def code(self, word: str, language: str = "") -> int:
        codes = self.codes_in(language)
        code = codes.get(word)
        if code is None:
            folded = fold(word)
            code = SMALL_CODES.get(folded)
            if code is None:
                term = stem(folded, language)
                code = self._numbers.get(term)
                if code is None:
                    code = self._numbers[term] = FIRST_TERM + len(self.terms)
                    self.terms.append(term)
                    self.term_bytes.append(term.encode("utf-8"))
            codes[word] = code
        return code


_vocabulary = Vocabulary()


def _current_vocabulary() -> Vocabulary:
    """The shared vocabulary; replaced, never emptied, when it grows past its limit.

    A caller keeps the one it was handed for a whole text, so its numbers
    stay valid even if another thread replaces it meanwhile.
    """
    global _vocabulary
    vocabulary = _vocabulary
    seen = sum(len(codes) for codes in vocabulary.by_language.values())
    sizes = (seen, len(vocabulary.terms), len(vocabulary.lines))
    if max(sizes) > Vocabulary.LIMIT:
        vocabulary = _vocabulary = Vocabulary()
    return vocabulary


# One posting of a text: the term in UTF-8, its frequency, its weight, its
# positions encoded (ArrayPositions); the shape Whoosh's ``FieldType.index`` yields.
Posting = tuple[bytes, int, float, bytes]


@dataclass(frozen=True)
class Analysed:
    """A field's text as the index holds it: its terms' postings, in columns."""

    terms: list[bytes]  # each term in UTF-8, in the order of its number
    freqs: list[int]  # how often each occurs (its weight too)
    values: list[bytes]  # each term's positions, encoded (ArrayPositions)
    small: bytes  # per position: the code of the small word there, or 0

    @property
    def postings(self) -> list[Posting]:
        """One (term, frequency, weight, positions) a term, as ``FieldType.index`` yields them."""
        return list(zip(self.terms, self.freqs, map(float, self.freqs), self.values, strict=True))


@lru_cache(maxsize=16)
def analyse(text: str, line_gap: bool = False) -> Analysed:
    """Split ``text`` into its terms' postings and its small words.

    Every word becomes its vocabulary code; numpy then sorts the positions
    by term, and each term's positions are one slice of a single encoded
    buffer. Cached, so that the postings and the small-word column of one
    field value share one pass over the text.
    """
    vocabulary = _current_vocabulary()
    codes: list[int] = []
    for line in text.split("\n") if line_gap else (text,):
        if codes:
            codes.extend(_GAP)
        found = vocabulary.lines.get(line) if line_gap else None
        if found is None:
            found = _codes(vocabulary, line)
            if line_gap:
                vocabulary.lines[line] = found
        codes.extend(found)
    coded = np.array(codes, dtype=np.int64)
    small = np.where(coded < FIRST_TERM, coded, 0).astype(np.uint8).tobytes()
    positions = np.flatnonzero(coded >= FIRST_TERM)
    if not len(positions):
        return Analysed([], [], [], small)
    numbers = coded[positions]
    order = np.argsort(numbers, kind="stable")  # by term; positions stay ascending
    numbers, positions = numbers[order], positions[order]
    starts = np.flatnonzero(np.diff(numbers, prepend=-1))
    ends = np.append(starts[1:], len(numbers))
    narrow = positions.astype("<u2").tobytes()
    wide = positions.astype("<u4").tobytes() if positions.max() > 0xFFFF else b""
    terms = list(map(vocabulary.term_bytes.__getitem__, (numbers[starts] - FIRST_TERM).tolist()))
    bounds = zip(starts.tolist(), ends.tolist(), strict=True)
    if not wide:
        values = [narrow[2 * start : 2 * end] for start, end in bounds]
    else:  # positions past 65,535: uint32 and one byte of padding (see ArrayPositions)
        values = [
            narrow[2 * start : 2 * end] if last <= 0xFFFF else wide[4 * start : 4 * end] + b"\0"
            for (start, end), last in zip(bounds, positions[ends - 1].tolist(), strict=True)
        ]
    return Analysed(terms, (ends - starts).tolist(), values, small)


_GAP = [0] * LINE_GAP


def _codes(vocabulary: Vocabulary, text: str) -> list[int]:
    """The codes of a text's words, each part stemmed by its language (``language_parts``)."""
    codes: list[int] = []
    for language, part in language_parts(text):
        known, code_of = vocabulary.codes_in(language).get, vocabulary.code
        codes.extend([known(word) or code_of(word, language) for word in words(part)])
    return codes


class ArchiveTokenizer(Tokenizer):
    """Tokenize, fold accents and stem; small words come out marked ``stopped``.

    Only Whoosh's own helpers call this: the index is written from
    ``analyse()`` by ``ArrayPositions`` and ``ArchiveText``, and queries are
    analysed by ``search.backends.whoosh.query``.
    """

    def __init__(self, line_gap: bool = False) -> None:
        self.line_gap = line_gap

    def __eq__(self, other):
        return type(other) is type(self) and other.line_gap == self.line_gap

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
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        spans = word_spans(value) if tokenize else [(value, 0, len(value))]
        for position, (word, start, end) in enumerate(spans, start_pos):
            stopped = not is_searchable(word)
            if stopped and removestops:
                continue
            token.text, token.stopped, token.boost = stem(fold(word)), stopped, 1.0
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = position
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


class ArrayPositions(formats.Positions):
    """Each posting's positions as a little-endian array that numpy reads as it is.

    Whoosh's own format pickles position deltas, which only Python can
    decode one posting at a time; here numpy decodes a whole block of
    postings in one call (phrases and proximity, scoring.py). Positions are
    uint16 while they fit, which they do in any text under 65,536 words;
    past that a posting is uint32 with one byte of padding, so an odd
    length tells the wider kind. No field boost is baked into the stored
    weight: weights are applied once, at scoring.
    """

    def __init__(self, line_gap: bool = False, **options) -> None:
        super().__init__(field_boost=1.0, **options)
        self.line_gap = line_gap
        self.version = INDEX_FORMAT  # pickled with the schema: tells an outdated index

    def word_values(self, value, analyzer, **kwargs):
        for tbytes, freq, weight, vbytes in analyse(value, self.line_gap).postings:
            yield tbytes.decode("utf-8"), freq, weight, vbytes

    def encode(self, poslist) -> bytes:
        wide = poslist[-1] > 0xFFFF
        packed = array("I" if wide else "H", poslist)
        if sys.byteorder == "big":
            packed.byteswap()
        return packed.tobytes() + (b"\0" if wide else b"")

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return decode_positions(valuestring).tolist()

    def decode_frequency(self, valuestring: bytes) -> int:
        return len(valuestring) // 4 if len(valuestring) % 2 else len(valuestring) // 2

    def decode_weight(self, valuestring: bytes) -> float:
        return float(self.decode_frequency(valuestring))

    def combine(self, vs) -> bytes:
        return self.encode(sorted({p for v in vs for p in self.decode_positions(v)}))


def decode_positions(value: bytes) -> np.ndarray:
    """One posting's positions (ArrayPositions)."""
    if len(value) % 2:
        return np.frombuffer(value, "<u4", count=len(value) // 4).astype(np.int64)
    return np.frombuffer(value, "<u2").astype(np.int64)


class ArchiveText(fields.TEXT):
    """A text field: its terms with positions, and a column of its small words."""

    def __init__(self, line_gap: bool = False) -> None:
        super().__init__(analyzer=ArchiveTokenizer(line_gap))
        self.format = ArrayPositions(line_gap=line_gap)
        self.column_type = columns.VarBytesColumn()
        self.line_gap = line_gap

    def index(self, value, **kwargs) -> list[Posting]:
        """The text's postings, as ``FieldType.index`` gives them, without its generators."""
        return self._analysed(value).postings

    def index_columns(self, value) -> tuple[list[bytes], list[int], list[int], list[bytes]]:
        """The text's postings as columns: terms, frequencies, weights (the frequencies,
        which the writer stores as floats), positions (bulk.py)."""
        analysed = self._analysed(value)
        return analysed.terms, analysed.freqs, analysed.freqs, analysed.values

    def _analysed(self, value) -> Analysed:
        if not isinstance(value, str):
            raise ValueError(f"{value!r} is not a string")
        return analyse(value, self.line_gap)

    def to_column_value(self, value) -> bytes:
        return analyse(value, self.line_gap).small


def is_current(schema: fields.Schema) -> bool:
    """Whether an index with ``schema`` stores what this code reads, every facet included."""
    text_format = schema["body"].format if "body" in schema else None
    has_facets = all(name in schema for name in facets.NAMES)
    return has_facets and getattr(text_format, "version", None) == INDEX_FORMAT


def build_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True, sortable=True),
        version=fields.ID(sortable=True),
        slug=fields.STORED(),
        # Texts are not stored: the caller reads them for snippets (search.searching).
        # No spelling word list either (it cost a third of indexing time):
        # suggestions come from the stemmed body terms (see suggestions.py).
        title=ArchiveText(),
        summary=ArchiveText(),
        body=ArchiveText(),
        meta=ArchiveText(line_gap=True),
        named_countries=ArchiveText(line_gap=True),
        source_id=fields.ID(stored=True),
        date_start=fields.ID(),  # yyyymmdd, for the date arrays
        date_end=fields.ID(),
        **{name: fields.ID() for name in SINGLE_FACETS},
        **{name: fields.KEYWORD(lowercase=False, commas=False) for name in MULTI_FACETS},
    )
