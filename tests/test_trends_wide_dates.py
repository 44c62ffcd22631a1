"""A date wider than the year axis (1950/1999) stands on no year: trends count it undated."""

import datetime as dt

import pytest

pytestmark = pytest.mark.every_backend


def test_a_date_wider_than_the_axis_counts_as_undated(capture, make_statement, client):
    with capture():
        make_statement(
            title="Long ago on sanctions", body="Sanctions.", issued_on=dt.date(2020, 1, 1)
        )
        wide = make_statement(title="Sometime sanctions", body="Sanctions.")
        wide.issued_edtf, wide.issued_on, wide.issued_precision = (
            "1950/1999",
            dt.date(1950, 1, 1),
            "year",
        )
        wide.save()
    body = client.get("/api/trends/", {"q": "sanctions"}).json()
    assert [y["year"] for y in body["statements_per_year"]] == [2020]  # not 1950 to 2020
    assert body["series"][0]["undated"] == 1
    found = client.get("/api/search/", {"q": "sanctions", "from": "1960", "to": "1970"}).json()
    assert found["total"] == 0  # a span of 50 years matches no date range
