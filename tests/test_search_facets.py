"""The facet oracle: for filter-only searches, every count equals the database's."""

import itertools

import pytest
from django.http import QueryDict

from archive.models import Statement
from search.backends import get_backend
from search.facets import NAMES as FACETS
from search.web.filters import SearchFilterSet, parse_parameters

# Every backend answers these the same way.
pytestmark = pytest.mark.every_backend

COMBINATIONS = [
    {},
    {"country": ["PRK"]},
    {"country": ["PRK", "KOR"], "decade": ["2010s"]},
    {"decade": ["1970s", "1980s"], "kind": ["speech"]},
    {"issuer": ["government-of-north-korea", "kcna"]},
    {"event": ["freedom-edge-2024", "unga-73-general-debate"]},
    {"year": ["2018"], "language": ["en"]},
    {"from": ["1990-06"], "to": ["1999"]},
    {"from": ["2024-06-30"], "country": ["PRK"]},
]


def db_count(params: dict) -> int:
    data = QueryDict(mutable=True)
    for key, values in params.items():
        data.setlist(key, values)
    filterset = SearchFilterSet(data=data, queryset=Statement.objects.published())
    assert filterset.is_valid(), filterset.errors
    return filterset.qs.distinct().count()


def search(params: dict):
    data = QueryDict(mutable=True)
    for key, values in params.items():
        data.setlist(key, values)
    parsed = parse_parameters(data)
    assert not parsed.notices
    return get_backend().search(parsed.query)


def test_filter_only_counts_equal_the_database(demo):
    assert len(get_backend().stored_versions()) == Statement.objects.published().count()
    for params in COMBINATIONS:
        results = search(params)
        assert results.total == db_count(params), params
        for facet in FACETS:
            values = results.facets[facet]
            # Check the five most frequent values and every selected one.
            for value in itertools.chain(values[:5], (v for v in values if v.selected)):
                widened = {**params, facet: [value.value]}
                assert value.count == db_count(widened), (params, facet, value)
                assert value.selected == (value.value in params.get(facet, []))
                assert value.count > 0 or value.selected


def test_counts_come_from_the_same_query_as_the_hits(demo):
    results = get_backend().search(parse_parameters(QueryDict("q=nuclear")).query)
    assert 0 < results.total < Statement.objects.published().count()
    # Every statement has exactly one kind and one language.
    assert sum(v.count for v in results.facets["kind"]) == results.total
    assert sum(v.count for v in results.facets["language"]) == results.total


@pytest.mark.parametrize("share", [0.0, 0.01, 0.4, 0.5, 0.6, 0.99, 1.0])
def test_a_multi_valued_facet_counts_the_same_from_either_side_of_the_mask(share):
    import numpy as np

    from search.backends.whoosh.facets import ByDocument

    rng = np.random.default_rng(14)
    size, width = 300, 12
    docs = rng.integers(0, size, 2000).astype(np.int32)  # unsorted, repeated, some docs none
    codes = rng.integers(0, width, 2000).astype(np.int32)
    mask = rng.random(size) < share

    counted = ByDocument(docs, codes, size, width).tally(mask)

    assert counted.tolist() == np.bincount(codes[mask[docs]], minlength=width).tolist()


@pytest.mark.parametrize("share", [0.0, 0.01, 0.4, 0.5, 0.6, 0.99, 1.0])
def test_a_single_valued_facet_counts_the_same_from_either_side_of_the_mask(share):
    import numpy as np

    from search.backends.whoosh.facets import ByCode

    rng = np.random.default_rng(15)
    size, width = 300, 12
    codes = rng.integers(-1, width, size).astype(np.int32)  # -1: a document without one
    mask = rng.random(size) < share

    counted = ByCode(codes).tally(mask)

    expected = np.bincount(codes[mask & (codes >= 0)], minlength=width)
    assert counted.tolist() == expected[: len(counted)].tolist()
    assert not expected[len(counted) :].any()


def test_a_multi_valued_facet_with_one_value_a_document_counts_as_a_single_valued_one():
    import numpy as np

    from search.backends.whoosh.facets import ByCode, ByDocument, _one_per_document

    rng = np.random.default_rng(16)
    size, width = 300, 12
    docs = rng.permutation(size)[:200].astype(np.int32)  # one value each, some docs none
    codes = rng.integers(0, width, 200).astype(np.int32)
    counter = _one_per_document(docs, codes, size)
    assert isinstance(counter, ByCode)
    for share in (0.0, 0.3, 0.9, 1.0):
        mask = rng.random(size) < share
        expected = ByDocument(docs, codes, size, width).tally(mask)
        counted = counter.tally(mask)
        assert counted.tolist() == expected[: len(counted)].tolist()
        assert not expected[len(counted) :].any()
    twice = np.concatenate([docs, docs[:1]])  # a document with two values
    assert _one_per_document(twice, np.concatenate([codes, [0]]).astype(np.int32), size) is None


