"""Feeds and exports of a search: Atom, CSV and JSON Lines, capped and streamed."""

import csv
import datetime as dt
import html
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from archive.models import Country, Event, Statement, Status
from search.backends.base import SearchQuery, Sort
from search.sync.indexing import current_backend
from search.web import exports

# Every backend answers these the same way.
pytestmark = pytest.mark.every_backend

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def statements(capture, make_statement):
    with capture():
        made = [
            make_statement(
                title=f"Statement {n} on sanctions",
                body="Sanctions must be lifted.",
                issued_on=dt.date(2000 + n, 1, 1),
                issued_precision="year",
            )
            for n in range(12)
        ]
        make_statement(title="Draft on sanctions", status=Status.DRAFT)
    return made


def body_of(response) -> str:
    return b"".join(response.streaming_content).decode()


def test_csv_export_starts_with_its_header_and_states_the_cap_in_headers(client, statements):
    response = client.get(reverse("search:export", args=["csv"]), {"q": "sanctions"})
    assert response["Content-Type"].startswith("text/csv")
    assert response["X-Total-Count"] == "12"
    assert response["X-Export-Limit"] == str(exports.EXPORT_CAP)
    assert response["X-Export-Count"] == "12"
    assert response["X-Export-Truncated"] == "false"
    text = body_of(response)
    assert text.split("\r\n", 1)[0] == ",".join(exports.COLUMNS)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 12
    assert {r["title"] for r in rows} == {s.title for s in statements}
    assert rows[0]["date_precision"] == "year"


def test_jsonl_export_follows_the_filters_and_order(client, statements):
    response = client.get(
        reverse("search:export", args=["jsonl"]),
        {"q": "sanctions", "sort": "oldest", "decade": "2000s"},
    )
    assert response["X-Total-Count"] == "10"
    assert response["X-Export-Limit"] == str(exports.EXPORT_CAP)
    lines = [json.loads(line) for line in body_of(response).splitlines()]
    assert [row["year"] for row in lines] == [2000 + n for n in range(10)]
    assert [row["date_start"] for row in lines] == [f"{2000 + n}-01-01" for n in range(10)]


def test_exports_stop_at_the_cap_and_say_so_in_headers(client, statements, monkeypatch):
    monkeypatch.setattr(exports, "EXPORT_CAP", 5)
    for fmt in ("csv", "jsonl"):
        response = client.get(reverse("search:export", args=[fmt]), {"q": "sanctions"})
        assert response["X-Total-Count"] == "12"
        assert response["X-Export-Limit"] == "5"
        assert response["X-Export-Count"] == "5"
        assert response["X-Export-Truncated"] == "true"
        lines = body_of(response).splitlines()
        assert len(lines) == (6 if fmt == "csv" else 5)


@pytest.fixture
def described(capture, make_statement, event):
    with capture():
        statement = make_statement(
            title="Statement on the Freedom Edge exercise",
            summary="The ministry denounces the drills, 27–29 June.",
            speaker="Kim Yo Jong",
            source_outlet="KCNA",
            source_url="https://kcnawatch.org/statement/1",
        )
        statement.events.add(
            event,
            Event.objects.create(
                name="Camp David summit", kind="summit", start_date=dt.date(2023, 8, 18)
            ),
        )
        statement.countries_mentioned.add(
            Country.objects.create(code="USA", name="United States", region="americas")
        )
    return statement


def test_exports_carry_summary_events_countries_speaker_and_source(client, described):
    text = body_of(client.get(reverse("search:export", args=["csv"]), {"q": "Freedom"}))
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["summary"] == described.summary
    assert row["events"] == "Freedom Edge 2024; Camp David summit"
    assert (row["issuer_country"], row["countries_named"]) == ("PRK", "USA")
    assert row["speaker"] == "Kim Yo Jong"
    assert row["source_url"] == "https://kcnawatch.org/statement/1"
    line = body_of(client.get(reverse("search:export", args=["jsonl"]), {"q": "Freedom"}))
    data = json.loads(line)
    assert data["summary"] == described.summary
    assert data["events"] == ["Freedom Edge 2024", "Camp David summit"]
    assert (data["issuer_country"], data["countries_named"]) == ("PRK", ["USA"])
    assert (data["speaker"], data["source_url"]) == ("Kim Yo Jong", described.source_url)


