"""The trends page through HTTP, timed against the one budget a trends request has.

For the issue's terms and for four of the commonest phrases (the request that
once took 3.5-6 s), with each series' status from the API: a phrase too broad
for the budget is "not_computed", never a row of zeros.
"""

from __future__ import annotations

import http.client
import json
import time

from bench.harness import http_get, query_string, summary

BROAD_TERMS = ('"of the"', '"in the"', '"to the"', '"and the"')


def through_http(port: int, repeat: int, terms: tuple[str, ...]) -> dict:
    """Time ``/trends/`` for ``terms`` and for ``BROAD_TERMS``; each series' status."""
    from search.trends.computing import BUDGET

    report: dict = {"budget_s": BUDGET}
    for name, asked in (("terms", terms), ("broad", BROAD_TERMS)):
        params = query_string({"q": ",".join(asked)})
        http_get(port, f"/trends/?{params}")
        times = [http_get(port, f"/trends/?{params}") for _ in range(max(3, repeat))]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", f"/api/trends/?{params}")
        body = json.loads(connection.getresponse().read())
        connection.close()
        report[name] = {
            "terms": list(asked),
            **summary(times),
            "statuses": [series["status"] for series in body["series"]],
        }
    return report


def render(report: dict) -> str:
    lines = [f"Trends through HTTP (one budget of {report['budget_s']} s for the searches):"]
    for name in ("terms", "broad"):
        row = report[name]
        statuses = ", ".join(f"{t} {s}" for t, s in zip(row["terms"], row["statuses"], strict=True))
        lines.append(
            f"- {', '.join(row['terms'])}: p50 {row['p50_ms']} ms, max {row['max_ms']} ms; "
            f"{statuses}"
        )
    return "\n".join(lines)


TRENDS_TERMS = ('"Asian NATO"', "hegemonism", "denuclearization")


def trend_timings(backend, repeat: int) -> dict:
    """The trends page for the issue's three terms, in process (view and template), warm
    and with the postings cache bypassed, next to the three search pages of its terms."""
    from django.test import RequestFactory

    from search.trends.views import trends_page
    from search.web.views import search_page

    factory = RequestFactory()
    trends_request = factory.get("/trends/", {"q": ",".join(TRENDS_TERMS)})
    searches = [factory.get("/search/", {"q": term}) for term in TRENDS_TERMS]
    times: dict[str, list[float]] = {"trends": [], "trends_cold": [], "three_searches": []}

    def timed(call) -> float:
        started = time.perf_counter()
        response = call()
        assert response.status_code == 200, response.status_code
        return time.perf_counter() - started

    def cold_trends():
        with backend.postings_cache.bypassed():
            return trends_page(trends_request)

    timed(lambda: trends_page(trends_request))  # opening files is not searching
    for _ in range(max(5, repeat * 4)):
        times["trends"].append(timed(lambda: trends_page(trends_request)))
        times["trends_cold"].append(timed(cold_trends))
        times["three_searches"].append(sum(timed(lambda r=r: search_page(r)) for r in searches))
    return {"path": trends_request.get_full_path(), **{k: summary(v) for k, v in times.items()}}
