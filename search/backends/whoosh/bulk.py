"""A rebuild's postings gathered per term in memory, to be written in order.

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
from collections.abc import Iterator

import numpy as np


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
