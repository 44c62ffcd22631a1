"""Every use of Whoosh's private API, in one place, and the versions it was tested on.

These go faster than Whoosh's public API allows, each reaching into its internals:

- reading a term's postings a block at a time: the codec's leaf matcher holds
  each block decoded in arrays (``_ids``, ``_weights``, ``_values``, the cursor
  ``_i``), which numpy takes whole (``search.backends.whoosh.postings``);
- writing a rebuild's segments without Whoosh's sorting pool
  (``BulkSegmentWriter``: the codec's blocks filled a block at a time);
- a rebuild's writer processes that die with their parent (``MortalMpWriter``);
- opening a segment: ``HashReader`` reads its directory of 256 hash tables in
  one call instead of 256 (``_hash_reader_init``, installed on import). Each
  new commit makes every web worker and the indexer open every segment again,
  and the 256 small reads were most of that;
- reading columns where they lie in a segment's file (``column_file``): a few
  bytes of a thousand small-word columns with one ``os.pread`` each, a segment's
  ids in one call, where the column reader reads each value through three layers;
- reopening after a commit: a searcher keeps the readers of the segments the
  commit left as they were (``reopened``, ``retire``);
- writing a new segment's facet arrays before the commit's table of contents
  names it (``before_contents``, ``segment_arrays.py``).

Each is used only on a whoosh3 version it was tested with (``TESTED_WHOOSH``;
the system check ``search.W002`` warns on another). On any other version,
reads walk the public matcher API and rebuilds use Whoosh's own writer, in
one process: slower, never wrong. ``tests/test_search_postings.py`` and the tests of
index writing, small words and segment ids compare each fast path with Whoosh's own.
"""

from __future__ import annotations

import functools
import os
from array import array
from collections.abc import Callable, Iterator
from importlib import metadata
from typing import NamedTuple

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.columns import VarBytesColumn
from whoosh.filedb import filetables
from whoosh.filedb.compound import SubFile
from whoosh.filedb.filetables import HashReader
from whoosh.filedb.structfile import StructFile
from whoosh.index import Index
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.reading import MultiReader, SegmentReader
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from search.backends.whoosh.bulk import FieldPostings
from search.sync.parent_death import die_with_parent

TESTED_WHOOSH = ("3.54.0",)  # versions of the whoosh3 package the fast paths were tested on

Block = tuple[np.ndarray, np.ndarray, list[bytes]]  # document numbers, weights, values


@functools.cache
def whoosh_version() -> str:
    """The installed whoosh3, read once a process (package metadata is slow to parse)."""
    return metadata.version("whoosh3")


def tested() -> bool:
    """Whether the installed Whoosh is one the private reads and writes were tested on."""
    return whoosh_version() in TESTED_WHOOSH


# Reading -------------------------------------------------------------------------


def leaf_of(matcher):
    """The codec's leaf matcher ``matcher`` is or wraps, when its blocks can be read whole."""
    raw = getattr(matcher, "child", matcher)
    return raw if type(raw) is W3LeafMatcher and tested() else None


def leaf_blocks(raw, with_values: bool) -> Iterator[Block]:
    """The leaf matcher's postings from its cursor on, a decoded block at a time."""
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


class ColumnFile(NamedTuple):
    """Where one segment's variable-length column lies in an open file."""

    fd: int
    start: int  # the column's first byte in the file
    offsets: np.ndarray  # of each document's value, from ``start``
    lengths: np.ndarray  # of each document's value


def column_file(column) -> ColumnFile | None:
    """Where a ``VarBytesColumn`` reader's values lie, when they lie in a compound segment
    file read without a memory map (``storage.open_index``); else None."""
    sub = getattr(getattr(column, "_dbfile", None), "file", None)
    if not tested() or type(column) is not VarBytesColumn.Reader or type(sub) is not SubFile:
        return None
    try:
        fd = sub._file.fileno()
    except (AttributeError, OSError, ValueError):
        return None
    offsets, lengths = (np.asarray(a, np.int64) for a in (column._offsets, column._lengths))
    return ColumnFile(fd, sub._offset + column._basepos, offsets, lengths)


def segments(ix: Index) -> list:
    """The index's segments (for merging decisions), read without opening a reader when the
    Whoosh version allows."""
    if tested():
        return ix._segments()
    with ix.reader() as reader:
        return [leaf.segment() for leaf, _ in reader.leaf_readers()]


