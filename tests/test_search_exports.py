"""Feeds and exports of a search: Atom, CSV and JSON Lines, capped and streamed."""

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from archive.models import Status
from search import exports

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


def test_csv_export_has_every_hit_and_states_the_cap(client, statements):
    response = client.get(reverse("search:export", args=["csv"]), {"q": "sanctions"})
    assert response["Content-Type"].startswith("text/csv")
    text = body_of(response)
    first, rest = text.split("\n", 1)
    assert first.startswith("# ") and "12 of 12" in first and "10000 rows" in first
    rows = list(csv.DictReader(io.StringIO(rest)))
    assert len(rows) == 12
    assert {r["title"] for r in rows} == {s.title for s in statements}
    assert rows[0]["date_precision"] == "year"


def test_jsonl_export_follows_the_filters_and_order(client, statements):
    response = client.get(
        reverse("search:export", args=["jsonl"]),
        {"q": "sanctions", "sort": "oldest", "decade": "2000s"},
    )
    lines = [json.loads(line) for line in body_of(response).splitlines()]
    assert lines[0]["export"]["total"] == 10 and lines[0]["export"]["cap"] == exports.EXPORT_CAP
    assert [row["date"] for row in lines[1:]] == [str(2000 + n) for n in range(10)]


def test_exports_stop_at_the_cap(client, statements, monkeypatch):
    monkeypatch.setattr(exports, "EXPORT_CAP", 5)
    lines = body_of(client.get(reverse("search:export", args=["jsonl"]), {"q": "sanctions"}))
    rows = lines.splitlines()
    assert json.loads(rows[0])["export"]["rows"] == 5
    assert len(rows) == 6


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
    assert client.get("/search/export.xlsx").status_code == 404
