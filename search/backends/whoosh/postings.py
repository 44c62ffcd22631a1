"""A term's postings as numpy arrays: read a block at a time, merged over segments.

Whoosh's matchers yield one posting per Python call. On a tested Whoosh the
codec's leaf matcher gives each block decoded whole (``internals.leaf_blocks``);
anything else walks the public matcher API. ``tests/test_search_postings.py``
compares the two on an index with deletions.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from whoosh.reading import TermNotFound

from search.backends.whoosh import internals
from search.backends.whoosh.internals import Block
from search.backends.whoosh.postings_cache import PostingsCache
from search.backends.whoosh.schema import TEXT_FIELDS, decode_positions
from search.backends.whoosh.segment_ids import SegmentIds

if TYPE_CHECKING:
    from search.backends.whoosh.lexicon import SegmentTerms


def blocks(matcher, with_values: bool) -> Iterator[Block]:
    """The matcher's postings, a block at a time (segment-local document numbers).

    The fast path reads the leaf matcher under a deletion filter, so it also
    yields deleted documents: callers mask them with the live documents, as
    every search does. The public walk yields live documents only.
    """
    raw = internals.leaf_of(matcher)
    if raw is None:
        yield _walked(matcher, with_values)
        return
    yield from internals.leaf_blocks(raw, with_values)


def _walked(matcher, with_values: bool) -> Block:
    """Every posting through Whoosh's public matcher API, one call each."""
    ids, weights, values = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if with_values:
            values.append(matcher.value())
        matcher.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float32), values


@dataclass
class Leaf:
    """One index segment's reader and the global number of its first document."""

    reader: object
    offset: int
    segment: Hashable = None  # the segment's lasting identity, for the postings cache
    terms: SegmentTerms | None = None  # its word lists in memory: a word it lacks is not read
    ids: SegmentIds = field(default_factory=SegmentIds)  # its statement ids, read once


@dataclass
class Postings:
    """One term's postings in one field, in global document numbers.

    Each posting's encoded positions lie end to end in one ``blob``: posting i's
    are ``blob[bounds[i]:bounds[i + 1]]``. One buffer, not a bytes object a
    posting, is what a postings cache can hold and let go of without
    fragmenting the heap (and 8 bytes a posting instead of some 40).
    """

    docs: np.ndarray
    tf: np.ndarray
    blob: bytes = b""
    bounds: np.ndarray | None = None  # len(docs) + 1 offsets into blob; None: no positions

    @classmethod
    def of(cls, docs: np.ndarray, tf: np.ndarray, values: list[bytes] | None) -> Postings:
        """Postings from each posting's encoded positions (``None``: read without them)."""
        if values is None:
            return cls(docs, tf)
        bounds = np.zeros(len(values) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, values), np.int64, len(values)), out=bounds[1:])
        return cls(docs, tf, b"".join(values), bounds)

    def positions(self, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return (document, position) of every occurrence in the ``wanted`` documents."""
        chosen = np.flatnonzero(wanted[self.docs])
        if not len(chosen) or self.bounds is None:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        starts, ends = self.bounds[chosen], self.bounds[chosen + 1]
        sizes = ends - starts
        docs = self.docs[chosen]
        if not (sizes & 1).any():  # all uint16; odd sizes are uint32 (ArrayPositions)
            raw = np.frombuffer(self.blob, np.uint8)
            picked = raw[np.repeat(ends - np.cumsum(sizes), sizes) + np.arange(int(sizes.sum()))]
            return np.repeat(docs, sizes >> 1), picked.view("<u2").astype(np.int64)
        spans = zip(starts.tolist(), ends.tolist(), strict=True)
        decoded = [decode_positions(self.blob[a:b]) for a, b in spans]
        counts = np.fromiter(map(len, decoded), dtype=np.int64, count=len(decoded))
        return np.repeat(docs, counts), np.concatenate(decoded)


EMPTY = Postings(np.empty(0, np.int64), np.empty(0, np.float32))
EMPTY.docs.flags.writeable = EMPTY.tf.flags.writeable = False


def read_postings(
    leaves: list[Leaf],
    fieldname: str,
    text: str,
    positions: bool,
    cache: PostingsCache | None = None,
) -> Postings:
    """Read a term's postings from every segment, whole blocks at a time (postings.py),
    each segment's from ``cache`` when it holds them."""
    parts = []
    searched = fieldname in TEXT_FIELDS  # words as the lexicon holds them (UTF-8 text)
    for leaf in leaves:
        if searched and leaf.terms is not None and leaf.terms.lacks(leaf.reader, fieldname, text):
            continue
        if cache is None or leaf.segment is None:
            local = read_segment(leaf.reader, fieldname, text, positions)
        else:
            local = cache.get(
                (leaf.segment, fieldname, text, positions),
                lambda leaf=leaf: read_segment(leaf.reader, fieldname, text, positions),
            )
        if len(local.docs):
            parts.append((leaf.offset, local))
    if not parts:
        return EMPTY
    if len(parts) == 1:
        offset, local = parts[0]
        docs = local.docs + offset if offset else local.docs
        return Postings(docs, local.tf, local.blob, local.bounds)
    docs = np.concatenate([local.docs + offset for offset, local in parts])
    tf = np.concatenate([local.tf for _, local in parts])
    if any(local.bounds is None for _, local in parts):
        return Postings(docs, tf)
    shifts = np.cumsum([0] + [len(local.blob) for _, local in parts[:-1]])
    bounds = np.concatenate(
        [parts[0][1].bounds[:1]]
        + [local.bounds[1:] + shift for (_, local), shift in zip(parts, shifts, strict=True)]
    )
    return Postings(docs, tf, b"".join(local.blob for _, local in parts), bounds)


def read_segment(reader, fieldname: str, text: str, positions: bool) -> Postings:
    """One segment's postings of a term, in the segment's own document numbers."""
    try:
        matcher = reader.postings(fieldname, text)
    except TermNotFound:
        return EMPTY
    doc_parts, tf_parts, values = [], [], []
    for ids, weights, block_values in blocks(matcher, positions):
        doc_parts.append(ids)
        tf_parts.append(weights)
        values.extend(block_values)
    if not doc_parts:
        return EMPTY
    found = Postings.of(
        np.concatenate(doc_parts), np.concatenate(tf_parts), values if positions else None
    )
    for array in (found.docs, found.tf, found.bounds):
        if array is not None:
            array.flags.writeable = False  # cached: shared by later searches
    return found
