"""Whoosh's postings fast path reads what the public matcher API reads, deletions included."""

import datetime as dt

import numpy as np
from whoosh import index
from whoosh.writing import SegmentWriter

from search.analysis import stem
from search.backends.base import Document, SearchQuery
from search.backends.whoosh import WhooshBackend, internals, postings
from search.backends.whoosh.checks import whoosh_fast_path_tested

WORDS = ["peace", "security", "nuclear", "korea", "development", "rights", "council", "sanctions"]


def doc(n: int, version: str = "v1") -> Document:
    body = " ".join(WORDS[(n * k) % len(WORDS)] for k in range(1, 40 + n % 50))
    day = dt.date(1990 + n % 30, 1, 1)
    return Document(
        id=str(n),
        version=version,
        slug=f"doc-{n}",
        title=f"Statement {n} on {WORDS[n % len(WORDS)]}",
        body=body,
        date=day,
        date_start=day,
        date_end=day,
        facets={"kind": ("speech",), "language": ("en",)},
    )


def live_postings(reader, fieldname, term, fast: bool):
    """(ids, weights, values) of the live documents, by the fast path or the public walk."""
    matcher = reader.postings(fieldname, term)
    if fast:
        assert internals.leaf_of(matcher) is not None
        parts = list(postings.blocks(matcher, with_values=True))
    else:
        parts = [postings._walked(matcher, with_values=True)]
    ids = np.concatenate([p[0] for p in parts])
    weights = np.concatenate([p[1] for p in parts])
    values = [v for p in parts for v in p[2]]
    live = np.array([not reader.is_deleted(int(i)) for i in ids], dtype=bool)
    return (
        ids[live].tolist(),
        weights[live].tolist(),
        [v for v, k in zip(values, live, strict=True) if k],
    )


def test_the_fast_path_equals_the_public_walk_on_an_index_with_deletions(tmp_path):
    backend = WhooshBackend({"PATH": tmp_path / "index", "PROCS": 1})
    backend.rebuild(doc(n) for n in range(400))  # past one 128-posting block per term
    backend.index(doc(n, "v2") for n in range(0, 400, 7))  # rewritten: the old ones deleted
    backend.remove(str(n) for n in range(3, 400, 11))
    ix = index.open_dir(backend.store.current())
    with ix.searcher() as searcher:
        segments = [reader for reader, _ in searcher.reader().leaf_readers()]
        assert any(reader.has_deletions() for reader in segments)
        compared = 0
        for reader in segments:
            for fieldname in ("body", "title"):
                for term in map(stem, WORDS):
                    if (fieldname, term) not in reader:
                        continue
                    fast = live_postings(reader, fieldname, term, fast=True)
                    walked = live_postings(reader, fieldname, term, fast=False)
                    assert fast == walked, (fieldname, term)
                    compared += len(fast[0])
        assert compared > 1000


def test_an_untested_whoosh_walks_the_public_api_and_the_check_says_so(monkeypatch, tmp_path):
    backend = WhooshBackend({"PATH": tmp_path / "index", "PROCS": 1})
    backend.rebuild(doc(n) for n in range(20))
    assert whoosh_fast_path_tested() == []
    monkeypatch.setattr(internals, "whoosh_version", lambda: "9.9.9")
    assert [w.id for w in whoosh_fast_path_tested()] == ["search.W002"]
    ix = index.open_dir(backend.store.current())
    with ix.searcher() as searcher:
        reader = next(r for r, _ in searcher.reader().leaf_readers())
        assert internals.leaf_of(reader.postings("body", "peac")) is None


def test_an_untested_whoosh_rebuilds_with_whoosh_own_writer_and_finds_the_same(
    monkeypatch, tmp_path
):
    fast = WhooshBackend({"PATH": tmp_path / "fast", "PROCS": 2})
    fast.rebuild(doc(n) for n in range(60))
    monkeypatch.setattr(internals, "whoosh_version", lambda: "9.9.9")
    (tmp_path / "scratch").mkdir()
    ix = index.create_in(tmp_path / "scratch", fast.schema)
    writer = internals.rebuild_writer(ix, procs=2, limitmb=32)
    assert type(writer) is SegmentWriter  # not the bulk or the multi-process writer
    writer.cancel()
    public = WhooshBackend({"PATH": tmp_path / "public", "PROCS": 2})
    public.rebuild(doc(n) for n in range(60))
    for text in ("peace", "nuclear korea", '"security council"', "sanction*"):
        query = SearchQuery(text=text, page_size=100)
        assert [h.id for h in public.search(query).hits] == [h.id for h in fast.search(query).hits]


def test_the_installed_version_is_read_once_not_per_posting_list(monkeypatch, tmp_path):
    """Reading package metadata cost 0.7 ms a posting list: a third of a rare word's page."""
    backend = WhooshBackend({"PATH": tmp_path / "index", "PROCS": 1})
    backend.rebuild(doc(n) for n in range(20))
    reads = []
    monkeypatch.setattr(internals.metadata, "version", lambda name: reads.append(name) or "3.54.0")
    internals.whoosh_version.cache_clear()
    ix = index.open_dir(backend.store.current())
    with ix.searcher() as searcher:
        reader = next(r for r, _ in searcher.reader().leaf_readers())
        for _ in range(3):
            assert internals.leaf_of(reader.postings("body", "peac")) is not None
    assert reads == ["whoosh3"]
    internals.whoosh_version.cache_clear()


def test_searching_does_not_copy_the_index_files_into_memory(tmp_path):
    """whoosh3 opened a compound segment through mmap, then copied each of its files (the
    postings: most of the index) into a BytesIO: a worker held the whole index twice."""
    import random
    import tracemalloc

    from search.backends.base import SearchQuery

    rng = random.Random(14)
    vocabulary = [f"word{n}" for n in range(3000)]
    backend = WhooshBackend({"PATH": tmp_path / "index", "PROCS": 1})
    backend.rebuild(
        Document(
            id=str(n),
            version="v1",
            slug=f"doc-{n}",
            title=f"Statement {n}",
            body=" ".join(rng.choices(vocabulary, k=2000)),
            facets={"kind": ("speech",), "language": ("en",)},
        )
        for n in range(300)
    )
    on_disk = sum(f.stat().st_size for f in (tmp_path / "index").rglob("*.seg"))
    assert on_disk > 2_000_000

    tracemalloc.start()
    try:
        backend.search(SearchQuery(text="word7"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        backend.close()

    assert peak < on_disk / 4, (peak, on_disk)
