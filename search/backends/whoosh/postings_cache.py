"""Decoded postings kept between searches, bounded in bytes, per segment.

Whoosh stores a block's document numbers, frequencies and positions in one
compressed pickle, so reading a common word means inflating and unpickling
every block of it, positions included: about two thirds of a search for
"peace" on the full corpus. Segments never change once written (deletions
only mask documents), so a segment's decoded postings stay right for the
segment's life, across index generations that keep it. This keeps the most
recently used ones, up to ``limit_bytes`` (``SEARCH_POSTINGS_CACHE_MB``), and
forgets a segment's entries when no searcher reads the segment any more.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.backends.whoosh.scoring import Postings

Key = tuple[Hashable, str, str, bool]  # segment, field, term, with positions


def cost(postings: Postings) -> int:
    """The bytes ``postings`` holds: its arrays and its positions."""
    bounds = postings.bounds
    return (
        postings.docs.nbytes
        + postings.tf.nbytes
        + len(postings.blob)
        + (bounds.nbytes if bounds is not None else 0)
    )


class PostingsCache:
    """A least-recently-used map of a segment's decoded postings, at most ``limit_bytes``."""

    def __init__(self, limit_bytes: int) -> None:
        self.limit_bytes = limit_bytes
        self.used_bytes = 0
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Key, tuple[Postings, int]] = OrderedDict()
        self._lock = threading.Lock()
        self._bypassed = False

    def get(self, key: Key, read: Callable[[], Postings]) -> Postings:
        """The postings under ``key``, read (and kept, if they fit) on a miss."""
        if self._bypassed:
            return read()
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return found[0]
            self.misses += 1
        postings = read()
        size = cost(postings)
        if size > self.limit_bytes // 4:  # one word must not empty the cache
            return postings
        with self._lock:
            if key not in self._entries:
                self._entries[key] = (postings, size)
                self.used_bytes += size
                while self.used_bytes > self.limit_bytes:
                    _, (_, dropped) = self._entries.popitem(last=False)
                    self.used_bytes -= dropped
        return postings

    def forget(self, segments: set[Hashable]) -> None:
        """Drop every entry of ``segments`` (no searcher reads them any more)."""
        with self._lock:
            for key in [k for k in self._entries if k[0] in segments]:
                self.used_bytes -= self._entries.pop(key)[1]

    @contextmanager
    def bypassed(self) -> Iterator[None]:
        """Meanwhile, read every postings list afresh and keep nothing, leaving the entries
        as they are: how ``make bench`` times a page cold beside the same page warm."""
        self._bypassed = True
        try:
            yield
        finally:
            self._bypassed = False

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.used_bytes = 0

    def __len__(self) -> int:
        return len(self._entries)
