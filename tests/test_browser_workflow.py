"""The archivist's and the editor's way through the admin, in a real browser."""

import pytest

from archive.models import Statement, Status
from tests import test_browser

# The browser fixtures of the public pages' tests.
browser, page = test_browser.browser, test_browser.page

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-for-tests-0")
    with page.expect_navigation():
        page.click("input[type=submit]")


def choose(page, field, text):
    """Pick a value in one of the admin's autocomplete (select2) boxes."""
    page.click(f".field-{field} .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.click(f".select2-results__option:has-text('{text}')")


def enter_statement(page, live_server, body, title, issued, text):
    """Fill the statement add form as an archivist would (status left to the caller)."""
    page.goto(f"{live_server.url}/admin/archive/statement/add/")
    page.fill("#id_title", title)
    choose(page, "issuer", body.name)
    page.fill("#id_issued", issued)
    page.fill("#id_body", text)


def test_an_archivist_types_july_2024_and_marks_the_draft_ready(page, live_server, archivist, body):
    log_in(page, live_server, "archie")
    enter_statement(
        page, live_server, body, "Statement on the July talks", "July 2024", "The talks went on."
    )
    page.select_option("#id_status", "review")
    with page.expect_navigation():
        page.click("input[name=_save]")
    statement = Statement.objects.get(title="Statement on the July talks")
    assert (statement.issued_precision, statement.date_display) == ("month", "July 2024")
    assert statement.status == Status.REVIEW


def test_an_ambiguous_date_is_refused_with_the_forms_to_use(page, live_server, archivist, body):
    log_in(page, live_server, "archie")
    enter_statement(page, live_server, body, "Statement on the talks", "1/7/2024", "Talks.")
    with page.expect_navigation():
        page.click("input[name=_save]")
    error = page.locator(".errorlist li", has_text="ambiguous").inner_text()
    assert "July 2024" in error
    assert not Statement.objects.filter(title="Statement on the talks").exists()


def test_an_editor_opens_the_review_queue_previews_and_publishes(
    page, live_server, editor, make_statement
):
    statement = make_statement(title="Statement awaiting an editor", status=Status.REVIEW)
    log_in(page, live_server, "edith")
    page.get_by_role("link", name="Review queue (1)").click()
    page.get_by_role("link", name="Preview").click()
    assert "Preview." in page.locator(".preview-banner").inner_text()
    assert page.locator("h1").inner_text() == "Statement awaiting an editor"
    page.go_back()
    page.check(f"input[name=_selected_action][value='{statement.pk}']")
    page.select_option("select[name=action]", "publish")
    with page.expect_navigation():
        page.click("button[name=index]")
    statement.refresh_from_db()
    assert statement.status == Status.PUBLISHED
    page.goto(f"{live_server.url}{statement.get_absolute_url()}")
    assert page.locator(".preview-banner").count() == 0
