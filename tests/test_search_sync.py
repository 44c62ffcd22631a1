"""The index follows every write path, after commit, and never lies."""

import datetime as dt
import errno
import json
import logging
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from archive.models import Country, Event, IssuingBody, Statement, Status
from archive.records import links_written
from search.backends import get_backend
from search.backends.base import Gap, IndexBehind, LogPosition, SearchQuery
from search.models import IndexChange
from search.sync import changelog, indexing
from search.sync.indexer import Indexer


def found(text="", **filters):
    query = SearchQuery(text=text, filters={k: tuple(v) for k, v in filters.items()})
    return {hit.id for hit in get_backend().search(query).hits}


def test_published_statement_is_searchable_after_commit(capture, make_statement):
    with capture() as callbacks:
        statement = make_statement(title="Denunciation of the drills")
        assert found("drills") == set()  # not before the commit
    assert callbacks
    assert found("drills") == {str(statement.pk)}


def test_draft_is_not_indexed_until_published(capture, make_statement):
    with capture():
        statement = make_statement(title="Secret draft", status=Status.DRAFT)
    assert found("secret") == set()
    with capture():
        statement.status = Status.PUBLISHED
        statement.save()
    assert found("secret") == {str(statement.pk)}


def test_withdrawn_statement_leaves_the_index(capture, make_statement):
    with capture():
        statement = make_statement(title="Soon withdrawn")
    with capture():
        statement.status = Status.WITHDRAWN
        statement.save()
    assert found("withdrawn") == set()
    assert str(statement.pk) not in get_backend().stored_versions()


def test_edit_is_reflected(capture, make_statement):
    with capture():
        statement = make_statement(title="Original wording")
    with capture():
        statement.title = "Revised wording"
        statement.save()
    assert found("revised") == {str(statement.pk)}
    assert found("original") == set()


def test_deleted_statement_leaves_the_index(capture, make_statement):
    with capture():
        statement = make_statement(title="To be deleted")
    pk = str(statement.pk)
    with capture():
        statement.delete()
    assert pk not in get_backend().stored_versions()


def test_rolled_back_transaction_leaves_the_index_untouched(make_statement):
    with pytest.raises(RuntimeError), transaction.atomic():
        make_statement(title="Never committed")
        raise RuntimeError
    assert found("committed") == set()
    assert get_backend().stored_versions() == {}


@pytest.mark.django_db(transaction=True)
def test_rollback_then_commit_indexes_only_the_committed(body):
    with pytest.raises(RuntimeError), transaction.atomic():
        Statement.objects.create(
            title="Ghost", body="x", issuer=body, status=Status.PUBLISHED, issued_on=None
        )
        raise RuntimeError
    with transaction.atomic():
        kept = Statement.objects.create(
            title="Kept", body="y", issuer=body, status=Status.PUBLISHED, issued_on=None
        )
    assert set(get_backend().stored_versions()) == {str(kept.pk)}


def test_m2m_changes_are_reflected(capture, make_statement, event, country):
    with capture():
        statement = make_statement()
    with capture():
        statement.events.add(event)
    assert found(event=[event.slug]) == {str(statement.pk)}
    with capture():
        statement.countries_mentioned.add(country)
    assert found("dprk") == {str(statement.pk)}
    with capture():
        statement.events.remove(event)
    assert found(event=[event.slug]) == set()


def test_m2m_change_from_the_other_side_is_reflected(capture, make_statement, event):
    with capture():
        statement = make_statement()
    with capture():
        event.statements.add(statement)
    assert found(event=[event.slug]) == {str(statement.pk)}
    with capture():
        event.statements.clear()
    assert found(event=[event.slug]) == set()


def test_co_issuer_change_is_reflected(capture, make_statement, country):
    kcna = IssuingBody.objects.create(name="Korean Central News Agency", country=country)
    with capture():
        statement = make_statement()
    with capture():
        statement.co_issuers.add(kcna)
    assert found(issuer=[kcna.slug]) == {str(statement.pk)}


@pytest.mark.parametrize("model", ["body", "event", "country"])
def test_renaming_an_authority_reindexes_its_statements_by_the_indexer(
    capture, make_statement, event, model, indexer
):
    with capture():
        statement = make_statement()
        statement.events.add(event)
    record = {"body": statement.issuer, "event": event, "country": statement.issuer.country}[model]
    with capture():
        record.name = "Zanzibarian Renamed Record"
        record.save()
    assert found("zanzibarian") == set()  # the save leaves its statements to the indexer
    indexer()
    assert found("zanzibarian") == {str(statement.pk)}


