"""The history of bulk writes: one entry a row, its relations as they stand, its reason."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from archive import history
from archive.models import Country, Event, RelationKind, Statement, StatementRelation
from tests.test_importers import record, write_jsonl


def linked(entry, field: str) -> set[int]:
    """The ids an entry recorded for a many-to-many field."""
    rows = getattr(entry, field).all()
    other = {"events": "event_id", "countries_mentioned": "country_id"}[field]
    return {getattr(row, other) for row in rows}


def test_an_update_makes_an_entry_per_row_with_its_relations(make_statement, event, country):
    statements = [make_statement(title=f"Statement {n}") for n in range(3)]
    for statement in statements:
        statement.events.add(event)
        statement.countries_mentioned.add(country)
    with history.reason("Titles corrected"):
        Statement.objects.filter(pk__in=[s.pk for s in statements]).update(title="Corrected")
    for statement in statements:
        entry = statement.history.first()
        assert (entry.title, entry.history_type) == ("Corrected", "~")
        assert entry.history_change_reason == "Titles corrected"
        assert linked(entry, "events") == {event.pk}
        assert linked(entry, "countries_mentioned") == {country.pk}
        before = statement.revision
        statement.refresh_from_db()
        assert entry.revision == statement.revision > before  # a revision of its own


@pytest.mark.django_db
def test_an_import_makes_one_entry_a_statement_with_the_countries_it_names(tmp_path):
    path = write_jsonl(
        tmp_path / "corpus.jsonl",
        [record(id="ungdc-PRK-73-2018", body="We thank Japan and the Republic of Korea.")],
    )
    call_command("import_statements", str(path), "--no-progress", stdout=StringIO())
    statement = Statement.objects.get()
    [entry] = statement.history.all()
    assert (entry.history_type, entry.history_change_reason) == ("+", "import")
    named = set(statement.countries_mentioned.values_list("pk", flat=True))
    assert named and linked(entry, "countries_mentioned") == named
    assert linked(entry, "events") == set(statement.events.values_list("pk", flat=True))


def test_a_relation_changed_from_its_other_end_is_recorded_on_the_statement(make_statement):
    statement = make_statement()
    before = statement.history.count()
    summit = Event.objects.create(name="Summit", start_date=dt.date(2024, 8, 18))
    summit.statements.add(statement)
    assert statement.history.count() == before + 1
    assert linked(statement.history.first(), "events") == {summit.pk}
    summit.statements.clear()
    assert statement.history.count() == before + 2
    assert linked(statement.history.first(), "events") == set()


@pytest.mark.django_db
def test_records_loaded_from_a_fixture_are_in_the_history_with_their_relations():
    call_command("loaddata", "countries", "seed_asian_nato", verbosity=0)
    russia = Country.objects.get(code="RUS")
    [entry] = russia.history.all()
    assert entry.history_change_reason == "Loaded from fixture countries, seed_asian_nato"
    predecessors = set(russia.predecessors.values_list("pk", flat=True))
    assert predecessors  # the Soviet Union
    assert {row.to_country_id for row in entry.predecessors.all()} == predecessors
    for statement in Statement.objects.all():
        assert statement.history.count() == 1
        assert linked(statement.history.first(), "events") == set(
            statement.events.values_list("pk", flat=True)
        )


def test_relations_written_in_bulk_are_recorded_on_their_source_statements(make_statement):
    source, target = make_statement(title="Answer"), make_statement(title="Question")
    before = source.history.count()
    StatementRelation.objects.bulk_create(
        [StatementRelation(source=source, target=target, kind=RelationKind.RESPONDS_TO)]
    )
    assert source.history.count() == before + 1
    assert [row.target_id for row in source.history.first().related.all()] == [target.pk]
    StatementRelation.objects.filter(source=source).update(kind=RelationKind.REBUTS)
    assert source.history.count() == before + 2
    assert [row.kind for row in source.history.first().related.all()] == [RelationKind.REBUTS]


def test_an_update_under_a_row_lock_is_recorded(make_statement):
    statement = make_statement(title="Locked")
    with transaction.atomic():
        Statement.objects.select_for_update().filter(pk=statement.pk).update(title="Unlocked")
    assert statement.history.first().title == "Unlocked"
