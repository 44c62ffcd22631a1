"""The trends page in a real browser: the chart and a point's link, the first uses, the CSV
download, the page without JavaScript, a phrase chosen on a statement page, and axe-core."""

import csv
import re

import pytest

from tests.test_browser import SEED, browser, page, serious_violations, site  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

TRENDS = '/trends/?q=peninsula,"Asian NATO"'


def test_the_chart_has_a_line_per_term_and_a_point_opens_that_years_search(page, site):  # noqa: F811
    page.goto(f"{site}{TRENDS}")
    chart = page.locator("svg.line-chart")
    assert chart.locator("path.line").count() == 2
    assert chart.locator("text.axis-title").all_text_contents() == [
        "Year",
        "Share of the year's statements (%)",
    ]
    # Thirty speeches, one a year from 1990: each is all of its year's statements.
    point = chart.get_by_role("link", name="peninsula, 1995: 1 statement of 1 (100.0%)")
    with page.expect_navigation():
        point.click()
    assert re.search(r"/search/\?q=peninsula&year=1995$", page.url)
    assert page.locator("#results-heading").inner_text().startswith("1 statement")
    assert page.locator(".hit a.title").inner_text() == "Speech 5 on military exercises"


def test_the_first_uses_are_the_earliest_statements(page, site):  # noqa: F811
    page.goto(f"{site}{TRENDS}")
    first = page.locator(".first-uses ol").first
    assert first.locator("a.title").all_inner_texts() == [
        "Speech 0 on military exercises",
        "Speech 1 on military exercises",
        "Speech 2 on military exercises",
    ]
    assert first.locator(".snippet mark").first.inner_text().lower() == "peninsula"


def test_the_csv_link_downloads_the_series(page, site, tmp_path):  # noqa: F811
    page.goto(f"{site}{TRENDS}")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV", exact=True).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name == "trends-peninsula-asian-nato.csv"
    with path.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    peninsula = {r["year"]: r for r in rows if r["term"] == "peninsula"}
    assert peninsula["1995"]["statements"] == "1" and peninsula["1995"]["share"] == "1.000000"
    assert {r["term"] for r in rows} == {"peninsula", '"Asian NATO"'}


def test_the_page_works_without_javascript(browser, site):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{site}/trends/")
    tab.fill("#trend-q", 'peninsula, "Asian NATO"')
    with tab.expect_navigation():
        tab.click("text=Compare")
    assert tab.locator("svg.line-chart path.line").count() == 2
    tab.click("text=The numbers, year by year")
    row = tab.locator(".trend-table tbody tr", has=tab.locator("th", has_text="1995"))
    # One statement that year: its 100 % is marked as a share of few.
    assert row.locator("td").all_inner_texts()[:3] == ["1 *", "1", "100.00%"]
    assert row.locator("abbr").get_attribute("title").startswith("few statements")
    with tab.expect_navigation():
        tab.select_option("#trend-measure", "count")
        tab.click("text=Compare")
    assert "measure=count" in tab.url
    assert tab.locator("svg.line-chart text.axis-title").last.text_content() == "Statements"
    context.close()


def test_a_phrase_selected_on_a_statement_page_is_seen_over_time(page, site):  # noqa: F811
    page.goto(f"{site}/statements/{SEED}/")
    box = page.locator("#trends-box-q")
    assert box.input_value() == '"Asian NATO"'  # the title's quoted phrase
    page.evaluate(
        """() => {
            const text = document.querySelector('.statement .text');
            const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.data.indexOf('world domination');
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + 'world domination'.length);
                    getSelection().removeAllRanges();
                    getSelection().addRange(range);
                    text.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                    return;
                }
            }
            throw new Error('the phrase is not in the text');
        }"""
    )
    assert box.input_value() == '"world domination"'
    with page.expect_navigation():
        page.get_by_role("button", name="See over time").click()
    legend = page.locator(".trend-legend li").first.inner_text()
    assert legend.strip() == '"world domination": 1 statement'


@pytest.mark.parametrize("path", [TRENDS, "/trends/", "/"])
def test_the_trends_pages_pass_axe(browser, site, path):  # noqa: F811
    assert serious_violations(browser, f"{site}{path}") == []


def test_the_trends_page_fits_a_phone_screen(browser, site):  # noqa: F811
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    tab = context.new_page()
    tab.goto(f"{site}{TRENDS}")
    overflow = tab.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the trends tab is {overflow}px wider than a phone screen"
    context.close()


def test_a_first_use_with_a_month_precision_tie_says_its_order_is_open(page, site):  # noqa: F811
    import datetime as dt

    from archive.models import IssuingBody, Statement

    seed = Statement.objects.get(slug=SEED)
    assert (seed.issued_on, seed.issued_precision) == (dt.date(2024, 6, 30), "day")
    commentary = Statement.objects.create(
        title="Commentary on the bloc",
        body="The United States is building an Asian NATO around the peninsula.",
        issuer=IssuingBody.objects.get(slug="government-of-prk"),
        issued_on=dt.date(2024, 6, 1),
        issued_precision="month",
        status="published",
    )
    page.goto(f'{site}/trends/?q="Asian NATO"')
    uses = page.locator(".first-uses ol").first.locator("li.hit")
    assert uses.locator("a.title").first.inner_text() == commentary.title  # from 1 June
    tied = uses.nth(1)
    assert tied.locator("a.title").inner_text() == seed.title
    assert tied.locator(".order-open").inner_text() == (
        "Order open: 30 June 2024: may be before June 2024."
    )
    for n in range(uses.count()):  # each shows where it says the term, marked
        assert uses.nth(n).locator(".snippet mark").count() >= 1
