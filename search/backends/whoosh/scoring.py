"""Evaluate a compiled query with numpy: one match mask and one BM25F score per document.

Whoosh's own matchers walk documents one at a time in Python, and faceting
needs every match, not just the top 20. Here each term's postings are read a
block at a time into arrays and combined with boolean algebra.

Scoring is BM25F as defined by Robertson & Zaragoza, "The Probabilistic
Relevance Framework: BM25 and Beyond" (2009), §3.5 (after Robertson, Zaragoza
& Taylor, "Simple BM25 extension to multiple weighted fields", CIKM 2004)::

    tf~(t, d) = sum over fields f of  w_f * tf(t, f, d) / ((1 - b_f) + b_f * len(f, d) / avglen(f))
    score(t, d) = idf(t) * tf~ * (k1 + 1) / (k1 + tf~)

so a term's frequencies in every field are weighted and summed *before* one
saturation, with one idf per term. The document frequency behind that idf is
the term's largest over the fields, as in Lucene's ``CombinedFieldQuery``.
A field-restricted word (``title:x``) sums over that field only; a phrase is
scored as one pseudo-term whose frequency is the number of times the phrase
occurs and whose idf is the sum of its words' idfs (as Lucene scores
phrases), so words, phrases and fields share one scale. Field weights (and
each field's b) live in ``schema.FIELD_WEIGHTS`` and
``schema.FIELD_B`` and are applied here, once.
"""

from __future__ import annotations

import functools
import math
import os
import time
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from search.analysis import STEMMED_LANGUAGES
from search.backends.whoosh import internals
from search.backends.whoosh import query as q
from search.backends.whoosh.lexicon import Lexicon
from search.backends.whoosh.postings import Leaf, Postings, read_postings, read_segment
from search.backends.whoosh.postings_cache import PostingsCache
from search.backends.whoosh.schema import FIELD_B, FIELD_WEIGHTS, TEXT_FIELDS

K1 = 1.6


class OutOfTime(Exception):
    """The time budget ran out; what was evaluated so far is kept."""


