"""Term trends: the series equal the searches they come from, on the demo data and each
backend; parameters are checked as a search's are; the page, its downloads and its ways in."""

import csv
import datetime as dt
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import QueryDict

from archive.models import Statement
from search import searching
from search.backends.base import SearchQuery
from search.templatetags.trend_tags import title_terms
from search.trends import chart, computing
from search.trends.computing import MAX_TERMS, parse_request, split_terms

# On PostgreSQL, each test runs on both backends.
pytestmark = pytest.mark.every_backend

TERMS = '"Asian NATO",hegemonism,denuclearization'
EVERY = 10_000


def year_facet(text, **filters):
    found = searching.search(
        SearchQuery(text=text, filters=filters, facet_limit=EVERY, with_snippets=False)
    )
    return {int(v.value): v.count for v in found.facets["year"] if v.count}, found


def nonzero(years, key="statements"):
    return {y["year"]: y[key] for y in years if y[key]}


def test_each_series_is_the_year_facet_of_the_same_search(demo, client):
    body = client.get("/api/trends/", {"q": TERMS}).json()
    assert [s["term"] for s in body["series"]] == ['"Asian NATO"', "hegemonism", "denuclearization"]
    all_years, _ = year_facet("")
    assert nonzero(body["statements_per_year"]) == all_years
    for series in body["series"]:
        per_year, found = year_facet(series["term"])
        assert per_year, series["term"]  # the demo data uses every term
        assert nonzero(series["years"]) == per_year
        assert series["total"] == found.total
        assert series["undated"] == found.total - sum(per_year.values())
        for year in series["years"]:
            if all_years.get(year["year"]):
                assert year["share"] == round(year["statements"] / all_years[year["year"]], 6)
            else:
                assert year["share"] is None


def test_filters_narrow_every_series_and_the_shares_denominator(demo, client):
    body = client.get("/api/trends/", {"q": "nuclear,peace", "country": "prk", "from": "1990"})
    body = body.json()
    assert body["filters"] == {"country": ["PRK"]} and body["from"] == "1990-01-01"
    years = nonzero(body["statements_per_year"])
    assert years and min(years) >= 1990
    assert years == {
        s.issued_on.year: Statement.objects.published()
        .filter(issuer__country__code="PRK", issued_on__year=s.issued_on.year)
        .count()
        for s in Statement.objects.published().filter(
            issuer__country__code="PRK", issued_on__year__gte=1990
        )
    }
    for series in body["series"]:
        query = SearchQuery(
            text=series["term"],
            filters={"country": ("PRK",)},
            date_from=dt.date(1990, 1, 1),
            facet_limit=EVERY,
            with_snippets=False,
        )
        found = searching.search(query)
        assert nonzero(series["years"]) == {
            int(v.value): v.count for v in found.facets["year"] if v.count
        }


def test_first_uses_are_the_earliest_statements_with_their_snippets(demo, client):
    body = client.get("/api/trends/", {"q": "denuclearization"}).json()
    (series,) = body["series"]
    uses = series["first_uses"]
    assert len(uses) == 3
    first_year = min(nonzero(series["years"]))
    assert uses[0]["date"].startswith(str(first_year))
    assert [u["date"] for u in uses] == sorted(u["date"] for u in uses)
    assert all("<mark>" in u["snippet"] for u in uses)


def test_top_countries_and_the_matrix_cells_are_the_searches_they_link_to(demo, client):
    body = client.get("/api/trends/", {"q": "nuclear"}).json()
    (series,) = body["series"]
    top = series["top_issuing_countries"]
    assert top and [c["statements"] for c in top] == sorted(
        (c["statements"] for c in top), reverse=True
    )
    for country in top[:3]:
        assert client.get(country["search_url"]).status_code == 200
        found = searching.search(
            SearchQuery(text="nuclear", filters={"country": (country["code"],)})
        )
        assert found.total == country["statements"]
    matrix = body["who_talks_about_whom"]
    rows, columns = matrix["issuing_countries"], matrix["countries_named"]
    assert 1 < len(rows) <= 15 and 1 < len(columns) <= 15
    for row, cells in list(zip(rows, matrix["statements"], strict=True))[:4]:
        for column, count in list(zip(columns, cells, strict=True))[:4]:
            filters = {"country": (row["code"],), "named": (column["code"],)}
            found = searching.search(SearchQuery(text="nuclear", filters=filters))
            assert found.total == count, (row, column)


