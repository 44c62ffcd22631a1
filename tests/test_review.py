"""Publish what was reviewed: the queue and the preview publish the revision the editor saw."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from archive.models import RelationKind, Statement, StatementRelation, Status
from tests.admin_forms import form_by_id
from tests.test_admin import admin_url, publish_form

QUEUE = "statementforreview"


@pytest.fixture
def waiting(make_statement):
    """A statement an archivist marked ready for review."""
    return make_statement(
        title="Statement on the drills",
        body="The drills are a rehearsal for invasion. We will answer them.",
        status=Status.REVIEW,
    )


def edit(client, statement, **changes):
    """Save the statement's change form as an archivist does, with these fields changed."""
    url = admin_url("statement", "change", statement.pk)
    form = form_by_id(client.get(url).content.decode(), "statement_form")
    response = client.post(url, form.post(_save="Save", **changes))
    assert response.status_code == 302
    statement.refresh_from_db()
    return statement


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_statement_marked_ready_is_unchanged_until_it_is_edited(
    archivist_client, editor_client, waiting
):
    assert not waiting.changed_since_ready
    queue = editor_client.get(admin_url(QUEUE)).content.decode()
    assert "unchanged" in queue
    edit(archivist_client, waiting, body="The drills are a rehearsal for war. We will answer.")
    assert waiting.status == Status.REVIEW and waiting.changed_since_ready
    queue = editor_client.get(admin_url(QUEUE)).content.decode()
    changes = admin_url("statement", "changes", waiting.pk)
    assert f'<a href="{changes}">changed: see what changed</a>' in queue


def test_the_changes_since_it_was_marked_ready_show_the_words_taken_out_and_put_in(
    archivist_client, editor_client, waiting
):
    ready = waiting.revision
    edit(archivist_client, waiting, body="The drills are a rehearsal for war. We will answer.")
    page = editor_client.get(admin_url("statement", "changes", waiting.pk)).content.decode()
    assert f"Between revision {ready}" in page
    assert "<del>invasion.</del>" in page and "<ins>war.</ins>" in page
    assert "them.</del>" in page and "rehearsal for" in page  # unchanged words stay


def test_publishing_a_revision_changed_since_the_editor_saw_it_is_refused(
    archivist_client, editor_client, waiting
):
    seen = Statement.objects.get(pk=waiting.pk)  # as the queue listed it
    edit(archivist_client, waiting, title="Statement on the drills, corrected")
    response = editor_client.post(admin_url(QUEUE), publish_form(seen), follow=True)
    waiting.refresh_from_db()
    assert waiting.status == Status.REVIEW
    [message] = messages_of(response)
    assert f"changed since you saw revision {seen.revision}" in message
    assert f"{admin_url('statement', 'changes', waiting.pk)}?since={seen.revision}" in message


def test_publishing_the_revision_seen_publishes_it_and_the_history_says_who(
    editor, editor_client, waiting
):
    response = editor_client.post(admin_url(QUEUE), publish_form(waiting), follow=True)
    assert messages_of(response) == ["Published 1 statement(s)."]
    waiting.refresh_from_db()
    assert waiting.status == Status.PUBLISHED
    entry = waiting.history.first()
    assert entry.history_user == editor and entry.status == Status.PUBLISHED
    assert entry.history_change_reason == (
        f"Published from the review queue, as reviewed at revision {waiting.revision - 1}"
    )


def test_a_save_that_changed_nothing_does_not_stop_the_publication(
    archivist_client, editor_client, waiting
):
    seen = Statement.objects.get(pk=waiting.pk)
    edit(archivist_client, waiting)  # saved as it was
    assert waiting.revision > seen.revision
    editor_client.post(admin_url(QUEUE), publish_form(seen))
    waiting.refresh_from_db()
    assert waiting.status == Status.PUBLISHED


def test_a_publication_that_does_not_say_which_revision_was_seen_is_refused(editor_client, waiting):
    editor_client.post(admin_url(QUEUE), {"action": "publish", "_selected_action": [waiting.pk]})
    waiting.refresh_from_db()
    assert waiting.status == Status.REVIEW


