"""The archivist's and the editor's way through the admin, in a real browser."""

import datetime as dt
import time

import pytest

from archive.models import Country, IssuingBody, Person, Statement, Status
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


def test_an_editor_publishes_from_the_review_queue_and_search_and_history_follow(
    page, live_server, editor, make_statement
):
    statement = make_statement(
        title="Statement awaiting an editor",
        body="The Freedom Edge exercise is an Asian NATO in the making.",
        status=Status.REVIEW,
    )
    log_in(page, live_server, "edith")
    page.get_by_role("link", name="Review queue (1)").click()
    test_browser.screenshot(page, "review-queue.png")
    page.get_by_role("link", name="Preview").click()
    test_browser.screenshot(page, "preview.png")
    banner = page.locator(".preview-banner").inner_text()
    assert "Preview." in banner and f"revision {statement.revision}" in banner
    assert page.locator("h1").inner_text() == "Statement awaiting an editor"
    page.go_back()
    page.check(f"input[name=_selected_action][value='{statement.pk}']")
    page.select_option("select[name=action]", "publish")
    with page.expect_navigation():
        page.click("button[name=index]")
    assert "Published 1 statement" in page.locator(".messagelist").inner_text()
    statement.refresh_from_db()
    assert statement.status == Status.PUBLISHED

    # Found by search on this node within 2 s of the publish.
    published = time.monotonic()
    while True:
        page.goto(f"{live_server.url}/search/?q=%22Asian+NATO%22")
        if page.locator(".hit a.title", has_text="Statement awaiting an editor").count():
            break
        assert time.monotonic() - published < 2, "not found by search 2 s after the publish"
        time.sleep(0.1)

    # The history shows the publish, who made it and when.
    page.goto(f"{live_server.url}/admin/archive/statement/{statement.pk}/history/")
    row = page.locator("#change-history tbody tr").first
    text = row.inner_text()
    assert "Published from the review queue" in text and "edith" in text
    assert f"{statement.updated_at:%Y}" in text  # the date and time of the publish
    page.goto(f"{live_server.url}{statement.get_absolute_url()}")
    assert page.locator(".preview-banner").count() == 0


def test_an_editor_walks_a_merge_a_refusal_and_an_undo(browser, page, live_server, editor):
    thailand = Country.objects.create(code="THA", name="Thailand")
    korea = Country.objects.create(code="KOR", name="South Korea")
    body = IssuingBody.objects.create(name="Foreign ministry", country=korea)
    thai = Person.objects.create(name="Surakiart Sathirathai", country=thailand)
    minister = Person.objects.create(name="Ban Ki-moon", country=korea)
    duplicate = Person.objects.create(name="BAN Ki Moon", country=korea)
    for person, year in ((thai, 2002), (minister, 2005), (duplicate, 2006)):
        Statement.objects.create(
            title=f"Speech of {person.name}",
            body="Peace on the peninsula.",
            issuer=body,
            speaker_person=person,
            issued_on=dt.date(year, 9, 25),
            status=Status.PUBLISHED,
        )
    log_in(page, live_server, "edith")

    def merge_page(*people):
        page.goto(f"{live_server.url}/admin/archive/person/")
        for person in people:
            page.check(f"input[name=_selected_action][value='{person.pk}']")
        page.select_option("select[name=action]", "merge")
        with page.expect_navigation():
            page.click("button[name=index]")

    # A stray tick: people of two states no succession links are refused.
    merge_page(thai, minister)
    assert page.locator(".merge-card").count() == 2
    assert "No succession links" in page.locator(".merge-warning").inner_text()
    page.check(f"input[name=survivor][value='{minister.pk}']")
    page.fill("#id_reason", "Ticked by mistake")
    with page.expect_navigation():
        page.click("input[type=submit][value='Merge these records']")
    assert "tick the override" in page.locator(".errorlist").inner_text()
    assert Person.objects.get(pk=thai.pk).merged_into is None

    # The duplicate: the records side by side, the editor keeps one, with a reason.
    merge_page(minister, duplicate)
    test_browser.screenshot(page, "merge-confirmation.png")
    cards = page.locator(".merge-card").all_inner_texts()
    assert any("BAN Ki Moon" in card and "Speech of BAN Ki Moon" in card for card in cards)
    page.check(f"input[name=survivor][value='{minister.pk}']")
    page.fill("#id_reason", "One minister, two spellings")
    with page.expect_navigation():
        page.click("input[type=submit][value='Merge these records']")
    assert "can be undone from its history" in page.locator(".messagelist").inner_text()

    # The merged person's old address answers 301 with the survivor's.
    response = page.goto(f"{live_server.url}{duplicate.get_absolute_url()}")
    assert response.request.redirected_from.response().status == 301
    assert page.url == f"{live_server.url}{minister.get_absolute_url()}"
    assert page.locator("h1").inner_text() == "Ban Ki-moon"

    # Undone from the survivor's history: the record is back, at its own address.
    page.goto(f"{live_server.url}/admin/archive/person/{minister.pk}/history/")
    test_browser.screenshot(page, "person-history.png")
    page.get_by_role("link", name="Undo this merge").click()
    with page.expect_navigation():
        page.click("input[type=submit][value='Undo the merge']")
    assert "is a record of its own again" in page.locator(".messagelist").inner_text()
    # A reader who never followed the redirect (this browser keeps it an hour) sees the record.
    reader = browser.new_context().new_page()
    response = reader.goto(f"{live_server.url}{duplicate.get_absolute_url()}")
    assert response.status == 200 and reader.locator("h1").inner_text() == "BAN Ki Moon"
    reader.context.close()