def test_a_countries_named_filter_leaves_the_matrix_columns_whole(demo, client):
    whole = client.get("/api/trends/", {"q": "nuclear"}).json()["who_talks_about_whom"]
    named = client.get("/api/trends/", {"q": "nuclear", "named": "USA"}).json()
    assert named["who_talks_about_whom"] == whole
    narrowed = searching.search(SearchQuery(text="nuclear", filters={"named": ("USA",)}))
    assert named["series"][0]["total"] == narrowed.total


def test_the_matrix_follows_the_chosen_term(demo, client):
    body = client.get("/api/trends/", {"q": "nuclear,hegemonism", "matrix": "2"}).json()
    assert body["who_talks_about_whom"]["term"] == "hegemonism"


def test_the_csv_download_has_a_row_per_term_and_year(demo, client):
    response = client.get("/trends/export.csv", {"q": "nuclear,hegemonism"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="trends-nuclear-hegemonism.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "term",
        "year",
        "statements",
        "all_statements",
        "share",
        "few_statements",
        "status",
    ]
    all_years, _ = year_facet("")
    span = max(all_years) - min(all_years) + 1
    assert len(rows) == 1 + 2 * span
    per_year, _ = year_facet("hegemonism")
    for term, year, count, every, share, few, status in rows[1:]:
        if term == "hegemonism":
            assert int(count) == per_year.get(int(year), 0)
        assert int(every) == all_years.get(int(year), 0)
        assert share == ("" if not int(every) else f"{int(count) / int(every):.6f}")
        assert few == ("true" if 0 < int(every) < computing.FEW else "false")
        assert status == "computed"


def test_the_json_download_is_the_api_answer(demo, client):
    response = client.get("/trends/export.json", {"q": "hegemonism"})
    assert response["Content-Disposition"] == 'attachment; filename="trends-hegemonism.json"'
    assert response.json() == client.get("/api/trends/", {"q": "hegemonism"}).json()


def test_a_download_without_terms_is_refused_with_a_message(demo, client):
    response = client.get("/trends/export.csv")
    assert response.status_code == 400
    assert "Give one to four terms" in response.content.decode()
    assert client.get("/trends/export.xml", {"q": "peace"}).status_code == 404


def test_terms_split_at_commas_outside_quotes():
    assert split_terms(['"peace, security",nuclear', " nuclear , arms*"]) == [
        '"peace, security"',
        "nuclear",
        "arms*",
    ]
    assert split_terms([",,", ""]) == []
    assert split_terms(['"a, b" c, "d, e']) == ['"a, b" c', '"d, e']  # unbalanced: to the end


def test_terms_are_cleaned_as_the_search_reads_them(demo, client):
    body = client.get("/api/trends/", {"q": "peace\x00, " + "x" * 3000}).json()
    terms = [s["term"] for s in body["series"]]
    assert terms[0] == "peace" and len(terms[1]) <= 400
    assert any("cut to its first" in notice for notice in body["notices"])


def test_a_term_that_looks_like_a_formula_is_text_in_the_csv(demo, client):
    response = client.get("/trends/export.csv", {"q": '=HYPERLINK("http://x")'})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert {row[0] for row in rows[1:]} == {'\'=HYPERLINK("http://x")'}


def test_under_a_country_filter_the_issuing_countries_are_the_chosen_ones(demo, client):
    body = client.get("/api/trends/", {"q": "nuclear", "country": ["PRK", "KOR"]}).json()
    (series,) = body["series"]
    assert {c["code"] for c in series["top_issuing_countries"]} == {"PRK", "KOR"}
    assert sum(c["statements"] for c in series["top_issuing_countries"]) == series["total"]


@pytest.mark.parametrize(
    ("params", "said"),
    [
        ({"q": "a1,b2,c3,d4,e5"}, f"At most {MAX_TERMS} terms"),
        ({"q": "peace", "measure": "percent"}, "Ignored measure"),
        ({"q": "peace", "year": "1990"}, "Ignored year"),
        ({"q": "peace", "matrix": "9"}, "Ignored matrix"),
        ({"q": "peace", "matrix": "x"}, "Ignored matrix"),
        ({"q": "peace", "from": "1990-13"}, "Ignored from"),
        ({"q": "peace", "country": "??"}, "Ignored country"),
        ({"q": "peace", "colour": "red"}, "Unknown parameters ignored: colour"),
    ],
)
def test_invalid_parameters_get_notices_and_the_rest_is_answered(demo, client, params, said):
    body = client.get("/api/trends/", params).json()
    assert any(said in notice for notice in body["notices"]), body["notices"]
    assert body["series"]
    page = client.get("/trends/", params)
    assert page.status_code == 200 and said in page.content.decode()


def test_parsing_keeps_four_terms_and_drops_year_filters():
    asked, _ = parse_request(QueryDict("q=a1,b2,c3,d4,e5&decade=1990s&country=PRK"))
    assert asked.terms == ("a1", "b2", "c3", "d4")
    assert dict(asked.base.filters) == {"country": ("PRK",)}


@pytest.mark.parametrize("q", ['"', ",,,", "AND OR NOT", "*", "x" * 3000, "peace\x00", "~~"])
def test_hostile_terms_never_fail(demo, client, q):
    assert client.get("/trends/", {"q": q}).status_code == 200
    assert client.get("/api/trends/", {"q": q}).status_code == 200
    assert client.get("/trends/export.csv", {"q": q}).status_code in (200, 400)


def test_without_terms_the_page_offers_examples_and_the_api_says_what_to_give(demo, client):
    page = client.get("/trends/").content.decode()
    assert "Asian NATO" in page and '<svg class="line-chart"' not in page
    body = client.get("/api/trends/").json()
    assert body["series"] == [] and "Give one to four terms" in body["notices"][-1]


def test_the_page_draws_a_line_per_term_with_points_linking_to_the_years_search(demo, client):
    html = client.get("/trends/", {"q": TERMS}).content.decode()
    assert html.count('<g class="series series-') == 3
    points = re.findall(r'<a href="(/search/\?[^"]+)" aria-label="hegemonism, (\d{4}): ', html)
    per_year, _ = year_facet("hegemonism")
    assert {int(year) for _, year in points} == set(per_year)
    url, year = points[0]
    query = parse_qs(urlsplit(url.replace("&amp;", "&")).query)
    assert query == {"q": ["hegemonism"], "year": [year]}
    found = client.get(url.replace("&amp;", "&")).content.decode()
    assert f"{per_year[int(year)]} statement" in found
    assert '<th scope="row">1974</th>' in html  # the data table
    assert "First uses" in html and "Who talks about whom" in html


def test_ways_in_from_search_statement_and_home(demo, client):
    search = client.get("/search/", {"q": "nuclear, arms", "country": "PRK", "year": "1995"})
    (link,) = re.findall(r'<p class="see-over-time"><a href="([^"]+)"', search.content.decode())
    query = parse_qs(urlsplit(link.replace("&amp;", "&")).query)
    assert query == {"q": ["nuclear arms"], "country": ["PRK"]}
    seed = client.get("/statements/dprk-foreign-ministry-freedom-edge-asian-nato-2024/")
    assert 'name="q" value="&quot;Asian NATO&quot;"' in seed.content.decode()
    home = client.get("/").content.decode()
    assert 'value="&quot;Asian NATO&quot;, hegemonism, denuclearization"' in home


def test_title_terms_are_quoted_phrases_else_words_about_something():
    assert title_terms("DPRK denounces the exercise as an “Asian NATO”") == ['"Asian NATO"']
    title = "Statement by Mr. Arce, Argentina in the General Debate of the 1st session (1946)"
    assert title_terms(title) == ["Arce", "Argentina"]


def test_the_chart_scale_and_ticks():
    assert chart.nice_step(0.37 / 4, whole=False) == 0.1
    assert chart.nice_step(7 / 4, whole=False) == 2
    assert chart.nice_step(2.2 / 4, whole=False) == 1
    assert chart.nice_step(0.6 / 4, whole=False) == 0.2
    assert chart.nice_step(1 / 4, whole=True) == 1  # never a quarter of a statement
    assert chart.nice_step(9 / 4, whole=True) == 5
    assert chart.year_step(78) == 10
    assert chart.year_step(5) == 1


@pytest.mark.parametrize(
    ("measure", "step", "labels"),
    [
        ("count", 1, ["0", "1", "2", "3", "4"]),
        ("share", 0.25, ["0.00%", "0.25%", "0.50%", "0.75%", "1.00%"]),
        ("share", 0.005, ["0.000%", "0.005%", "0.010%", "0.015%", "0.020%"]),
        ("share", 2.5, ["0.0%", "2.5%", "5.0%", "7.5%", "10.0%"]),
        ("share", 25, ["0%", "25%", "50%", "75%", "100%"]),
    ],
)
def test_the_y_axis_labels_differ_at_every_tick(measure, step, labels):
    assert [chart.number(step * i, measure, step) for i in range(5)] == labels


def test_one_budget_is_shared_and_a_term_out_of_time_is_not_computed_never_zero(
    demo, client, monkeypatch
):
    from dataclasses import replace

    real, asked = searching.search, []

    def search(query):
        asked.append((query.text, query.budget))
        if query.text == "nuclear":  # this term cannot be counted in time
            query = replace(query, budget=0.0)
        return real(query)

    monkeypatch.setattr(searching, "search", search)
    body = client.get("/api/trends/", {"q": "nuclear,hegemonism", "matrix": "1"}).json()
    assert asked[0] == ("", None)  # the cheap count of every statement first
    texts = [text for text, _ in asked[1:]]
    assert texts == [  # a second try with what is left; first uses last, where counted
        "nuclear",
        "hegemonism",
        "nuclear",
        computing.first_use_query("hegemonism"),
    ]
    assert 0 < asked[1][1] <= computing.BUDGET / 2 + 0.01  # a fair share, not the whole budget
    nuclear, hegemonism = body["series"]
    assert nuclear["status"] == "not_computed" and nuclear["reason"] == computing.NOT_COMPUTED
    assert {y["statements"] for y in nuclear["years"]} == {None}
    assert {y["share"] for y in nuclear["years"]} == {None}
    assert nuclear["first_uses_status"] == "not_computed" and nuclear["first_uses"] == []
    assert hegemonism["status"] == "computed" and hegemonism["first_uses"]
    assert sum(y["statements"] for y in hegemonism["years"]) > 0
    assert body["who_talks_about_whom"]["status"] == "not_computed"

    html = client.get("/trends/", {"q": "nuclear,hegemonism"}).content.decode()
    assert "not computed: too broad" in html
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/trends/export.csv", {"q": "nuclear"}).content.decode())
        )
    )
    assert {r["status"] for r in rows} == {computing.NOT_COMPUTED}
    assert {r["statements"] for r in rows} == {""}


def test_shares_come_with_their_n_and_years_of_few_statements_are_marked(demo, client):
    body = client.get("/api/trends/", {"q": "hegemonism"}).json()
    assert body["few_statements_below"] == computing.FEW
    every = {y["year"]: y["statements"] for y in body["statements_per_year"]}
    for year in body["series"][0]["years"]:
        assert year["all_statements"] == every[year["year"]]
        assert year["few_statements"] == (0 < every[year["year"]] < computing.FEW)
    label = chart.point_label("peace", 1950, 2, 2, few=True)
    assert label == "peace, 1950: 2 statements of 2 (100.0%), few statements that year"
