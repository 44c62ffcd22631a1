"""Whoosh's postings fast path reads what the public matcher API reads, deletions included."""

import datetime as dt

import numpy as np
from whoosh import index

from search.analysis import stem
from search.backends.base import Document
from search.backends.whoosh import WhooshBackend, postings
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
        assert postings.fast_path_applies(matcher)
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
    monkeypatch.setattr(postings, "whoosh_version", lambda: "9.9.9")
    assert [w.id for w in whoosh_fast_path_tested()] == ["search.W002"]
    ix = index.open_dir(backend.store.current())
    with ix.searcher() as searcher:
        reader = next(r for r, _ in searcher.reader().leaf_readers())
        assert not postings.fast_path_applies(reader.postings("body", "peac"))


def test_the_installed_version_is_read_once_not_per_posting_list(monkeypatch, tmp_path):
    """Reading package metadata cost 0.7 ms a posting list: a third of a rare word's page."""
    backend = WhooshBackend({"PATH": tmp_path / "index", "PROCS": 1})
    backend.rebuild(doc(n) for n in range(20))
    reads = []
    monkeypatch.setattr(postings.metadata, "version", lambda name: reads.append(name) or "3.54.0")
    postings.whoosh_version.cache_clear()
    ix = index.open_dir(backend.store.current())
    with ix.searcher() as searcher:
        reader = next(r for r, _ in searcher.reader().leaf_readers())
        for _ in range(3):
            assert postings.fast_path_applies(reader.postings("body", "peac"))
    assert reads == ["whoosh3"]
    postings.whoosh_version.cache_clear()


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
