"""The word lists held in memory answer as Whoosh's own term files do
(search.backends.whoosh.lexicon)."""

import dataclasses

import numpy as np
import pytest

from search.backends.base import SearchQuery
from search.backends.whoosh import postings
from search.backends.whoosh.backend import WhooshBackend
from tests.test_search_index_writing import documents


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    """Several segments, one of them with a document deleted (read only: one per module)."""
    docs = documents(30)
    path = tmp_path_factory.mktemp("lexicon") / "index"
    backend = WhooshBackend({"PATH": str(path), "PROCS": 1})
    backend.rebuild(docs[:20])
    for doc in docs[20:26]:
        backend.index([dataclasses.replace(doc, body=f"{doc.body} terrorism terrible régimes")])
    backend.index([dataclasses.replace(docs[2], version="again", body="territorial sovereignty")])
    yield backend
    backend.close()


@pytest.mark.parametrize("prefix", ["te", "ter", "terr", "nuc", "rég", "re", "zzz", "", "a"])
@pytest.mark.parametrize("field", ["body", "title", "summary", "issuer", "no_such_field"])
def test_a_prefix_finds_what_whoosh_finds_in_every_segment(backend, field, prefix):
    searcher, _, collection = backend._state()
    assert len(list(searcher.reader().leaf_readers())) > 3
    try:
        whoosh = [t.decode() for t in searcher.reader().expand_prefix(field, prefix)]
    except Exception:  # Whoosh: a field the schema lacks
        whoosh = []
    assert collection.lexicon.with_prefix(field, prefix) == whoosh


def test_a_wildcard_search_finds_the_words_of_new_segments(backend):
    found = backend.search(SearchQuery(text="terr*"))
    assert {hit.id for hit in found.hits} >= {str(n) for n in range(20, 26)} | {"2"}


@pytest.mark.parametrize("word", ["territorial", "terrorism", "nuclear", "absent"])
def test_only_the_segments_holding_a_word_are_read_for_it(backend, monkeypatch, word):
    """A new segment is small and holds few of the words searched: its word list in memory
    answers instead of a lookup in its term file."""
    _, _, collection = backend._state()
    read = []
    original = postings.read_segment

    def counted(reader, fieldname, text, positions):
        read.append(reader)
        return original(reader, fieldname, text, positions)

    monkeypatch.setattr(postings, "read_segment", counted)
    found = postings.read_postings(collection.leaves, "body", word, positions=True)
    holding = [leaf.reader for leaf in collection.leaves if (("body", word) in leaf.reader)]
    assert read == holding
    blind = [dataclasses.replace(leaf, terms=None) for leaf in collection.leaves]
    every = postings.read_postings(blind, "body", word, positions=True)
    assert len(read) == len(holding) + len(collection.leaves)
    assert found.docs.tolist() == every.docs.tolist() and found.tf.tolist() == every.tf.tolist()
    everywhere = np.ones(collection.size, bool)
    assert [a.tolist() for a in found.positions(everywhere)] == [
        a.tolist() for a in every.positions(everywhere)
    ]
