"""Threads in answer order: a reply after what it answers, whatever its date's precision."""

import datetime as dt

from archive import threads
from archive.models import RelationKind, StatementRelation


def test_a_reply_dated_to_the_month_comes_after_the_statement_it_answers(make_statement):
    statement = make_statement(title="Statement of 30 June", issued_on=dt.date(2024, 6, 30))
    reply = make_statement(
        title="Reply of June", issued_on=dt.date(2024, 6, 1), issued_precision="month"
    )
    StatementRelation.objects.create(source=reply, target=statement, kind=RelationKind.RESPONDS_TO)
    for shown_from in (statement, reply):
        entries = shown_from.thread(type(statement).objects.published())
        assert [e["statement"].title for e in entries] == ["Statement of 30 June", "Reply of June"]
        assert [e["closeness"] for e in entries] == ["", "same month"]


def test_the_page_says_when_two_dates_cannot_be_told_apart(client, make_statement):
    statement = make_statement(title="Statement of 30 June", issued_on=dt.date(2024, 6, 30))
    reply = make_statement(
        title="Reply of June", issued_on=dt.date(2024, 6, 1), issued_precision="month"
    )
    StatementRelation.objects.create(source=reply, target=statement, kind=RelationKind.REBUTS)
    html = client.get(statement.get_absolute_url()).content.decode()
    thread = html[html.index('id="thread-heading"') : html.index("</ol>")]
    assert thread.index("Statement of 30 June") < thread.index("Reply of June")
    assert "(same month as the one above)" in thread


def test_statements_no_relation_orders_come_by_the_days_their_dates_cover(make_statement):
    centre = make_statement(title="Centre", issued_on=dt.date(2024, 6, 15))
    year = make_statement(title="Of 2023", issued_on=dt.date(2023, 1, 1), issued_precision="year")
    day = make_statement(title="Of 10 June", issued_on=dt.date(2024, 6, 10))
    month = make_statement(title="Of June", issued_on=dt.date(2024, 6, 1), issued_precision="month")
    undated = make_statement(title="Undated", issued_on=None)
    for other in (year, day, month):
        StatementRelation.objects.create(source=centre, target=other, kind=RelationKind.CITES)
    StatementRelation.objects.create(source=undated, target=centre, kind=RelationKind.REBUTS)
    entries = centre.thread(type(centre).objects.published())
    titles = [e["statement"].title for e in entries]
    # Cited statements come before the one citing them, June (from the 1st) before 10 June;
    # the undated rebuttal after what it rebuts.
    assert titles == ["Of 2023", "Of June", "Of 10 June", "Centre", "Undated"]
    assert [e["closeness"] for e in entries] == ["", "", "same month", "", ""]


def test_answers_between_the_others_order_them_too(make_statement):
    first = make_statement(title="First", issued_on=dt.date(2024, 6, 1), issued_precision="month")
    second = make_statement(title="Second", issued_on=dt.date(2024, 6, 2))
    third = make_statement(title="Third", issued_on=dt.date(2024, 6, 1), issued_precision="month")
    StatementRelation.objects.create(source=second, target=first, kind=RelationKind.RESPONDS_TO)
    StatementRelation.objects.create(source=third, target=second, kind=RelationKind.RESPONDS_TO)
    titles = [e["statement"].title for e in second.thread(type(second).objects.published())]
    assert titles == ["First", "Second", "Third"]


def test_a_cycle_of_answers_is_broken_in_date_order():
    class Item:
        def __init__(self, pk, day):
            self.pk, self.span = pk, (dt.date(2024, 6, day), dt.date(2024, 6, day))

    items = [Item(1, 3), Item(2, 1), Item(3, 2)]
    ordered = threads.answer_order(items, lambda i: i.span, [(1, 2), (2, 1), (3, 1)])
    assert [i.pk for i in ordered] == [2, 1, 3]


def test_closeness_names_the_smallest_period_both_dates_share():
    day = (dt.date(2024, 6, 30), dt.date(2024, 6, 30))
    june = (dt.date(2024, 6, 1), dt.date(2024, 6, 30))
    year = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    later = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert threads.closeness(day, day) == "same day"
    assert threads.closeness(day, june) == "same month"
    assert threads.closeness(june, year) == "same year"
    assert threads.closeness(year, later) == ""
    assert threads.closeness((dt.date(2024, 12, 1), dt.date(2025, 1, 31)), later) == (
        "dates overlap"
    )
    assert threads.closeness(None, day) == ""
