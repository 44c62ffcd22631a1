"""The search page, the JSON search API and the statement API."""

from __future__ import annotations

import math
from dataclasses import replace

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from archive.models import Statement
from search import facet_links
from search.backends import get_backend
from search.backends.base import FACETS
from search.filters import parse_parameters
from search.presenters import facet_labels, load_statements, results_json, statement_json

# How many values of each facet the page receives; long ones fold behind "show more".
PAGE_FACET_LIMIT = 200
CLEARED = dict.fromkeys((*FACETS, "from", "to"))  # "clear all" keeps the words and the order


@require_GET
def search_page(request):
    """The public search page: results, facets, chips, paging; all state in the URL."""
    parsed = parse_parameters(request.GET)
    query = replace(parsed.query, facet_limit=PAGE_FACET_LIMIT)
    results = get_backend().search(query)
    labels = facet_labels(results)
    params = request.GET
    rows = load_statements(results)
    pages = max(1, math.ceil(results.total / query.page_size))
    context = {
        "query": query,
        "results": results,
        "rows": rows,
        "groups": facet_links.facet_groups(params, results, labels),
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
        "hidden_filters": [(name, value) for name in FACETS for value in params.getlist(name)],
    }
    return render(request, "search/search.html", context)


@require_GET
def api_search(request):
    """Search published statements: hits, total, facet counts, suggestion, notices."""
    parsed = parse_parameters(request.GET)
    results = get_backend().search(parsed.query)
    return JsonResponse(results_json(parsed.query, results, parsed.notices, request))


@require_GET
def api_statement(request, slug):
    statement = get_object_or_404(
        Statement.objects.published().select_related("issuer__country"), slug=slug
    )
    return JsonResponse(statement_json(statement, request))
