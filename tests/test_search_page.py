"""The public search page, rendered by Django (browser tests come with the UI issue)."""

import datetime as dt
from html import escape
from urllib.parse import parse_qs, urlsplit

import html5lib
import pytest
from django.urls import reverse

from archive.models import Country, IssuingBody, Status

# Every backend answers these the same way.
pytestmark = pytest.mark.every_backend


@pytest.fixture
def corpus(db, django_capture_on_commit_callbacks, make_statement, body):
    japan = Country.objects.create(code="JPN", name="Japan", region="asia")
    tokyo = IssuingBody.objects.create(name="Ministry of Foreign Affairs of Japan", country=japan)
    with django_capture_on_commit_callbacks(execute=True):
        made = [
            make_statement(
                title=f"Statement {n} on the drills",
                body="The military exercises threaten peace. " * (n + 1),
                issuer=body if n % 2 else tokyo,
                issued_on=dt.date(2000 + n, 1, 1),
                issued_precision="year",
            )
            for n in range(25)
        ]
        make_statement(title="Hidden draft on drills", status=Status.DRAFT)
    return made


def page(client, **params):
    response = client.get(reverse("search:search"), params)
    assert response.status_code == 200
    return response


def test_query_shows_total_results_and_marked_snippets(client, corpus):
    response = page(client, q="exercises")
    html = response.content.decode()
    assert "25 statements" in html
    assert "<mark>exercises</mark>" in html
    assert "Hidden draft" not in html
    assert html.count('class="hit"') == 20


def test_facets_list_values_with_counts_as_checkboxes(client, corpus):
    html = page(client, q="drills").content.decode()
    assert 'name="country" value="PRK"' in html and 'name="country" value="JPN"' in html
    assert 'North Korea <span class="count">12</span>' in html
    assert 'Japan <span class="count">13</span>' in html


def test_a_box_is_ticked_on_the_page_that_chose_it_only(client, corpus):
    ticked = 'name="country" value="JPN" checked> Japan'
    assert ticked in page(client, q="drills", country=["JPN"]).content.decode()
    html = page(client, q="drills").content.decode()
    assert ticked not in html and 'name="country" value="JPN"> Japan' in html


def test_a_renamed_country_is_listed_by_its_new_name(client, corpus):
    from search.label_cache import CACHE

    assert "> Japan <span" in page(client, q="drills").content.decode()
    Country.objects.filter(code="JPN").update(name="Nippon & Japan")  # no signal: by hand
    CACHE.clear()
    html = page(client, q="drills").content.decode()
    assert "> Nippon &amp; Japan <span" in html and "> Japan <span" not in html


def test_ticking_facets_narrows_and_chips_remove_them(client, corpus):
    response = page(client, q="drills", country=["PRK"], decade=["2010s"])
    assert response.context["results"].total == 5
    chips = {chip.label: chip.url for chip in response.context["chips"]}
    assert set(chips) == {"Issuing country: North Korea", "Decade: 2010s"}
    remaining = parse_qs(urlsplit(chips["Issuing country: North Korea"]).query)
    assert remaining == {"q": ["drills"], "decade": ["2010s"]}
    clear = parse_qs(urlsplit(response.context["clear_url"]).query)
    assert clear == {"q": ["drills"]}


def test_pagination_keeps_every_parameter(client, corpus):
    response = page(client, q="drills", country=["PRK", "JPN"], sort="oldest", page_size="10")
    next_params = parse_qs(urlsplit(response.context["next_url"]).query)
    assert next_params["page"] == ["2"]
    assert next_params["country"] == ["PRK", "JPN"]
    assert next_params["sort"] == ["oldest"]
    second = page(client, **{k: v for k, v in next_params.items()})
    first_ids = [s.pk for s, _ in response.context["rows"]]
    second_ids = [s.pk for s, _ in second.context["rows"]]
    assert not set(first_ids) & set(second_ids)


def test_empty_state_offers_the_suggestion_and_the_filters(client, corpus):
    html = page(client, q="exercsies", country=["JPN"]).content.decode()
    assert "No statements found" in html
    assert "Did you mean" in html and "exercises" in html
    assert "Issuing country: Japan" in html


def test_invalid_parameters_are_noticed_not_fatal(client, corpus):
    html = page(client, q="drills", page="0", to="banana").content.decode()
    assert "Ignored page" in html and "Ignored to" in html