@dataclass
class Collection:
    """One searcher generation: its segments and the length statistics BM25F needs."""

    reader: object
    leaves: list[Leaf]
    live: np.ndarray  # bool per document: not deleted
    lengths: dict[str, np.ndarray]  # field -> length of each document's field
    lexicon: Lexicon  # the segments' word lists, for typos
    postings_cache: PostingsCache | None = None  # decoded postings kept between searches

    def __post_init__(self) -> None:
        self._columns: dict[str, list] = {}
        self._files: dict[tuple[str, int], internals.ColumnFile | None] = {}
        self._offsets = np.array([leaf.offset for leaf in self.leaves], dtype=np.int64)
        self.size = len(self.live)
        self.doc_count = max(1, int(np.count_nonzero(self.live)))
        # BM25's length normalisation per field and document: (1 - b) + b * len / avglen.
        self.norms = {}
        for name in TEXT_FIELDS:
            lengths = self.lengths[name]
            average = max(float(lengths[self.live].mean()) if self.live.any() else 0.0, 1e-6)
            b = FIELD_B[name]
            self.norms[name] = ((1 - b) + b * lengths / average).astype(np.float32)

    @cached_property
    def languages(self) -> tuple[str, ...]:
        """The languages with their own stemmer that this generation holds texts in: their
        terms are searched too (search.query.forms). Once a generation, not once a search,
        from the word lists each segment reads once."""
        return tuple(lang for lang in STEMMED_LANGUAGES if self.lexicon.contains("language", lang))

    def warm(self, recent: list[tuple[str, str, bool]] = ()) -> None:
        """Read now what the first searches of this generation would: the languages held,
        each small segment's word lists (``SegmentTerms.lacks``), and its postings of the
        ``recent`` words that it holds, into the postings cache. A large segment's postings
        are left to the searches: a new one comes only from a rebuild."""
        _ = self.languages
        cache = self.postings_cache
        for leaf in self.leaves:
            if leaf.terms is None or not leaf.terms.read_small(leaf.reader):
                continue
            for fieldname, text, positions in recent if cache is not None else ():
                key = (leaf.segment, fieldname, text, positions)
                if fieldname not in TEXT_FIELDS or cache.holds(key):
                    continue
                if not leaf.terms.lacks(leaf.reader, fieldname, text):
                    read = functools.partial(read_segment, leaf.reader, fieldname, text, positions)
                    cache.get(key, read)

    def small_words(self, fieldname: str, docnum: int) -> bytes:
        """The small-word column of one document's field (schema.ArchiveText)."""
        readers = self._columns.get(fieldname)
        if readers is None:
            readers = self._columns[fieldname] = [
                leaf.reader.column_reader(fieldname, translate=False) for leaf in self.leaves
            ]
        leaf = int(np.searchsorted(self._offsets, docnum, side="right")) - 1
        return readers[leaf][docnum - self.leaves[leaf].offset] or b""

    def id_of(self, docnum: int) -> str:
        """The statement id of document ``docnum`` (``segment_ids``)."""
        leaf = self.leaves[int(np.searchsorted(self._offsets, docnum, side="right")) - 1]
        return leaf.ids.of(leaf.reader, docnum - leaf.offset)

    def small_word_spans(
        self, fieldname: str, docs: np.ndarray, lo: np.ndarray, hi: np.ndarray
    ) -> list[bytes]:
        """``column[lo:hi]`` of each of ``docs``' small-word columns of one field: a phrase
        with a small word checks a byte or two of each of a thousand documents, read with one
        call each where the column lies in a file (``internals.column_file``)."""
        leaves = np.searchsorted(self._offsets, docs, side="right") - 1
        spans: list[bytes] = [b""] * len(docs)
        for leaf in np.unique(leaves).tolist():
            chosen = np.flatnonzero(leaves == leaf)
            local = docs[chosen] - self.leaves[leaf].offset
            found = self._column_file(fieldname, leaf)
            if found is None:
                for n, doc in zip(chosen.tolist(), docs[chosen].tolist(), strict=True):
                    spans[n] = self.small_words(fieldname, doc)[lo[n] : hi[n]]
                continue
            sizes = np.minimum(hi[chosen], found.lengths[local]) - lo[chosen]
            starts = found.start + found.offsets[local] + lo[chosen]
            read, fd = os.pread, found.fd
            for n, size, at in zip(chosen.tolist(), sizes.tolist(), starts.tolist(), strict=True):
                if size > 0:
                    spans[n] = read(fd, size, at)
        return spans

    def _column_file(self, fieldname: str, leaf: int) -> internals.ColumnFile | None:
        key = (fieldname, leaf)
        if key not in self._files:
            column = self.leaves[leaf].reader.column_reader(fieldname, translate=False)
            self._files[key] = internals.column_file(column)
        return self._files[key]


def field_lengths(reader, size: int) -> dict[str, np.ndarray]:
    """Length of each text field of each document of one segment."""
    lengths = {}
    for name in TEXT_FIELDS:
        # whoosh3 answers None, not the default, for an empty field: hence ``or 0``.
        lengths[name] = np.fromiter(
            (reader.doc_field_length(docnum, name, 0) or 0 for docnum in range(size)),
            dtype=np.float32,
            count=size,
        )
    return lengths


def saturate(tf: np.ndarray) -> np.ndarray:
    return tf * (K1 + 1) / (tf + K1)


