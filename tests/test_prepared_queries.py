"""Queries compiled once give what the QuerySet gives, for any ids, on either database."""

import datetime as dt

import pytest

from archive import listed
from archive.models import Country, Statement, StatementVersion, Status
from archive.prepared_queries import PreparedQuery
from search import documents


def _dated(ids):
    return (
        Statement.objects.filter(pk__in=ids).order_by("pk").values_list("pk", "issued_on", "kind")
    )


@pytest.mark.django_db
def test_rows_are_those_of_the_queryset_for_every_count_and_change_of_ids(make_statement):
    made = [
        make_statement(title=f"Prepared {n}", issued_on=dt.date(1990 + n, 1, 2) if n % 2 else None)
        for n in range(5)
    ]
    query = PreparedQuery(_dated)
    pks = [s.pk for s in made]
    for ids in (pks[:1], pks[:3], pks[2:], pks, [pks[4], pks[0]], [pks[0], 10**9]):
        assert query.rows(ids) == list(_dated(ids))
    dates = dict((pk, on) for pk, on, _ in query.rows(pks))
    assert dates[pks[1]] == dt.date(1991, 1, 2) and dates[pks[0]] is None  # dates as dates
    assert query.rows([]) == []


@pytest.mark.django_db
def test_a_query_that_does_not_take_its_ids_once_in_order_is_refused():
    def twice(ids):
        return Statement.objects.filter(pk__in=ids).exclude(pk__in=ids).values_list("pk")

    with pytest.raises(ValueError, match="once each"):
        PreparedQuery(twice).rows([1, 2])


@pytest.mark.django_db
def test_listed_rows_keep_the_order_asked_skip_the_unpublished_and_read_the_relations(
    make_statement,
):
    france = Country.objects.create(code="FR", name="France")
    chile = Country.objects.create(code="CL", name="Chile")
    first = make_statement(title="First", language="fr")
    second = make_statement(title="Second")
    draft = make_statement(title="Draft", status=Status.DRAFT)
    first.countries_mentioned.add(france, chile)
    StatementVersion.objects.create(statement=first, language="en", body="In English.")
    rows = listed.published([second.pk, draft.pk, first.pk, second.pk], relations=True)
    assert [row.title for row in rows] == ["Second", "First"]
    assert rows[1].countries_named == ("CL", "FR")  # by the countries' names
    assert rows[1].versions[-1] == "en"
    assert rows[1] == listed.Listed.of(Statement.objects.get(pk=first.pk))
    assert listed.published([first.pk], relations=False)[0].countries_named == ()


@pytest.mark.django_db
def test_texts_are_read_for_the_ids_asked_with_their_versions(make_statement):
    statement = make_statement(title="Texts", body="The body.", summary="The summary.")
    StatementVersion.objects.create(statement=statement, language="es", body="El cuerpo.")
    texts = documents.load_texts([str(statement.pk), str(statement.pk), "999999999"])
    assert list(texts) == [str(statement.pk)]
    found = texts[str(statement.pk)]
    assert (found.summary, found.body) == ("The summary.", "The body.")
    assert ("es", "El cuerpo.") in found.versions
