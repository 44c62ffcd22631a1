"""Each segment's statement ids by document number, read once a segment and process.

A results page names its hits by their statement ids. Whoosh's stored fields
read and unpickle a document's stored fields for each one (some 12 µs a hit).
A segment's ``id`` column lies in one stretch of its file
(``internals.column_file``): read with one call, some 1.5 ms for 5,000
documents, once, since a segment never renumbers its documents.
"""

from __future__ import annotations

import os

from search.backends.whoosh import internals


class SegmentIds:
    """One segment's ids, read on first use; by its stored fields where the column cannot
    be read whole (an untested Whoosh, an index in memory)."""

    def __init__(self) -> None:
        self._ids: list[str] | None = None
        self._read = False

    def of(self, reader, docnum: int) -> str:
        """The id of the segment's document ``docnum``."""
        if not self._read:
            self._ids, self._read = read_ids(reader), True
        if self._ids is None:
            return reader.stored_fields(docnum)["id"]
        return self._ids[docnum]


def read_ids(reader) -> list[str] | None:
    """Every document's id of one segment, or None if its column lies in no file."""
    found = internals.column_file(reader.column_reader("id", translate=False))
    if found is None or not len(found.offsets):
        return None
    size = int((found.offsets + found.lengths).max())
    data = os.pread(found.fd, size, found.start)
    if len(data) != size:
        return None
    spans = zip(found.offsets.tolist(), found.lengths.tolist(), strict=True)
    return [data[start : start + length].decode() for start, length in spans]
