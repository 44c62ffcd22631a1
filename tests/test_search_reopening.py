"""A searching process after a commit: it opens the segments the commit changed and keeps its
readers of the others (search.backends.whoosh.internals.reopened)."""

import dataclasses

import pytest

from search.backends.base import Document, SearchQuery
from search.backends.whoosh import internals
from search.backends.whoosh.backend import WhooshBackend
from search.backends.whoosh.writing import live_versions


def document(n: int, words: str = "nuclear disarmament") -> Document:
    return Document(id=str(n), version="1", slug=f"s-{n}", title=f"Statement {n}", body=words)


def leaves(searcher) -> list:
    return [reader for reader, _ in searcher.reader().leaf_readers()]


@pytest.fixture
def backend(tmp_path):
    backend = WhooshBackend({"PATH": str(tmp_path / "index"), "PROCS": 1})
    backend.rebuild([document(n) for n in range(3)])
    backend.index([document(3)])  # a second segment
    yield backend
    backend.close()


def test_a_new_segment_keeps_every_other_reader(backend):
    before, _, _ = backend._state()
    kept = leaves(before)
    backend.index([document(4)])
    after, _, _ = backend._state()
    assert after is not before and before.is_closed
    assert leaves(after)[: len(kept)] == kept  # the very same readers, still open
    assert all(not reader.is_closed for reader in leaves(after))
    assert len(leaves(after)) == len(kept) + 1
    assert sorted(live_versions(after)) == ["0", "1", "2", "3", "4"]


def test_a_segment_that_lost_a_document_is_read_again(backend):
    before, _, _ = backend._state()
    first, second = leaves(before)
    backend.index([dataclasses.replace(document(0), version="2")])  # deletes from the first
    backend.remove(["3"])  # and from the second
    after, _, _ = backend._state()
    assert first not in leaves(after) and second not in leaves(after)
    assert first.is_closed and second.is_closed
    assert live_versions(after) == {"0": "2", "1": "1", "2": "1"}
    hits = backend.search(SearchQuery(text="nuclear")).hits
    assert sorted(hit.id for hit in hits) == ["0", "1", "2"]


def test_a_segment_that_fails_to_open_leaves_the_last_searcher_whole(backend, monkeypatch):
    before, _, _ = backend._state()
    kept = leaves(before)
    backend.index([document(4)])

    def damaged(*args, **kwargs):
        raise OSError("a damaged segment")

    monkeypatch.setattr(internals, "SegmentReader", damaged)
    still, _, _ = backend._state()  # logs the failure and answers from the last good one
    assert still is before and not before.is_closed
    assert all(not reader.is_closed for reader in kept)
    monkeypatch.undo()
    after, _, _ = backend._state()
    assert leaves(after)[: len(kept)] == kept and len(leaves(after)) == 3
