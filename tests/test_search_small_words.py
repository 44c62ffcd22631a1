"""A phrase with a small word reads a few bytes of each document's small-word column: one
``os.pread`` each, the same bytes as Whoosh's own column reader."""

import numpy as np
import pytest

from search.backends.base import Document, SearchQuery
from search.backends.whoosh import WhooshBackend, internals

WORDS = ["weapons", "of", "mass", "destruction", "for", "the", "peace", "and", "security"]


def doc(n: int, version: str = "v1") -> Document:
    words = [WORDS[(n * k + k * k) % len(WORDS)] for k in range(5 + n % 60)]
    if n % 3 == 0:
        words[n % len(words) : n % len(words)] = ["weapons", "of", "mass", "destruction"]
    if n % 5 == 0:
        words += ["weapons", "for", "mass", "destruction"]
    return Document(
        id=str(n),
        version=version,
        slug=f"doc-{n}",
        title=f"Statement {n}",
        body=" ".join(words),
        facets={"kind": ("speech",), "language": ("en",)},
    )


@pytest.fixture
def backend(tmp_path):
    backend = WhooshBackend({"PATH": tmp_path / "index", "PROCS": 1})
    backend.rebuild(doc(n) for n in range(300))
    backend.index(doc(n, "v2") for n in range(0, 300, 7))  # a second segment, with deletions
    backend.remove(str(n) for n in range(4, 300, 13))
    return backend


def spans_both_ways(backend):
    """(fast spans, Whoosh's column reader's slices) of every document, over ranges that
    start inside, at and past a column's end."""
    _, _, collection = backend._state()
    assert len(collection.leaves) > 1
    docs = np.arange(collection.size, dtype=np.int64)
    lo = docs % 9
    hi = lo + docs % 40
    fast = collection.small_word_spans("body", docs, lo, hi)
    found = [collection._column_file("body", leaf) for leaf in range(len(collection.leaves))]
    slow = [collection.small_words("body", d)[a:b] for d, a, b in zip(docs, lo, hi, strict=True)]
    return fast, slow, found


def test_the_spans_read_from_the_file_are_whoosh_own_bytes(backend):
    fast, slow, found = spans_both_ways(backend)
    assert all(f is not None for f in found)  # read from the segment files, not by Whoosh
    assert fast == slow
    assert sum(map(len, fast)) > 1000 and b"" in fast  # past a column's end: nothing


def test_an_untested_whoosh_reads_the_spans_through_its_column_reader(backend, monkeypatch):
    monkeypatch.setattr(internals, "whoosh_version", lambda: "9.9.9")
    fast, slow, found = spans_both_ways(backend)
    assert found == [None] * len(found)
    assert fast == slow


def test_a_phrase_with_a_small_word_finds_it_only_where_the_small_word_stands(backend):
    live = {str(n) for n in range(300) if n % 13 != 4}
    expected = {n for n in live if int(n) % 3 == 0}
    results = backend.search(SearchQuery(text='"weapons of mass destruction"', page_size=500))
    assert {hit.id for hit in results.hits} == expected
    results = backend.search(SearchQuery(text='"weapons for mass destruction"', page_size=500))
    assert {hit.id for hit in results.hits} == {n for n in live if int(n) % 5 == 0}