def test_the_preview_publishes_the_revision_it_shows(editor_client, archivist_client, waiting):
    preview = editor_client.get(f"{waiting.get_absolute_url()}?revision={waiting.revision}")
    form = form_by_id(preview.content.decode(), "publish-revision")
    assert dict(form.fields)["revision"] == str(waiting.revision)
    assert f"Publish revision {waiting.revision}" in preview.content.decode()
    publish = admin_url("statement", "publish", waiting.pk)
    edit(archivist_client, waiting, summary="Added after the preview.")
    refused = editor_client.post(publish, form.post(), follow=True)
    assert "was not published" in messages_of(refused)[0]
    waiting.refresh_from_db()
    assert waiting.status == Status.REVIEW
    again = editor_client.get(f"{waiting.get_absolute_url()}?revision={form.post()['revision'][0]}")
    assert "It changed since the list you came from showed it" in again.content.decode()
    editor_client.post(publish, {"revision": waiting.revision})
    waiting.refresh_from_db()
    assert waiting.status == Status.PUBLISHED


def test_only_editors_publish_from_the_preview(archivist_client, waiting):
    publish = admin_url("statement", "publish", waiting.pk)
    assert archivist_client.post(publish, {"revision": waiting.revision}).status_code == 403
    preview = archivist_client.get(waiting.get_absolute_url()).content.decode()
    assert "Publish revision" not in preview
    waiting.refresh_from_db()
    assert waiting.status == Status.REVIEW


def test_marking_a_changed_statement_ready_again_clears_the_change(archivist_client, waiting):
    edit(archivist_client, waiting, title="Statement on the drills, corrected")
    assert waiting.changed_since_ready
    archivist_client.post(
        admin_url("statement"),
        {"action": "submit_for_review", "_selected_action": [waiting.pk]},
    )
    waiting.refresh_from_db()
    assert waiting.status == Status.REVIEW and not waiting.changed_since_ready


def test_the_changes_page_is_for_staff_who_may_see_the_statement(client, waiting):
    response = client.get(reverse("admin:archive_statement_changes", args=[waiting.pk]))
    assert response.status_code == 302  # to the login page


def test_two_saves_from_the_same_revision_make_two_revisions(waiting):
    """Two archivists who opened the same revision: the second save is a revision of its own,
    so an editor who previewed the first never publishes the second unseen."""
    first, second = (Statement.objects.get(pk=waiting.pk) for _ in range(2))
    first.title = "First archivist's title"
    first.save()
    second.summary = "Second archivist's summary"
    second.save()
    assert (first.revision, second.revision) == (waiting.revision + 1, waiting.revision + 2)


def test_a_statement_sent_back_to_draft_after_the_preview_is_not_published(
    archivist_client, editor_client, waiting
):
    seen = Statement.objects.get(pk=waiting.pk)
    edit(archivist_client, waiting, status=Status.DRAFT)
    editor_client.post(admin_url(QUEUE), publish_form(seen))
    editor_client.post(admin_url("statement", "publish", waiting.pk), {"revision": seen.revision})
    waiting.refresh_from_db()
    assert waiting.status == Status.DRAFT


def test_links_changed_after_the_preview_stop_the_publication(
    editor_client, waiting, event, make_statement
):
    seen = Statement.objects.get(pk=waiting.pk)
    event.statements.add(waiting)  # from the event's end, outside any form
    editor_client.post(admin_url("statement", "publish", waiting.pk), {"revision": seen.revision})
    waiting.refresh_from_db()
    assert waiting.status == Status.REVIEW and waiting.revision > seen.revision
    page = editor_client.get(
        f"{admin_url('statement', 'changes', waiting.pk)}?since={seen.revision}"
    ).content.decode()
    assert "Referenced events" in page and "Freedom Edge 2024" in page


def test_a_relation_written_on_its_own_is_a_new_revision(waiting, make_statement):
    answered = make_statement(title="The statement answered")
    before = waiting.revision
    relation = StatementRelation.objects.create(
        source=waiting, target=answered, kind=RelationKind.RESPONDS_TO
    )
    waiting.refresh_from_db()
    assert waiting.revision == before + 1
    relation.delete()
    waiting.refresh_from_db()
    assert waiting.revision == before + 2
    assert waiting.history.first().revision == waiting.revision
