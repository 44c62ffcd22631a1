"""Facet labels kept between requests (search/label_cache.py): a rename here shows at
once, one made by another process within the check interval, and a new record is named."""

import pytest

from archive.models import Country, IssuingBody
from search import label_cache

pytestmark = pytest.mark.every_backend


def issuing_countries(client, **params):
    body = client.get("/api/search/", {"q": "exercises", **params}).json()
    return {v["value"]: v["label"] for v in body["facets"]["country"]}


@pytest.fixture
def speech(make_statement, capture):
    with capture():
        return make_statement(title="On the exercises", body="The exercises threaten peace.")


def test_a_rename_in_this_process_shows_on_the_next_page(client, speech, capture):
    assert issuing_countries(client) == {"PRK": "North Korea"}
    country = Country.objects.get(code="PRK")
    country.name = "Democratic People's Republic of Korea"
    with capture():
        country.save()
    assert issuing_countries(client) == {"PRK": "Democratic People's Republic of Korea"}


def test_another_process_rename_shows_within_the_check_interval(
    client, speech, settings, monkeypatch
):
    settings.SEARCH_INDEXING = {**getattr(settings, "SEARCH_INDEXING", {}), "CHECK_INTERVAL": 60}
    assert issuing_countries(client) == {"PRK": "North Korea"}
    # Another server's save: this process's table of labels is not told.
    monkeypatch.setattr(label_cache.CACHE, "clear", lambda: None)
    Country.objects.filter(code="PRK").update(name="DPRK")
    monkeypatch.undo()
    assert issuing_countries(client) == {"PRK": "North Korea"}
    clock = label_cache.time.monotonic() + 61
    monkeypatch.setattr(label_cache.time, "monotonic", lambda: clock)
    assert issuing_countries(client) == {"PRK": "DPRK"}


def test_a_value_created_after_the_labels_were_read_is_named(
    client, speech, make_statement, capture, settings, monkeypatch
):
    settings.SEARCH_INDEXING = {**getattr(settings, "SEARCH_INDEXING", {}), "CHECK_INTERVAL": 60}
    assert issuing_countries(client) == {"PRK": "North Korea"}
    # Records another process made: this process's table of labels is older.
    monkeypatch.setattr(label_cache.CACHE, "clear", lambda: None)
    Country.objects.bulk_create([Country(code="KOR", name="South Korea", region="asia")])
    body = IssuingBody.objects.create(name="ROK Ministry", country=Country.objects.get(code="KOR"))
    with capture():
        make_statement(title="Exercises", body="Joint exercises were held.", issuer=body)
    assert issuing_countries(client) == {"PRK": "North Korea", "KOR": "South Korea"}


def test_labels_looked_up_in_the_kept_table_leave_it_as_read(db, speech, monkeypatch):
    """A page looks its labels up in the table itself; a value created since it was read
    is named from a copy, so the table stays as read until the interval is up."""
    labels = label_cache.facets.BY_NAME["country"].labels
    label_cache.CACHE.clear()
    table = label_cache.CACHE.lookup(labels, ["PRK"])
    assert table["PRK"] == "North Korea"
    monkeypatch.setattr(label_cache.CACHE, "clear", lambda: None)
    Country.objects.bulk_create([Country(code="KOR", name="South Korea", region="asia")])
    merged = label_cache.CACHE.lookup(labels, ["PRK", "KOR"])
    assert merged["KOR"] == "South Korea" and merged is not table
    assert "KOR" not in label_cache.CACHE.lookup(labels, ["PRK"])
