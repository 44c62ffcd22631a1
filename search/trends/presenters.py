"""Turn computed trends into what the trends page, its downloads and the API show.

Every link leads to the search that produced a number: a term's search,
narrowed to a year, an issuing country, or an issuing country and a
country named, under the trend's own filters.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe

from archive.dates import DATED_SPAN_YEARS
from archive.site_urls import fixed_url
from archive.statement_json import statement_fields
from search import facets, label_cache
from search.trends import chart
from search.trends.chart import STYLES
from search.trends.computing import FEW, MEASURES, NOT_COMPUTED, TOP_COUNTRIES, Series, Trends
from search.trends.first_uses import FirstUse
from search.trends.first_uses import first_uses as find_first_uses
from search.web.exports import spreadsheet_safe
from search.web.markup import escaped

FEW_MARK = ' <abbr title="few statements: shares of them say little">*</abbr>'
CSV_HEADER = ("term", "year", "statements", "all_statements", "share", "few_statements", "status")


def search_url(params: QueryDict | None, term: str, **narrowed: str) -> str:
    """The search page for ``term`` under the trend's filters, narrowed to some values."""
    data = params.copy() if params is not None else QueryDict(mutable=True)
    data["q"] = term
    for name, value in narrowed.items():
        data.setlist(name, [value])
    return fixed_url("search:search") + "?" + data.urlencode()


def trends_url(params: QueryDict | None, terms: list[str] | tuple[str, ...], **extra) -> str:
    """The trends page for ``terms`` under the same filters."""
    data = params.copy() if params is not None else QueryDict(mutable=True)
    data["q"] = ", ".join(terms)
    for name, value in extra.items():
        data[name] = value
    return fixed_url("search:trends") + "?" + data.urlencode()


def country_names(trends: Trends) -> dict[str, str]:
    """Names of every country the page shows, in one query."""
    rows, columns = trends.matrix()
    codes = {v.value for s in trends.series for v in s.countries[:TOP_COUNTRIES]}
    codes |= {*rows, *columns}
    labels = facets.BY_NAME["country"].labels
    return label_cache.CACHE.labels(labels, sorted(codes)) if codes and labels else {}


def first_uses(trends: Trends, *, for_api: bool = False) -> dict[str, list[FirstUse]]:
    """Each term's first uses (search.trends.first_uses), in answer order, the term marked."""
    return {
        series.term: find_first_uses(series.first_uses, series.first_use_terms, for_api=for_api)
        for series in trends.series
    }


def trends_json(
    trends: Trends,
    notices: tuple[str, ...],
    uses: dict[str, list[FirstUse]],
    names: dict[str, str],
    absolute: Callable[[str], str],
) -> dict:
    """Series, first uses, top countries and matrix, as the API and the download give them."""
    request = trends.request
    params = request.params
    rows, columns = trends.matrix()
    matrix_series = trends.matrix_series
    return {
        "terms": list(request.terms),
        "measure": request.measure,
        "filters": {name: list(values) for name, values in request.base.filters.items()},
        "from": request.base.date_from.isoformat() if request.base.date_from else None,
        "to": request.base.date_to.isoformat() if request.base.date_to else None,
        "statements_per_year": [
            {"year": year, "statements": trends.per_year.get(year, 0), "few": trends.few(year)}
            for year in trends.years
        ],
        "few_statements_below": FEW,
        "series": [
            {
                "term": series.term,
                "total": series.total,
                "undated": series.undated,
                "search_url": absolute(search_url(params, series.term)),
                "status": "computed" if series.computed else "not_computed",
                "reason": None if series.computed else NOT_COMPUTED,
                "years": [
                    {
                        "year": year,
                        "statements": series.per_year.get(year, 0) if series.computed else None,
                        "all_statements": trends.per_year.get(year, 0),
                        "share": _rounded(trends.share(series, year)),
                        "few_statements": trends.few(year),
                    }
                    for year in trends.years
                ],
                "first_uses": [
                    {
                        **statement_fields(use.statement, absolute),
                        "snippet": use.snippet,
                        "order_open": use.tie or None,
                    }
                    for use in uses.get(series.term, [])
                ],
                "first_uses_status": "computed" if series.first_uses_computed else "not_computed",
                "top_issuing_countries": [
                    {
                        "code": v.value,
                        "name": names.get(v.value, v.value),
                        "statements": v.count,
                        "search_url": absolute(search_url(params, series.term, country=v.value)),
                    }
                    for v in series.countries[:TOP_COUNTRIES]
                ],
                "suggestion": series.suggestion,
                "notices": list(series.notices),
            }
            for series in trends.series
        ],
        "who_talks_about_whom": (
            {
                "term": matrix_series.term,
                "issuing_countries": [{"code": c, "name": names.get(c, c)} for c in rows],
                "countries_named": [{"code": c, "name": names.get(c, c)} for c in columns],
                "statements": [[trends.pairs.get((r, c), 0) for c in columns] for r in rows],
                "status": "computed" if trends.pairs_computed else "not_computed",
            }
            if matrix_series is not None
            else None
        ),
        "notices": list(notices),
    }


