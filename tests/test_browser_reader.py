"""The search page for a reader in a hurry: skip links, focus kept across reloads,
filters on a phone, results over time, and the "/" shortcut.

Reuses the browser and the small archive of tests/test_browser.py.
"""

# The fixtures imported below are pytest's to inject: the tests' parameters name them.
# ruff: noqa: F811

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.test_browser import (  # noqa: F401
    SEED,
    browser,
    page,
    results_heading,
    screenshot,
    serious_violations,
    site,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PHONE = {"width": 390, "height": 844}


def active_id(page) -> str:
    return page.evaluate("() => document.activeElement.id")


def test_a_phone_reaches_the_filters_from_the_top(browser, site):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site}/search/?q=peninsula")
    summary = page.locator(".filters-panel > summary")
    box = summary.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], "the Filters toggle is below the fold"
    assert box["y"] < page.locator("#results-heading").bounding_box()["y"]
    checkbox = page.locator("#facet-issuer input[type=checkbox]").first
    assert not checkbox.is_visible()  # folded away, so the results start on the first screen
    summary.tap()
    assert checkbox.is_visible()
    box = checkbox.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], "the first filter is below the fold"
    screenshot(page, "search-phone-filters.png")
    context.close()


def test_the_filters_stay_open_on_a_phone_without_javascript(browser, site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/search/?q=peninsula")
    page.check("#facet-country-PRK")
    with page.expect_navigation():
        page.click("button.apply")
    assert results_heading(page).startswith("10 statements")
    context.close()


def test_focus_returns_to_the_ticked_facet(page, site):
    page.goto(f"{site}/search/?q=peninsula")
    page.focus("#facet-country-PRK")
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert "country=PRK" in page.url
    assert active_id(page) == "facet-country-PRK"
    assert page.is_checked("#facet-country-PRK")
    # A year folded behind "Show more": its box is found and focused again after untick too.
    page.locator("#facet-year summary").click()
    page.focus("#facet-year-2017")
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert "year=2017" in page.url and active_id(page) == "facet-year-2017"
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert "year=2017" not in page.url and active_id(page) == "facet-year-2017"


def test_the_focus_is_restored_only_once(page, site):
    page.goto(f"{site}/search/?q=peninsula")
    with page.expect_navigation():
        page.check("#facet-country-JPN")
    assert active_id(page) == "facet-country-JPN"
    page.reload()
    assert active_id(page) == ""  # a later visit starts at the top as usual


def test_a_histogram_bar_narrows_the_search_to_its_year(page, site):
    page.goto(f"{site}/search/?q=peninsula")
    bars = page.locator(".histogram a")
    assert bars.count() == 30
    bar = page.locator('.histogram a[aria-label="1995: 1 statement"]')
    with page.expect_navigation():
        bar.click()
    assert re.search(r"[?&]year=1995(&|$)", page.url)
    assert results_heading(page).startswith("1 statement")
    assert page.is_checked("#facet-year-1995")  # the same search as ticking 1995
    # The other years are still drawn (the year facet counts without its own selection).
    assert page.locator(".histogram a").count() == 30
    assert page.locator(".histogram a.selected").get_attribute("aria-label") == (
        "1995: 1 statement (selected)"
    )


def test_the_histogram_is_one_tab_stop_and_the_arrow_keys_move_between_years(page, site):
    page.goto(f"{site}/search/?q=peninsula")
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to results"
    page.keyboard.press("Enter")
    presses, label = 0, None
    while presses < 20:  # 30 bars, one stop: the first hit is a few presses away
        page.keyboard.press("Tab")
        presses += 1
        if page.evaluate("() => document.activeElement.closest('.histogram svg') !== null"):
            label = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
        if page.evaluate("() => document.activeElement.matches('.hit a.title')"):
            break
    assert page.evaluate("() => document.activeElement.matches('.hit a.title')")
    assert presses <= 12
    assert label == "1990: 1 statement"  # the chart's one stop: its first year

    page.locator('.histogram a[tabindex="0"]').focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    focused = "() => document.activeElement.getAttribute('aria-label')"
    assert page.evaluate(focused) == "1992: 1 statement"
    page.keyboard.press("End")
    assert page.evaluate(focused) == "2019: 1 statement"
    assert page.locator('.histogram a[tabindex="0"]').count() == 1
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"[?&]year=2019(&|$)", page.url)


def test_the_histogram_narrows_to_a_range_of_years(page, site):
    page.goto(f"{site}/search/?q=peninsula&country=PRK")
    page.fill("#range-from", "2000")
    page.fill("#range-to", "2009")
    with page.expect_navigation():
        page.click(".year-range button")
    assert "from=2000" in page.url and "to=2009" in page.url and "country=PRK" in page.url
    assert results_heading(page).startswith("3 statements")  # 2002, 2005, 2008
    assert page.input_value("#from") == "2000" and page.input_value("#to") == "2009"


