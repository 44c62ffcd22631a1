"""The values a facet lists: most frequent first, ties by value, and every selected one."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from functools import partial
from itertools import repeat

from search.backends.base import FacetValue, SearchQuery

# A FacetValue from a (value, count, selected) tuple, made in C: NamedTuple's own __new__ is
# a Python function.
_new_value = partial(tuple.__new__, FacetValue)


def facet_values(
    name: str, counts: Mapping[str, int], selected: Iterable[str], query: SearchQuery
) -> tuple[FacetValue, ...]:
    """Facet ``name``'s most frequent values (ties by value), and every selected one, even
    at 0."""
    chosen = set(selected)
    counts = {**dict.fromkeys(chosen, 0), **counts}
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return _shown(ranked, chosen, query.facet_limit_of(name))


def ranked_facet_values(
    name: str, values: list[str], counts: list[int], selected: Collection[str], query: SearchQuery
) -> tuple[FacetValue, ...]:
    """``facet_values`` of counts a backend ranked itself: every value counted above 0, most
    frequent first, ties by value. With nothing selected, the values a page lists are made
    without a Python call each."""
    if selected:
        return facet_values(name, dict(zip(values, counts, strict=True)), selected, query)
    limit = query.facet_limit_of(name)
    return tuple(map(_new_value, zip(values[:limit], counts[:limit], repeat(False))))


def _shown(
    ranked: list[tuple[str, int]], chosen: set[str], limit: int | None
) -> tuple[FacetValue, ...]:
    shown = ranked[:limit]
    if limit is not None:
        shown += [item for item in ranked[limit:] if item[0] in chosen]
    return tuple(FacetValue(value, count, value in chosen) for value, count in shown)