def test_echoed_query_and_titles_are_escaped(client, corpus, make_statement):
    response = page(client, q='<script>alert("x")</script> drills')
    tree = html5lib.parse(response.content, namespaceHTMLElements=False)
    scripts = [s for s in tree.iter("script") if not s.get("src")]
    assert scripts == []


def test_the_page_works_without_javascript(client, corpus):
    tree = html5lib.parse(page(client, q="drills").content, namespaceHTMLElements=False)
    forms = list(tree.iter("form"))
    assert any(f.get("action") == reverse("search:search") for f in forms)
    assert any(b.text == "Apply filters" for b in tree.iter("button"))


def test_statement_page_shows_more_like_this(client, capture, make_statement):
    with capture():
        subject = make_statement(
            title="On the peninsula", body="Denuclearization of the peninsula."
        )
        similar = make_statement(title="Peninsula talks", body="Talks on denuclearization.")
        make_statement(title="Budget", body="The budget of the organization.")
    html = client.get(subject.get_absolute_url()).content.decode()
    section = html[html.index('id="similar-heading"') :]
    assert similar.title in section
    assert "Budget" not in section


def form_fields(form) -> dict[str, list[str]]:
    """What a browser without JavaScript sends for a form's named inputs and selects."""
    fields: dict[str, list[str]] = {}
    for element in (e for e in form.iter() if e.tag in ("input", "select")):
        name = element.get("name")
        if not name or (element.get("type") == "checkbox" and element.get("checked") is None):
            continue
        if element.tag == "select":
            chosen = [o for o in element.iter("option") if o.get("selected") is not None]
            value = chosen[0].get("value") if chosen else ""
        else:
            value = element.get("value") or ""
        fields.setdefault(name, []).append(value)
    return fields


SVG = "http://www.w3.org/2000/svg"


def parsed(response):
    return html5lib.parse(response.content, namespaceHTMLElements=False)


def test_every_search_with_hits_has_a_histogram_of_its_years(client, corpus):
    response = page(client, q="drills", sort="oldest")
    chart = response.context["histogram"]
    assert [bar.year for bar in chart.bars] == list(range(2000, 2025))
    assert (chart.first, chart.last, chart.peak) == (2000, 2024, 1)
    tree = parsed(response)
    figure = next(f for f in tree.iter("figure") if f.get("class") == "histogram")
    assert "Statements per year, 2000–2024" in "".join(figure.find("figcaption").itertext())
    links = {a.get("aria-label"): a.get("href") for a in figure.iter(f"{{{SVG}}}a")}
    assert len(links) == 25
    # A bar is the search narrowed to its year, as ticking that year would make it.
    narrowed = parse_qs(urlsplit(links["2003: 1 statement"]).query)
    assert narrowed == {"q": ["drills"], "sort": ["oldest"], "year": ["2003"]}
    after = page(client, **narrowed)
    assert after.context["results"].total == 1
    assert [bar.selected for bar in after.context["histogram"].bars].count(True) == 1
    assert len(after.context["histogram"].bars) == 25  # the other years stay to choose from


def test_a_bar_replaces_the_years_already_chosen(client, corpus):
    response = page(client, q="drills", year=["2001", "2002"], country=["JPN"])
    bars = {bar.year: bar for bar in response.context["histogram"].bars}
    assert parse_qs(urlsplit(bars[2004].url).query) == {
        "q": ["drills"],
        "country": ["JPN"],
        "year": ["2004"],
    }
    assert bars[2002].selected and not bars[2004].selected
    assert 2001 not in bars  # Japan's statements are the even years
    assert bars[2002].label == "2002: 1 statement (selected)"


def test_the_histogram_has_every_year_however_the_facets_are_capped(client, corpus, monkeypatch):
    from search.web import views

    monkeypatch.setattr(views, "PAGE_FACET_LIMIT", 5)
    response = page(client, q="drills", year=["2024"])
    assert len(response.context["histogram"].bars) == 25
    years = next(g for g in response.context["groups"] if g.name == "year")
    listed = list(years.values)  # those shown, then those behind "more"
    assert len(listed) == 6 and "2024" in listed  # five, and the selected one past them


def test_each_bar_links_to_its_url_escaped(client, corpus):
    response = page(client, q='drills OR "<b> &amp;"', sort="oldest")
    chart = response.context["histogram"]
    assert chart.bars and "&" in chart.bars[0].url and "%22" in chart.bars[0].url
    links = parsed(response).iter(f"{{{SVG}}}a")
    assert [a.get("href") for a in links] == [bar.url for bar in chart.bars]
    html = chart.bars_svg()
    assert all(f'href="{escape(bar.url)}"' in html for bar in chart.bars)


