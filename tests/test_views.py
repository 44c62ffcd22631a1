"""Public pages: what is published is shown, drafts and withdrawn answer 404."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from archive.models import Country, Event, RelationKind, StatementRelation, Status


@pytest.mark.parametrize("status", [Status.DRAFT, Status.WITHDRAWN])
def test_unpublished_statements_are_not_found(client, make_statement, status):
    statement = make_statement(status=status)
    assert client.get(statement.get_absolute_url()).status_code == 404


def test_statement_page_shows_the_record(client, make_statement, event):
    statement = make_statement(
        title="Statement on <Freedom Edge>",
        body="First paragraph.\nSecond paragraph.",
        speaker="A spokesperson",
        issued_on=dt.date(1946, 1, 1),
        issued_precision="year",
        source_outlet="KCNA",
        source_citation="Quoted by an article.",
    )
    statement.events.add(event)
    statement.countries_mentioned.add(Country.objects.create(code="JPN", name="Japan"))
    page = client.get(statement.get_absolute_url())
    html = page.content.decode()
    assert "Statement on &lt;Freedom Edge&gt;" in html  # escaped
    assert "<p>First paragraph.</p>" in html and "<p>Second paragraph.</p>" in html
    assert ">1946</time>" in html and "1 January 1946" not in html
    assert event.get_absolute_url() in html and "Japan" in html
    assert "KCNA" in html and "Quoted by an article." in html
    assert statement.issuer.get_absolute_url() in html


def test_relations_show_from_both_ends_but_only_published_ones(client, make_statement):
    dprk = make_statement(title="DPRK statement")
    nato = make_statement(title="NATO remark")
    draft = make_statement(title="Draft rebuttal", status=Status.DRAFT)
    StatementRelation.objects.create(source=nato, target=dprk, kind=RelationKind.RESPONDS_TO)
    StatementRelation.objects.create(source=draft, target=dprk, kind=RelationKind.REBUTS)
    dprk_page = client.get(dprk.get_absolute_url()).content.decode()
    assert "responds to this statement" in dprk_page and "NATO remark" in dprk_page
    assert "Draft rebuttal" not in dprk_page
    nato_page = client.get(nato.get_absolute_url()).content.decode()
    assert "this statement responds to it" in nato_page and "DPRK statement" in nato_page


def test_ungdc_speeches_show_the_corpus_citation(client, make_statement):
    speech = make_statement(source_id="ungdc-PRK-73-2018")
    other = make_statement(title="Other")
    assert "Journal of Peace Research" in client.get(speech.get_absolute_url()).content.decode()
    assert "Journal of Peace Research" not in client.get(other.get_absolute_url()).content.decode()


def test_home_lists_recent_published_statements_only(client, make_statement):
    make_statement(title="Visible statement")
    make_statement(title="Hidden draft", status=Status.DRAFT)
    html = client.get(reverse("archive:home")).content.decode()
    assert "Visible statement" in html and "Hidden draft" not in html
    assert "2020s" in html


def test_event_page_lists_statements_in_date_order(client, make_statement, event):
    later = make_statement(title="Later", issued_on=dt.date(2024, 7, 2))
    earlier = make_statement(title="Earlier", issued_on=dt.date(2024, 6, 28))
    hidden = make_statement(title="Withdrawn one", status=Status.WITHDRAWN)
    for s in (later, earlier, hidden):
        s.events.add(event)
    html = client.get(event.get_absolute_url()).content.decode()
    assert html.index("Earlier") < html.index("Later")
    assert "Withdrawn one" not in html


def test_body_and_country_pages_list_their_statements(client, make_statement, body):
    japan = Country.objects.create(code="JPN", name="Japan")
    statement = make_statement(title="On Japan")
    statement.countries_mentioned.add(japan)
    make_statement(title="Secret", status=Status.DRAFT)
    body_html = client.get(body.get_absolute_url()).content.decode()
    assert "On Japan" in body_html and "Secret" not in body_html
    assert "On Japan" in client.get(body.country.get_absolute_url()).content.decode()
    assert "On Japan" in client.get(japan.get_absolute_url()).content.decode()


@pytest.mark.parametrize("name", ["statements", "bodies", "events", "countries", "about"])
def test_browse_pages_render(client, make_statement, name):
    make_statement()
    assert client.get(reverse(f"archive:{name}")).status_code == 200


def test_statement_list_filters_by_decade_and_year(client, make_statement):
    make_statement(title="Seventies", issued_on=dt.date(1975, 1, 1), issued_precision="year")
    make_statement(title="Today")
    url = reverse("archive:statements")
    assert "Seventies" in client.get(url, {"decade": "1970s"}).content.decode()
    assert "Today" not in client.get(url, {"decade": "1970s"}).content.decode()
    assert "Today" in client.get(url, {"year": "2024"}).content.decode()
    assert client.get(url, {"year": "abc"}).status_code == 200


def test_unknown_slugs_are_not_found(client, db):
    for name in ("statement", "body", "event", "country"):
        assert client.get(reverse(f"archive:{name}", args=["nope"])).status_code == 404


def test_thread_lists_statements_in_date_order(client, make_statement):
    first = make_statement(title="Opening move", issued_on=dt.date(2024, 6, 1))
    middle = make_statement(title="Middle reply", issued_on=dt.date(2024, 6, 15))
    last = make_statement(title="Last word", issued_on=dt.date(2024, 7, 1))
    StatementRelation.objects.create(source=middle, target=first, kind=RelationKind.RESPONDS_TO)
    StatementRelation.objects.create(source=last, target=middle, kind=RelationKind.REBUTS)
    html = client.get(middle.get_absolute_url()).content.decode()
    thread = html[html.index('id="thread-heading"') :]
    thread = thread[: thread.index("</ol>")]
    assert thread.index("Opening move") < thread.index("Middle reply") < thread.index("Last word")
    assert 'aria-current="true"' in thread


def test_citations_are_shown_and_downloadable(client, make_statement):
    statement = make_statement(
        title="On the drills", source_outlet="KCNA", issued_on=dt.date(2024, 6, 30)
    )
    html = client.get(statement.get_absolute_url()).content.decode()
    assert "Chicago" in html and "MLA" in html and "30 June 2024" in html
    bib = client.get(reverse("archive:statement-citation", args=[statement.slug, "bib"]))
    assert bib["Content-Type"].startswith("application/x-bibtex")
    assert "@misc{" in bib.content.decode() and "month = jun" in bib.content.decode()
    ris = client.get(reverse("archive:statement-citation", args=[statement.slug, "ris"]))
    text = ris.content.decode()
    assert text.startswith("TY  - GEN") and "DA  - 2024/06/30/" in text
    assert text.rstrip().endswith("ER  -")


def test_citation_of_a_year_keeps_the_year_only(client, make_statement):
    speech = make_statement(issued_on=dt.date(1946, 1, 1), issued_precision="year")
    bib = client.get(reverse("archive:statement-citation", args=[speech.slug, "bib"]))
    assert "year = 1946" in bib.content.decode() and "month" not in bib.content.decode()
    ris = client.get(reverse("archive:statement-citation", args=[speech.slug, "ris"]))
    assert "DA  - 1946///" in ris.content.decode()


def test_draft_citation_is_not_found(client, make_statement):
    draft = make_statement(status=Status.DRAFT)
    url = reverse("archive:statement-citation", args=[draft.slug, "bib"])
    assert client.get(url).status_code == 404


def test_event_timeline_splits_before_during_and_after(client, make_statement, event):
    before = make_statement(title="Warning beforehand", issued_on=dt.date(2024, 6, 20))
    during = make_statement(title="Said mid-drill", issued_on=dt.date(2024, 6, 28))
    month = make_statement(
        title="Monthly bulletin", issued_on=dt.date(2024, 6, 1), issued_precision="month"
    )
    after = make_statement(title="Denounced afterwards", issued_on=dt.date(2024, 6, 30))
    undated = make_statement(title="Undated remark", issued_on=None)
    for statement in (before, during, month, after, undated):
        statement.events.add(event)
    timeline = dict(client.get(event.get_absolute_url()).context["timeline"])
    assert timeline["Before"] == [before]
    assert timeline["During"] == [month, during]  # June 2024 overlaps 27-29 June
    assert timeline["After"] == [after]
    assert timeline["Undated"] == [undated]


def test_body_page_charts_statements_per_year_and_top_references(
    client, make_statement, event, body
):
    japan = Country.objects.create(code="JPN", name="Japan")
    for year in (2020, 2020, 2022):
        statement = make_statement(issued_on=dt.date(year, 1, 1), issued_precision="year")
        statement.events.add(event)
        statement.countries_mentioned.add(japan)
    response = client.get(body.get_absolute_url())
    bars = {bar["year"]: bar["count"] for bar in response.context["chart"]["bars"]}
    assert bars == {2020: 2, 2021: 0, 2022: 1}
    assert [(e.name, e.n) for e in response.context["top_events"]] == [(event.name, 3)]
    assert [(c.name, c.n) for c in response.context["top_countries"]] == [("Japan", 3)]
    assert "<svg" in response.content.decode()


def test_public_pages_send_a_strict_content_security_policy(client, make_statement):
    statement = make_statement()
    policy = client.get(statement.get_absolute_url())["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    html = client.get(statement.get_absolute_url()).content.decode()
    assert "<script>" not in html and " style=" not in html


NOT_FOUND_PAGE = "archive.project.not_found.NotFoundPageMiddleware"


@pytest.fixture
def development(settings):
    """DEBUG on, as under `make run`, with the middleware its settings install."""
    settings.DEBUG = True
    if NOT_FOUND_PAGE not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = [*settings.MIDDLEWARE, NOT_FOUND_PAGE]
    return settings


@pytest.mark.parametrize("path", ["/no-such-page/", "/statements/no-such-statement/"])
def test_development_shows_the_real_not_found_page(client, db, development, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert "There is no public record at this address" in html
    assert "URLconf" not in html and "urlpatterns" not in html
    assert "Content-Security-Policy" in response.headers


def test_without_the_middleware_debug_shows_djangos_page(client, db, development):
    development.MIDDLEWARE = [m for m in development.MIDDLEWARE if m != NOT_FOUND_PAGE]
    html = client.get("/no-such-page/").content.decode()
    assert "URLconf" in html and "There is no public record" not in html


def test_development_still_redirects_to_the_address_with_a_slash(client, db, development):
    response = client.get("/about")
    assert response.status_code == 301 and response["Location"] == "/about/"


def test_favicon_ico_leads_to_the_svg_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("archive/favicon.svg")
    icon = Path(finders.find("archive/favicon.svg")).read_text(encoding="utf-8")
    assert icon.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in icon
    html = client.get(reverse("archive:about")).content.decode()
    assert f'<link rel="icon" href="{response["Location"]}" type="image/svg+xml">' in html


def test_body_page_chart_has_a_y_axis_and_bars_linking_to_the_year_search(
    client, make_statement, body
):
    for year in (2018, 2018, 2020):
        make_statement(issued_on=dt.date(year, 1, 1), issued_precision="year")
    html = client.get(body.get_absolute_url()).content.decode()
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert ">Number of statements</text>" in chart
    search = reverse("search:search")
    assert f'<a href="{search}?issuer={body.slug}&amp;year=2018">' in chart
    assert f'<a href="{search}?issuer={body.slug}&amp;year=2020">' in chart
    assert "year=2019" not in chart  # an empty year has no bar to follow


def test_body_speaking_once_a_year_is_described_in_words(client, make_statement, body):
    for year in range(1990, 2000):
        make_statement(title=f"Speech {year}", issued_on=dt.date(year, 9, 25))
    make_statement(title="Second speech 1995", issued_on=dt.date(1995, 10, 2))
    html = client.get(body.get_absolute_url()).content.decode()
    summary = html[html.index('class="year-summary"') :]
    summary = re.sub(r"<[^>]+>", "", summary[summary.index(">") + 1 : summary.index("</p>")])
    assert summary == "One statement a year, 1990–1999, except 1995: 2."
    assert f"{reverse('search:search')}?issuer={body.slug}&amp;year=1995" in html
    assert "<svg" not in html


def test_body_page_leaves_out_the_yearly_sessions_and_sorts_numbers_as_numbers(
    client, make_statement, body, event
):
    for year, session in ((2017, 72), (2018, 73)):
        speech = make_statement(title=f"Speech {year}", issued_on=dt.date(year, 9, 21))
        speech.events.add(
            Event.objects.create(
                name=f"General Debate of the {session}th session",
                kind="session",
                start_date=dt.date(year, 9, 19),
            )
        )
    plenums = [
        Event.objects.create(name=f"{n}th Plenary Meeting", start_date=dt.date(2024, 6, 1))
        for n in (47, 4)
    ]
    make_statement(title="On the plenums").events.add(event, *plenums)
    make_statement(title="On the drill").events.add(event)
    response = client.get(body.get_absolute_url())
    assert [(e.name, e.n) for e in response.context["top_events"]] == [
        ("Freedom Edge 2024", 2),
        ("4th Plenary Meeting", 1),
        ("47th Plenary Meeting", 1),
    ]


def test_a_single_event_all_of_a_years_statements_refer_to_is_kept(client, make_statement, body):
    session = Event.objects.create(
        name="General Debate of the 73rd session", kind="session", start_date=dt.date(2018, 9, 25)
    )
    make_statement(title="Speech 2018", issued_on=dt.date(2018, 9, 27)).events.add(session)
    response = client.get(body.get_absolute_url())
    assert [e.name for e in response.context["top_events"]] == [session.name]


def test_a_body_speaking_once_a_year_keeps_the_summits_it_named(client, make_statement, body):
    for year in range(2010, 2020):
        speech = make_statement(title=f"Speech {year}", issued_on=dt.date(year, 9, 21))
        speech.events.add(
            Event.objects.create(
                name=f"General Debate {year}", kind="session", start_date=dt.date(year, 9, 19)
            )
        )
        if year in (2012, 2015):
            speech.events.add(
                Event.objects.create(
                    name=f"Summit {year}", kind="summit", start_date=dt.date(year, 6, 1)
                )
            )
    response = client.get(body.get_absolute_url())
    assert [e.name for e in response.context["top_events"]] == ["Summit 2012", "Summit 2015"]


def test_the_speakers_list_filters_by_any_spelling(client, country, make_statement):
    from archive.models.people import Person

    choe = Person.objects.create(
        name="Choe Su Hon", slug="choe-su-hon", variants="CHOE Su Hon\nChoi Su-hon", country=country
    )
    kim = Person.objects.create(name="Kim Song", slug="kim-song", country=country)
    for person in (choe, kim):
        make_statement(title=f"Speech of {person.name}", speaker_person=person)
    everyone = client.get("/speakers/")
    assert {p.slug for p in everyone.context["page_obj"]} == {"choe-su-hon", "kim-song"}
    for typed in ("choe", "Choi", "su hon", "CHOE SU"):
        found = client.get("/speakers/", {"name": typed})
        assert [p.slug for p in found.context["page_obj"]] == ["choe-su-hon"], typed
    html = client.get("/speakers/", {"name": "nobody"}).content.decode()
    assert "No speaker" in html and 'value="nobody"' in html


def test_a_speaker_is_shown_without_the_corpus_stray_punctuation(client, make_statement):
    from archive import person_names

    assert person_names.tidy("Choe Su Hon,") == "Choe Su Hon"
    assert person_names.tidy("Mr. DHANABALAN:") == "Mr. DHANABALAN"
    assert person_names.tidy("Tommy Remengesau, Jr.") == "Tommy Remengesau, Jr."
    assert person_names.tidy("Mr FERNANDEZ G.") == "Mr FERNANDEZ G."
    assert person_names.tidy("Mr. Ptolemy A. Reid.") == "Mr. Ptolemy A. Reid"
    assert person_names.tidy("Sheikh Hamad bin Khalifa\nAl-Thani,") == (
        "Sheikh Hamad bin Khalifa Al-Thani"
    )
    assert person_names.tidy("Vuk Dra\x9aković,") == "Vuk Drašković"
    assert person_names.clean("Mr. BOUKGUIBA Jr.") == "Boukguiba Jr."
    statement = make_statement(speaker="Choe Su Hon,", speaker_post="Minister for Foreign Affairs")
    html = client.get(statement.get_absolute_url()).content.decode()
    assert "Choe Su Hon, Minister for Foreign Affairs" in html
    assert "Choe Su Hon,," not in html
