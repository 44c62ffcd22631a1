"""The cross-tab of a search (search.trends.crosstab) as a page, its API answer and a CSV."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from search import facets, label_cache
from search.trends import crosstab
from search.trends.crosstab import CrossTab, CrossTabRefused
from search.web import facet_links
from search.web.exports import download_name, spreadsheet_safe
from search.web.filters import parse_parameters

KEPT = ("q", "from", "to", *facets.NAMES)  # the search's own parameters, for the cells' links


def labels(name: str, values: list[str]) -> dict[str, str]:
    """Names for a dimension's values: countries, bodies and events by name, kinds and
    languages by their choices, decades and years as they are."""
    facet = facets.BY_NAME[name]
    found = dict(facet.choice_labels)
    if facet.labels is not None and values:
        found |= label_cache.CACHE.labels(facet.labels, values)
    return {value: found.get(value, value) for value in values}


def cell_url(params: QueryDict, table: CrossTab, row: str, column: str) -> str:
    """The search behind a cell: the search narrowed to the row's and the column's value."""
    data = QueryDict(mutable=True)
    for name in KEPT:
        if name in params:
            data.setlist(name, params.getlist(name))
    for name, value in ((table.rows, row), (table.columns, column)):
        data.setlist(name, sorted({*data.getlist(name), value}))
    return reverse("search:search") + "?" + data.urlencode()


def _table(request):
    """The cross-tab asked for, the validated parameters, and what was said of the input."""
    rows, columns = crosstab.dimensions(request.GET)
    data = request.GET.copy()
    for own in ("rows", "columns"):
        data.pop(own, None)
    parsed = parse_parameters(data)
    params = facet_links.validated(data, parsed.query)
    return crosstab.compute(parsed.query, rows, columns), params, parsed.notices


def as_json(table: CrossTab, params: QueryDict, absolute) -> dict:
    row_names = labels(table.rows, table.row_values)
    column_names = labels(table.columns, table.column_values)
    return {
        "rows": {
            "dimension": table.rows,
            "values": [{"value": v, "label": row_names[v]} for v in table.row_values],
        },
        "columns": {
            "dimension": table.columns,
            "values": [{"value": v, "label": column_names[v]} for v in table.column_values],
        },
        "cells": [
            [
                {
                    "statements": table.count(row, column),
                    "search_url": absolute(cell_url(params, table, row, column)),
                }
                for column in table.column_values
            ]
            for row in table.row_values
        ],
        "statements": table.statements,
        "status": "computed" if table.complete else "not_computed",
    }


def refused(exc: Exception) -> HttpResponse:
    return HttpResponse(f"{exc}\n", status=400, content_type="text/plain; charset=utf-8")


@require_GET
def crosstab_page(request):
    """Two facets of a search crossed: a table whose cells open their searches."""
    context = {"dimensions": [(f.name, f.title) for f in facets.FACETS]}
    try:
        table, params, notices = _table(request)
    except CrossTabRefused as exc:
        context.update(
            error=str(exc), rows=request.GET.get("rows", ""), columns=request.GET.get("columns", "")
        )
        return render(request, "search/crosstab.html", context, status=400)
    row_names = labels(table.rows, table.row_values)
    column_names = labels(table.columns, table.column_values)
    context.update(
        table=table,
        notices=notices,
        query_text=params.get("q", ""),
        rows=table.rows,
        columns=table.columns,
        row_title=facets.BY_NAME[table.rows].title,
        column_title=facets.BY_NAME[table.columns].title,
        column_headings=[(v, column_names[v]) for v in table.column_values],
        body=[
            (
                row_names[row],
                [
                    (
                        column_names[column],
                        table.count(row, column),
                        cell_url(params, table, row, column),
                    )
                    for column in table.column_values
                ],
            )
            for row in table.row_values
        ],
        hidden=[(n, v) for n in KEPT if n in params for v in params.getlist(n)],
        download_query=request.GET.urlencode(),
        search_url=reverse("search:search") + "?" + params.urlencode(),
    )
    return render(request, "search/crosstab.html", context)


@require_GET
def api_crosstab(request):
    try:
        table, params, notices = _table(request)
    except CrossTabRefused as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    return JsonResponse(
        {**as_json(table, params, request.build_absolute_uri), "notices": list(notices)}
    )


@require_GET
def crosstab_csv(request):
    """The table as CSV: a row per row value (its code and name), a column per column value
    (headed by its code); cells empty if the search ran out of time."""
    try:
        table, _, _ = _table(request)
    except CrossTabRefused as exc:
        return refused(exc)
    row_names = labels(table.rows, table.row_values)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([table.rows, f"{table.rows}_name", *table.column_values])
    for row in table.row_values:
        writer.writerow(
            [
                row,
                spreadsheet_safe(row_names[row]),
                *(table.count(row, c) if table.complete else "" for c in table.column_values),
            ]
        )
    name = download_name(
        "crosstab", [request.GET.get("q", ""), table.rows, "by", table.columns], "csv"
    )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
