"""First uses: on what statements say, by their earliest possible day, answers after what
they answer, open orders said, the term always shown."""

import datetime as dt

import pytest

from archive.models import RelationKind, StatementRelation

pytestmark = pytest.mark.every_backend


def uses_of(client, term):
    body = client.get("/api/trends/", {"q": term}).json()
    (series,) = body["series"]
    return series["first_uses"]


def test_a_summary_that_quotes_the_term_is_not_a_use(capture, make_statement, client):
    with capture():
        make_statement(
            title="On the exercise",
            body="We denounce the military exercise.",
            summary="The ministry calls the alliance an “Asian NATO”.",
            issued_on=dt.date(1990, 1, 1),
            issued_precision="year",
        )
        said = make_statement(
            title="Commentary",
            body="The bloc is an Asian NATO in all but name.",
            issued_on=dt.date(2000, 5, 1),
        )
    uses = uses_of(client, '"Asian NATO"')
    assert [u["slug"] for u in uses] == [said.slug]
    assert "<mark>Asian</mark> <mark>NATO</mark>" in uses[0]["snippet"]


def test_a_use_in_the_title_only_shows_the_title_marked(capture, make_statement, client):
    with capture():
        make_statement(
            title="Against hegemonism",
            body="The statement speaks of other things.",
            issued_on=dt.date(1980, 1, 1),
        )
    (use,) = uses_of(client, "hegemonism")
    assert use["snippet"] == "Against <mark>hegemonism</mark>"


def test_a_reply_known_to_the_month_comes_after_what_it_answers(capture, make_statement, client):
    with capture():
        statement = make_statement(
            title="Ministry statement",
            body="The exercise is an Asian NATO.",
            issued_on=dt.date(2024, 6, 30),
            issued_precision="day",
        )
        reply = make_statement(
            title="Reply",
            body="There is no Asian NATO.",
            issued_on=dt.date(2024, 6, 1),
            issued_precision="month",
        )
        StatementRelation.objects.create(
            source=reply, target=statement, kind=RelationKind.RESPONDS_TO
        )
    uses = uses_of(client, '"Asian NATO"')
    assert [u["slug"] for u in uses] == [statement.slug, reply.slug]
    assert uses[1]["order_open"] is None  # it answers the first: its place is not open


def test_a_month_precision_tie_is_shown_as_an_open_order(capture, make_statement, client):
    with capture():
        day = make_statement(
            title="Ministry statement",
            body="The exercise is an Asian NATO.",
            issued_on=dt.date(2024, 6, 30),
            issued_precision="day",
        )
        month = make_statement(
            title="Commentary",
            body="An Asian NATO is forming.",
            issued_on=dt.date(2024, 6, 1),
            issued_precision="month",
        )
    uses = uses_of(client, '"Asian NATO"')
    # By the earliest day each may have been issued; the second may still be the first.
    assert [u["slug"] for u in uses] == [month.slug, day.slug]
    assert uses[0]["order_open"] is None
    assert uses[1]["order_open"] == "30 June 2024: may be before June 2024"
    html = client.get("/trends/", {"q": '"Asian NATO"'}).content.decode()
    assert "Order open:</strong> 30 June 2024: may be before June 2024." in html
