"""The cross-tab in a real browser: from the search page to the table, a cell to its search,
and no serious accessibility finding."""

import re

import pytest

from tests.test_browser import browser, page, serious_violations, site  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_a_cell_opens_its_search_and_the_page_passes_axe(page, browser, site):  # noqa: F811
    page.goto(f"{site}/search/?q=peninsula")
    with page.expect_navigation():
        page.get_by_role("link", name="Cross-tabulate these results").click()
    assert page.locator("h1").inner_text() == "Cross-tab: issuing country by decade"
    cell = page.get_by_role("link", name=re.compile(r"^Government of JPN|^Japan, 1990s"))
    count = int(cell.first.inner_text())
    with page.expect_navigation():
        cell.first.click()
    assert re.search(r"country=JPN", page.url) and re.search(r"decade=1990s", page.url)
    assert page.locator("#results-heading").inner_text().startswith(f"{count} statement")
    assert serious_violations(browser, f"{site}/search/crosstab/?q=peninsula") == []
