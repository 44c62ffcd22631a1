"""Per-document facet codes and dates in numpy arrays, counted in one step.

Arrays are built per index segment and cached by segment id, so a commit
that adds one small segment rebuilds only that segment's arrays. A searcher
generation concatenates its segments' arrays; facet counts are then one
``np.bincount`` over the matching documents per facet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from search.backends.whoosh.schema import MULTI_FACETS, SINGLE_FACETS

UNDATED = 0  # date arrays hold yyyymmdd; 0 marks a statement without a date


class FacetCodes:
    """Integer codes for one facet's values, growing as new values appear."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}
        self.values: list[str] = []
        self._in_order = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object))

    def code(self, value: str) -> int:
        code = self.codes.get(value)
        if code is None:
            code = self.codes[value] = len(self.values)
            self.values.append(value)
        return code

    def __len__(self) -> int:
        return len(self.values)

    def in_order(self) -> tuple[np.ndarray, np.ndarray]:
        """(rank, values): each code's place among the values in sorted order, for ties in
        counts, and the values as an array indexed by code. Made again only when values
        were added."""
        rank, values = self._in_order
        if len(rank) != len(self.values):
            words = list(self.values)  # a snapshot: values may be added meanwhile
            order = sorted(range(len(words)), key=words.__getitem__)
            rank = np.empty(len(order), dtype=np.int64)
            rank[order] = np.arange(len(order))
            values = np.array(words, dtype=object)
            self._in_order = rank, values
        return rank, values


@dataclass(frozen=True)
class SegmentArrays:
    size: int
    single: Mapping[str, np.ndarray]  # facet -> code per doc (-1: none)
    multi: Mapping[str, tuple[np.ndarray, np.ndarray]]  # facet -> (doc, code) per entry
    date_start: np.ndarray
    date_end: np.ndarray


def date_key(value: dt.date | None) -> int:
    return value.year * 10000 + value.month * 100 + value.day if value else UNDATED


def build_segment(reader, vocab: Mapping[str, FacetCodes]) -> SegmentArrays:
    """Read one segment's facet values from its columns and postings."""
    size = reader.doc_count_all()
    single: dict[str, np.ndarray] = {}
    for name in SINGLE_FACETS:
        codes = np.full(size, -1, dtype=np.int32)
        _fill_from_postings(reader, name, codes, vocab[name].code)
        single[name] = codes
    multi: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for name in MULTI_FACETS:
        docs: list[np.ndarray] = []
        codes_list: list[np.ndarray] = []
        for value in reader.field_terms(name):
            ids = np.fromiter(reader.postings(name, value).all_ids(), dtype=np.int32)
            docs.append(ids)
            codes_list.append(np.full(len(ids), vocab[name].code(value), dtype=np.int32))
        multi[name] = (
            np.concatenate(docs) if docs else np.empty(0, np.int32),
            np.concatenate(codes_list) if codes_list else np.empty(0, np.int32),
        )
    dates = {}
    for name in ("date_start", "date_end"):
        keys = np.zeros(size, dtype=np.int32)
        _fill_from_postings(reader, name, keys, int)
        dates[name] = keys
    return SegmentArrays(size, single, multi, dates["date_start"], dates["date_end"])


def _fill_from_postings(reader, fieldname: str, out: np.ndarray, encode) -> None:
    for value in reader.field_terms(fieldname):
        ids = np.fromiter(reader.postings(fieldname, value).all_ids(), dtype=np.int64)
        out[ids] = encode(value)


def live_mask(reader) -> np.ndarray:
    size = reader.doc_count_all()
    mask = np.ones(size, dtype=bool)
    if reader.has_deletions():
        mask[np.fromiter(reader.segment().deleted_docs(), dtype=np.int64)] = False
    return mask


