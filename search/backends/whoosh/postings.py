"""A term's postings a block at a time, for numpy.

Whoosh's matchers yield one posting per Python call. On a tested Whoosh the
codec's leaf matcher gives each block decoded whole (``internals.leaf_blocks``);
anything else walks the public matcher API. ``tests/test_search_postings.py``
compares the two on an index with deletions.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from search.backends.whoosh import internals
from search.backends.whoosh.internals import Block


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
