"""A segment writer for rebuilds: postings gathered per term in memory, written in order.

Whoosh's ``SegmentWriter`` puts every posting (about a thousand a speech)
into a sorting pool as a tuple, sorts them all, spills runs to disk with
pickle, and then hands them one by one to the codec, which looks up the
document's field length for each. ``BulkSegmentWriter`` keeps each term's
postings in arrays as the documents arrive (document numbers already in
order), sorts only the terms, and fills the codec's blocks a block at a
time. The files are the ones Whoosh writes, block for block
(``tests/test_search_index_writing.py`` reads both back and compares); a
rebuild costs about half as much. The price is memory: a segment's
postings stay in memory until it is written, about 60 bytes a posting.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable

from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter


class TermPostings:
    """One term's postings in one segment, in document order."""

    __slots__ = ("docs", "values", "weights")

    def __init__(self) -> None:
        self.docs = array("I")
        self.weights = array("f")
        self.values: list[bytes] = []


class BulkSegmentWriter(SegmentWriter):
    """A ``SegmentWriter`` that writes its postings without a sorting pool.

    For new segments only (a rebuild): it neither deletes nor merges.
    """

    def __init__(self, ix, **kwargs) -> None:
        super().__init__(ix, **kwargs)
        self._terms: dict[str, dict[bytes, TermPostings]] = {}
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
                terms = self._terms.setdefault(name, {})
                for tbytes, freq, weight, vbytes in field.index(value):
                    postings = terms.get(tbytes)
                    if postings is None:
                        postings = terms[tbytes] = TermPostings()
                    postings.docs.append(docnum)
                    postings.weights.append(weight)
                    postings.values.append(vbytes)
                    length += freq
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
        for name in sorted(self._terms):
            fieldwriter.start_field(name, self.schema[name])
            lengths = self._lengths.get(name)
            length_of = lengths.__getitem__ if lengths is not None else None
            terms = self._terms[name]
            for tbytes in sorted(terms):
                fieldwriter.start_term(tbytes)
                _write_postings(fieldwriter._postwriter, terms[tbytes], length_of)
                fieldwriter.finish_term()
            fieldwriter.finish_field()
        fieldwriter.close()
        self._terms.clear()
        self._lengths.clear()


def _write_postings(writer, postings: TermPostings, length_of: Callable[[int], int] | None) -> None:
    """Fill the codec's posting writer block by block, as its ``add_posting`` would.

    Each full block is written at once; the last one stays buffered for
    ``finish_postings`` to write as the term's last.
    """
    size = writer._blocklimit
    docs, weights, values = postings.docs, postings.weights, postings.values
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
