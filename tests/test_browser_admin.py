"""The statement form in a real browser: choosing and removing countries named."""

import pytest
from django.contrib.auth.models import User

from archive.models import Country, IssuingBody, Statement, Status
from tests.test_browser import browser, page  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def logged_in(live_server, page):  # noqa: F811
    User.objects.create_superuser("curator", password="pw-for-tests-0")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", "pw-for-tests-0")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def selected_countries(tab) -> list[str]:
    return tab.eval_on_selector(
        "#id_countries_mentioned", "select => [...select.selectedOptions].map(o => o.text)"
    )


def test_a_chosen_country_is_removed_by_its_cross_not_by_its_name(live_server, logged_in):
    japan = Country.objects.create(code="JPN", name="Japan")
    korea = Country.objects.create(code="KOR", name="South Korea")
    body = IssuingBody.objects.create(name="Ministry of Foreign Affairs")
    statement = Statement.objects.create(
        title="On the drills", body="Text.", issuer=body, status=Status.DRAFT
    )
    statement.countries_mentioned.add(japan, korea)
    tab = logged_in
    tab.goto(f"{live_server.url}/admin/archive/statement/{statement.pk}/change/")
    chip = tab.locator(".field-countries_mentioned .select2-selection__choice", has_text="Japan")
    box = chip.bounding_box()

    chip.click(position={"x": box["width"] - 4, "y": box["height"] / 2})  # on the name
    tab.mouse.click(box["x"] + box["width"] - 4, box["y"] + box["height"] / 2)  # and again
    assert selected_countries(tab) == ["Japan", "South Korea"]
    assert tab.locator(".select2-container--open").count() == 0

    chip.locator(".select2-selection__choice__remove").click()
    assert selected_countries(tab) == ["South Korea"]
