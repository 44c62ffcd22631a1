"""The trends page through HTTP, timed against the one budget a trends request has.

For the issue's terms and for four of the commonest phrases (the request that
once took 3.5-6 s), with each series' status from the API: a phrase too broad
for the budget is "not_computed", never a row of zeros.
"""

from __future__ import annotations

import http.client
import json

from bench.run import http_get, query_string, summary

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
