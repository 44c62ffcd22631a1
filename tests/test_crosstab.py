"""A cross-tab of two facets over a search: page, API and CSV, each cell its search."""

import csv
import io
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.every_backend


def test_issuing_country_by_decade_counts_each_pair_and_links_its_search(demo, client):
    params = {"q": "korea", "rows": "country", "columns": "decade"}
    body = client.get("/api/search/crosstab/", params).json()
    assert body["status"] == "computed"
    rows = [v["value"] for v in body["rows"]["values"]]
    columns = [v["value"] for v in body["columns"]["values"]]
    assert columns == sorted(columns) and rows
    for r, row in enumerate(rows[:3]):
        for c, column in enumerate(columns):
            cell = body["cells"][r][c]
            query = parse_qs(urlsplit(cell["search_url"]).query)
            assert query["country"] == [row] and query["decade"] == [column]
            found = client.get("/api/search/", {"q": "korea", "country": row, "decade": column})
            assert found.json()["total"] == cell["statements"]
    assert all(v["label"] != v["value"] for v in body["rows"]["values"])  # names beside codes


def test_countries_named_by_year_is_turned_from_the_single_valued_side(demo, client):
    body = client.get(
        "/api/search/crosstab/", {"q": "nuclear", "rows": "named", "columns": "year"}
    ).json()
    assert body["rows"]["dimension"] == "named" and body["columns"]["dimension"] == "year"
    row, column = body["rows"]["values"][0]["value"], body["columns"]["values"][-1]["value"]
    cell = body["cells"][0][-1]["statements"]
    found = client.get("/api/search/", {"q": "nuclear", "named": row, "year": column}).json()
    assert found["total"] == cell


def test_the_page_and_the_csv(demo, client):
    params = {"q": "korea", "rows": "country", "columns": "decade"}
    html = client.get("/search/crosstab/", params).content.decode()
    assert '<table class="crosstab">' in html and "country=" in html
    response = client.get("/search/crosstab.csv", params)
    assert response["Content-Disposition"] == (
        'attachment; filename="crosstab-korea-country-by-decade.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    api = client.get("/api/search/crosstab/", params).json()
    assert rows[0] == ["country", "country_name", *(v["value"] for v in api["columns"]["values"])]
    assert [int(n) for n in rows[1][2:]] == [c["statements"] for c in api["cells"][0]]
    search = client.get("/search/", {"q": "korea"}).content.decode()
    assert "Cross-tabulate these results" in search


def test_two_many_valued_dimensions_or_unknown_ones_are_refused_with_a_message(demo, client):
    both = client.get("/search/crosstab/", {"rows": "named", "columns": "event"})
    assert both.status_code == 400
    assert "both hold several values" in both.content.decode()
    assert client.get("/api/search/crosstab/", {"rows": "nope"}).status_code == 400
    same = client.get("/search/crosstab.csv", {"rows": "year", "columns": "year"})
    assert same.status_code == 400 and "two different" in same.content.decode()