def test_no_histogram_without_hits(client, corpus):
    response = page(client, q="nothingmatchesthis")
    assert response.context["histogram"] is None
    assert 'class="histogram"' not in response.content.decode()


def test_the_year_range_form_works_without_javascript(client, corpus):
    response = page(client, q="drills", country=["PRK"], page="2", page_size="5")
    form = next(f for f in parsed(response).iter("form") if f.get("class") == "year-range")
    assert form.get("method") == "get" and form.get("action") == reverse("search:search")
    assert any(b.get("type") == "submit" for b in form.iter("button"))
    fields = form_fields(form)
    assert fields.pop("from") == [""] and fields.pop("to") == [""]
    assert fields == {"q": ["drills"], "country": ["PRK"], "page_size": ["5"]}
    narrowed = page(client, **fields, **{"from": "2005", "to": "2010"})
    assert narrowed.context["results"].total == 3  # 2005, 2007, 2009
    form = next(f for f in parsed(narrowed).iter("form") if f.get("class") == "year-range")
    assert form_fields(form)["from"] == ["2005"] and form_fields(form)["to"] == ["2010"]


def test_sort_and_dates_are_in_the_search_form_with_its_button(client, corpus):
    response = page(client, q="drills", sort="newest", country=["JPN"], **{"from": "2010"})
    form = next(f for f in parsed(response).iter("form") if f.get("class") == "search-form")
    assert any(b.text == "Search" and b.get("type") == "submit" for b in form.iter("button"))
    fields = form_fields(form)
    assert fields == {
        "q": ["drills"],
        "sort": ["newest"],
        "from": ["2010"],
        "to": [""],
        "country": ["JPN"],
    }
    again = page(client, **{**fields, "sort": "oldest"})
    first, _ = again.context["rows"][0]
    assert first.issued_on.year == 2010


def test_skip_links_and_the_filters_before_the_results(client, corpus):
    html = page(client, q="drills").content.decode()
    assert '<a class="skip" href="#filters">Skip to filters</a>' in html
    assert '<a class="skip" href="#results">Skip to results</a>' in html
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    ids = [e.get("id") for e in tree.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    assert ids.index("filters") < ids.index("results")
    panel = next(d for d in tree.iter("details") if d.get("class") == "filters-panel")
    assert panel.get("open") is not None  # open unless a script folds it on a phone
    assert panel.find("summary").text == "Filters"
    boxes = [i for i in panel.iter("input") if i.get("type") == "checkbox"]
    assert all(b.get("id") == f"facet-{b.get('name')}-{b.get('value')}" for b in boxes)
    # Without hits there are no filters to skip to.
    html = page(client, q="nothingmatchesthis").content.decode()
    assert 'href="#filters"' not in html and 'href="#results"' in html


def test_the_summary_counts_the_active_filters(client, corpus):
    html = page(client, q="drills", country=["JPN"], decade=["2000s"]).content.decode()
    assert "<summary>Filters (2 active)</summary>" in html


def test_more_like_this_weighs_a_bounded_number_of_words(capture, make_statement, monkeypatch):
    """The longest speech costs no more than a few hundred dictionary lookups, whatever its
    length: "more like this" weighs its most frequent words only, within its own budget."""
    from search.backends.whoosh import backend as whoosh_backend
    from search.sync.indexing import current_backend

    if not isinstance(current_backend(), whoosh_backend.WhooshBackend):
        pytest.skip("The bound is the Whoosh backend's")  # the PostgreSQL one ranks in SQL
    words = [f"word{n:04d}" for n in range(2000)]
    with capture():
        subject = make_statement(title="Long", body=" ".join(words))
        make_statement(title="Other", body=" ".join(words[:50]))
    backend = current_backend()
    backend.more_like_this(str(subject.pk), subject.body)  # open the index first
    monkeypatch.setattr(whoosh_backend, "MORE_LIKE_CANDIDATES", 40)
    looked_up: set = set()
    reader = backend._state()[0].reader()
    real = reader.doc_frequency
    monkeypatch.setattr(
        reader, "doc_frequency", lambda field, text: looked_up.add(text) or real(field, text)
    )
    backend.more_like_this(str(subject.pk), subject.body)
    assert 0 < len(looked_up) <= 40  # of 2,000 words