def test_exports_never_carry_a_source_that_is_not_a_web_address(client, capture, make_statement):
    with capture():
        statement = make_statement(title="Loaded from a file")
    Statement.objects.filter(pk=statement.pk).update(source_url="shared/seeds/statement.txt")
    text = body_of(client.get(reverse("search:export", args=["csv"])))
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["source_url"] == ""


def test_csv_downloaded_from_the_search_page_link_reads_as_its_hits(client, statements):
    page = client.get(reverse("search:search"), {"q": "sanctions", "sort": "oldest"})
    link = re.search(r'href="([^"]*/search/export\.csv[^"]*)"', page.content.decode())
    response = client.get(html.unescape(link.group(1)))
    reader = csv.DictReader(io.StringIO(body_of(response)))
    rows = list(reader)
    assert reader.fieldnames == exports.COLUMNS
    assert list(rows[0]) == exports.COLUMNS
    hits = current_backend().search(SearchQuery(text="sanctions", sort=Sort.OLDEST, page_size=50))
    expected = Statement.objects.in_order([int(hit.id) for hit in hits.hits])
    assert [r["slug"] for r in rows] == [s.slug for s in expected]
    assert [r["title"] for r in rows] == [f"Statement {n} on sanctions" for n in range(12)]


def test_atom_feed_lists_newest_first(client, statements):
    response = client.get(reverse("search:feed"), {"q": "sanctions"})
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles[0] == "Statement 11 on sanctions"
    assert len(titles) == 12 and "Draft on sanctions" not in titles


def test_search_page_links_to_feed_and_exports_with_its_parameters(client, statements):
    html = client.get(
        reverse("search:search"), {"q": "sanctions", "country": "PRK"}
    ).content.decode()
    assert "/search/export.csv?q=sanctions&amp;country=PRK" in html
    assert "/search/feed/?q=sanctions&amp;country=PRK" in html


def test_unknown_export_format_is_not_found(client, db):
    response = client.get("/search/export.xlsx")
    assert response.status_code == 404


def test_a_format_registered_in_exports_is_served_and_offered(client, statements, monkeypatch):
    def titles(results, absolute):
        for statement in exports.statements_in_order([hit.id for hit in results.hits]):
            yield statement.title + "\n"

    plain = exports.ExportFormat("titles.txt", "Titles", "text/plain", "txt", titles)
    monkeypatch.setitem(exports.FORMATS, plain.name, plain)
    response = client.get("/search/export.titles.txt", {"q": "sanctions", "sort": "oldest"})
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].endswith('.txt"')
    text = b"".join(response.streaming_content).decode()
    assert text.splitlines() == [f"Statement {n} on sanctions" for n in range(12)]
    page = client.get(reverse("search:search"), {"q": "sanctions"}).content.decode()
    assert '/search/export.titles.txt?q=sanctions">Titles</a>' in page


RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def entries_by_title(response) -> dict:
    feed = ET.fromstring(response.content)
    return {e.find(f"{ATOM}title").text: e for e in feed.iter(f"{ATOM}entry")}


