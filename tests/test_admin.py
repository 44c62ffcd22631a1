"""The admin as archivists and editors use it, and the permission matrix."""

import datetime as dt

import pytest
from django.urls import reverse

from archive.models import Country, Event, RelationKind, Statement, Status
from tests.admin_forms import form_by_id

MODELS = ["country", "issuingbody", "event", "person", "statement"]


def admin_url(model, action="changelist", *args):
    return reverse(f"admin:archive_{model}_{action}", args=args)


def publish_form(*statements, action="publish"):
    """A list action's POST as the list sends it: the rows ticked, each at its revision."""
    return {
        "action": action,
        "_selected_action": [s.pk for s in statements],
        **{f"revision-{s.pk}": s.revision for s in statements},
    }


@pytest.mark.parametrize("model", MODELS)
def test_anonymous_users_are_sent_to_login(client, db, model):
    response = client.get(admin_url(model))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("who", ["archivist_client", "editor_client"])
def test_list_and_add_pages_render_for_both_groups(db, request, who, model):
    client = request.getfixturevalue(who)
    assert client.get(admin_url(model)).status_code == 200
    assert client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize(
    ("codename", "archivist_has", "editor_has"),
    [
        ("add_statement", True, True),
        ("change_statement", True, True),
        ("view_statement", True, True),
        ("delete_statement", False, True),
        ("publish_statement", False, True),
        ("withdraw_statement", False, True),
        ("add_event", True, True),
        ("delete_event", False, True),
        ("delete_issuingbody", False, True),
        ("delete_country", False, True),
    ],
)
def test_permission_matrix(archivist, editor, codename, archivist_has, editor_has):
    assert archivist.has_perm(f"archive.{codename}") is archivist_has
    assert editor.has_perm(f"archive.{codename}") is editor_has


