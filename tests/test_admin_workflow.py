"""The archivist's dates as typed, and the road from draft to review to publication."""

import datetime as dt

import pytest
from django.test import Client

from archive.models import Statement, Status
from tests.test_admin import _statement_form, admin_url, publish_form


def add(client, body, event, target, **fields):
    """Post the statement add form; return the response."""
    return client.post(
        admin_url("statement", "add"), _statement_form(body, [event], target, **fields)
    )


def saved():
    return Statement.objects.get(title="Statement on the joint drills")


# Dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "on", "precision", "edtf", "shown"),
    [
        ("July 2024", dt.date(2024, 7, 1), "month", "2024-07", "July 2024"),
        ("1 July 2024", dt.date(2024, 7, 1), "day", "2024-07-01", "1 July 2024"),
        ("2024", dt.date(2024, 1, 1), "year", "2024", "2024"),
        ("2024?", dt.date(2024, 1, 1), "year", "2024?", "2024 (uncertain)"),
        (
            "2024-06/2024-07",
            dt.date(2024, 6, 1),
            "month",
            "2024-06/2024-07",
            "June 2024 – July 2024",
        ),
        ("30/6/2024", dt.date(2024, 6, 30), "day", "2024-06-30", "30 June 2024"),
        ("summer 2024", dt.date(2024, 6, 1), "month", "2024-22", "Summer 2024"),
    ],
)
def test_the_date_is_typed_as_people_write_it_and_its_precision_follows(
    archivist_client, body, event, make_statement, typed, on, precision, edtf, shown
):
    response = add(archivist_client, body, event, make_statement(), issued=typed)
    assert response.status_code == 302, response.context["adminform"].form.errors
    statement = saved()
    assert (statement.issued_on, statement.issued_precision) == (on, precision)
    assert (statement.date_edtf, statement.date_display) == (edtf, shown)
    change = archivist_client.get(admin_url("statement", "change", statement.pk))
    assert change.context["adminform"].form.initial["issued"] == edtf
    assert f"Read as “{shown}”" in change.content.decode()  # shown back as it was read


def test_the_archivist_can_still_override_the_precision(
    archivist_client, body, event, make_statement
):
    add(
        archivist_client,
        body,
        event,
        make_statement(),
        issued="2024-07-01",
        issued_precision="month",
    )
    assert (saved().issued_precision, saved().date_edtf) == ("month", "2024-07")


@pytest.mark.parametrize(
    ("typed", "precision", "error"),
    [
        ("1/7/2024", "", "ambiguous"),
        ("6/7/2024", "", "6 July 2024 to some readers and 7 June 2024 to others"),
        ("midsummer 2024", "", "2024-22 (a season"),
        ("2024-07-05", "month", "precision does not fit"),
        ("[2024,2025]", "", "level 2"),
        ("2024?", "day", "carries its own precision"),
    ],
)
def test_a_date_that_cannot_be_read_is_refused_with_the_accepted_forms(
    archivist_client, body, event, make_statement, typed, precision, error
):
    response = add(
        archivist_client, body, event, make_statement(), issued=typed, issued_precision=precision
    )
    assert response.status_code == 200
    errors = str(response.context["adminform"].form.errors)
    assert error in errors
    assert not Statement.objects.filter(title="Statement on the joint drills").exists()


def test_an_edtf_interval_is_searched_over_its_whole_span_and_shown_in_the_api(
    editor_client, client, body, event, make_statement, capture
):
    with capture():
        add(
            editor_client,
            body,
            event,
            make_statement(),
            issued="2024-06/2024-07",
            status="published",
        )
    found = client.get("/api/search/", {"from": "2024-07-15", "to": "2024-07-20"}).json()
    hit = next(r for r in found["results"] if r["title"] == "Statement on the joint drills")
    assert hit["date_edtf"] == "2024-06/2024-07"
    detail = client.get(f"/api/statements/{saved().slug}/").json()
    assert detail["date_edtf"] == "2024-06/2024-07"
    assert "June 2024 – July 2024" in client.get(saved().get_absolute_url()).text


# Review and preview ---------------------------------------------------------------


def test_an_archivist_marks_a_draft_ready_and_an_editor_previews_then_publishes_it(
    archivist_client, editor_client, body, event, make_statement
):
    client = Client()  # a reader: archivist_client is the ``client`` fixture, logged in
    add(archivist_client, body, event, make_statement(), status="review")
    statement = saved()
    assert statement.status == Status.REVIEW

    # Archivists have no queue; editors see it in the admin index with its count.
    assert b"Review queue" not in archivist_client.get("/admin/").content
    archivist_client.raise_request_exception = False
    assert archivist_client.get(admin_url("statementforreview")).status_code == 403
    index = editor_client.get("/admin/").content.decode()
    assert "Review queue (1)" in index
    queue = editor_client.get(admin_url("statementforreview"))
    assert list(queue.context["cl"].result_list) == [statement]

    # The preview is the public page, marked, for staff only, and never indexed by robots.
    assert client.get(statement.get_absolute_url()).status_code == 404
    preview = editor_client.get(statement.get_absolute_url())
    assert preview.status_code == 200
    assert "Preview." in preview.text and statement.title in preview.text
    assert preview["X-Robots-Tag"] == "noindex, nofollow"
    assert "private" in preview["Cache-Control"]
    ris = editor_client.get(f"{statement.get_absolute_url()}cite.ris")
    assert ris.status_code == 200 and "private" in ris["Cache-Control"]
    assert client.get(f"{statement.get_absolute_url()}cite.ris").status_code == 404

    editor_client.post(admin_url("statementforreview"), publish_form(statement))
    public = client.get(statement.get_absolute_url())
    assert public.status_code == 200 and "Preview." not in public.text
    assert "Review queue (0)" in editor_client.get("/admin/").content.decode()


def test_the_list_action_marks_drafts_ready_for_review(archivist_client, make_statement):
    drafts = [make_statement(title=f"Draft {n}", status=Status.DRAFT) for n in range(2)]
    archivist_client.post(
        admin_url("statement"),
        {"action": "submit_for_review", "_selected_action": [s.pk for s in drafts]},
    )
    assert {s.status for s in Statement.objects.filter(pk__in=[s.pk for s in drafts])} == {
        Status.REVIEW
    }


def test_an_archivist_cannot_publish_from_review(archivist_client, make_statement):
    statement = make_statement(status=Status.REVIEW)
    form = archivist_client.get(admin_url("statement", "change", statement.pk))
    choices = [value for value, _ in form.context["adminform"].form.fields["status"].choices]
    assert choices == ["draft", "review"]


def test_the_queue_lists_the_longest_waiting_first_and_editors_can_edit_there(
    editor_client, make_statement
):
    # Issued earlier but waiting longer: an order by issue date would put it last.
    older = make_statement(title="Waiting longer", issued_on=dt.date(1990, 1, 1), status="review")
    newer = make_statement(title="Waiting less", status=Status.REVIEW)
    Statement.objects.filter(pk=older.pk).update(updated_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    queue = editor_client.get(admin_url("statementforreview"))
    assert list(queue.context["cl"].result_list) == [older, newer]
    change = editor_client.get(admin_url("statementforreview", "change", newer.pk))
    assert change.context["has_change_permission"] is True
    assert "_save" in change.content.decode()
