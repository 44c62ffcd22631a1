"""Each segment's facet arrays and field lengths, written by the writer beside the segment and
loaded by searchers (search.backends.whoosh.segment_arrays)."""

import dataclasses
import logging
from pathlib import Path

import numpy as np
import pytest

from search.backends.base import SearchQuery
from search.backends.whoosh import backend as backend_module
from search.backends.whoosh import facets as facet_arrays
from search.backends.whoosh import internals, segment_arrays
from search.backends.whoosh.backend import WhooshBackend
from search.backends.whoosh.scoring import field_lengths
from tests.test_search_index_writing import documents

FACETED = SearchQuery(text="nuclear", filters={"country": ("C1", "C2")}, facet_limit=100)


def open_backend(path: Path) -> WhooshBackend:
    return WhooshBackend({"PATH": str(path), "PROCS": 1})


@pytest.fixture
def docs():
    return documents(40)


@pytest.fixture
def writer(tmp_path, docs):
    """A rebuilt index, then three commits: new statements, an edit, a removal."""
    backend = open_backend(tmp_path / "index")
    backend.rebuild(docs[:30])
    backend.index(docs[30:35])
    backend.index([dataclasses.replace(docs[3], version="edited", countries="Chile")])
    backend.remove([docs[7].id])
    yield backend
    backend.close()


def array_files(backend: WhooshBackend) -> set[str]:
    return {p.name for p in backend.store.current().iterdir() if p.name.endswith(".arrays1")}


def segment_names(backend: WhooshBackend) -> set[str]:
    ix = backend._live_index()
    return {segment_arrays.file_name(s) for s in internals.segments(ix)}


def live_pairs(multi: tuple[np.ndarray, np.ndarray], live: np.ndarray) -> list:
    docs, codes = multi
    return sorted((int(d), int(c)) for d, c in zip(docs, codes, strict=True) if live[d])


def answer(backend: WhooshBackend) -> tuple:
    results = backend.search(FACETED)
    return [hit.id for hit in results.hits], results.total, results.facets


def test_every_segment_of_the_index_has_its_arrays(writer):
    assert len(segment_names(writer)) >= 3
    assert array_files(writer) == segment_names(writer)


def test_the_arrays_loaded_equal_those_read_from_the_segment(writer):
    searcher, _, _ = writer._state()
    folder = writer.store.current()
    for reader, _ in searcher.reader().leaf_readers():
        vocab = {name: facet_arrays.FacetCodes() for name in writer._vocab}
        loaded, lengths = segment_arrays.load(folder, reader, vocab)
        read = facet_arrays.build_segment(reader, vocab)
        assert loaded.size == read.size == reader.doc_count_all()
        # The file was written before later commits deleted documents from its segment, and
        # a segment's postings skip deleted documents: they agree on the live ones.
        live = facet_arrays.live_mask(reader)
        for name in read.single:
            assert np.array_equal(loaded.single[name][live], read.single[name][live]), name
        for name in read.multi:
            assert live_pairs(loaded.multi[name], live) == live_pairs(read.multi[name], live)
        assert np.array_equal(loaded.date_start[live], read.date_start[live])
        assert np.array_equal(loaded.date_end[live], read.date_end[live])
        expected = field_lengths(reader, reader.doc_count_all())
        assert lengths.keys() == expected.keys()
        for name, values in expected.items():
            assert np.array_equal(lengths[name], values), name


def test_a_searcher_reads_no_segment_for_its_arrays_after_a_commit(
    tmp_path, writer, docs, monkeypatch
):
    """The web workers' first search after each commit read the new segment's facet values
    from its postings: the slowest searches while writers wrote."""
    searching = open_backend(tmp_path / "index")
    searching._state()
    new = dataclasses.replace(docs[36], body="nuclear weapons", facets={"country": ("CX",)})
    writer.index([new])

    def reads_segment(*args, **kwargs):
        raise AssertionError("a searcher read a segment's facet values or lengths itself")

    monkeypatch.setattr(backend_module.facet_arrays, "build_segment", reads_segment)
    monkeypatch.setattr(backend_module, "field_lengths", reads_segment)
    found = searching.search(SearchQuery(text="nuclear", filters={"country": ("CX",)}))
    got = answer(searching)
    monkeypatch.undo()
    assert [hit.id for hit in found.hits] == [new.id]
    for path in writer.store.current().glob("*.arrays1"):
        path.unlink()
    reading = open_backend(tmp_path / "index")  # with no files: reads every segment itself
    assert got == answer(reading)
    searching.close()
    reading.close()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "another segment's"])
def test_a_damaged_file_is_read_around(tmp_path, writer, damage, caplog):
    expected = answer(writer)
    files = sorted(writer.store.current().glob("*.arrays1"), key=lambda p: p.stat().st_size)
    small, large = files[0], files[-1]
    if damage == "garbage":
        large.write_bytes(b"not arrays at all")
    elif damage == "truncated":
        large.write_bytes(large.read_bytes()[:-40])
    else:
        large.write_bytes(small.read_bytes())  # arrays of another number of documents
    searching = open_backend(tmp_path / "index")
    with caplog.at_level(logging.WARNING, logger=segment_arrays.__name__):
        assert answer(searching) == expected
    assert large.name in caplog.text
    searching.close()


def test_merged_segments_take_their_arrays_with_them(writer, docs):
    for doc in docs[35:40]:
        writer.index([doc])
    for doc in docs[:4]:
        writer.index([dataclasses.replace(doc, version="again")])
    before = segment_names(writer)
    assert writer.merge_step()
    assert segment_names(writer) != before
    assert array_files(writer) == segment_names(writer)
    assert answer(writer) == answer(open_backend(writer.store.root))