def _hash_reader_init(
    self: HashReader,
    dbfile: StructFile,
    length: int | None = None,
    magic: bytes = b"HSH3",
    startoffset: int = 0,
) -> None:
    """``HashReader.__init__`` (whoosh3 3.54.0), its directory read in one call."""
    self.dbfile = dbfile
    self.startoffset = startoffset
    self.is_closed = False
    if length is None:
        dbfile.seek(0, os.SEEK_END)
        length = dbfile.tell() - startoffset
    dbfile.seek(startoffset)
    if (filemagic := dbfile.read(4)) != magic:
        raise filetables.FileFormatError(f"Unknown file header {filemagic!r}")
    self.hashtype = dbfile.read_byte()
    self.hashfn = filetables._hash_functions[self.hashtype]
    dbfile.read_int()  # two ints reserved for later versions
    dbfile.read_int()
    self.startofdata = dbfile.tell()
    end = startoffset + length - filetables._INT_SIZE
    extras = end - dbfile.get_int(end)
    dbfile.seek(extras)
    self._read_extras()
    size = filetables._directory_size
    self.tables = list(filetables._dir_entry.iter_unpack(dbfile.get(extras - size, size)))
    self.endofdata = self.tables[0][0]


def reopened(ix: Index, previous: Searcher | None) -> Searcher:
    """A searcher of ``ix``'s latest commit that keeps ``previous``'s readers of the
    segments no commit has changed since: the same segment with as many deletions (a
    segment only ever gains deletions, so the same count is the same set).

    Whoosh's own reuse (``Searcher.refresh``) keeps readers whose deletions are
    stale, and closes the old readers even when opening a new one fails. Here
    ``previous`` is left whole, serving, until ``retire``.
    """
    if previous is None or not tested():
        return ix.searcher()
    toc = ix._read_toc()
    if len(toc.segments) < 2:  # a lone SegmentReader carries its generation: open anew
        return ix.searcher()
    kept = {_unchanged(r.segment()): r for r, _ in previous.reader().leaf_readers()}
    readers, opened = [], []
    try:
        for segment in toc.segments:
            reader = kept.get(_unchanged(segment))
            if reader is None:
                reader = SegmentReader(ix.storage, toc.schema, segment, generation=toc.generation)
                opened.append(reader)
            readers.append(reader)
    except BaseException:
        for reader in opened:
            reader.close()
        raise
    return Searcher(MultiReader(readers, generation=toc.generation), fromindex=ix)


def retire(previous: Searcher, current: Searcher) -> None:
    """Close ``previous``, but for the segment readers ``current`` kept (``reopened``)."""
    kept = {id(reader) for reader, _ in current.reader().leaf_readers()}
    for reader, _ in previous.reader().leaf_readers():
        if id(reader) not in kept and not getattr(reader, "is_closed", False):
            reader.close()  # an empty index's EmptyReader has nothing to close
    previous.is_closed = True


def _unchanged(segment) -> tuple[str, int] | None:
    return None if segment is None else (segment.segment_id(), segment.deleted_count())


SMALL_TERMS_FILE = 4 * 1024 * 1024  # bytes of keys and term infos read whole


def small_segment_terms(reader) -> dict[str, list[bytes]] | None:
    """Every term of a segment whose terms file is small, by field and in order, read in one
    call and parsed in memory; ``None`` for a larger segment or an untested Whoosh (read a
    field at a time: ``reader.lexicon``). Whoosh reads each term with two small reads: a new
    segment's word lists were most of the first search after a commit."""
    if not tested() or type(reader) is not SegmentReader:
        return None
    terms = reader._terms
    table = terms._tindex
    size = table.endofdata - table.startofdata
    if size > SMALL_TERMS_FILE:
        return None
    data = table.dbfile.get(table.startofdata, size)
    fields: dict[str, list[bytes]] = {}
    lengths, at = filetables._lengths, 0
    while at < size:
        keylen, datalen = lengths.unpack_from(data, at)
        key = data[at + lengths.size : at + lengths.size + keylen]
        field = terms._fieldunmap[int.from_bytes(key[:2], "big")]  # pack_ushort's order
        fields.setdefault(field, []).append(key[2:])
        at += lengths.size + keylen + datalen
    return fields


WHOOSH_HASH_READER_INIT = HashReader.__init__
if tested():
    HashReader.__init__ = _hash_reader_init


# Writing -------------------------------------------------------------------------


def before_contents(writer, hook: Callable[[list], None]) -> bool:
    """Have ``writer``'s commit call ``hook(segments)`` just before its table of contents
    names them (``segment_arrays``); whether it could: on another Whoosh, call it after."""
    commit_toc = getattr(writer, "_commit_toc", None)
    if not tested() or commit_toc is None:
        return False

    def hooked(segments: list) -> None:
        hook(segments)
        commit_toc(segments)

    writer._commit_toc = hooked
    return True


