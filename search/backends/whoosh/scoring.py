"""Evaluate a Whoosh query with numpy: one match mask and one BM25F score per document.

Whoosh's own matchers walk documents one at a time in Python, and faceting
needs every match, not just the top 20. Here each term's postings are read a
block at a time into arrays, combined with boolean algebra, and scored in
one vectorised BM25F pass (the same formula as ``whoosh.scoring.BM25F``).
Only phrases ask Whoosh, and only for documents that hold all their words.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from whoosh import query
from whoosh.reading import TermNotFound

from search.backends.whoosh.schema import FIELD_BOOSTS

K1 = 1.2
B = 0.75


class OutOfTime(Exception):
    """The time budget ran out; what was evaluated so far is kept."""


@dataclass
class Leaf:
    """One index segment's reader, its offset, and cached field lengths."""

    reader: object
    offset: int
    size: int
    lengths: Mapping[str, np.ndarray]


def field_lengths(reader, size: int) -> dict[str, np.ndarray]:
    """Length of each scored field of each document of one segment (cached per segment)."""
    lengths = {}
    for field in FIELD_BOOSTS:
        lengths[field] = np.fromiter(
            (reader.doc_field_length(docnum, field, 0) for docnum in range(size)),
            dtype=np.float32,
            count=size,
        )
    return lengths


def postings(reader, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    """Return (docnums, term frequencies) of a term in one segment."""
    try:
        matcher = reader.postings(fieldname, text)
    except TermNotFound:
        return np.empty(0, np.int64), np.empty(0, np.float32)
    raw = getattr(matcher, "child", matcher)
    if hasattr(raw, "_read_ids") and hasattr(raw, "_next_block"):
        # Read whole blocks rather than one posting at a time.
        ids_parts, weight_parts = [], []
        while raw.is_active():
            if raw._ids is None:
                raw._read_ids()
            if raw._weights is None:
                raw._read_weights()
            start = raw._i
            ids_parts.append(np.asarray(raw._ids[start:], dtype=np.int64))
            weight_parts.append(np.asarray(raw._weights[start:], dtype=np.float32))
            raw._next_block()
        if not ids_parts:
            return np.empty(0, np.int64), np.empty(0, np.float32)
        return np.concatenate(ids_parts), np.concatenate(weight_parts)
    items = [(matcher.id(), matcher.weight()) for _ in _walk(matcher)]
    ids = np.fromiter((i for i, _ in items), dtype=np.int64, count=len(items))
    weights = np.fromiter((w for _, w in items), dtype=np.float32, count=len(items))
    return ids, weights


def _walk(matcher):
    while matcher.is_active():
        yield
        matcher.next()


class Evaluator:
    """Evaluate one query over a searcher generation's segments."""

    def __init__(self, searcher, leaves: list[Leaf], live: np.ndarray, deadline: float):
        self.searcher = searcher
        self.leaves = leaves
        self.live = live
        self.size = len(live)
        self.deadline = deadline
        self.timed_out = False
        reader = searcher.reader()
        self.doc_count = max(1, reader.doc_count())
        self.avg_length = {
            field: max(reader.field_length(field) / self.doc_count, 1e-6) for field in FIELD_BOOSTS
        }

    def run(self, q: query.Query) -> tuple[np.ndarray, np.ndarray]:
        mask, scores = self._eval(q)
        return mask & self.live, scores

    def _check_time(self) -> None:
        if time.monotonic() > self.deadline:
            self.timed_out = True
            raise OutOfTime

    def _empty(self) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(self.size, bool), np.zeros(self.size, np.float32)

    def _eval(self, q: query.Query) -> tuple[np.ndarray, np.ndarray]:
        if isinstance(q, query.Term):
            return self._term(q.fieldname, q.text, q.boost)
        if isinstance(q, query.Or):
            mask, scores = self._empty()
            for child in q.subqueries:
                try:
                    child_mask, child_scores = self._eval(child)
                except OutOfTime:
                    break  # keep what the earlier alternatives found
                mask |= child_mask
                scores += child_scores
            return mask, scores
        if isinstance(q, query.And):
            mask, scores = np.ones(self.size, bool), np.zeros(self.size, np.float32)
            for child in q.subqueries:
                child_mask, child_scores = self._eval(child)
                mask &= child_mask
                scores += child_scores
            return mask, scores * mask
        if isinstance(q, query.Not):
            child_mask, _ = self._eval(q.query)
            return ~child_mask, np.zeros(self.size, np.float32)
        if isinstance(q, query.AndNot):
            mask, scores = self._eval(q.a)
            negative, _ = self._eval(q.b)
            mask &= ~negative
            return mask, scores * mask
        if isinstance(q, query.AndMaybe):
            mask, scores = self._eval(q.a)
            _, optional = self._eval(q.b)
            return mask, scores + optional * mask
        if isinstance(q, query.Require):
            mask, scores = self._eval(q.a)
            required, _ = self._eval(q.b)
            mask &= required
            return mask, scores * mask
        if isinstance(q, query.Phrase):
            return self._phrase(q)
        return self._fallback(q)

    def _term(self, fieldname: str, text, boost: float) -> tuple[np.ndarray, np.ndarray]:
        self._check_time()
        mask, scores = self._empty()
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        scored = fieldname in FIELD_BOOSTS
        df = self.searcher.reader().doc_frequency(fieldname, text) if scored else 0
        idf = math.log(1 + (self.doc_count - df + 0.5) / (df + 0.5)) if scored else 0.0
        field_boost = FIELD_BOOSTS.get(fieldname, 0.0) * boost
        for leaf in self.leaves:
            ids, tf = postings(leaf.reader, fieldname, text)
            if not len(ids):
                continue
            mask[ids + leaf.offset] = True
            if scored:
                length = leaf.lengths[fieldname][ids]
                norm = K1 * ((1 - B) + B * length / self.avg_length[fieldname])
                scores[ids + leaf.offset] += field_boost * idf * (tf * (K1 + 1)) / (tf + norm)
        return mask, scores

    def _phrase(self, q: query.Phrase) -> tuple[np.ndarray, np.ndarray]:
        words = [query.Term(q.fieldname, word) for word in q.words]
        candidates, scores = self._eval(query.And(words))
        if len(q.words) < 2 or not candidates.any():
            return candidates, scores
        self._check_time()
        # Positions are checked by Whoosh, only where every word occurs.
        verified = np.zeros(self.size, bool)
        allowed = set(np.flatnonzero(candidates).tolist())
        docnums = [d for d in self.searcher.docs_for_query(q) if d in allowed]
        verified[np.asarray(docnums, dtype=np.int64)] = True
        return verified, scores * verified

    def _fallback(self, q: query.Query) -> tuple[np.ndarray, np.ndarray]:
        self._check_time()
        mask = np.zeros(self.size, bool)
        docnums = np.fromiter(self.searcher.docs_for_query(q), dtype=np.int64)
        mask[docnums] = True
        return mask, np.zeros(self.size, np.float32)
