"""The search page's CSV link in a real browser: the download reads as a table of the hits."""

import csv

import pytest

from search.web import exports
from tests.test_browser import browser, page, site  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_the_csv_link_downloads_the_hits_with_a_header_row(page, site, tmp_path):  # noqa: F811
    page.goto(f"{site}/search/?q=peninsula&sort=oldest")
    shown = page.locator(".hit a.title").all_inner_texts()
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV", exact=True).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name == "statements-peninsula.csv"
    with path.open(newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        rows = list(reader)
    assert reader.fieldnames == exports.COLUMNS
    assert list(rows[0]) == exports.COLUMNS
    # Every hit of the search (the 30 speeches, oldest first), not only the page shown.
    assert [r["title"] for r in rows] == [f"Speech {n} on military exercises" for n in range(30)]
    assert [r["title"] for r in rows[: len(shown)]] == shown
    assert {r["year"] for r in rows} == {str(1990 + n) for n in range(30)}
