"""The values a facet lists: most frequent first, ties by value, and every selected one.

A results page lists some 500 facet values, and what reads them (the labels,
the filter boxes, the JSON) reads them in bulk. So a facet's values are kept
as columns (``FacetValues``): a ``FacetValue`` is made only for the one asked
for, and the columns go to the page whole.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import overload

from search.backends.base import FacetValue, SearchQuery

# A FacetValue from a (value, count, selected) tuple, made in C: NamedTuple's own __new__ is
# a Python function.
_new_value = partial(tuple.__new__, FacetValue)


class FacetValues(Sequence[FacetValue]):
    """One facet's values in order, as three columns; a sequence of ``FacetValue``."""

    __slots__ = ("chosen", "counts", "values")

    def __init__(
        self, values: list[str], counts: list[int], chosen: frozenset[str] = frozenset()
    ) -> None:
        self.values = values
        self.counts = counts
        self.chosen = chosen  # the values selected (some may not be listed)

    @property
    def selected(self) -> list[bool]:
        """Whether each value is selected."""
        if not self.chosen:
            return [False] * len(self.values)
        return list(map(self.chosen.__contains__, self.values))

    def __len__(self) -> int:
        return len(self.values)

    @overload
    def __getitem__(self, index: int) -> FacetValue: ...
    @overload
    def __getitem__(self, index: slice) -> FacetValues: ...
    def __getitem__(self, index: int | slice) -> FacetValue | FacetValues:
        if isinstance(index, slice):
            return FacetValues(self.values[index], self.counts[index], self.chosen)
        value = self.values[index]
        return _new_value((value, self.counts[index], value in self.chosen))

    def __iter__(self) -> Iterator[FacetValue]:
        return map(_new_value, zip(self.values, self.counts, self.selected, strict=True))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # like a list: equal to tuples, not hashed

    def __repr__(self) -> str:
        return f"FacetValues({list(self)!r})"

    def capped(self, limit: int | None) -> FacetValues:
        """The ``limit`` first values, and any selected value past them (None: all)."""
        if limit is None or len(self.values) <= limit:
            return self
        past = [n for n in range(limit, len(self.values)) if self.values[n] in self.chosen]
        values = self.values[:limit] + [self.values[n] for n in past]
        return FacetValues(
            values, self.counts[:limit] + [self.counts[n] for n in past], self.chosen
        )


def facet_values(
    name: str, counts: Mapping[str, int], selected: Iterable[str], query: SearchQuery
) -> FacetValues:
    """Facet ``name``'s most frequent values (ties by value), and every selected one, even
    at 0."""
    chosen = frozenset(selected)
    counts = {**dict.fromkeys(chosen, 0), **counts}
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    found = FacetValues([value for value, _ in ranked], [count for _, count in ranked], chosen)
    return found.capped(query.facet_limit_of(name))


def ranked_facet_values(
    name: str, values: list[str], counts: list[int], selected: Collection[str], query: SearchQuery
) -> FacetValues:
    """``facet_values`` of counts a backend ranked itself: every value counted above 0, most
    frequent first, ties by value. With nothing selected, the columns are sliced, not
    copied value by value."""
    if selected:
        return facet_values(name, dict(zip(values, counts, strict=True)), selected, query)
    limit = query.facet_limit_of(name)
    return FacetValues(values[:limit], counts[:limit])


def as_columns(found: Sequence[FacetValue]) -> FacetValues:
    """A facet's values as columns, however a caller made them."""
    if isinstance(found, FacetValues):
        return found
    chosen = frozenset(v.value for v in found if v.selected)
    return FacetValues([v.value for v in found], [v.count for v in found], chosen)
