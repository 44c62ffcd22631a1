"""Lag is said, not hidden: search notices, the API's ``index`` field, /health/, the check."""

from io import StringIO

import pytest
from django.core.management import call_command

from search.backends import get_backend
from search.backends.base import SearchQuery
from search.searching import search
from search.sync import lag


@pytest.fixture
def lag_notice_at_once(settings):
    settings.SEARCH_INDEXING = {**settings.SEARCH_INDEXING, "LAG_NOTICE": 0, "CHECK_INTERVAL": 0}


def saved_while_locked(make_statement, **fields):
    """A save whose quick sync finds the index locked: only the log and the indexer have it."""
    with get_backend().store.write_lock():
        return make_statement(**fields)


@pytest.mark.django_db(transaction=True)
def test_a_search_says_how_far_behind_the_index_is_until_the_indexer_applies_it(
    make_statement, lag_notice_at_once, indexer, client
):
    saved_while_locked(make_statement, title="Saved behind the index")
    results = search(SearchQuery(text="behind"))
    assert results.total == 0
    (notice,) = [n for n in results.notices if "not all searchable" in n]
    assert "1 change(s) behind" in notice
    assert "The indexer is not running." in notice
    api = client.get("/api/search/", {"q": "behind"}).json()
    assert api["index"]["behind"] is True and api["index"]["changes"] == 1
    assert any("1 change(s) behind" in n for n in api["notices"])
    assert "1 change(s) behind" in client.get("/search/", {"q": "behind"}).content.decode()

    indexer()
    results = search(SearchQuery(text="behind"))
    assert results.total == 1
    assert not [n for n in results.notices if "not all searchable" in n]
    assert client.get("/api/search/", {"q": "behind"}).json()["index"] == {
        "behind": False,
        "changes": 0,
        "seconds": 0.0,
        "indexer_running": False,
    }


@pytest.mark.django_db(transaction=True)
def test_a_fresh_change_is_not_reported_as_lag(make_statement, indexer, settings):
    settings.SEARCH_INDEXING = {**settings.SEARCH_INDEXING, "LAG_NOTICE": 60}
    saved_while_locked(make_statement, title="Saved a moment ago")
    measured = lag.measure()
    assert measured.changes == 1 and not measured.behind
    assert lag.current().notice() is None


@pytest.mark.django_db(transaction=True)
def test_health_answers_503_without_an_indexer_or_when_behind_and_200_when_current(
    client, make_statement, lag_notice_at_once, indexer, fresh_search_index
):
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "no indexer"
    assert response["Cache-Control"] == "no-store"

    get_backend().indexer_beat()
    assert client.get("/health/").json()["status"] == "ok"
    assert client.get("/health/").status_code == 200

    saved_while_locked(make_statement, title="Owed")
    behind = client.get("/health/")
    assert behind.status_code == 503
    assert behind.json()["status"] == "behind"
    assert "1 change(s) behind" in behind.json()["detail"]

    indexer()
    assert client.get("/health/").status_code == 200


def test_health_answers_503_when_there_is_no_index(client, db, fresh_search_index):
    import shutil

    shutil.rmtree(fresh_search_index)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "no index"}


@pytest.mark.django_db(transaction=True)
def test_check_search_index_prints_the_lag(make_statement, indexer):
    saved_while_locked(make_statement, title="Owed to the index")
    out = StringIO()
    with pytest.raises(Exception, match="drifted"):
        call_command("check_search_index", stdout=out)
    assert "Lag: The index is 1 change(s) behind the archive" in out.getvalue()
    assert "no indexer is running" in out.getvalue()
    indexer()
    get_backend().indexer_beat()
    out = StringIO()
    call_command("check_search_index", stdout=out)
    assert "Lag: The index is up to date; the indexer is running." in out.getvalue()
