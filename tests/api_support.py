"""What the JSON API tests share: the documented keys, a small corpus, request helpers."""

import datetime as dt

import pytest

from archive.models import Country, IssuingBody
from search import facets

SEARCH = "/api/search/"
TOP_KEYS = {
    "query",
    "total",
    "page",
    "page_size",
    "results",
    "facets",
    "suggestion",
    "notices",
    "index",
}
RESULT_KEYS = {
    "slug",
    "url",
    "title",
    "source_id",
    "issuer",
    "issuer_country",
    "countries_named",
    "date",
    "date_precision",
    "date_edtf",
    "kind",
    "language",
    "versions",
    "snippet",
    "snippet_language",
    "score",
}
FACET_KEYS = set(facets.NAMES)  # one key per facet the registry declares
FACET_VALUE_KEYS = {"value", "label", "count", "selected"}


@pytest.fixture
def japan_body(db):
    japan = Country.objects.create(code="JPN", name="Japan", region="asia")
    return IssuingBody.objects.create(
        name="Japan Ministry of Foreign Affairs", kind="foreign_ministry", country=japan
    )


@pytest.fixture
def drills(capture, make_statement, japan_body, event):
    """Five published statements about drills from two countries, one undated."""
    with capture():
        made = {
            "prk_2024": make_statement(
                title="Denunciation of the naval drills",
                body="We denounce the naval drills near our waters.",
                issued_on=dt.date(2024, 6, 30),
                kind="statement",
                source_id="kcna-2024-0630",
            ),
            "prk_1995": make_statement(
                title="Speech at the General Assembly",
                body="The drills of the aggressors endanger the peninsula.",
                issued_on=dt.date(1995, 9, 25),
                kind="speech",
            ),
            "prk_1990": make_statement(
                title="Yearly report",
                body="A year of drills and provocations.",
                issued_on=dt.date(1990, 1, 1),
                issued_precision="year",
                kind="statement",
            ),
            "jpn_2023": make_statement(
                title="Press release on joint drills",
                body="Japan took part in joint drills with its partners.",
                issuer=japan_body,
                issued_on=dt.date(2023, 3, 1),
                kind="press_release",
                language="ja",
            ),
            "jpn_undated": make_statement(
                title="Undated note on drills",
                body="A note about drills, date unknown.",
                issuer=japan_body,
                issued_on=None,
                kind="speech",
            ),
        }
        made["prk_2024"].events.add(event)
    return made


def get(client, **params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return response.json()


def slugs(data) -> list[str]:
    return [row["slug"] for row in data["results"]]


def facet(data, name) -> dict[str, dict]:
    return {entry["value"]: entry for entry in data["facets"][name]}
