"""The search page, its feed and exports, the JSON search API, the statement API, health."""

from __future__ import annotations

import math
from dataclasses import replace

from django.http import Http404, HttpResponse, JsonResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from archive.models import Statement
from archive.permalinks import follow_former_slugs
from archive.statement_json import statement_json
from search import facets, searching
from search.sync import lag
from search.trends import computing, presenters
from search.web import exports, facet_links
from search.web.filters import parse_parameters
from search.web.histogram import histogram
from search.web.presenters import facet_labels, listed_hits, results_json

# How many values of each facet the page shows; long ones fold behind "show more". The
# histogram draws every year with hits: the page asks for all the years, then caps the
# years it lists like the other facets.
PAGE_FACET_LIMIT = 100
# What a search's "see this over time" keeps: its filters but the years, and its range.
TRENDS_KEEP = (*(n for n in facets.NAMES if n not in computing.YEAR_FILTERS), "from", "to")
CLEARED = dict.fromkeys((*facets.NAMES, "from", "to"))  # "clear all" keeps the words and the order


@require_GET
def search_page(request):
    """The public search page: results, facets, chips, paging; all state in the URL."""
    parsed = parse_parameters(request.GET)
    query = replace(parsed.query, facet_limit=PAGE_FACET_LIMIT, facets_in_full=frozenset({"year"}))
    results = searching.search(query)
    params = facet_links.validated(request.GET, query)
    chart = histogram(results.facets.get("year", ()), params) if results.total else None
    results = replace(results, facets=facet_links.capped(results.facets, PAGE_FACET_LIMIT))
    labels = facet_labels(results)
    rows = listed_hits(results.hits)
    pages = max(1, math.ceil(results.total / query.page_size))
    context = {
        "query": query,
        "results": results,
        "rows": rows,
        "groups": facet_links.facet_groups(results, labels),
        "chips": facet_links.chips(params, labels),
        "clear_url": "?" + facet_links.with_changes(params, **CLEARED),
        "notices": [*parsed.notices, *results.notices],
        "suggestion_url": "?" + facet_links.with_changes(params, q=results.suggestion)
        if results.suggestion
        else None,
        "previous_url": facet_links.page_url(params, query.page - 1) if query.page > 1 else None,
        "next_url": facet_links.page_url(params, query.page + 1) if query.page < pages else None,
        "pages": pages,
        "first_shown": (query.page - 1) * query.page_size + 1,
        "last_shown": (query.page - 1) * query.page_size + len(results.hits),
        "export_query": params.urlencode(),
        "export_cap": exports.EXPORT_CAP,
        "export_formats": exports.FORMATS.values(),
        "hidden_filters": [
            (name, value) for name in facets.NAMES for value in params.getlist(name)
        ],
        "histogram": chart,
        "range_hidden": [
            (name, value)
            for name, values in params.lists()
            if name not in ("from", "to", "page")
            for value in values
        ],
        "trends_url": presenters.trends_url(
            _kept(params, TRENDS_KEEP), [computing.as_one_term(query.text)]
        )
        if query.text.strip()
        else None,
        # The dates as typed, even if not valid: the form shows them again. (A template's
        # request.GET.from costs 12 µs when there is none: a KeyError, then two more tries.)
        "typed_from": request.GET.get("from", ""),
        "typed_to": request.GET.get("to", ""),
        "range_from": query.date_from.year if query.date_from else "",
        "range_to": query.date_to.year if query.date_to else "",
    }
    return render(request, "search/search.html", context)


def _kept(params: QueryDict, names: tuple[str, ...]) -> QueryDict:
    kept = QueryDict(mutable=True)
    for name in names:
        if name in params:
            kept.setlist(name, params.getlist(name))
    return kept


class InvalidParameters(Exception):
    """A feed or an export asked with wrong values: refused, never silently widened."""

    def __init__(self, problems: tuple[str, ...]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _export_parameters(request):
    parsed = parse_parameters(request.GET)
    if parsed.invalid:
        raise InvalidParameters(parsed.invalid)
    return parsed.query, request.build_absolute_uri


def refused(problems: tuple[str, ...]) -> HttpResponse:
    text = "These parameters are not valid, so nothing was exported:\n" + "\n".join(problems)
    return HttpResponse(text + "\n", status=400, content_type="text/plain; charset=utf-8")


@require_GET
def search_feed(request):
    try:
        query, absolute = _export_parameters(request)
    except InvalidParameters as exc:
        return refused(exc.problems)
    params = facet_links.validated(request.GET, query).urlencode()
    xml = exports.atom_feed(
        query,
        query.text,
        feed_url=absolute(request.get_full_path()),
        page_url=absolute(reverse("search:search") + (f"?{params}" if params else "")),
        absolute=absolute,
    )
    return HttpResponse(xml, content_type="application/atom+xml; charset=utf-8")


@require_GET
def search_export(request, fmt):
    """A search in one of the export formats (``exports.FORMATS``), named after the search;
    its count and cap in ``X-Total-Count`` and kin."""
    export = exports.FORMATS.get(fmt)
    if export is None:
        offered = ", ".join(f.label for f in exports.FORMATS.values())
        raise Http404(f"Exports are {offered}.")
    try:
        query, absolute = _export_parameters(request)
    except InvalidParameters as exc:
        return refused(exc.problems)
    results = exports.all_hits(query)  # before streaming starts, so a failure is a status
    response = StreamingHttpResponse(
        export.lines(results, absolute),
        content_type=f"{export.content_type}; charset=utf-8",
        headers=exports.export_headers(results),
    )
    name = exports.file_name(query, export.extension)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def api_search(request):
    """Search published statements: hits, total, facet counts, suggestion, notices."""
    parsed = parse_parameters(request.GET)
    results = searching.search(parsed.query)
    return JsonResponse(results_json(parsed.query, results, parsed.notices, request))


@require_GET
@follow_former_slugs(Statement)
def api_statement(request, slug):
    statement = get_object_or_404(
        Statement.objects.published().select_related("issuer__country"), slug=slug
    )
    return JsonResponse(statement_json(statement, request))


@require_GET
def health(request):
    """For a load balancer: 200 when this node's index exists, its indexer runs and it is
    not behind; 503 with the reason otherwise."""
    if not searching.current_backend().exists():
        return JsonResponse({"status": "no index"}, status=503)
    found = lag.measure()
    status = (
        "behind"
        if found.behind
        else "no indexer"
        if found.needs_indexer and not found.indexer_running
        else "ok"
    )
    body = {"status": status, **found.as_json(), "detail": found.describe()}
    response = JsonResponse(body, status=200 if status == "ok" else 503)
    response["Cache-Control"] = "no-store"
    return response
