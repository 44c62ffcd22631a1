"""Facet groups, and links that change one part of a search and keep the rest.

The URL holds the whole state of a search, so every control on the page is
a link or a GET form built from the current parameters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.http import QueryDict

from search import facets
from search.backends.base import FacetValue, SearchQuery, SearchResults
from search.backends.facet_values import FacetValues, as_columns

SHOWN_BEFORE_MORE = 8


@dataclass(frozen=True)
class FacetGroup:
    """One facet's checkboxes as columns in the order listed: the page lists some 350
    values, and the facet tag joins them from the columns without an object for each."""

    name: str
    title: str
    values: Sequence[str]
    labels: Sequence[str]
    counts: Sequence[int]
    chosen: int  # how many values lead the columns because they are selected
    shown_count: int  # how many values show before "more"


@dataclass(frozen=True)
class Chip:
    label: str
    url: str  # removes this filter


def with_changes(params: QueryDict, **changes) -> str:
    """Return a query string with some parameters replaced (None removes them)."""
    data = params.copy()
    data.pop("page", None)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        elif isinstance(value, list):
            data.setlist(key, value)
        else:
            data[key] = value
    return data.urlencode()


def toggled(params: QueryDict, name: str, value: str) -> str:
    values = params.getlist(name)
    values = [v for v in values if v != value] if value in values else [*values, value]
    return with_changes(params, **{name: values})


def facet_groups(
    results: SearchResults, labels: Mapping[str, Mapping[str, str]]
) -> list[FacetGroup]:
    """Each facet's values: its selected ones first, then the most frequent (or, for a facet
    listed by value, the first) up to ``SHOWN_BEFORE_MORE``, the rest behind "more"."""
    groups = []
    for facet in facets.FACETS:
        name = facet.name
        found = as_columns(results.facets.get(name, ()))
        if not found:
            continue
        values, counts, chosen = found.values, found.counts, found.chosen
        order = sorted(range(len(values)), key=values.__getitem__) if facet.by_value else None
        leading = 0
        if chosen:
            listed = order or range(len(values))
            picked = [n for n in listed if values[n] in chosen]
            order = picked + [n for n in listed if values[n] not in chosen]
            leading = len(picked)
        if order is not None:  # the columns are used as they are when nothing reorders them
            values, counts = [values[n] for n in order], [counts[n] for n in order]
        names = list(map(labels[name].get, values, values))
        shown = min(len(values), max(leading, SHOWN_BEFORE_MORE))
        groups.append(FacetGroup(name, facet.title, values, names, counts, leading, shown))
    return groups


def capped(facets: Mapping[str, Sequence[FacetValue]], limit: int) -> dict[str, FacetValues]:
    """Each facet's ``limit`` most frequent values, and any selected value past them."""
    return {name: as_columns(values).capped(limit) for name, values in facets.items()}


def validated(params: QueryDict, query: SearchQuery) -> QueryDict:
    """The parameters with each facet's values as validated (and capped), dates only if valid.

    Every link on the page is built from these: hostile values (999 years,
    junk) cost nothing and are never echoed back.
    """
    data = params.copy()
    for name in facets.NAMES:
        data.setlist(name, list(query.filters.get(name, ())))
    for bound, value in (("from", query.date_from), ("to", query.date_to)):
        if value is None:
            data.pop(bound, None)
    for name, value in (("page", query.page), ("page_size", query.page_size), ("sort", query.sort)):
        if name in data:
            data[name] = str(value)
    return data


def chips(params: QueryDict, labels: Mapping[str, Mapping[str, str]]) -> list[Chip]:
    """One removable chip per active filter value and date bound."""
    active = []
    for facet in facets.FACETS:
        for value in params.getlist(facet.name):
            label = labels.get(facet.name, {}).get(value, value)
            active.append(Chip(f"{facet.title}: {label}", "?" + toggled(params, facet.name, value)))
    for bound, title in (("from", "From"), ("to", "To")):
        if params.get(bound):
            active.append(
                Chip(f"{title}: {params[bound]}", "?" + with_changes(params, **{bound: None}))
            )
    return active


def page_url(params: QueryDict, page: int) -> str:
    data = params.copy()
    data["page"] = str(page)
    return "?" + data.urlencode()
