"""A cross-tab of two facets over a search: "which states spoke about North Korea, by decade".

The facets count each dimension alone; a cross-tab counts the pairs, in one
search (``SearchQuery.pairs``). A backend counts pairs from a single-valued
facet (a statement has one issuing country, one decade) to any other, so one
of the two must be single-valued: when only the columns' is, the pairs are
counted the other way round and turned. The largest rows and columns are
shown (``LIMIT`` each); decades and years in their own order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from django.http import QueryDict

from search import facets, searching
from search.backends.base import SearchQuery

LIMIT = 25  # rows and columns shown, the largest
ORDERED = ("decade", "year")  # dimensions shown in their own order, not by size
DEFAULT = ("country", "decade")


class CrossTabRefused(ValueError):
    """Two dimensions the archive cannot cross, or one it does not know."""


@dataclass(frozen=True)
class CrossTab:
    rows: str  # facet names
    columns: str
    row_values: list[str]
    column_values: list[str]
    cells: dict[tuple[str, str], int]
    row_totals: dict[str, int]  # over every column, shown or not
    column_totals: dict[str, int]
    statements: int  # statements matching the search
    complete: bool = True  # False: the search ran out of time; nothing here is a count

    def count(self, row: str, column: str) -> int:
        return self.cells.get((row, column), 0)


def dimensions(data: QueryDict) -> tuple[str, str]:
    """The rows and columns asked for (``rows``, ``columns``), checked."""
    rows = data.get("rows") or DEFAULT[0]
    columns = data.get("columns") or DEFAULT[1]
    for name in (rows, columns):
        if name not in facets.BY_NAME:
            raise CrossTabRefused(
                f"“{name[:30]}” is not a dimension: use one of {', '.join(facets.NAMES)}."
            )
    if rows == columns:
        raise CrossTabRefused("Rows and columns must be two different dimensions.")
    if facets.BY_NAME[rows].multi and facets.BY_NAME[columns].multi:
        single = ", ".join(facets.BY_NAME[n].title.lower() for n in facets.SINGLE)
        raise CrossTabRefused(
            f"{facets.BY_NAME[rows].title} and {facets.BY_NAME[columns].title.lower()} both "
            f"hold several values a statement: cross one of them with {single}."
        )
    return rows, columns


def compute(query: SearchQuery, rows: str, columns: str) -> CrossTab:
    """Count the (row, column) pairs over the search's hits."""
    turned = facets.BY_NAME[rows].multi
    pairs = (columns, rows) if turned else (rows, columns)
    results = searching.search(
        replace(query, pairs=pairs, with_facets=False, with_snippets=False, page=1, page_size=1)
    )
    cells = {((b, a) if turned else (a, b)): n for (a, b), n in results.pairs.items()}
    row_totals: Counter[str] = Counter()
    column_totals: Counter[str] = Counter()
    for (row, column), n in cells.items():
        row_totals[row] += n
        column_totals[column] += n
    return CrossTab(
        rows=rows,
        columns=columns,
        row_values=_shown(rows, row_totals),
        column_values=_shown(columns, column_totals),
        cells=cells,
        row_totals=dict(row_totals),
        column_totals=dict(column_totals),
        statements=results.total,
        complete=results.complete,
    )


def _shown(name: str, totals: Counter[str]) -> list[str]:
    largest = [v for v, _ in sorted(totals.items(), key=lambda item: (-item[1], item[0]))]
    largest = largest[:LIMIT]
    return sorted(largest) if name in ORDERED else largest
