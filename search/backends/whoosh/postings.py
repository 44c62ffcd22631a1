"""A term's postings read a block at a time: the one place that uses Whoosh's private fields.

Whoosh's matchers yield one posting per Python call; its codec's leaf
matcher holds each block of postings decoded in arrays (``_ids``,
``_weights``, ``_values``, the cursor ``_i``), which numpy takes whole. That
fast path is used only when the matcher is exactly the class it was written
for, on a Whoosh version it was tested with (``TESTED_WHOOSH``; a system
check warns on another); anything else walks the public matcher API.
``tests/test_search_postings.py`` compares the two on an index with
deletions.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from importlib import metadata

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher

TESTED_WHOOSH = ("3.54.0",)  # versions of the whoosh3 package the fast path was tested on

Block = tuple[np.ndarray, np.ndarray, list[bytes]]  # document numbers, weights, values


@functools.cache
def whoosh_version() -> str:
    """The installed whoosh3, read once a process (package metadata is slow to parse)."""
    return metadata.version("whoosh3")


def fast_path_applies(matcher) -> bool:
    """Whether ``matcher`` (or the leaf matcher it wraps) can be read a block at a time."""
    raw = getattr(matcher, "child", matcher)
    return type(raw) is W3LeafMatcher and whoosh_version() in TESTED_WHOOSH


def blocks(matcher, with_values: bool) -> Iterator[Block]:
    """The matcher's postings, a block at a time (segment-local document numbers).

    The fast path reads the leaf matcher under a deletion filter, so it also
    yields deleted documents: callers mask them with the live documents, as
    every search does. The public walk yields live documents only.
    """
    if not fast_path_applies(matcher):
        yield _walked(matcher, with_values)
        return
    raw = getattr(matcher, "child", matcher)
    while raw.is_active():
        if raw._ids is None:
            raw._read_ids()
        if raw._weights is None:
            raw._read_weights()
        start = raw._i
        values: list[bytes] = []
        if with_values:
            if raw._values is None:
                raw._read_values()
            values = list(raw._values[start:])
        yield (
            np.asarray(raw._ids[start:], dtype=np.int64),
            np.asarray(raw._weights[start:], dtype=np.float32),
            values,
        )
        raw._next_block()


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