def test_staff_without_a_group_gets_nothing(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(admin_url("statement")).status_code == 403


def test_archivist_cannot_delete_a_statement(archivist_client, make_statement):
    statement = make_statement(status=Status.DRAFT)
    response = archivist_client.post(
        admin_url("statement", "delete", statement.pk), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_archivist_cannot_change_a_published_statement(archivist_client, make_statement):
    statement = make_statement(status=Status.PUBLISHED)
    page = archivist_client.get(admin_url("statement", "change", statement.pk))
    assert page.status_code == 200  # viewable…
    assert b'name="title"' not in page.content  # …but read-only
    response = archivist_client.post(
        admin_url("statement", "change", statement.pk), {"title": "Tampered"}
    )
    assert response.status_code == 403
    statement.refresh_from_db()
    assert statement.title != "Tampered"


def test_publish_action_is_offered_to_editors_only(archivist_client, editor_client, make_statement):
    make_statement(status=Status.DRAFT)
    archivist_page = archivist_client.get(admin_url("statement"))
    editor_page = editor_client.get(admin_url("statement"))
    assert b'value="publish"' not in archivist_page.content
    assert b'value="publish"' in editor_page.content
    assert b'value="withdraw"' in editor_page.content


def test_archivist_cannot_publish_through_the_action(archivist_client, make_statement):
    statement = make_statement(status=Status.DRAFT)
    refused = archivist_client.post(admin_url("statement"), publish_form(statement))
    assert refused.status_code == 403
    statement.refresh_from_db()
    assert statement.status == Status.DRAFT


def test_editor_publishes_and_withdraws_in_bulk(editor_client, make_statement):
    drafts = [make_statement(status=Status.DRAFT, title=f"Draft {n}") for n in range(3)]
    pks = [s.pk for s in drafts]
    editor_client.post(admin_url("statement"), publish_form(*drafts))
    assert set(Statement.objects.filter(pk__in=pks).values_list("status", flat=True)) == {
        "published"
    }
    editor_client.post(admin_url("statement"), {"action": "withdraw", "_selected_action": pks})
    assert set(Statement.objects.filter(pk__in=pks).values_list("status", flat=True)) == {
        "withdrawn"
    }


def test_deleting_an_event_in_use_shows_why_it_is_refused(editor_client, event, make_statement):
    make_statement(title="Refers to the drill").events.add(event)
    page = editor_client.get(admin_url("event", "delete", event.pk))
    assert b"Refers to the drill" in page.content
    editor_client.post(admin_url("event", "delete", event.pk), {"post": "yes"})
    assert Event.objects.filter(pk=event.pk).exists()


def test_changelist_filters_and_search_work(editor_client, make_statement):
    make_statement(title="Old speech", issued_on=dt.date(1975, 1, 1), issued_precision="year")
    make_statement(title="New statement")
    page = editor_client.get(admin_url("statement"), {"decade": "1970", "year": "1975"})
    assert b"Old speech" in page.content and b"New statement" not in page.content
    assert b"1975" in page.content
    page = editor_client.get(admin_url("statement"), {"q": "denounce"})
    assert page.context["cl"].result_count == 2


def test_authority_lists_show_statement_counts(editor_client, body, make_statement):
    make_statement()
    make_statement(title="Second")
    page = editor_client.get(admin_url("issuingbody"))
    assert page.context["cl"].result_list[0]._statement_count == 2


def _statement_form(body, events, target, **extra):
    data = {
        "title": "Statement on the joint drills",
        "slug": "",
        "kind": "statement",
        "status": "draft",
        "language": "en",
        "issuer": body.pk,
        "co_issuers": [],
        "speaker": "",
        "speaker_post": "",
        "issued": "2024-07-01",
        "issued_precision": "",
        "body": "The drills are a rehearsal for invasion.",
        "summary": "",
        "events": [e.pk for e in events],
        "countries_mentioned": [],
        "source_outlet": "KCNA",
        "source_url": "",
        "source_citation": "",
        "retrieved_on": "",
        "outgoing_relations-TOTAL_FORMS": "1",
        "outgoing_relations-INITIAL_FORMS": "0",
        "outgoing_relations-MIN_NUM_FORMS": "0",
        "outgoing_relations-MAX_NUM_FORMS": "1000",
        "outgoing_relations-0-kind": RelationKind.RESPONDS_TO,
        "outgoing_relations-0-target": target.pk,
        "outgoing_relations-0-note": "",
        "incoming_relations-TOTAL_FORMS": "0",
        "incoming_relations-INITIAL_FORMS": "0",
        "incoming_relations-MIN_NUM_FORMS": "0",
        "incoming_relations-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_archivist_enters_a_statement_in_one_form_and_an_editor_publishes_it(
    client, archivist, editor, body, event, make_statement
):
    second_event = Event.objects.create(name="Camp David summit", start_date=dt.date(2023, 8, 18))
    answered = make_statement(title="US Navy on the purpose of the drill")
    client.force_login(archivist)
    form = _statement_form(body, [event, second_event], answered, status="published")
    refused = client.post(admin_url("statement", "add"), form)
    assert "status" in refused.context["adminform"].form.errors  # archivists cannot publish
    response = client.post(admin_url("statement", "add"), {**form, "status": "draft"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    statement = Statement.objects.get(title="Statement on the joint drills")
    assert statement.status == Status.DRAFT
    assert statement.created_by == archivist
    assert set(statement.events.all()) == {event, second_event}
    assert [r.target for r in statement.relations_out()] == [answered]
    assert [r.kind for r in statement.relations_out()] == [RelationKind.RESPONDS_TO]

    client.logout()
    assert client.get(statement.get_absolute_url()).status_code == 404

    client.force_login(editor)
    client.post(admin_url("statement"), publish_form(statement))
    assert client.get(statement.get_absolute_url()).status_code == 200

    history = client.get(admin_url("statement", "history", statement.pk))
    assert history.status_code == 200
    records = list(statement.history.all())
    assert {r.history_user for r in records} == {archivist, editor}
    assert records[0].diff_against(records[1]).changed_fields == ["status"]
    assert b"archie" in history.content and b"edith" in history.content


def test_form_shows_validation_errors_to_the_archivist(
    archivist_client, body, event, make_statement
):
    target = make_statement()
    data = _statement_form(body, [event], target, issued="2024-07-05", issued_precision="month")
    response = archivist_client.post(admin_url("statement", "add"), data)
    assert response.status_code == 200
    assert "issued_precision" in response.context["adminform"].form.errors


def test_relation_to_itself_is_a_form_error(editor_client, body, event, make_statement):
    statement = make_statement(status=Status.DRAFT)
    data = _statement_form(body, [event], statement, status="draft", slug=statement.slug)
    response = editor_client.post(admin_url("statement", "change", statement.pk), data)
    assert response.status_code == 200
    formset_errors = response.context["inline_admin_formsets"][0].formset.errors
    assert any("target" in errors for errors in formset_errors)


def test_saving_in_the_admin_finds_the_countries_named_and_keeps_corrections(
    archivist_client, body, event, make_statement
):
    japan = Country.objects.create(code="JPN", name="Japan")
    chad = Country.objects.create(code="TCD", name="Chad")
    korea = Country.objects.create(code="KOR", name="South Korea", aliases="Republic of Korea")
    target = make_statement()
    text = "Japan and Chad took part; so did the DPRK itself."
    data = _statement_form(body, [event], target)
    data["body"] = text
    response = archivist_client.post(admin_url("statement", "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    statement = Statement.objects.get(title="Statement on the joint drills")
    # Its own country (the DPRK) is not "named"; the others are, and marked as found.
    assert set(statement.countries_mentioned.all()) == {japan, chad}
    assert set(statement.countries_extracted.all()) == {japan, chad}

    # The archivist removes Chad (wrongly found) and adds Korea (meant, not named).
    data = _statement_form(body, [event], target, countries_mentioned=[japan.pk, korea.pk])
    data.update({"body": text, "outgoing_relations-TOTAL_FORMS": "0"})
    response = archivist_client.post(admin_url("statement", "change", statement.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert set(statement.countries_mentioned.all()) == {japan, korea}
    assert list(statement.countries_not_named.all()) == [chad]
    page = archivist_client.get(admin_url("statement", "change", statement.pk))
    assert "found in the text" in page.content.decode()

    # Saving the form again as the browser shows it leaves the correction in place.
    data["countries_not_named"] = [chad.pk]
    response = archivist_client.post(admin_url("statement", "change", statement.pk), data)
    assert response.status_code == 302
    assert set(statement.countries_mentioned.all()) == {japan, korea}


def test_country_names_with_badly_written_years_are_a_form_error(editor_client):
    data = {
        "code": "RUR",
        "name": "Ruritania",
        "slug": "ruritania",
        "aliases": "Old Ruritania [1900-1850]\nNew Ruritania [after 1990]",
        "adjectives": "",
        "region": "europe",
        "exists_from": "",
        "exists_until": "",
        "predecessors": [],
    }
    response = editor_client.post(admin_url("country", "add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["aliases"]
    assert any("after the last" in e for e in errors)
    assert any("write the years as" in e for e in errors)


def test_slug_of_a_long_title_ends_at_a_word_boundary(
    archivist_client, body, event, make_statement
):
    target = make_statement()
    title = "Statement by the spokesperson on " + "the unprecedented provocations " * 5
    data = _statement_form(body, [event], target, title=title)
    response = archivist_client.post(admin_url("statement", "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    slug = Statement.objects.get(title=title.strip()).slug
    assert 80 < len(slug) <= 100
    assert title.lower().replace(" ", "-").startswith(slug + "-")  # whole words only
    # The browser does not fill it first, cut at 120 characters wherever that falls.
    add_page = archivist_client.get(admin_url("statement", "add"))
    assert "id_slug" not in add_page.context["prepopulated_fields_json"]


def test_one_save_in_the_admin_makes_one_history_entry(
    archivist_client, body, event, make_statement
):
    Country.objects.create(code="JPN", name="Japan")
    target = make_statement()
    data = _statement_form(body, [event], target)
    data["body"] = "Japan took part in the drills."
    response = archivist_client.post(admin_url("statement", "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    statement = Statement.objects.get(title="Statement on the joint drills")
    [entry] = statement.history.all()
    assert entry.history_type == "+"
    # The entry holds the relations as saved with it, the countries found included.
    assert [row.event for row in entry.events.all()] == [event]
    assert [row.target for row in entry.related.all()] == [target]
    assert [row.country.code for row in entry.countries_mentioned.all()] == ["JPN"]

    data.update({"slug": statement.slug, "outgoing_relations-TOTAL_FORMS": "0"})
    response = archivist_client.post(admin_url("statement", "change", statement.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert statement.history.count() == 2


def test_relation_changes_appear_in_the_history(archivist_client, body, event, make_statement):
    target = make_statement(title="US Navy on the purpose of the drill")
    statement = make_statement(title="Statement on the joint drills", status=Status.DRAFT)
    data = _statement_form(body, [event], target, slug=statement.slug, source_outlet="")
    data.update(title=statement.title, body=statement.body, issued="2024-06-30")
    response = archivist_client.post(admin_url("statement", "change", statement.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = statement.history.first()
    changes = latest.diff_against(latest.prev_record).changed_fields
    assert set(changes) == {"events", "related"}
    page = archivist_client.get(admin_url("statement", "history", statement.pk)).content.decode()
    assert "Referenced events" in page and "Freedom Edge 2024" in page
    assert "responds to US Navy on the purpose of the drill" in page


def test_the_reason_for_a_change_is_shown_in_the_history(
    archivist_client, body, event, make_statement
):
    target = make_statement()
    data = _statement_form(body, [event], target, change_reason="Title checked against KCNA")
    response = archivist_client.post(admin_url("statement", "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    statement = Statement.objects.get(title="Statement on the joint drills")
    assert statement.history.get().history_change_reason == "Title checked against KCNA"
    page = archivist_client.get(admin_url("statement", "history", statement.pk)).content.decode()
    assert "Title checked against KCNA" in page
    form = archivist_client.get(admin_url("statement", "change", statement.pk)).content.decode()
    assert "Reason for this change" in form


def test_the_title_box_is_wide(archivist_client, db):
    page = archivist_client.get(admin_url("statement", "add"))
    html = page.content.decode()
    assert 'class="vTextField statement-title"' in html
    assert "archive/admin.css" in html


def test_country_aliases_take_one_per_line_or_semicolons(editor_client, db):
    page = editor_client.get(admin_url("country", "add")).content.decode()
    assert "one per line, or separated by “;”" in page
    data = {
        "code": "PRK",
        "name": "North Korea",
        "slug": "north-korea",
        "aliases": "DPRK; Democratic People's Republic of Korea\nNorth Korea (DPRK)",
        "adjectives": "",
        "region": "asia",
        "exists_from": "",
        "exists_until": "",
        "predecessors": [],
    }
    response = editor_client.post(admin_url("country", "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Country.objects.get(code="PRK").alias_list == [
        "DPRK",
        "Democratic People's Republic of Korea",
        "North Korea (DPRK)",
    ]


def test_statement_autocomplete_shows_date_and_issuer(archivist_client, make_statement, body):
    answered = make_statement(title="On the drill", issued_on=dt.date(2024, 6, 30))
    response = archivist_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "archive",
            "model_name": "statementrelation",
            "field_name": "target",
            "term": "drill",
        },
    )
    assert response.status_code == 200
    assert response.json()["results"] == [
        {"id": str(answered.pk), "text": f"On the drill (30 June 2024, {body.name})"}
    ]
    # A relation already chosen is shown the same way in the form.
    statement = make_statement(title="Reply", status=Status.DRAFT)
    statement.outgoing_relations.create(kind=RelationKind.RESPONDS_TO, target=answered)
    page = archivist_client.get(admin_url("statement", "change", statement.pk)).content.decode()
    assert f"On the drill (30 June 2024, {body.name})" in page


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.WITHDRAWN])
def test_a_statement_that_was_public_is_withdrawn_never_deleted(
    editor_client, make_statement, status
):
    statement = make_statement(status=status)
    page = editor_client.get(admin_url("statement", "delete", statement.pk)).content.decode()
    assert "a statement that was public is withdrawn, never deleted" in page
    editor_client.post(admin_url("statement", "delete", statement.pk), {"post": "yes"})
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_an_editor_deletes_a_draft(editor_client, make_statement):
    statement = make_statement(status=Status.DRAFT)
    editor_client.post(admin_url("statement", "delete", statement.pk), {"post": "yes"})
    assert not Statement.objects.filter(pk=statement.pk).exists()


def test_a_statement_once_public_then_set_back_to_draft_is_not_deleted(
    editor_client, make_statement
):
    statement = make_statement(status=Status.PUBLISHED)
    statement.status = Status.DRAFT
    statement.save()
    editor_client.post(admin_url("statement", "delete", statement.pk), {"post": "yes"})
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_a_failed_admin_save_leaves_later_bulk_writes_recorded(
    editor_client, make_statement, monkeypatch
):
    """An admin save gathers its history entry; one that fails must not keep gathering."""
    from archive import country_tags

    statement = make_statement(status=Status.DRAFT)

    def broken(pks, finder=None):
        raise RuntimeError("the country finder broke")

    monkeypatch.setattr(country_tags, "tag", broken)
    url = admin_url("statement", "change", statement.pk)
    form = form_by_id(editor_client.get(url).content.decode(), "statement_form")
    editor_client.raise_request_exception = False
    assert editor_client.post(url, form.post(title="Changed", _save="Save")).status_code == 500
    monkeypatch.undo()
    before = statement.history.count()
    Statement.objects.filter(pk=statement.pk).update(title="Changed in bulk")
    assert statement.history.count() == before + 1


def test_one_admin_save_of_an_event_with_its_countries_makes_one_entry(
    editor_client, event, country
):
    url = admin_url("event", "change", event.pk)
    form = form_by_id(editor_client.get(url).content.decode(), "event_form")
    data = form.post(name="Freedom Edge 2024, renamed", _save="Save")
    data["countries"] = [str(country.pk)]
    before = event.history.count()
    assert editor_client.post(url, data).status_code == 302
    assert event.history.count() == before + 1
    assert [row.country_id for row in event.history.first().countries.all()] == [country.pk]


def test_a_country_edit_asks_for_retagging_only_when_a_name_or_year_changed(editor_client, country):
    url = admin_url("country", "change", country.pk)
    form = form_by_id(editor_client.get(url).content.decode(), "country_form")
    page = editor_client.post(url, form.post(region="europe", _save="Save"), follow=True)
    assert "tag_countries" not in page.content.decode()
    form = form_by_id(editor_client.get(url).content.decode(), "country_form")
    changed = form.post(names_in_languages="ko: 북한\nzh: 朝鲜", _save="Save")
    page = editor_client.post(url, changed, follow=True)
    assert "tag_countries" in page.content.decode()
    country.refresh_from_db()
    assert country.names_by_language == {"ko": ["북한"], "zh": ["朝鲜"]}