def test_a_rename_is_expanded_into_its_statements_and_applied_a_chunk_at_a_time(
    capture, make_statement, body, monkeypatch
):
    with capture():
        statements = [make_statement(title=f"Statement {n}") for n in range(7)]
    worker = Indexer(say=lambda line: None, chunk=3, background=False)
    while worker.round():  # the new statements' own rows
        pass
    with capture():
        body.name = "Zanzibarian Press Office"
        body.save()
    commits = []
    original = get_backend().catch_up

    def counted(*args, **kwargs):
        pending = original(*args, **kwargs)
        commits.append(len(pending.ids))
        return pending

    monkeypatch.setattr(get_backend(), "catch_up", counted)
    while worker.round():
        pass
    assert found("zanzibarian") == {str(s.pk) for s in statements}
    assert max(commits) <= 3 and sum(commits) >= 7  # no commit holds the whole rename
    expanded = IndexChange.objects.filter(authority__startswith=changelog.EXPANDED)
    assert expanded.count() == 1
    assert IndexChange.objects.filter(authority__startswith=changelog.VIA).count() == 7


def test_loaddata_leaves_everything_searchable(db, capture):
    with capture():
        call_command("loaddata", "countries", "seed_asian_nato", verbosity=0)
    pk = Statement.objects.get(slug="dprk-foreign-ministry-freedom-edge-asian-nato-2024").pk
    assert str(pk) in found('"Asian NATO"')
    assert len(get_backend().stored_versions()) == 2


@pytest.mark.django_db(transaction=True)
def test_bulk_import_catches_up_once_at_its_end_in_chunks(tmp_path, monkeypatch):
    backend = get_backend()
    calls = []
    original = backend.catch_up

    def counted(*args, **kwargs):
        pending = original(*args, **kwargs)
        calls.append(len(pending.ids))
        return pending

    monkeypatch.setattr(backend, "catch_up", counted)
    monkeypatch.setattr(indexing, "SYNC_CHUNK", 2)
    lines = [
        json.dumps(
            {
                "id": f"ungdc-PRK-{n}-{1990 + n}",
                "title": f"Speech {n}",
                "body": "Juche and the reunification of the fatherland.",
                "date": str(1990 + n),
                "date_precision": "year",
                "country_iso3": "PRK",
                "country": "North Korea",
                "doc_type": "speech",
                "venue": f"UN General Assembly, {n}th session, General Debate",
            }
        )
        for n in range(5)
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines))
    call_command(
        "import_statements", str(path), "--batch-size", "2", "--no-progress", stdout=StringIO()
    )
    assert calls == [2, 2, 1]  # no index write per batch: the log is applied at the end
    assert len(found("reunification")) == 5
    assert IndexChange.objects.count() == 5


@pytest.mark.django_db(transaction=True)
def test_a_large_import_rebuilds_the_index_once(tmp_path, monkeypatch, settings):
    rebuilds = []
    original = indexing.rebuild
    monkeypatch.setattr(indexing, "rebuild", lambda: rebuilds.append(1) or original())
    settings.SEARCH_INDEXING = {**settings.SEARCH_INDEXING, "REBUILD_ABOVE": 3}
    lines = [
        json.dumps(
            {
                "id": f"ungdc-KOR-{n}-{1990 + n}",
                "title": f"Speech {n}",
                "body": "Peaceful reunification.",
                "date": str(1990 + n),
                "date_precision": "year",
                "country_iso3": "KOR",
            }
        )
        for n in range(5)
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines))
    call_command("import_statements", str(path), "--no-progress", stdout=StringIO())
    assert rebuilds == [1]
    assert len(found("reunification")) == 5


def test_a_queryset_update_is_scheduled(capture, make_statement):
    with capture():
        statement = make_statement(title="Bulk changed")
    with capture():
        Statement.objects.filter(pk=statement.pk).update(title="Retitled by an update")
    assert found("retitled") == {str(statement.pk)}


def test_links_written_as_plain_rows_are_scheduled(capture, make_statement, country):
    with capture():
        statement = make_statement(title="Links written by hand")
    through = Statement.countries_mentioned.through
    through.objects.create(statement_id=statement.pk, country_id=country.pk)
    with capture():
        links_written(Statement, [statement.pk])
    assert found(named=["PRK"]) == {str(statement.pk)}


