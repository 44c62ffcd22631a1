"""Turn backend results into what pages and the JSON API show.

Hits come back as ids; statements are loaded from the database in hit
order (never an unpublished one), and facet values get their labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import compress

from archive import listed
from archive.listed import Listed
from archive.models import Statement
from archive.statement_json import listed_fields
from search import facets, label_cache
from search.backends.base import Hit, SearchQuery, SearchResults
from search.backends.facet_values import as_columns
from search.sync import lag


def facet_labels(results: SearchResults) -> dict[str, Mapping[str, str]]:
    """Labels for every facet value shown, as each facet's declaration says: values the
    index counted from the label cache, values typed into the URL (counted zero) read."""
    wanted: dict[facets.Labels, tuple[set[str], set[str]]] = {}
    for facet in facets.FACETS:
        if facet.labels is not None:
            counted, typed = wanted.setdefault(facet.labels, (set(), set()))
            found = as_columns(results.facets.get(facet.name, ()))
            counted.update(compress(found.values, found.counts))
            if 0 in found.counts:
                typed.update(v for v, n in zip(found.values, found.counts, strict=True) if not n)
    read: dict[facets.Labels, Mapping[str, str]] = {}
    for source, (counted, typed) in wanted.items():
        if typed - counted:  # named only if public: never looked up in the whole table
            extra = source.read(counted=[], typed=sorted(typed - counted))
            read[source] = {**label_cache.CACHE.labels(source, counted), **extra}
        else:
            read[source] = label_cache.CACHE.lookup(source, counted)
    return {
        facet.name: read[facet.labels] if facet.labels else facet.choice_labels
        for facet in facets.FACETS
    }


# What the trends page's list of first uses shows (templates/search/trends.html).
LISTED = (
    "title",
    "slug",
    "issued_on",
    "issued_precision",
    "issued_edtf",
    "kind",
    "language",
    "issuer__name",
    "issuer__country__name",
)


def load_statements(hits: Iterable[Hit], *, for_api: bool = False) -> list[tuple[Statement, Hit]]:
    """(statement, hit) pairs in hit order as model instances, skipping anything not
    published: for first uses, which read their dates' spans and answers; for the API with
    every field and the countries each names."""
    by_id = {int(hit.id): hit for hit in hits}
    statements = Statement.objects.published().for_display().order_by()
    if for_api:
        statements = statements.prefetch_related("countries_mentioned", "versions")
    else:
        statements = statements.only(*LISTED)
    statements = statements.in_order(list(by_id))
    return [(statement, by_id[statement.pk]) for statement in statements]


def listed_hits(hits: Iterable[Hit], *, for_api: bool = False) -> list[tuple[Listed, Hit]]:
    """(row, hit) pairs in hit order, skipping anything not published: flat rows, no model
    instances; for the API with the countries each names and its versions."""
    by_id = {int(hit.id): hit for hit in hits}
    return [(row, by_id[row.pk]) for row in listed.published(list(by_id), for_api)]


def results_json(
    query: SearchQuery, results: SearchResults, notices: tuple[str, ...], request=None
) -> dict:
    labels = facet_labels(results)
    rows = []
    absolute = request.build_absolute_uri if request else None
    for row, hit in listed_hits(results.hits, for_api=True):
        rows.append(
            {
                **listed_fields(row, absolute),
                "snippet": hit.snippet,
                "snippet_language": hit.language,
                "score": hit.score,
            }
        )
    return {
        "query": query.text,
        "total": results.total,
        "page": results.page,
        "page_size": results.page_size,
        "results": rows,
        "facets": {
            name: [
                {
                    "value": v.value,
                    "label": labels[name].get(v.value, v.value),
                    "count": v.count,
                    "selected": v.selected,
                }
                for v in results.facets.get(name, ())
            ]
            for name in facets.NAMES
        },
        "suggestion": results.suggestion,
        "notices": [*notices, *results.notices],
        # How far the index is behind the database (search.sync.lag).
        "index": lag.current().as_json(),
    }