class Evaluator:
    """Evaluate one query over a searcher generation; postings are read once per query."""

    def __init__(self, collection: Collection, deadline: float) -> None:
        self.collection = collection
        self.size = collection.size
        self.deadline = deadline
        self.timed_out = False
        self._postings: dict[tuple[str, str], Postings] = {}
        self._idf: dict[str, float] = {}

    def run(self, query: q.Query) -> tuple[np.ndarray, np.ndarray]:
        mask, scores = self._eval(query)
        return mask & self.collection.live, scores

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            self.timed_out = True
            raise OutOfTime

    def postings(self, fieldname: str, text: str) -> Postings:
        key = (fieldname, text)
        found = self._postings.get(key)
        if found is None:
            self.check_time()
            found = read_postings(
                self.collection.leaves,
                fieldname,
                text,
                positions=fieldname in FIELD_WEIGHTS,
                cache=self.collection.postings_cache,
            )
            self._postings[key] = found
        return found

    def idf(self, text: str) -> float:
        """One idf per term, whatever the fields searched (see the module docstring)."""
        value = self._idf.get(text)
        if value is None:
            n = self.collection.doc_count
            read = [self._postings.get((name, text)) for name in TEXT_FIELDS]
            if all(p is not None for p in read):  # postings already read: no lookups
                df = max(len(p.docs) for p in read)
            else:
                df = max(self.collection.reader.doc_frequency(name, text) for name in TEXT_FIELDS)
            df = min(n, df)
            value = self._idf[text] = math.log(1 + (n - df + 0.5) / (df + 0.5))
        return value

    def _empty(self) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(self.size, bool), np.zeros(self.size, np.float32)

    def _eval(self, query: q.Query) -> tuple[np.ndarray, np.ndarray]:
        if isinstance(query, q.Term):
            return self._term(query)
        if isinstance(query, q.Phrase):
            return self._phrase(query)
        if isinstance(query, q.Facet):
            mask = np.zeros(self.size, bool)
            for value in query.values:
                mask[self.postings(query.name, value).docs] = True
            return mask, np.zeros(self.size, np.float32)
        if isinstance(query, q.Exclude):
            child, _ = self._eval(query.child)
            return ~child, np.zeros(self.size, np.float32)
        if isinstance(query, q.Any):
            mask, scores = self._empty()
            for child in query.children:
                try:
                    child_mask, child_scores = self._eval(child)
                except OutOfTime:
                    break  # keep what the earlier alternatives found
                mask |= child_mask
                scores += child_scores
            return mask, scores
        mask, scores = np.ones(self.size, bool), np.zeros(self.size, np.float32)
        for child in query.children:  # All
            child_mask, child_scores = self._eval(child)
            mask &= child_mask
            scores += child_scores
        return mask, scores * mask

    def _bm25f(self, frequencies: dict[str, tuple[np.ndarray, np.ndarray]], idf: float):
        """Match mask and scores from (documents, frequency) per field."""
        mask, combined = self._empty()
        for name, (docs, tf) in frequencies.items():
            if len(docs):
                mask[docs] = True
                combined[docs] += FIELD_WEIGHTS[name] * tf / self.collection.norms[name][docs]
        return mask, (idf * saturate(combined)).astype(np.float32)

    def _term(self, term: q.Term) -> tuple[np.ndarray, np.ndarray]:
        frequencies = {}
        for name in term.fields:
            postings = self.postings(name, term.text)
            frequencies[name] = (postings.docs, postings.tf)
        return self._bm25f(frequencies, self.idf(term.text))

    def _phrase(
        self, phrase: q.Phrase, within: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        frequencies = {name: self.phrase_frequency(phrase, name, within) for name in phrase.fields}
        idf = sum(self.idf(text) for text in dict.fromkeys(phrase.terms))
        return self._bm25f(frequencies, idf)

    def phrase_scores(self, phrase: q.Phrase, within: np.ndarray) -> np.ndarray:
        """BM25F scores of a phrase, counted only in the documents ``within``."""
        return self._phrase(phrase, within)[1]

    def phrase_frequency(
        self, phrase: q.Phrase, fieldname: str, within: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(documents, occurrences) of the phrase's words in order within one field.

        Each occurrence is keyed by (document, position of the phrase's first
        word). Terms go first, rarest first: the occurrences of one are kept
        while every other has the same key, and only the positions of
        documents still in the running are decoded. Small words are then
        checked in their field's column at their offsets.
        """
        anchors = [(i, w) for i, w in enumerate(phrase.words) if isinstance(w, str)]
        checks = [(i, w) for i, w in enumerate(phrase.words) if isinstance(w, int)]
        if anchors:
            keys = self._anchored(anchors, fieldname, within)
        else:
            keys, checks = self._small_only(phrase.words, fieldname, within), []
        if checks and len(keys):
            keys = self._check_small(keys, checks, fieldname)
        if not len(keys):
            return np.empty(0, np.int64), np.empty(0, np.float32)
        docs, counts = np.unique(keys >> 32, return_counts=True)
        return docs, counts.astype(np.float32)

    def _anchored(
        self, anchors: list[tuple[int, str]], fieldname: str, within: np.ndarray | None
    ) -> np.ndarray:
        postings = [(offset, self.postings(fieldname, text)) for offset, text in anchors]
        if any(not len(p.docs) for _, p in postings):
            return np.empty(0, np.int64)
        alive = np.ones(self.size, bool) if within is None else within.copy()
        for _, p in postings:
            present = np.zeros(self.size, bool)
            present[p.docs] = True
            alive &= present
        keys = np.empty(0, np.int64)
        if not alive.any():
            return keys
        for n, (offset, p) in enumerate(sorted(postings, key=lambda item: len(item[1].docs))):
            self.check_time()
            docs, positions = p.positions(alive)
            starts = positions - offset
            valid = starts >= 0
            found = (docs[valid] << 32) | starts[valid]
            keys = found if n == 0 else keys[np.isin(keys, found, assume_unique=True)]
            if not len(keys):
                return keys
            alive = np.zeros(self.size, bool)
            alive[keys >> 32] = True
        return np.sort(keys)

    def _check_small(self, keys: np.ndarray, checks: list[tuple[int, int]], fieldname: str):
        """Keep the occurrences (sorted keys) whose small words stand at their offsets."""
        self.check_time()
        docs = keys >> 32
        distinct, first = np.unique(docs, return_index=True)
        starts = keys & 0xFFFFFFFF
        offsets = [offset for offset, _ in checks]
        # Of each document's column, only the span its occurrences' checks fall in.
        lo = np.minimum.reduceat(starts, first) + min(offsets)
        hi = np.maximum.reduceat(starts, first) + max(offsets) + 1
        spans = self.collection.small_word_spans(fieldname, distinct, lo, hi)
        lengths = np.fromiter(map(len, spans), np.int64, len(spans))
        base = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        joined = np.frombuffer(b"".join(spans), np.uint8)
        which = np.repeat(np.arange(len(distinct)), np.diff(np.append(first, len(keys))))
        keep = np.ones(len(keys), bool)
        for offset, code in checks:
            at = starts + offset - lo[which]
            inside = at < lengths[which]
            values = np.zeros(len(keys), np.uint8)
            values[inside] = joined[(base[which] + at)[inside]]
            keep &= values == code
        return keys[keep]

    def _small_only(
        self, words: tuple[int, ...], fieldname: str, within: np.ndarray | None
    ) -> np.ndarray:
        """Occurrences of a phrase of small words only: every document's column is scanned."""
        pattern = bytes(words)
        keys = []
        scanned = self.collection.live if within is None else self.collection.live & within
        docs = np.flatnonzero(scanned)
        for begin in range(0, len(docs), 512):
            self.check_time()
            chunk = docs[begin : begin + 512]
            start, end = np.zeros(len(chunk), np.int64), np.full(len(chunk), 2**62, np.int64)
            spans = self.collection.small_word_spans(fieldname, chunk, start, end)  # whole
            for doc, column in zip(chunk.tolist(), spans, strict=True):
                at = column.find(pattern)
                while at >= 0:
                    keys.append((doc << 32) | at)
                    at = column.find(pattern, at + 1)
        return np.asarray(keys, dtype=np.int64)