@pytest.mark.django_db(transaction=True)
def test_index_failure_is_logged_keeps_the_database_write_and_heals_by_itself(
    make_statement, monkeypatch, caplog, indexer
):
    """An index update that raised is applied from the change log by the indexer."""

    def broken(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(get_backend(), "catch_up", broken)
    with caplog.at_level(logging.ERROR, logger="search.sync.indexing"):
        statement = make_statement(title="Saved despite the index")
    assert Statement.objects.filter(pk=statement.pk).exists()
    assert "The database change was kept" in caplog.text
    monkeypatch.undo()
    assert indexing.drift()[0] == {str(statement.pk)}
    assert found("despite") == set()  # a search never writes the index
    indexer()
    assert found("despite") == {str(statement.pk)}
    assert indexing.drift() == (set(), set(), set())


def test_date_facets_follow_the_statement(capture, make_statement):
    with capture():
        statement = make_statement(issued_on=dt.date(1975, 1, 1), issued_precision="year")
    assert found(decade=["1970s"], year=["1975"]) == {str(statement.pk)}


def test_country_facet_is_the_issuers_country(capture, make_statement, indexer):
    with capture():
        statement = make_statement()
    assert found(country=["PRK"]) == {str(statement.pk)}
    japan = Country.objects.create(code="JPN", name="Japan")
    with capture():
        issuer = statement.issuer
        issuer.country = japan
        issuer.save()
    indexer()
    assert found(country=["JPN"]) == {str(statement.pk)}
    assert found(country=["PRK"]) == set()


def test_event_rename_keeps_slug_facet(capture, make_statement):
    event = Event.objects.create(name="Summit", start_date=dt.date(2023, 8, 18))
    with capture():
        statement = make_statement()
        statement.events.add(event)
    assert found(event=["summit"]) == {str(statement.pk)}
    event.name = "Camp David Trilateral Summit"
    event.save()
    get_backend().catch_up(indexing.feed())
    event.refresh_from_db()
    assert event.slug == "summit"  # a permanent link: renaming does not move it
    assert found(event=["summit"]) == {str(statement.pk)}
    assert found("trilateral") == {str(statement.pk)}  # the new name is searchable


def logged():
    return [s or a for s, a in IndexChange.objects.values_list("statement_id", "authority")]


def test_every_write_path_appends_to_the_change_log_in_its_transaction(
    make_statement, event, country
):
    statement = make_statement(title="Logged")
    assert logged() == [statement.pk]
    statement.status = Status.WITHDRAWN
    statement.save()
    statement.events.add(event)
    statement.countries_mentioned.add(country)
    event.name = "Freedom Edge, renamed"
    event.save()
    assert logged() == [statement.pk] * 4 + [f"event:{event.pk}"]
    pk = statement.pk
    statement.delete()
    assert logged() == [pk] * 4 + [f"event:{event.pk}", pk]


def test_a_rolled_back_change_leaves_nothing_in_the_change_log(body):
    with pytest.raises(RuntimeError), transaction.atomic():
        Statement.objects.create(title="Never", body="x", issuer=body, status="published")
        raise RuntimeError
    assert logged() == []


@pytest.mark.django_db(transaction=True)
def test_an_autocommit_save_writes_its_log_row_in_the_same_transaction(body, monkeypatch):
    """A crash between the row and its log row is impossible: they commit together."""
    seen = []
    original = IndexChange.objects.record

    def record(*args, **kwargs):
        seen.append(transaction.get_connection().in_atomic_block)
        return original(*args, **kwargs)

    monkeypatch.setattr(IndexChange.objects, "record", record)
    statement = Statement.objects.create(title="Autocommit", body="x", issuer=body)
    body.name = "Renamed in autocommit"
    body.save()
    statement.delete()
    assert seen == [True, True, True]


@pytest.mark.parametrize(
    ("seen", "expected"),
    [
        ([1, 2, 3], LogPosition(3)),
        ([1, 4], LogPosition(4, (Gap(2, 3, 100.0),))),
        ([1, 4, 6, 10], LogPosition(10, (Gap(2, 3, 100.0), Gap(5, 5, 100.0), Gap(7, 9, 100.0)))),
    ],
)
def test_a_log_position_advances_over_what_it_saw_and_remembers_gaps(seen, expected):
    assert LogPosition().advance(seen, now=100.0, grace=600) == expected


def test_a_gap_is_filled_when_its_rows_commit_and_forgotten_after_the_grace():
    position = LogPosition().advance([1, 9], now=100.0, grace=600)
    assert position.advance([3, 5], now=200.0, grace=600) == LogPosition(
        9, (Gap(2, 2, 100.0), Gap(4, 4, 100.0), Gap(6, 8, 100.0))
    )
    assert position.advance([], now=701.0, grace=600) == LogPosition(9)
    assert LogPosition.from_json(position.to_json()) == position


def test_a_long_transaction_is_one_gap_however_many_rows_it_wrote():
    """20,000 positions taken by one uncommitted rename stay owed until they commit."""
    position = LogPosition().advance([20_001], now=100.0, grace=600)
    assert position.gaps == (Gap(1, 20_000, 100.0),)
    assert position.advance(range(1, 20_001), now=200.0, grace=600) == LogPosition(20_001)


def test_a_batch_cut_at_its_limit_does_not_expire_gaps_it_did_not_reach():
    position = LogPosition(10, (Gap(1, 9, 100.0),))
    cut = position.advance([1, 2], now=800.0, grace=600, expire=False)
    assert cut.gaps == (Gap(3, 9, 100.0),)


def test_too_many_open_gaps_ask_for_a_rebuild_rather_than_forget_one():
    with pytest.raises(IndexBehind):
        LogPosition().advance(range(0, 4 * LogPosition.MAX_GAPS, 2), now=1.0, grace=600)


def test_a_rename_reaches_a_statement_linked_by_a_transaction_that_committed_meanwhile(
    capture, make_statement, body, country
):
    """The renamed record is turned into statements when applied, not when logged."""
    other = IssuingBody.objects.create(name="Korean Central News Agency", country=country)
    with capture():
        statement = make_statement(title="Joint statement", issuer=other)
    body.name = "Ministry of Foreign Affairs, renamed"
    body.save()  # logged; its own index update never runs (as if it were slow)
    # Meanwhile another transaction links the statement to the body, without the new name.
    Statement.co_issuers.through.objects.create(statement=statement, issuingbody=body)
    get_backend().catch_up(indexing.feed())
    assert found("renamed") == {str(statement.pk)}


@pytest.mark.django_db(transaction=True)
def test_an_import_inside_a_rolled_back_transaction_leaves_the_index_alone(tmp_path):
    path = tmp_path / "c.jsonl"
    record = {"id": "x-1", "title": "Rolled back", "body": "Ghost words.", "country_iso3": "PRK"}
    path.write_text(json.dumps(record))
    backend = get_backend()
    before = backend.position()
    with pytest.raises(RuntimeError), transaction.atomic():
        call_command("import_statements", str(path), "--no-progress", stdout=StringIO())
        raise RuntimeError("the caller's transaction fails")
    assert backend.stored_versions() == {}
    assert backend.position() == before
    assert found("ghost") == set()


@pytest.mark.django_db(transaction=True)
def test_a_reimport_that_only_restores_an_event_link_reindexes_the_statement(tmp_path):
    record = {
        "id": "ungdc-PRK-73-2018",
        "title": "Speech",
        "body": "Peace.",
        "date": "2018",
        "date_precision": "year",
        "country_iso3": "PRK",
        "venue": "UN General Assembly, 73rd session, General Debate",
    }
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(record))
    call_command("import_statements", str(path), "--no-progress", stdout=StringIO())
    statement = Statement.objects.get()
    event = statement.events.get()
    Statement.events.through.objects.filter(statement=statement).delete()  # no signal
    indexing.repair({str(statement.pk)}, set(), set())
    assert found(event=[event.slug]) == set()
    call_command("import_statements", str(path), "--no-progress", stdout=StringIO())
    assert found(event=[event.slug]) == {str(statement.pk)}


def test_an_edit_is_indexed_ahead_of_a_long_rename(capture, make_statement, body):
    with capture():
        statements = [make_statement(title=f"Statement {n}") for n in range(6)]
    worker = Indexer(say=lambda line: None, chunk=2, background=False)
    while worker.round():
        pass
    with capture():
        body.name = "Zanzibarian Press Office"
        body.save()
    edited = statements[-1]
    edited.summary = "Quokka"
    edited.save()  # no commit callback here: only the log has it, after the rename
    worker.round()
    assert found("quokka") == {str(edited.pk)}
    assert len(found("zanzibarian")) <= 2  # the rename is still being applied
    while worker.round():
        pass
    assert found("zanzibarian") == {str(s.pk) for s in statements}