def test_values_ranked_by_the_arrays_come_in_the_order_facet_values_sorts_them():
    import numpy as np

    from search.backends.base import SearchQuery
    from search.backends.facet_values import facet_values, ranked_facet_values
    from search.backends.whoosh.facets import FacetArrays, FacetCodes, SegmentArrays

    rng = np.random.default_rng(3)
    vocab = {name: FacetCodes() for name in ("country", "kind", "decade", "year")}
    vocab |= {name: FacetCodes() for name in ("issuer", "named", "event", "language")}
    words = ["UA", "RU", "KP", "US", "B", "a", "Zz", "É", "aa", "10"]
    for word in rng.permutation(words):  # codes in no order of the values
        vocab["country"].code(str(word))
    size = 400
    single = {name: np.full(size, -1, np.int32) for name in ("kind", "decade", "year")}
    single["country"] = rng.integers(-1, len(words), size).astype(np.int32)
    multi = {name: (np.zeros(0, np.int32),) * 2 for name in ("issuer", "named", "event")}
    multi["language"] = (np.zeros(0, np.int32),) * 2
    segment = SegmentArrays(size, single, multi, np.zeros(size, np.int32), np.zeros(size, np.int32))
    arrays = FacetArrays([(segment, 0, np.ones(size, bool))], vocab)
    mask = rng.random(size) < 0.3
    vocab["country"].code("new")  # a value added since: ranked again, never counted

    values, counts = arrays.ranked_counts("country", mask)
    codes = single["country"][mask]
    expected = {
        vocab["country"].values[c]: int(n)
        for c, n in enumerate(np.bincount(codes[codes >= 0]))
        if n
    }
    assert dict(zip(values, counts, strict=True)) == expected
    full = frozenset({"country"})
    for selected, limit, in_full in (
        ((), 50, frozenset()),
        ((), 4, frozenset()),
        (("RU", "nowhere"), 3, frozenset()),
        (("10",), 50, frozenset()),
        ((), 4, full),
        (("RU", "nowhere"), 3, full),
    ):
        query = SearchQuery(facet_limit=limit, facets_in_full=in_full)
        ranked = ranked_facet_values("country", values, counts, selected, query)
        assert ranked == facet_values("country", expected, selected, query)
        assert [type(v).__name__ for v in ranked] == ["FacetValue"] * len(ranked)
        shown = [v.value for v in ranked]
        assert len(shown) == len(set(shown))
        if in_full:
            assert set(shown) == {*expected, *selected}
    assert ranked_facet_values("country", values, counts, (), SearchQuery())[0].selected is False


def test_facet_values_read_as_a_tuple_of_facet_values_and_as_columns():
    import pickle

    from search.backends.base import FacetValue
    from search.backends.facet_values import FacetValues, as_columns

    found = FacetValues(["USA", "RUS", "CHN", "FRA"], [9, 5, 5, 1], frozenset({"FRA", "GBR"}))
    as_tuple = (
        FacetValue("USA", 9),
        FacetValue("RUS", 5),
        FacetValue("CHN", 5),
        FacetValue("FRA", 1, True),
    )
    assert found == as_tuple and tuple(found) == as_tuple and list(found) == list(as_tuple)
    assert len(found) == 4 and found[3] == as_tuple[3] and found[-1].selected
    assert found[1:3] == as_tuple[1:3] and isinstance(found[1:3], FacetValues)
    assert found.selected == [False, False, False, True]
    assert FacetValue("RUS", 5) in found and found.index(FacetValue("CHN", 5)) == 2
    # Capped, the selected value past the limit stays; below it, nothing is cut.
    assert found.capped(2) == (*as_tuple[:2], as_tuple[3])
    assert found.capped(4) is found
    assert pickle.loads(pickle.dumps(found)) == found
    assert as_columns(as_tuple) == found and as_columns(found) is found
    assert as_columns(as_tuple).chosen == {"FRA"}
    assert found != as_tuple[:3] and found != "USA"
