"""In development, a page that is not there looks as it will in production.

With DEBUG on, Django answers every 404 with its debug page, which lists the
site's URL patterns. Settings install this middleware only with DEBUG on and
``DEBUG_404`` unset: it answers with ``templates/404.html`` instead.
"""

from django.conf import settings
from django.http import Http404
from django.views.defaults import page_not_found


class NotFoundPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.resolver_match is None and settings.DEBUG:
            return page_not_found(request, Http404())  # no URL pattern matched
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404) and settings.DEBUG:
            return page_not_found(request, exception)  # a view found nothing
        return None