def test_feed_entries_are_published_at_the_statements_date_and_updated_at_the_last_change(
    client, capture, make_statement
):
    with capture():
        day = make_statement(title="Exercise day", issued_on=dt.date(2024, 6, 30))
        month = make_statement(
            title="Exercise month", issued_on=dt.date(2023, 8, 1), issued_precision="month"
        )
        year = make_statement(
            title="Exercise year", issued_on=dt.date(1994, 1, 1), issued_precision="year"
        )
        undated = make_statement(title="Exercise undated", issued_on=None)
    changed = dt.datetime(2025, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
    Statement.objects.filter(pk=day.pk).update(updated_at=changed)
    entries = entries_by_title(client.get(reverse("search:feed"), {"q": "exercise"}))

    def stamp(title, name):
        element = entries[title].find(f"{ATOM}{name}")
        return None if element is None else element.text

    assert stamp("Exercise day", "published") == "2024-06-30T00:00:00+00:00"
    assert stamp("Exercise month", "published") == "2023-08-01T00:00:00+00:00"
    assert stamp("Exercise year", "published") == "1994-01-01T00:00:00+00:00"
    assert dt.datetime.fromisoformat(stamp("Exercise day", "updated")) == changed
    for statement in (month, year, undated):
        statement.refresh_from_db()
        assert dt.datetime.fromisoformat(stamp(statement.title, "updated")) == statement.updated_at
    assert stamp("Exercise undated", "published") is None
    for entry in entries.values():
        for element in (entry.find(f"{ATOM}published"), entry.find(f"{ATOM}updated")):
            assert element is None or RFC3339.match(element.text)


@pytest.fixture
def typed(capture, make_statement):
    from archive.models.people import Person

    korea = Country.objects.create(code="KOR", name="Republic of Korea")
    person = Person.objects.create(name="Choe Su Hon", slug="choe-su-hon")
    with capture():
        day = make_statement(
            title="On the “Asian NATO”",
            body="Sanctions again.",
            issued_on=dt.date(2024, 6, 30),
            issued_precision="day",
            speaker="Choe Su Hon,",
            speaker_person=person,
        )
        day.countries_mentioned.add(korea)
        make_statement(
            title="June on sanctions",
            body="Sanctions in June.",
            issued_on=dt.date(2024, 6, 1),
            issued_precision="month",
        )
        make_statement(title="Undated sanctions", body="Sanctions.", issued_on=None)
    return person


def test_the_csv_reads_into_pandas_with_typed_columns(client, typed):
    import pandas as pd

    response = client.get(reverse("search:export", args=["csv"]), {"q": "sanctions"})
    frame = pd.read_csv(io.StringIO(body_of(response)), parse_dates=["date_start", "date_end"])
    assert pd.api.types.is_datetime64_any_dtype(frame["date_start"])
    assert pd.api.types.is_datetime64_any_dtype(frame["date_end"])
    assert pd.api.types.is_numeric_dtype(frame["year"])
    assert pd.api.types.is_numeric_dtype(frame["decade"])
    by_title = frame.set_index("title")
    june = by_title.loc["June on sanctions"]
    assert (june["date_start"].date(), june["date_end"].date()) == (
        dt.date(2024, 6, 1),
        dt.date(2024, 6, 30),
    )
    assert (june["year"], june["decade"], june["date_precision"]) == (2024, 2020, "month")
    day = by_title.loc["On the “Asian NATO”"]
    assert day["speaker_id"] == "choe-su-hon" and day["speaker_name"] == "Choe Su Hon"
    assert day["countries_named"] == "KOR"
    assert day["countries_named_names"] == "Republic of Korea"
    assert pd.isna(by_title.loc["Undated sanctions"]["year"])


def test_the_excel_csv_starts_with_a_byte_order_mark_and_files_are_named_by_the_search(
    client, typed
):
    plain = client.get(
        reverse("search:export", args=["csv"]), {"q": "sanctions", "decade": "2020s"}
    )
    excel = client.get(reverse("search:export", args=["excel.csv"]), {"q": "sanctions"})
    assert not body_of(plain).startswith("\ufeff")
    text = body_of(excel)
    assert text.startswith("\ufeffslug,")
    assert "On the “Asian NATO”" in text  # curly quotes as written
    assert plain["Content-Disposition"] == 'attachment; filename="statements-sanctions-2020s.csv"'
    assert excel["Content-Disposition"] == 'attachment; filename="statements-sanctions.csv"'
    everything = client.get(reverse("search:export", args=["jsonl"]))
    assert everything["Content-Disposition"] == 'attachment; filename="statements.jsonl"'
    assert client.get(reverse("search:export", args=["xlsx"])).status_code == 404
