"""Each segment's facet arrays and field lengths, written beside it once by the indexer.

A searcher needs, for every segment it opens, the facet codes of each document
(``facets.build_segment``) and the length of each text field (``field_lengths``).
Reading them from a segment's postings took 20 to 130 ms for each new segment,
and every web worker of every node did it again in the first request after each
commit: the slowest searches while writers wrote. The indexer now reads them
once, from the segments it has just written, into ``<segment id>.arrays1``
before the commit's table of contents names them; a searcher loads the file and
maps its values to its own codes.

The file is named like the segment's own files, so Whoosh deletes it with them.
A file missing, unreadable or not matching its segment is no error: the searcher
reads the segment itself, as before.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Iterable, Mapping

import numpy as np
from whoosh.reading import SegmentReader

from search.backends.whoosh.facets import FacetCodes, SegmentArrays, build_segment
from search.backends.whoosh.schema import MULTI_FACETS, SINGLE_FACETS, TEXT_FIELDS
from search.backends.whoosh.scoring import field_lengths

SUFFIX = "arrays1"  # the number changes with the format: old files are then ignored
log = logging.getLogger(__name__)

Lengths = dict[str, np.ndarray]


def file_name(segment) -> str:
    return f"{segment.segment_id()}.{SUFFIX}"


def write_missing(storage, schema, segments: Iterable) -> None:
    """Write the arrays of each of ``segments`` that has none yet (the indexer, lock held)."""
    folder = getattr(storage, "folder", None)
    if folder is None:
        return  # an index in memory: searchers read the segments themselves
    for segment in segments:
        path = os.path.join(folder, file_name(segment))
        if not os.path.exists(path):
            reader = SegmentReader(storage, schema, segment)
            try:
                _write(path, reader)
            finally:
                reader.close()


def _write(path: str, reader) -> None:
    size = reader.doc_count_all()
    vocab = {name: FacetCodes() for name in (*SINGLE_FACETS, *MULTI_FACETS)}
    built = build_segment(reader, vocab)
    arrays: dict[str, np.ndarray] = {"date_start": built.date_start, "date_end": built.date_end}
    for name, codes in built.single.items():
        arrays[f"single.{name}"] = codes
    for name, (docs, codes) in built.multi.items():
        arrays[f"docs.{name}"], arrays[f"multi.{name}"] = docs, codes
    for name, lengths in field_lengths(reader, size).items():
        arrays[f"lengths.{name}"] = lengths
    header: dict = {"size": size, "values": {k: v.values for k, v in vocab.items()}, "arrays": {}}
    at = 0
    for name, array in arrays.items():
        header["arrays"][name] = [array.dtype.str, at, len(array)]
        at += array.nbytes
    head = json.dumps(header).encode()
    # Written whole under another name, then renamed: a reader sees all of it or nothing.
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".arrays-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(len(head).to_bytes(8, "little") + head)
            for array in arrays.values():
                out.write(np.ascontiguousarray(array).tobytes())
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def load(
    folder: str | os.PathLike, reader, vocab: Mapping[str, FacetCodes]
) -> tuple[SegmentArrays, Lengths] | None:
    """The arrays written in ``folder`` for ``reader``'s segment, in this process's codes;
    ``None`` if there are none to trust (then read the segment: ``build_segment``)."""
    path = os.path.join(folder, file_name(reader.segment()))
    try:
        with open(path, "rb") as source:
            data = source.read()
    except FileNotFoundError:
        return None
    try:
        return _decode(data, reader.doc_count_all(), vocab)
    except Exception:
        log.warning("Unreadable segment arrays %s: reading the segment instead.", path)
        return None


def _decode(
    data: bytes, size: int, vocab: Mapping[str, FacetCodes]
) -> tuple[SegmentArrays, Lengths]:
    length = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + length])
    if header["size"] != size:
        raise ValueError(f"arrays for {header['size']} documents, not {size}")
    body = memoryview(data)[8 + length :]

    def array(name: str) -> np.ndarray:
        dtype, at, count = header["arrays"][name]
        return np.frombuffer(body, dtype=np.dtype(dtype), count=count, offset=at)

    def ours(name: str) -> np.ndarray:
        """This process's code for each of the file's values, and -1 (none) last."""
        codes = [vocab[name].code(value) for value in header["values"][name]]
        return np.array([*codes, -1], dtype=np.int32)

    single = {name: ours(name)[array(f"single.{name}")] for name in SINGLE_FACETS}
    multi = {
        name: (array(f"docs.{name}").astype(np.int32), ours(name)[array(f"multi.{name}")])
        for name in MULTI_FACETS
    }
    dates = [array(name).astype(np.int32) for name in ("date_start", "date_end")]
    lengths = {name: array(f"lengths.{name}").astype(np.float32) for name in TEXT_FIELDS}
    for each in (*single.values(), *dates, *lengths.values()):
        if len(each) != size:
            raise ValueError("an array's length is not the segment's")
    return SegmentArrays(size, single, multi, *dates), lengths
