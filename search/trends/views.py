"""Terms over time: the page, its CSV and JSON downloads, and the API."""

from __future__ import annotations

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from search.trends import computing, presenters
from search.web import exports


def _trends(request):
    """The trends asked for, computed (None without terms), and what was said of the input."""
    asked, notices = computing.parse_request(request.GET)
    if not asked.terms:
        return asked, None, notices
    return asked, computing.compute(asked), notices


@require_GET
def trends_page(request):
    """Terms over the years: a line chart, its table, first uses, countries, and a matrix."""
    asked, found, notices = _trends(request)
    context = {
        "asked": asked,
        "terms_text": ", ".join(asked.terms),
        "notices": notices,
        "examples": trends_examples(),
    }
    if found is not None:
        context.update(presenters.page_context(found), download_query=request.GET.urlencode())
    return render(request, "search/trends.html", context)


def trends_examples() -> list[tuple[str, str]]:
    """The terms the page suggests when it has none: the seed article's, and others."""
    return [(", ".join(terms), presenters.trends_url(None, terms)) for terms in computing.EXAMPLES]


@require_GET
def trends_export(request, fmt):
    """The series as CSV (one row per term and year) or as the API's JSON, to download."""
    if fmt not in ("csv", "json"):
        raise Http404("Trends download as CSV or JSON.")
    _, found, notices = _trends(request)
    if found is None:
        text = 'Give one to four terms, as q=term or q="a phrase",term.\n'
        return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")
    if fmt == "csv":
        response = HttpResponse(presenters.csv_text(found), content_type="text/csv; charset=utf-8")
    else:
        response = JsonResponse(_trends_json(request, found, notices))
    name = exports.download_name("trends", list(found.request.terms), fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _trends_json(request, found, notices) -> dict:
    return presenters.trends_json(
        found,
        notices,
        presenters.first_uses(found, for_api=True),
        presenters.country_names(found),
        request.build_absolute_uri,
    )


@require_GET
def api_trends(request):
    """Each term's statements per year and share, first uses, top countries, and the matrix."""
    _, found, notices = _trends(request)
    if found is None:
        return JsonResponse(
            {
                "terms": [],
                "series": [],
                "notices": [*notices, 'Give one to four terms: q=term or q="a phrase",term.'],
            }
        )
    return JsonResponse(_trends_json(request, found, notices))
