"""A segment writer for rebuilds: postings gathered per term in memory, written in order.

Whoosh's ``SegmentWriter`` puts every posting (about a thousand a speech)
into a sorting pool as a tuple, sorts them all, spills runs to disk with
pickle, and then hands them one by one to the codec, which looks up the
document's field length for each. ``BulkSegmentWriter`` appends each
field's postings to flat arrays as the documents arrive, a document's
postings at once (a text field hands them over in columns), groups them by
term with one stable sort when the segment is written, and fills the
codec's blocks a block at a time. The files are the ones Whoosh writes,
block for block (``tests/test_search_index_writing.py`` reads both back and
compares); a rebuild costs less than half as much. The price is memory: a
segment's postings stay in memory until it is written (a writer process of
a full-corpus rebuild peaks at about 500 MB).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator

import numpy as np
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter


class FieldPostings:
    """One field's postings in one segment, in the order documents arrived.

    A document's postings are appended in one go: the terms numbered by a
    dictionary lookup done in C (``map``), the rest extended from columns. At
    the end, one stable sort by term number groups them by term, each term's
    documents still in order.
    """

    __slots__ = ("docs", "numbers", "terms", "values", "weights")

    def __init__(self) -> None:
        self.numbers: dict[bytes, int] = {}  # term -> its number in this segment
        self.terms = array("I")  # per posting: its term's number
        self.docs = array("I")
        self.weights = array("f")
        self.values: list[bytes] = []

    def add(self, docnum: int, field, value) -> int:
        """Append one document's postings of ``field``; return its length (the frequencies'
        sum). A text field hands them over in columns; any other yields tuples."""
        if hasattr(field, "index_columns"):
            terms, freqs, weights, values = field.index_columns(value)
        else:
            postings = list(field.index(value))
            terms, freqs, weights, values = zip(*postings, strict=True) if postings else ((),) * 4
        if not terms:
            return 0
        numbered = list(map(self.numbers.get, terms))
        if None in numbered:
            for at, term in enumerate(terms):
                if numbered[at] is None:
                    numbered[at] = self.numbers.setdefault(term, len(self.numbers))
        self.terms.extend(numbered)
        self.docs.extend([docnum] * len(terms))
        self.weights.extend(weights)
        self.values.extend(values)
        return sum(freqs)

    def by_term(self) -> Iterator[tuple[bytes, list[int], list[float], list[bytes]]]:
        """(term, documents, weights, values) for each term, terms in byte order; a term's
        lists are made when its turn comes (a segment holds millions of postings)."""
        numbers = np.frombuffer(self.terms, dtype=np.uint32)
        order = np.argsort(numbers, kind="stable")
        bounds = np.zeros(len(self.numbers) + 1, dtype=np.int64)
        np.cumsum(np.bincount(numbers, minlength=len(self.numbers)), out=bounds[1:])
        docs = np.frombuffer(self.docs, dtype=np.uint32)
        weights = np.frombuffer(self.weights, dtype=np.float32)
        values = self.values
        for term in sorted(self.numbers):
            number = self.numbers[term]
            picked = order[bounds[number] : bounds[number + 1]]
            yield (
                term,
                docs[picked].tolist(),
                weights[picked].tolist(),
                [values[at] for at in picked.tolist()],
            )


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