class FacetArrays:
    """Arrays for a whole searcher generation, in global document numbers."""

    def __init__(self, segments: list[tuple[SegmentArrays, int, np.ndarray]], vocab) -> None:
        self.vocab = vocab
        self.size = sum(seg.size for seg, _, _ in segments)
        self.live = (
            np.concatenate([live for _, _, live in segments])
            if segments
            else np.zeros(0, dtype=bool)
        )
        self.single = {
            name: _concat([seg.single[name] for seg, _, _ in segments], np.int32)
            for name in SINGLE_FACETS
        }
        # What counts each facet: codes by document where a document has one at most.
        self.counters: dict[str, ByCode | ByDocument] = {
            name: ByCode(codes) for name, codes in self.single.items()
        }
        self.multi = {}
        self.by_document = {}
        for name in MULTI_FACETS:
            docs = [seg.multi[name][0] + offset for seg, offset, _ in segments]
            codes = [seg.multi[name][1] for seg, _, _ in segments]
            self.multi[name] = (_concat(docs, np.int32), _concat(codes, np.int32))
            self.by_document[name] = ByDocument(*self.multi[name], self.size, len(vocab[name]))
            one_each = _one_per_document(*self.multi[name], self.size)
            self.counters[name] = one_each if one_each is not None else self.by_document[name]
        self.date_start = _concat([seg.date_start for seg, _, _ in segments], np.int32)
        self.date_end = _concat([seg.date_end for seg, _, _ in segments], np.int32)

    def value_mask(self, facet: str, values: Iterable[str]) -> np.ndarray:
        """Documents having any of ``values`` for ``facet`` (OR within a facet)."""
        vocab = self.vocab[facet]
        codes = [vocab.codes[v] for v in values if v in vocab.codes]
        if facet in self.single:
            return np.isin(self.single[facet], codes) if codes else np.zeros(self.size, bool)
        docs, entry_codes = self.multi[facet]
        mask = np.zeros(self.size, dtype=bool)
        if codes:
            mask[docs[np.isin(entry_codes, codes)]] = True
        return mask

    def date_mask(self, first: dt.date | None, last: dt.date | None) -> np.ndarray:
        """Documents whose dated span overlaps [first, last]; undated never match."""
        mask = self.date_start != UNDATED
        if first is not None:
            mask &= self.date_end >= date_key(first)
        if last is not None:
            mask &= self.date_start <= date_key(last)
        return mask

    def ranked_counts(self, facet: str, mask: np.ndarray) -> tuple[list[str], list[int]]:
        """The values of ``facet`` found in ``mask`` and how many documents have each, most
        frequent first, ties by value: ordered here rather than in Python, as a search page
        lists some 800 values."""
        tally = self.counters[facet].tally(mask)
        present = np.flatnonzero(tally)
        rank, values = self.vocab[facet].in_order()
        counts = tally[present]
        order = present[np.lexsort((rank[present], -counts))]
        return values[order].tolist(), tally[order].tolist()

    def pair_counts(self, first: str, second: str, mask: np.ndarray) -> dict[tuple[str, str], int]:
        """Count the (``first``, ``second``) value pairs over ``mask``: one bincount of
        the pairs' codes. ``first`` is single-valued (a statement's issuing country)."""
        if first not in self.single:
            raise ValueError(f"Pairs start with a single-valued facet, not {first!r}.")
        rows = self.single[first]
        if second in self.single:
            docs = np.flatnonzero(mask)
            columns = self.single[second][docs]
        else:
            docs, columns = self.by_document[second].entries_of(np.flatnonzero(mask))
        row_codes = rows[docs]
        present = (row_codes >= 0) & (columns >= 0)
        width = len(self.vocab[second])
        tally = np.bincount(row_codes[present].astype(np.int64) * width + columns[present])
        first_values, second_values = self.vocab[first].values, self.vocab[second].values
        return {
            (first_values[code // width], second_values[code % width]): int(tally[code])
            for code in np.flatnonzero(tally)
        }


class ByCode:
    """A single-valued facet's codes, counted over a mask from its smaller side.

    A common word matches most speeches: gathering the codes of all of them
    cost 30 to 45 µs a facet, the codes of the others and a subtraction from
    the totals a third of that. Codes are kept one up, so that a document
    without a value (-1) is counted in a slot of its own and left out.
    """

    def __init__(self, codes: np.ndarray) -> None:
        self.shifted = codes.astype(np.intp) + 1
        self.totals = np.bincount(self.shifted, minlength=1)

    def tally(self, mask: np.ndarray) -> np.ndarray:
        """How many documents in ``mask`` have each code (indexed by code; codes that no
        document of these arrays has may be left off the end)."""
        width = len(self.totals)
        if np.count_nonzero(mask) <= len(mask) // 2:
            return np.bincount(self.shifted[mask], minlength=width)[1:]
        return (self.totals - np.bincount(self.shifted[~mask], minlength=width))[1:]


class ByDocument:
    """A multi-valued facet's codes grouped by document, as in a CSR matrix.

    Counting over a mask then reads only the entries of the smaller side: the
    mask's documents, or (subtracted from the totals) the others. A common word
    matches most speeches, and "countries named" has some 126,000 entries on the
    full corpus: gathering them all took 1.3 ms a search, the complement 0.1 ms.
    """

    def __init__(self, docs: np.ndarray, codes: np.ndarray, size: int, width: int) -> None:
        order = np.argsort(docs, kind="stable")
        self.codes = codes[order].astype(np.intp)
        self.starts = np.searchsorted(docs[order], np.arange(size + 1))  # doc d: [d, d + 1)
        self.totals = np.bincount(self.codes, minlength=width)

    def tally(self, mask: np.ndarray) -> np.ndarray:
        """How many documents in ``mask`` have each code (indexed by code)."""
        width = len(self.totals)
        if np.count_nonzero(mask) <= len(mask) // 2:
            return np.bincount(self._entries(np.flatnonzero(mask)), minlength=width)
        return self.totals - np.bincount(self._entries(np.flatnonzero(~mask)), minlength=width)

    def _entries(self, docs: np.ndarray) -> np.ndarray:
        """The codes of ``docs``, concatenated."""
        ends = self.starts[docs + 1]
        lengths = ends - self.starts[docs]
        shift = np.repeat(ends - np.cumsum(lengths), lengths)
        return self.codes[shift + np.arange(len(shift))]

    def entries_of(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(document, code) of every entry of ``docs``, in document order."""
        lengths = self.starts[docs + 1] - self.starts[docs]
        return np.repeat(docs, lengths), self._entries(docs)


def _one_per_document(docs: np.ndarray, codes: np.ndarray, size: int) -> ByCode | None:
    """A multi-valued facet's codes as a single-valued one's, if no document has two: on
    the UN corpus every speech has one issuing body, one event and one language, and
    these count three times faster so."""
    if len(np.unique(docs)) != len(docs):
        return None
    by_document = np.full(size, -1, dtype=np.int32)
    by_document[docs] = codes
    return ByCode(by_document)


def _concat(parts: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)