def rebuild_writer(ix: Index, procs: int, limitmb: int):
    """The writer of a rebuild's new generation: in bulk, on ``procs`` processes that die with
    their parent, on a tested Whoosh; Whoosh's own writer, in one process, otherwise."""
    if not tested():
        return ix.writer(limitmb=limitmb)
    if procs > 1:
        return MortalMpWriter(ix, procs=procs, limitmb=limitmb, multisegment=True)
    return BulkSegmentWriter(ix)


class BulkSegmentWriter(SegmentWriter):
    """A ``SegmentWriter`` that writes its postings without a sorting pool.

    For new segments only (a rebuild): it neither deletes nor merges.
    """

    def __init__(self, ix, **kwargs) -> None:
        super().__init__(ix, **kwargs)
        self._postings: dict[str, FieldPostings] = {}
        # Per scorable field, each document's length as the codec stores it (one byte).
        self._lengths: dict[str, array] = {}

    def add_document(self, **fields) -> None:
        self._check_state()
        schema = self.schema
        docnum = self.docnum
        writer = self.perdocwriter
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        writer.start_doc(docnum)
        for name in names:
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                postings = self._postings.get(name)
                if postings is None:
                    postings = self._postings[name] = FieldPostings()
                length = postings.add(docnum, field, value)
                if field.scorable:
                    lengths = self._lengths.setdefault(name, array("I"))
                    lengths.extend([0] * (docnum + 1 - len(lengths)))
                    lengths[docnum] = byte_to_length(length_to_byte(length)) if length else 0
                else:
                    length = 0
            writer.add_field(name, field, value if field.stored else None, length)
            if field.column_type:
                writer.add_column_value(name, field.column_type, field.to_column_value(value))
        writer.finish_doc()
        self._added = True
        self.docnum += 1

    def _merge_segments(self, mergetype, optimize, merge):
        return list(self.segments)  # a new segment beside the others: nothing merges

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        fieldwriter = self.fieldwriter
        for name in sorted(self._postings):
            fieldwriter.start_field(name, self.schema[name])
            lengths = self._lengths.get(name)
            length_of = lengths.__getitem__ if lengths is not None else None
            for term, docs, weights, values in self._postings[name].by_term():
                fieldwriter.start_term(term)
                _write_postings(fieldwriter._postwriter, docs, weights, values, length_of)
                fieldwriter.finish_term()
            fieldwriter.finish_field()
        fieldwriter.close()
        self._postings.clear()
        self._lengths.clear()


def _write_postings(
    writer,
    docs: list[int],
    weights: list[float],
    values: list[bytes],
    length_of: Callable[[int], int] | None,
) -> None:
    """Fill the codec's posting writer block by block, as its ``add_posting`` would.

    Each full block is written at once; the last one stays buffered for
    ``finish_postings`` to write as the term's last.
    """
    size = writer._blocklimit
    for start in range(0, len(docs), size):
        end = start + size
        ids = docs[start:end]
        writer._ids = ids
        writer._weights = weights[start:end]
        writer._values = [v for v in values[start:end] if v]
        writer._maxweight = max(0, max(writer._weights))
        lengths = [length_of(d) for d in ids] if length_of else ()
        lengths = [n for n in lengths if n]
        writer._minlength = min(lengths) if lengths else None
        writer._maxlength = max(lengths) if lengths else 0
        if end < len(docs):
            writer._write_block()


NICENESS = 10


class MortalTask(SubWriterTask):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.parent_pid = os.getpid()

    def run(self) -> None:
        """``SubWriterTask.run`` with a ``BulkSegmentWriter``, one finished segment per task."""
        die_with_parent(self.parent_pid)
        os.nice(NICENESS)  # a rebuild yields the processors to searches being served
        ix = self.storage.open_index(self.indexname)
        self.writer = BulkSegmentWriter(ix, _lk=False, **self.kwargs)
        while self.running:
            job = self.jobqueue.get()
            if job is None:
                break
            self._process_file(*job)
        if not self.running:
            self.writer.cancel()
            return
        segment = self.writer._finalize_segment()
        self.resultqueue.put((None, set(), segment), timeout=5)


class MortalMpWriter(MpWriter):
    """``MpWriter`` whose sub-writers write in bulk and cannot outlive their parent."""

    def _new_task(self) -> MortalTask:
        task = MortalTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        self.tasks.append(task)
        task.start()
        return task
