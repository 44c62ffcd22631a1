"""Each new commit opened between requests, with what its first searches would read
(SearchBackend.refresh, search.web.warming)."""

import dataclasses
import time

import pytest

from search.backends.base import SearchQuery
from search.backends.whoosh import backend as backend_module
from search.backends.whoosh import facets as facet_arrays
from search.web import warming
from tests.test_search_index_writing import documents
from tests.test_search_segment_arrays import open_backend


@pytest.fixture
def docs():
    return documents(30)


@pytest.fixture
def writer(tmp_path, docs):
    backend = open_backend(tmp_path / "index")
    backend.rebuild(docs[:20])
    yield backend
    backend.close()


@pytest.fixture
def searching(tmp_path, writer):
    backend = open_backend(tmp_path / "index")
    backend.search(SearchQuery(text="nuclear weapons"))  # words searched lately
    backend.search(SearchQuery(text="peace"))
    yield backend
    backend.close()


def new_segment(searcher) -> object:
    return searcher.reader().leaf_readers()[-1][0]


def test_a_refresh_opens_the_commit_and_reads_the_words_searched_lately(
    writer, searching, docs, monkeypatch
):
    writer.index([dataclasses.replace(docs[20], body="nuclear weapons and cooperation")])
    searching.refresh()
    searcher, _, collection = searching._state()
    assert searcher.up_to_date()
    key = collection.leaves[-1].segment
    cache = searching.postings_cache
    assert cache.holds((key, "body", "nuclear", True))
    assert cache.holds((key, "body", "weapon", True))
    assert not cache.holds((key, "body", "peac", True))  # the segment has no such word

    def reads_segment(*args, **kwargs):
        raise AssertionError("the search opened the commit itself")

    monkeypatch.setattr(backend_module.internals, "reopened", reads_segment)
    monkeypatch.setattr(facet_arrays, "build_segment", reads_segment)
    misses = cache.misses
    found = searching.search(SearchQuery(text="nuclear weapons"))
    assert docs[20].id in {hit.id for hit in found.hits}
    assert cache.misses == misses  # every posting it read was read ahead


def test_a_second_refresh_without_a_commit_reads_nothing(writer, searching, monkeypatch):
    searching.refresh()
    misses = searching.postings_cache.misses

    def reads(*args, **kwargs):
        raise AssertionError("read again")

    monkeypatch.setattr(backend_module.internals, "reopened", reads)
    searching.refresh()
    assert searching.postings_cache.misses == misses


def test_the_warming_thread_opens_each_new_commit(writer, searching, docs):
    warmer = warming.Warmer(lambda: searching, interval=0.01)
    warmer.start()
    try:
        for doc in docs[20:23]:
            writer.index([doc])
            deadline = time.monotonic() + 10
            while searching._warmed is None or not searching._searcher.up_to_date():
                assert time.monotonic() < deadline, "the commit was not opened"
                time.sleep(0.01)
            with searching._lock:
                assert searching._searcher.document_number(id=doc.id) is not None
    finally:
        warmer.stop()
        warmer.join(timeout=5)
    assert not warmer.is_alive()


def test_a_missing_index_does_not_stop_the_thread(tmp_path):
    calls = []

    def backend():
        calls.append(1)
        return open_backend(tmp_path / "nothing-here")

    warmer = warming.Warmer(backend, interval=0.01)
    warmer.start()
    try:
        deadline = time.monotonic() + 10
        while len(calls) < 3:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert warmer.is_alive()
    finally:
        warmer.stop()
        warmer.join(timeout=5)
