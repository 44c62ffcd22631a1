"""Facet value labels kept between requests, for about a second.

A results page names every facet value it lists: a few hundred countries,
issuing bodies and events, read from three tables on every request (about a
tenth of a page's time). Names change rarely. A save or a deletion of such a
record clears this process's copy at once (``search.sync.signals``); another
process's copy is at most ``CHECK_INTERVAL`` old, as its view of the index is.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

from search import facets
from search.sync.indexing import option


class LabelCache:
    """Each source's whole table of labels, reread once it is older than the interval."""

    def __init__(self) -> None:
        self._tables: dict[facets.Labels, tuple[float, dict[str, str]]] = {}

    def labels(self, source: facets.Labels, values: Iterable[str]) -> dict[str, str]:
        """The labels of ``values`` (counted by the index: used by published statements)."""
        table = self._table(source)
        found = {value: table[value] for value in values if value in table}
        missing = [value for value in values if value not in found]
        if missing:  # created since the table was read, by another process
            found |= source.read(counted=missing, typed=[])
        return found

    def lookup(self, source: facets.Labels, values: Iterable[str]) -> Mapping[str, str]:
        """A mapping holding the labels of ``values``, to look them up in, never to change:
        the whole table kept, unless some were created since it was read. A results page
        lists some 350 values: looking them up costs less than copying them out. Only
        for values the index counted: the table also names records only drafts use."""
        table = self._table(source)
        missing = [value for value in values if value not in table]
        if missing:  # created since the table was read, by another process
            return {**table, **source.read(counted=missing, typed=[])}
        return table

    def _table(self, source: facets.Labels) -> dict[str, str]:
        now = time.monotonic()
        read = self._tables.get(source)
        if read is None or now - read[0] >= option("CHECK_INTERVAL"):
            read = self._tables[source] = (now, source.read_all())
        return read[1]

    def clear(self) -> None:
        self._tables.clear()


CACHE = LabelCache()
