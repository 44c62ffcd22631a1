"""The public search page, rendered by Django (browser tests come with the UI issue)."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import html5lib
import pytest
from django.urls import reverse

from archive.models import Country, IssuingBody, Status


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
