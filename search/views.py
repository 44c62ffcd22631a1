"""The JSON search API and the statement API."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from archive.models import Statement
from search.backends import get_backend
from search.filters import parse_parameters
from search.presenters import results_json, statement_json


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
