"""Term trends: how often statements use up to four terms, year by year, and who uses them.

A trend is N searches without page text: each term's search counts its
statements per year (the ``year`` facet the search page already counts),
lists its earliest statements, and counts its issuing countries. One search
with no words, under the same filters, gives each year's statements: the
denominator of the share. "Who talks about whom" is one more count in one
term's search (``SearchQuery.pairs``). Nothing here reads a statement's text
except the few first uses it shows.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, replace

from django.http import QueryDict

from search import facets, searching
from search.backends.base import FacetValue, Hit, SearchQuery, SearchResults, Sort
from search.query import cleaning
from search.web.filters import parse_parameters

MAX_TERMS = 4
FIRST_CANDIDATES = (
    12  # earliest statements read per term, for first uses (search.trends.first_uses)
)
TOP_COUNTRIES = 8  # issuing countries listed per term
MATRIX_SIZE = 15  # issuing countries x countries named
EVERY_VALUE = 10_000  # every year, every country: the backend counts them anyway
MEASURES = ("share", "count")
# One time budget for a whole trends request, shared by its searches (seconds; the page
# around them takes a few tenths more). A term that cannot be counted within it is
# "not computed", never 0.
BUDGET = 2.5
# A year with fewer statements than this under the filters is marked: its shares are of few.
FEW = 10
NOT_COMPUTED = "not computed: too broad to count within the time budget"
# What the home page and an empty trends page offer: the seed article's formula and kin.
EXAMPLES = (
    ('"Asian NATO"', "hegemonism", "denuclearization"),
    ('"regime change"', '"axis of evil"', '"rogue states"'),
    ("apartheid", "decolonization", '"self-determination"'),
)
# Filters that would cut the years themselves: a trend takes a range (from, to) instead.
YEAR_FILTERS = ("year", "decade")
# Parameters of the trends page besides the search's own filters.
OWN_PARAMETERS = ("q", "measure", "matrix")
IGNORED_SEARCH_PARAMETERS = ("sort", "page", "page_size")


def _pieces(value: str) -> list[str]:
    """``value`` cut at each comma outside double quotes, in one pass."""
    pieces, current, quoted = [], [], False
    for char in value:
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return pieces


def split_terms(values: list[str]) -> list[str]:
    """The terms of the ``q`` parameters: each split at commas outside quotes, trimmed,
    without repeats."""
    terms = [t.strip() for value in values for t in _pieces(value)]
    return list(dict.fromkeys(t for t in terms if t))


def as_one_term(text: str) -> str:
    """A search's text as one term of a trend: its commas (outside quotes) read as spaces,
    as the search reads them."""
    return " ".join(" ".join(_pieces(text)).split())


@dataclass(frozen=True)
class TrendRequest:
    """What a trends page or API call asked for."""

    terms: tuple[str, ...]
    base: SearchQuery  # the filters and date range, without words
    measure: str = "share"
    matrix: int = 0  # which term's "who talks about whom" (an index into terms)
    # The filter parameters as validated: every link on the page is built from these.
    params: QueryDict | None = None


def parse_request(data: QueryDict) -> tuple[TrendRequest, tuple[str, ...]]:
    """Validate a trends request; report and ignore what is invalid, as a search does."""
    notices: list[str] = []
    terms = []
    for term in split_terms(data.getlist("q")):
        cleaned = cleaning.clean(term)  # as the search will read it, and as shown
        notices += [f"{cleaned.text[:60]}: {notice}" for notice in cleaned.notices]
        if cleaned.text and cleaned.text not in terms:
            terms.append(cleaned.text)
    if len(terms) > MAX_TERMS:
        notices.append(
            f"At most {MAX_TERMS} terms are compared: "
            f"{', '.join(terms[MAX_TERMS:])[:120]} left out."
        )
        terms = terms[:MAX_TERMS]
    filters = data.copy()
    for name in (*OWN_PARAMETERS, *IGNORED_SEARCH_PARAMETERS):
        filters.pop(name, None)
    parsed = parse_parameters(filters)
    notices += parsed.notices
    base = parsed.query
    cut = [name for name in YEAR_FILTERS if base.filters.get(name)]
    if cut:
        notices.append(
            f"Ignored {', '.join(cut)}: a trend shows every year; use from and to for a range."
        )
        base = replace(base, filters={n: v for n, v in base.filters.items() if n not in cut})
    measure = data.get("measure", "share")
    if measure not in MEASURES:
        notices.append(f"Ignored measure: it is “share” or “count”, not “{measure[:20]}”.")
        measure = "share"
    matrix = 0
    if "matrix" in data:
        try:
            matrix = int(data["matrix"]) - 1
        except ValueError:
            matrix = -1
        if not 0 <= matrix < max(1, len(terms)):
            notices.append(
                f"Ignored matrix: it is the number of a term, 1 to {max(1, len(terms))}."
            )
            matrix = 0
    params = _validated(filters, base)
    return TrendRequest(tuple(terms), base, measure, matrix, params), tuple(notices)


def _validated(data: QueryDict, base: SearchQuery) -> QueryDict:
    """The filter parameters as the search validated them, with nothing else."""
    params = QueryDict(mutable=True)
    for name in facets.NAMES:
        if base.filters.get(name):
            params.setlist(name, list(base.filters[name]))
    for bound, value in (("from", base.date_from), ("to", base.date_to)):
        if value is not None:
            params[bound] = data[bound]
    return params


@dataclass(frozen=True)
class Series:
    """One term over the years."""

    term: str
    total: int  # statements matching, in every year and undated
    per_year: dict[int, int]  # the term's year facet: statements matching, by year
    # Candidates for first use: the oldest statements whose title or text has the term
    # (search.trends.first_uses orders them and marks the term); empty when not computed.
    first_uses: tuple[Hit, ...]
    countries: tuple[FacetValue, ...]  # issuing countries, most frequent first
    suggestion: str | None = None
    notices: tuple[str, ...] = ()
    computed: bool = True  # False: out of time; the counts above are empty, not zero
    first_use_terms: frozenset[str] = frozenset()  # what to mark in first uses
    first_uses_computed: bool = True

    @property
    def undated(self) -> int:
        """Matching statements without a date: counted in the total, on no year."""
        return self.total - sum(self.per_year.values())


@dataclass(frozen=True)
class Trends:
    request: TrendRequest
    per_year: dict[int, int]  # all statements under the same filters, by year
    series: tuple[Series, ...]
    # The matrix term's (issuing country, country named) -> statements.
    pairs: dict[tuple[str, str], int]

    @property
    def years(self) -> range:
        """Every year from the first with a statement under the filters to the last."""
        if not self.per_year:
            return range(0)
        return range(min(self.per_year), max(self.per_year) + 1)

    # False when the matrix term's pairs could not be counted within the budget.
    pairs_computed: bool = True

    def share(self, series: Series, year: int) -> float | None:
        """The share (0 to 1) of the year's statements that match; None for a year without
        any, or a term not computed."""
        total = self.per_year.get(year, 0)
        return series.per_year.get(year, 0) / total if total and series.computed else None

    def few(self, year: int) -> bool:
        """Whether the year has so few statements (below ``FEW``) that its shares say little."""
        return 0 < self.per_year.get(year, 0) < FEW

    def value(self, series: Series, year: int) -> float | None:
        """What the chart plots: the share in percent, or the count (None: nothing to plot)."""
        if not series.computed:
            return None
        if self.request.measure == "count":
            return float(series.per_year.get(year, 0))
        share = self.share(series, year)
        return None if share is None else share * 100

    @property
    def matrix_series(self) -> Series | None:
        return self.series[self.request.matrix] if self.series else None

    def matrix(self) -> tuple[list[str], list[str]]:
        """The matrix term's issuing countries (rows) and countries named (columns) that
        appear in the most pairs, the top ``MATRIX_SIZE`` of each."""
        rows: Counter[str] = Counter()
        columns: Counter[str] = Counter()
        for (issuing, named), count in self.pairs.items():
            rows[issuing] += count
            columns[named] += count

        def top(counter: Counter[str]) -> list[str]:
            ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
            return [value for value, _ in ranked[:MATRIX_SIZE]]

        return top(rows), top(columns)


def compute(request: TrendRequest) -> Trends:
    """Run one search per term, and one without words for the denominators (and, under a
    countries-named filter, one more for the matrix term's pairs), all within one budget.

    The cheap count without words goes first. Each term then gets a fair share of what is
    left, so one broad term cannot starve the others; a term that ran out of its share
    gets another try with whatever the others left. A term still out of time is "not
    computed" (``Series.computed``), never a row of zeros.
    """
    deadline = time.monotonic() + BUDGET

    def left() -> float:
        return max(0.0, deadline - time.monotonic())

    every = replace(
        request.base, facet_limit=EVERY_VALUE, sort=Sort.OLDEST, page=1, with_snippets=False
    )
    baseline = searching.search(replace(every, text="", page_size=1))
    # The matrix's columns are the countries named: a filter on them would cut its columns,
    # so its pairs come from a search without that filter.
    apart = bool(request.base.filters.get("named"))
    found: dict[int, SearchResults] = {}

    def term_query(index: int, term: str, budget: float) -> SearchQuery:
        matrix = index == request.matrix
        return replace(
            every,
            text=term,
            page_size=1,
            pairs=("country", "named") if matrix and not apart else None,
            budget=budget,
        )

    terms = list(enumerate(request.terms))
    for done, (index, term) in enumerate(terms):
        results = searching.search(term_query(index, term, left() / (len(terms) - done)))
        if results.complete:
            found[index] = results
    for index, term in terms:
        if index not in found and left() > 0:
            results = searching.search(term_query(index, term, left()))
            if results.complete:
                found[index] = results
    chosen = tuple(request.base.filters.get("country", ()))
    series = [
        _series(term, found[index], chosen) if index in found else _not_computed(term)
        for index, term in terms
    ]
    # First uses last: the counts matter more, and a term never counted has none.
    counted = [n for n, item in enumerate(series) if item.computed]
    for done, n in enumerate(counted):
        first = searching.search(
            replace(
                every,
                text=first_use_query(series[n].term),
                page_size=FIRST_CANDIDATES,
                with_facets=False,
                budget=left() / (len(counted) - done),
            )
        )
        series[n] = replace(
            series[n],
            first_uses=first.hits if first.complete else (),
            first_use_terms=first.highlight,
            first_uses_computed=first.complete,
        )
    pairs: dict[tuple[str, str], int] = {}
    pairs_computed = request.matrix in found
    if pairs_computed and apart:
        unnamed = {n: v for n, v in every.filters.items() if n != "named"}
        apart_results = searching.search(
            replace(
                every,
                text=request.terms[request.matrix],
                filters=unnamed,
                with_facets=False,
                page_size=1,
                pairs=("country", "named"),
                budget=max(left(), 0.0),
            )
        )
        pairs_computed = apart_results.complete
        pairs = dict(apart_results.pairs) if pairs_computed else {}
    elif pairs_computed:
        pairs = dict(found[request.matrix].pairs)
    return Trends(request, _per_year(baseline), tuple(series), pairs, pairs_computed)


def first_use_query(term: str) -> str:
    """The term in what a statement says, its title or text: not the archivist's summary."""
    return f"title:({term}) OR body:({term})"


def _not_computed(term: str) -> Series:
    return Series(
        term=term,
        total=0,
        per_year={},
        first_uses=(),
        countries=(),
        notices=(
            f"{NOT_COMPUTED.capitalize()}: narrow it with filters or a date range, or make "
            "the term more specific.",
        ),
        computed=False,
        first_uses_computed=False,
    )


def _per_year(results: SearchResults) -> dict[int, int]:
    return {int(v.value): v.count for v in results.facets.get("year", ()) if v.count}


def _series(term: str, results: SearchResults, chosen: tuple[str, ...]) -> Series:
    # The facet counts every country as if none were chosen: under a country filter,
    # the term's issuing countries are the chosen ones.
    countries = results.facets.get("country", ())
    return Series(
        term=term,
        total=results.total,
        per_year=_per_year(results),
        first_uses=(),
        countries=tuple(v for v in countries if v.count and (v.selected or not chosen)),
        suggestion=results.suggestion,
        notices=results.notices,
    )