def _rounded(share: float | None) -> float | None:
    return None if share is None else round(share, 6)


def csv_rows(trends: Trends) -> Iterator[tuple]:
    """One row per term and year: the count, the year's statements, the share, whether the
    year has few statements, and whether the term was computed (empty cells if not)."""
    for series in trends.series:
        for year in trends.years:
            share = trends.share(series, year)
            yield (
                spreadsheet_safe(series.term),
                year,
                series.per_year.get(year, 0) if series.computed else "",
                trends.per_year.get(year, 0),
                "" if share is None else f"{share:.6f}",
                "true" if trends.few(year) else "false",
                "computed" if series.computed else NOT_COMPUTED,
            )


def csv_text(trends: Trends) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(trends))
    return out.getvalue()


@dataclass(frozen=True)
class MatrixRow:
    code: str
    name: str
    cells: list[tuple[str, str, int, str]]  # (column code, its name, statements, search url)


def matrix_rows(
    trends: Trends, names: dict[str, str]
) -> tuple[list[tuple[str, str]], list[MatrixRow]]:
    """The matrix as table rows: column headings, then one row per issuing country."""
    series = trends.matrix_series
    rows, columns = trends.matrix()
    if series is None:
        return [], []
    params = trends.request.params
    table = [
        MatrixRow(
            code=row,
            name=names.get(row, row),
            cells=[
                (
                    column,
                    names.get(column, column),
                    trends.pairs.get((row, column), 0),
                    search_url(params, series.term, country=row, named=column),
                )
                for column in columns
            ],
        )
        for row in rows
    ]
    return [(c, names.get(c, c)) for c in columns], table


def page_context(found: Trends) -> dict:
    """What the trends page shows of computed trends: chart, table, series, matrix."""
    names = country_names(found)
    asked = found.request
    params = asked.params
    term_urls = {series.term: search_url(params, series.term) for series in found.series}

    def year_url(series: Series, year: int) -> str:
        return f"{term_urls[series.term]}&year={year}"

    columns, matrix = matrix_rows(found, names)
    uses = first_uses(found)
    return dict(
        trends=found,
        chart=chart.chart(found, year_url),
        table_rows=table_rows(found, year_url),
        series=[
            {
                "series": series,
                "style": style,
                "search_url": term_urls[series.term],
                "first_uses": uses.get(series.term, []),
                "countries": [
                    (
                        names.get(v.value, v.value),
                        v.count,
                        search_url(params, series.term, country=v.value),
                    )
                    for v in series.countries[:TOP_COUNTRIES]
                ],
                "matrix_url": trends_url(
                    params, asked.terms, measure=asked.measure, matrix=str(number)
                ),
                "suggestion_url": trends_url(
                    params,
                    [series.suggestion if t == series.term else t for t in asked.terms],
                    measure=asked.measure,
                )
                if series.suggestion
                else None,
            }
            for number, (series, style) in enumerate(zip(found.series, STYLES, strict=False), 1)
        ],
        few=FEW,
        dated_span=DATED_SPAN_YEARS,
        matrix_term=found.matrix_series.term if found.matrix_series else None,
        matrix_columns=columns,
        matrix_rows=matrix,
        measure_urls={
            measure: trends_url(params, asked.terms, measure=measure, matrix=str(asked.matrix + 1))
            for measure in MEASURES
        },
    )


def table_rows(found: Trends, year_url: Callable[[Series, int], str]) -> SafeString:
    """The data table's body: a row a year, each term's count (a link) and share.

    Joined in Python, as the histogram's bars are: eighty years of four terms are
    some seven hundred cells, which the template language renders slowly.
    """
    rows = []
    for year in found.years:
        few = found.few(year)
        total = f"{found.per_year.get(year, 0):,}" + (FEW_MARK if few else "")
        cells = [f'<th scope="row">{year}</th><td>{total}</td>']
        for series in found.series:
            if not series.computed:
                cells.append('<td colspan="2" class="not-computed">not computed</td>')
                continue
            count = series.per_year.get(year, 0)
            share = found.share(series, year)
            number = f'<a href="{escaped(year_url(series, year))}">{count:,}</a>' if count else "0"
            cells.append(f"<td>{number}</td><td>{'—' if share is None else f'{share:.2%}'}</td>")
        row_class = ' class="few"' if few else ""
        rows.append(f"<tr{row_class}>{''.join(cells)}</tr>")
    return mark_safe("\n".join(rows))
