"""A segment's statement ids, read whole from its ``id`` column once, are its stored ids."""

from search.backends.base import Document, SearchQuery
from search.backends.whoosh import WhooshBackend, internals
from search.backends.whoosh.segment_ids import SegmentIds, read_ids
from search.backends.whoosh.storage import open_index


def doc(n: int, version: str = "v1") -> Document:
    return Document(
        id=str(1000 + n * 7),  # ids of different lengths, not the document numbers
        version=version,
        slug=f"doc-{n}",
        title=f"Statement {n}",
        body=f"peace and security, statement {n}",
        facets={"kind": ("speech",), "language": ("en",)},
    )


def segments(backend):
    backend.rebuild(doc(n) for n in range(150))
    backend.index(doc(n, "v2") for n in range(0, 150, 9))  # a second segment, with deletions
    backend.remove(str(1000 + n * 7) for n in range(5, 150, 17))
    ix = open_index(backend.store.current())  # as searchers open it: without a memory map
    return ix.searcher()


def stored(reader) -> list[str]:
    return [reader.stored_fields(d)["id"] for d in range(reader.doc_count_all())]


def test_each_segment_ids_read_whole_are_its_stored_ids(tmp_path):
    backend = WhooshBackend({"PATH": tmp_path / "index", "PROCS": 1})
    with segments(backend) as searcher:
        readers = [reader for reader, _ in searcher.reader().leaf_readers()]
        assert len(readers) > 1 and any(reader.has_deletions() for reader in readers)
        for reader in readers:
            assert read_ids(reader) == stored(reader)


def test_an_untested_whoosh_names_hits_by_their_stored_fields(tmp_path, monkeypatch):
    backend = WhooshBackend({"PATH": tmp_path / "index", "PROCS": 1})
    monkeypatch.setattr(internals, "whoosh_version", lambda: "9.9.9")
    with segments(backend) as searcher:
        for reader, _ in searcher.reader().leaf_readers():
            assert read_ids(reader) is None
            ids = SegmentIds()
            assert [ids.of(reader, d) for d in range(reader.doc_count_all())] == stored(reader)


def test_hits_are_named_by_their_statement_ids(tmp_path):
    backend = WhooshBackend({"PATH": tmp_path / "index", "PROCS": 1})
    segments(backend).close()
    found = backend.search(SearchQuery(text="peace", page_size=500))
    removed = {str(1000 + n * 7) for n in range(5, 150, 17)}
    assert sorted(hit.id for hit in found.hits) == sorted(
        str(1000 + n * 7) for n in range(150) if str(1000 + n * 7) not in removed
    )