def test_slash_focuses_the_search_box_on_every_page(page, site):
    for path, box in (
        ("/search/?q=peninsula", "q"),
        ("/", "home-q"),
        (f"/statements/{SEED}/", "header-q"),
        ("/bodies/", "header-q"),
    ):
        page.goto(f"{site}{path}")
        page.keyboard.press("/")
        assert active_id(page) == box, path
        assert "/" not in page.input_value(f"#{box}")
    # Typing in a box already, "/" is a character like any other.
    page.goto(f"{site}/search/")
    page.fill("#q", "")
    page.type("#q", "a/b")
    assert page.input_value("#q") == "a/b"
    page.focus("#sort")
    page.keyboard.press("/")
    assert active_id(page) == "sort"


def test_sort_and_dates_apply_without_pressing_search(page, site):
    page.goto(f"{site}/search/?q=peninsula&country=USA")
    with page.expect_navigation():
        page.select_option("#sort", "oldest")
    assert "sort=oldest" in page.url and "country=USA" in page.url
    assert page.locator(".hit a.title").first.inner_text() == "Speech 2 on military exercises"
    assert active_id(page) == "sort"
    page.fill("#from", "2010")
    with page.expect_navigation():
        page.press("#from", "Tab")  # leaving the box is a change
    assert "from=2010" in page.url and "sort=oldest" in page.url
    assert results_heading(page).startswith("4 statements")  # 2010, 2013, 2016, 2019
    assert active_id(page) == "from"
    # Half a date is left alone until it is whole.
    page.fill("#to", "20")
    page.press("#to", "Tab")
    page.wait_for_timeout(300)
    assert "to=20" not in page.url and page.input_value("#to") == "20"


def test_skip_links_lead_to_the_filters_and_the_results(page, site):
    page.goto(f"{site}/search/?q=peninsula")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Tab")
    skip = page.locator("a.skip", has_text="Skip to filters")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to filters"
    box = skip.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0  # shown while focused
    page.keyboard.press("Enter")
    assert active_id(page) == "filters"
    page.keyboard.press("Tab")  # the next stop is the first filter
    assert active_id(page) == "facet-issuer-government-of-jpn"
    assert skip.bounding_box()["x"] < 0  # hidden again

    page.goto(f"{site}/search/?q=peninsula")
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to results"
    page.keyboard.press("Enter")
    assert active_id(page) == "results"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Atom feed"


def test_skip_to_filters_opens_them_on_a_phone(browser, site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{site}/search/?q=peninsula")
    assert not page.locator(".filters-panel").evaluate("d => d.open")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.locator(".filters-panel").evaluate("d => d.open")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert active_id(page) == "facet-issuer-government-of-jpn"
    context.close()


def test_the_favicon_and_a_missing_page(page, site):
    page.goto(f"{site}/search/")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(f"{site}{icon}").headers["content-type"] == "image/svg+xml"
    response = page.request.get(f"{site}/favicon.ico")
    assert response.ok and response.headers["content-type"] == "image/svg+xml"


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}])
def test_the_histogram_and_the_folded_filters_pass_axe(browser, site, viewport):
    url = f"{site}/search/?q=peninsula&year=1995&year=1996"
    assert serious_violations(browser, url, viewport=viewport) == []


def test_a_reader_walks_from_a_korean_word_to_the_original_and_cites_it(browser, page, site):
    """Search in Korean, land on the Korean original beside its English translation, and
    take the citation of the text read, in its language."""
    from archive.models import IssuingBody, Statement, StatementVersion

    statement = Statement.objects.create(
        title="Foreign Ministry spokesperson on the exercise",
        body="The DPRK Foreign Ministry denounced the joint exercise as an Asian NATO.",
        issuer=IssuingBody.objects.get(slug="government-of-prk"),
        issued_on=dt.date(2024, 6, 30),
        kind="statement",
        status="published",
        translated=True,
        translator="KCNA",
    )
    StatementVersion.objects.create(
        statement=statement,
        language="ko",
        title="외무성 대변인 담화",
        body="조선 외무성은 합동군사연습을 아시아판 나토라고 규탄하였다.",
        original=True,
        source="조선중앙통신",
    )
    page.goto(f"{site}/search/?q=나토")
    hit = page.locator("#results li", has_text="Foreign Ministry spokesperson")
    assert hit.locator("mark").first.inner_text() == "나토"
    assert hit.locator(".snippet").get_attribute("lang") == "ko"
    with page.expect_navigation():
        hit.locator("a", has_text="Korean version").click()
    assert page.url.endswith("#text-ko")
    korean = page.locator("#text-ko")
    assert korean.get_attribute("lang") == "ko" and korean.is_visible()
    assert "규탄하였다" in korean.inner_text()
    english = page.locator("#text-en")
    assert english.is_visible() and "translation by KCNA" in english.inner_text()
    page.locator("#cite-ko summary").click()
    chicago = page.locator("#cite-ko dd").first.inner_text()
    assert "“외무성 대변인 담화.”" in chicago and "In Korean." in chicago
    assert chicago.endswith("#text-ko.")
    with page.expect_download() as download:
        page.locator("#cite-ko a", has_text="RIS").click()
    ris = Path(download.value.path()).read_text(encoding="utf-8")
    assert "LA  - ko" in ris and "TI  - 외무성 대변인 담화" in ris
    assert serious_violations(browser, page.url) == []
