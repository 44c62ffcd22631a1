"""Bodies the archive never reads are refused before anything parses them.

The public site answers GET (and HEAD) only; only the admin takes forms.
Without this, a 10 MB multipart POST to a public URL was parsed (by the
CSRF check) before the view could say 405. Bodies larger than
``REQUEST_BODY_LIMIT`` bytes (8 MB) are refused everywhere (413), before reading.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class RequestLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse("Bad Content-Length.", status=400, content_type="text/plain")
        if length > settings.REQUEST_BODY_LIMIT:
            return HttpResponse(
                f"The request body is larger than {settings.REQUEST_BODY_LIMIT:,} bytes.",
                status=413,
                content_type="text/plain",
            )
        if request.method not in SAFE_METHODS and not request.path_info.startswith("/admin/"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return self.get_response(request)
