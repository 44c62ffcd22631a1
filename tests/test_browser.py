"""The public pages in a real browser: Playwright driving Debian's Chromium.

Needs /usr/bin/chromium (``apt-get install chromium``) and axe-core
(``npm ci --prefix tests/browser``); ``.ci/run`` and ``make test`` install
them. Screenshots of the search and statement pages are saved in
``test-artifacts/``.
"""

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from archive.models import Country, IssuingBody, Statement

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(settings.BASE_DIR) / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
SEED = "dprk-foreign-ministry-freedom-edge-asian-nato-2024"

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: apt-get install chromium (.ci/run does)")
    # Playwright's sync API runs an event loop; the tests' ORM calls are still synchronous.
    # Only while the browser runs: `check --deploy` rightly refuses this variable.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            yield launched
        finally:
            launched.close()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def site(live_server):
    """The seed statement and its answer, plus speeches from three countries."""
    call_command("loaddata", "countries", "seed_asian_nato", verbosity=0)
    bodies = {
        code: IssuingBody.objects.get_or_create(
            slug=f"government-of-{code.lower()}",
            defaults={"name": f"Government of {code}", "country": Country.objects.get(code=code)},
        )[0]
        for code in ("PRK", "JPN", "USA")
    }
    for n in range(30):
        code = ("PRK", "JPN", "USA")[n % 3]
        Statement.objects.create(
            title=f"Speech {n} on military exercises",
            body="Military exercises near the peninsula threaten peace and security.",
            issuer=bodies[code],
            issued_on=dt.date(1990 + n, 1, 1),
            issued_precision="year",
            kind="speech",
            status="published",
        )
    # A save indexes its statement but leaves the change log to the node's indexer, which
    # these tests do not run: applied here, a page loaded more than LAG_NOTICE seconds later
    # (a loaded machine) does not open on "Recent changes are not all searchable yet".
    call_command("sync_search_index", verbosity=0)
    return live_server.url


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def serious_violations(browser, url: str, **context_options) -> list[tuple[str, str, int]]:
    """axe-core's serious and critical findings on ``url``: (rule, help, nodes)."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: npm ci --prefix tests/browser (make test does)")
    # The page's own Content-Security-Policy would refuse the injected axe script.
    context = browser.new_context(bypass_csp=True, **context_options)
    try:
        page = context.new_page()
        page.goto(url)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document)")
    finally:
        context.close()
    return [
        (v["id"], v["help"], len(v["nodes"]))
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def results_heading(page) -> str:
    return page.locator("#results-heading").inner_text()


def test_the_site_owes_its_index_nothing(site):
    # Owed changes, however fresh, become a notice above the filters once LAG_NOTICE seconds
    # pass: on a loaded machine that pushed the phone's first filter below the fold.
    from search.sync import lag

    assert lag.measure().changes == 0


def test_query_shows_results_with_marked_words(page, site):
    page.goto(f"{site}/search/")
    page.fill("#q", '"Asian NATO"')
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=%22Asian"))
    assert page.locator(".hit").count() == 2
    assert page.locator(".hit").first.locator("a.title").inner_text().startswith("DPRK Foreign")
    marks = page.locator(".snippet mark").all_inner_texts()
    assert "Asian" in marks and "NATO" in marks
    screenshot(page, "search-page.png")


def test_ticking_two_facets_narrows_and_the_url_holds_them(page, site):
    page.goto(f"{site}/search/?q=peninsula")
    assert results_heading(page).startswith("30 statements")
    with page.expect_navigation():
        page.check("#facet-country input[value=PRK]")
    assert results_heading(page).startswith("10 statements")
    with page.expect_navigation():
        page.check("#facet-country input[value=JPN]")
    assert results_heading(page).startswith("20 statements")
    assert "country=PRK" in page.url and "country=JPN" in page.url
    # Counts of the selected facet stay those of the widened search.
    assert page.locator("#facet-country li", has_text="United States").count() == 1


def test_removing_a_chip_drops_that_filter(page, site):
    page.goto(f"{site}/search/?q=peninsula&country=PRK&decade=2000s")
    chips = page.locator(".chips .chip")
    assert chips.count() == 2
    with page.expect_navigation():
        chips.filter(has_text="Country").click()
    assert "country=" not in page.url and "decade=2000s" in page.url


def test_pagination_keeps_the_search(page, site):
    page.goto(f"{site}/search/?q=peninsula&sort=oldest")
    first = page.locator(".hit a.title").first.inner_text()
    with page.expect_navigation():
        page.click("a[rel=next]")
    assert "page=2" in page.url and "sort=oldest" in page.url and "q=peninsula" in page.url
    assert page.locator(".hit").count() == 10
    assert page.locator(".hit a.title").first.inner_text() != first


def test_statement_relation_and_event_timeline(page, site):
    page.goto(f"{site}/search/?q=%22Asian+NATO%22")
    with page.expect_navigation():
        page.locator(".hit a.title").first.click()
    assert page.locator("h1").inner_text().startswith("DPRK Foreign Ministry")
    screenshot(page, "statement-page.png")
    with page.expect_navigation():
        page.locator(".thread a", has_text="NATO Secretary General").click()
    assert "no plans to expand into Asia" in page.locator("h1").inner_text()
    with page.expect_navigation():
        page.locator(".thread a", has_text="DPRK Foreign Ministry").click()
    with page.expect_navigation():
        page.locator("a", has_text="Freedom Edge trilateral exercise").first.click()
    assert page.locator("h1").inner_text().startswith("Freedom Edge")
    after = page.locator(".timeline-phase", has_text="After the event")
    assert after.locator("a", has_text="DPRK Foreign Ministry").count() == 1


def test_feed_and_csv_download(page, site):
    page.goto(f"{site}/search/?q=peninsula&country=USA")
    with page.expect_download() as download:
        page.click("text=CSV")
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("slug,url,title,")
    assert len(lines) == 11  # header, ten rows
    feed_path = page.locator("a", has_text="Atom feed").get_attribute("href")
    feed = page.request.get(f"{site}{feed_path}")
    assert feed.ok and feed.text().count("<entry>") == 10


def test_search_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/search/")
    page.fill("#q", "peninsula")
    with page.expect_navigation():
        page.click(".query-row button")
    page.check("#facet-country input[value=PRK]")
    with page.expect_navigation():
        page.click("button.apply")
    assert "country=PRK" in page.url
    assert results_heading(page).startswith("10 statements")
    context.close()


@pytest.mark.parametrize("path", ["/search/?q=peninsula&country=PRK", f"/statements/{SEED}/"])
def test_no_serious_accessibility_violations(browser, site, path):
    assert serious_violations(browser, f"{site}{path}") == []


@pytest.mark.parametrize("path", ["/search/?q=peninsula", f"/statements/{SEED}/", "/"])
def test_pages_fit_a_phone_screen(browser, site, path):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{site}{path}")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{path} is {overflow}px wider than a phone screen"
    context.close()
