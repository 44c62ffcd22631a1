"""Permalinks never break: a renamed or merged record answers at its old address with a 301."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from archive.models import Country, Event, IssuingBody, Person, Statement, Status
from archive.person_merges import merge, undo
from tests.admin_forms import form_by_id
from tests.test_admin import admin_url


@pytest.fixture
def records(make_statement, body, event, country):
    """A published statement that names every kind of authority record."""
    person = Person.objects.create(name="Choe Su Hon", country=country)
    statement = make_statement(title="On the drills", speaker_person=person)
    statement.events.add(event)
    statement.countries_mentioned.add(country)
    return {
        "country": country,
        "issuingbody": body,
        "event": event,
        "person": person,
        "statement": statement,
    }


@pytest.mark.parametrize("kind", ["country", "issuingbody", "event", "person", "statement"])
def test_a_record_renamed_in_the_admin_answers_at_its_old_address_with_a_301(
    editor_client, client, records, kind
):
    record = records[kind]
    old = record.get_absolute_url()
    change = admin_url(kind, "change", record.pk)
    form = form_by_id(editor_client.get(change).content.decode(), f"{kind}_form")
    saved = editor_client.post(change, form.post(slug="a-new-address", _save="Save"))
    assert saved.status_code == 302
    record.refresh_from_db()
    assert record.slug == "a-new-address"
    moved = client.get(old)
    assert moved.status_code == 301
    assert moved["Location"] == record.get_absolute_url()
    assert "max-age=3600" in moved["Cache-Control"]  # browsers ask again: a slug can return
    assert client.get(moved["Location"]).status_code == 200


def test_the_rest_of_an_old_address_and_its_query_are_kept(client, records):
    statement = records["statement"]
    old_slug = statement.slug
    statement.slug = "renamed-statement"
    statement.save()
    cite = client.get(f"/statements/{old_slug}/cite.bib")
    assert cite.status_code == 301 and cite["Location"] == "/statements/renamed-statement/cite.bib"
    api = client.get(reverse("search:api-statement", args=[old_slug]))
    assert api.status_code == 301
    assert api["Location"] == reverse("search:api-statement", args=["renamed-statement"])
    body = records["issuingbody"]
    old = body.get_absolute_url()
    body.slug = "renamed-body"
    body.save()
    assert client.get(f"{old}?page=2")["Location"] == "/bodies/renamed-body/?page=2"


def test_an_address_renamed_twice_leads_to_the_latest(client, records):
    event = records["event"]
    first = event.get_absolute_url()
    for slug in ("second-name", "third-name"):
        event.slug = slug
        event.save()
    for old in (first, "/events/second-name/"):
        response = client.get(old)
        assert response.status_code == 301 and response["Location"] == "/events/third-name/"


def test_a_record_taking_back_its_old_slug_answers_there_again(client, records):
    country = records["country"]
    old = country.slug
    country.slug = "dprk"
    country.save()
    country.slug = old
    country.save()
    assert client.get(f"/countries/{old}/").status_code == 200
    assert client.get("/countries/dprk/")["Location"] == f"/countries/{old}/"


def test_an_old_address_is_never_given_to_another_record(records):
    body = records["issuingbody"]
    old = body.slug
    body.slug = "renamed-body"
    body.save()
    newcomer = IssuingBody.objects.create(name=body.name)  # its name would make the old slug
    assert newcomer.slug != old  # an old link still leads to the first body
    taker = IssuingBody(name="Another body", slug=old)
    with pytest.raises(ValidationError, match="old links to it still lead there"):
        taker.full_clean()


def test_a_slug_changed_in_bulk_keeps_its_old_address(client, records):
    Event.objects.filter(pk=records["event"].pk).update(slug="changed-in-bulk")
    response = client.get("/events/freedom-edge-2024/")
    assert response.status_code == 301 and response["Location"] == "/events/changed-in-bulk/"


def test_a_merged_person_answers_with_the_survivor_and_again_after_an_undo(client, records):
    survivor = records["person"]
    duplicate = Person.objects.create(name="CHOE Su Hon", country=survivor.country)
    Statement.objects.create(
        title="Another speech",
        body="Text.",
        issuer=records["issuingbody"],
        speaker_person=duplicate,
        issued_on=dt.date(2001, 9, 25),
        status=Status.PUBLISHED,
    )
    old = duplicate.get_absolute_url()
    record = merge(survivor, [duplicate], reason="One man")[0]
    assert client.get(old)["Location"] == survivor.get_absolute_url()
    undo(record)
    assert client.get(old).status_code == 200


def test_an_unknown_address_still_answers_404(client, records):
    assert client.get("/countries/never-was/").status_code == 404
    assert Country.objects.filter(slug="never-was").count() == 0


def test_an_old_address_does_not_reveal_where_an_unpublished_record_went(client, records):
    statement = records["statement"]
    old = statement.get_absolute_url()
    statement.slug = "the-secret-new-title"
    statement.status = Status.WITHDRAWN
    statement.save()
    response = client.get(old)
    assert response.status_code == 404
    assert "secret" not in response.get("Location", "")


def test_a_deleted_records_address_is_never_given_to_another(records):
    unused = Event.objects.create(name="Summit", start_date=dt.date(2020, 1, 1))
    assert unused.slug == "summit"
    unused.delete()
    assert Event.objects.create(name="Summit", start_date=dt.date(2021, 1, 1)).slug != "summit"


def test_a_renamed_then_merged_persons_first_address_leads_straight_to_the_survivor(
    client, records
):
    survivor = records["person"]
    duplicate = Person.objects.create(name="CHOE Su Hon", country=survivor.country)
    first = duplicate.get_absolute_url()
    duplicate.slug = "choe-su-hon-renamed"
    duplicate.save()
    merge(survivor, [duplicate], reason="One man")
    response = client.get(first)
    assert response.status_code == 301 and response["Location"] == survivor.get_absolute_url()
