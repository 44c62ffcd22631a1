"""A search index that is missing or cannot be read answers 503, never an empty archive."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from search.backends.base import IndexUnavailable

log = logging.getLogger(__name__)

RETRY_AFTER = "60"  # seconds, in the Retry-After header


class IndexUnavailableMiddleware:
    """Turn ``IndexUnavailable`` into a 503 page (or JSON for the API), and log it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, IndexUnavailable):
            return None
        log.error("Search unavailable for %s: %s", request.path, exception)
        if request.path.startswith("/api/"):
            message = "Search is unavailable: the search index cannot be read. Try again later."
            response: HttpResponse = JsonResponse({"error": message}, status=503)
        else:
            response = render(request, "search/unavailable.html", status=503)
        response["Retry-After"] = RETRY_AFTER
        return response
