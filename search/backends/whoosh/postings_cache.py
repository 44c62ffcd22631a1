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

import ctypes
import ctypes.util
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.backends.whoosh.postings import Postings

Key = tuple[Hashable, str, str, bool]  # segment, field, term, with positions


# What an entry holds besides its arrays' data, measured with tracemalloc
# (tests/test_search_postings_cache.py checks the sum): a rare word's postings are a
# few documents long, and a prefix or a typo reads dozens of them in every field and
# segment, so counting only the data let the cache hold three times its bound.
ENTRY_BYTES = 360  # the key and its term, the map's slot, the pair kept, its segment's set
OBJECT_BYTES = 160  # a Postings object
ARRAY_BYTES = 96  # a numpy array's header (or the bytes object's), and its allocation


def cost(postings: Postings) -> int:
    """The bytes an entry of ``postings`` holds: its arrays, its positions, its objects."""
    if not len(postings.docs):  # the one shared empty list: the entry alone
        return ENTRY_BYTES
    bounds = postings.bounds
    data = postings.docs.nbytes + postings.tf.nbytes
    if bounds is not None:
        data += len(postings.blob) + bounds.nbytes + 2 * ARRAY_BYTES
    return ENTRY_BYTES + OBJECT_BYTES + 2 * ARRAY_BYTES + data


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


# Evicted postings leave holes in the C heap that glibc keeps for later allocations: a
# worker's resident memory crept by 2.6 MB a thousand varied searches after its cache
# filled, and by a tenth of that when the freed pages are handed back now and then.
TRIM = _malloc_trim()


class PostingsCache:
    """A least-recently-used map of a segment's decoded postings, at most ``limit_bytes``."""

    def __init__(self, limit_bytes: int) -> None:
        self.limit_bytes = limit_bytes
        self.used_bytes = 0
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Key, tuple[Postings, int]] = OrderedDict()
        # Each segment's keys: a commit forgets the segments it merged away without a walk
        # over every entry (tens of thousands in a full cache, after every commit).
        self._by_segment: dict[Hashable, set[Key]] = {}
        self._lock = threading.Lock()
        self._bypassed = False
        self._evicted_since_trim = 0

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
                self._by_segment.setdefault(key[0], set()).add(key)
                self.used_bytes += size
                while self.used_bytes > self.limit_bytes:
                    oldest, (_, dropped) = self._entries.popitem(last=False)
                    self._drop_key(oldest)
                    self.used_bytes -= dropped
                    self._evicted_since_trim += dropped
        return postings

    def recent(self, count: int) -> list[tuple[str, str, bool]]:
        """The ``count`` (field, term, with positions) most recently read, whatever the
        segment: what the next searches will likely read again."""
        found: dict[tuple[str, str, bool], None] = {}
        with self._lock:
            for key in reversed(self._entries):
                found.setdefault(key[1:])
                if len(found) >= count:
                    break
        return list(found)

    def holds(self, key: Key) -> bool:
        with self._lock:
            return key in self._entries

    def settle(self) -> None:
        """Once a quarter of the cache has been replaced, hand the memory its evicted entries
        freed back to the operating system (a few milliseconds). Called between searches,
        when a search's own arrays are freed too."""
        with self._lock:
            due = 0 < self.limit_bytes // 4 <= self._evicted_since_trim
            if due:
                self._evicted_since_trim = 0
        if due and TRIM is not None:
            TRIM(0)

    def forget(self, segments: set[Hashable]) -> None:
        """Drop every entry of ``segments`` (no searcher reads them any more)."""
        with self._lock:
            for segment in segments:
                for key in self._by_segment.pop(segment, ()):
                    self.used_bytes -= self._entries.pop(key)[1]

    def _drop_key(self, key: Key) -> None:
        keys = self._by_segment.get(key[0])
        if keys is not None:
            keys.discard(key)
            if not keys:
                del self._by_segment[key[0]]

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
            self._by_segment.clear()
            self.used_bytes = 0

    def __len__(self) -> int:
        return len(self._entries)
