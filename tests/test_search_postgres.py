"""The PostgreSQL backend in the archive: writes in the statement's transaction, one
setting and a rebuild to switch to it, and what the checks say about it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from search import searching
from search.backends import get_backend
from search.backends.base import IndexUnavailable, SearchQuery
from search.backends.postgres.checks import database_for_postgres_backend
from tests.conftest import search_engines

ROOT = Path(__file__).resolve().parent.parent
on_postgres = pytest.mark.skipif(
    "postgres" not in search_engines(),
    reason="The PostgreSQL backend needs a PostgreSQL database: .ci/run runs this on one.",
)


def found(text: str) -> set[str]:
    return {hit.id for hit in searching.search(SearchQuery(text=text)).hits}


@on_postgres
@pytest.mark.parametrize("search_engine", ["postgres"], indirect=True)
def test_the_index_row_commits_and_rolls_back_with_its_statement(make_statement):
    with transaction.atomic():
        kept = make_statement(title="Fisheries accord", body="Quotas for fisheries.")
    with transaction.atomic():
        dropped = make_statement(title="Whaling moratorium", body="The fisheries of whales.")
        # Searchable inside the writing transaction, before any commit.
        assert found("fisheries") == {str(kept.pk), str(dropped.pk)}
        transaction.set_rollback(True)
    assert found("fisheries") == {str(kept.pk)}
    assert set(get_backend().stored_versions()) == {str(kept.pk)}


@on_postgres
@pytest.mark.parametrize("search_engine", ["postgres"], indirect=True)
def test_a_renamed_country_is_searchable_under_its_new_name_at_once(make_statement, country):
    statement = make_statement(title="Statement", body="Talks resume.")
    country.name = "Democratic People's Republic of Korea"
    country.save()
    assert str(statement.pk) in found("country:democratic")


@on_postgres
def test_switching_to_postgres_is_one_setting_and_a_rebuild(settings, make_statement, client):
    # Written while the archive searched with Whoosh.
    statement = make_statement(title="Fisheries accord", body="Quotas for fisheries.")
    settings.SEARCH_BACKEND = settings.SEARCH_BACKENDS["postgres"]
    with pytest.raises(IndexUnavailable):
        get_backend().search(SearchQuery(text="fisheries"))
    call_command("rebuild_search_index", "--no-progress")
    response = client.get("/api/search/", {"q": "fisheries"})
    assert [row["slug"] for row in response.json()["results"]] == [statement.slug]


@on_postgres
@pytest.mark.parametrize("search_engine", ["postgres"], indirect=True)
def test_an_index_of_other_facets_must_be_rebuilt(make_statement, client):
    make_statement()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE search_pg_state SET facets = 'issuer:text[]'")
    assert get_backend().is_outdated()
    response = client.get("/search/", {"q": "exercise"})
    assert response.status_code == 503
    call_command("rebuild_search_index", "--no-progress")
    assert not get_backend().is_outdated()
    assert client.get("/search/", {"q": "exercise"}).status_code == 200


def test_the_postgres_backend_on_another_database_is_a_system_error():
    config = {"BACKEND": "search.backends.postgres.PostgresBackend", "DATABASE": "default"}
    sqlite = {"default": {"ENGINE": "django.db.backends.sqlite3"}}
    postgres = {"default": {"ENGINE": "django.db.backends.postgresql"}}
    assert [e.id for e in database_for_postgres_backend(config, sqlite)] == ["search.E005"]
    assert database_for_postgres_backend(config, postgres) == []


@on_postgres
@pytest.mark.parametrize("search_engine", ["postgres"], indirect=True)
def test_indexing_and_searching_in_a_transaction_leave_its_timeouts_as_they_were(
    make_statement,
):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout = '7s'")
        statement = make_statement(title="Fisheries accord", body="Quotas for fisheries.")
        assert found("fisheries") == {str(statement.pk)}
        cursor.execute(
            "SELECT current_setting('lock_timeout'), current_setting('statement_timeout')"
        )
        assert cursor.fetchone() == ("7s", "0")


# Whoosh's modules refused at import: the PostgreSQL backend must never need them.
WITHOUT_WHOOSH = """
import importlib.abc, sys

class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] == "whoosh":
            raise ImportError(f"{name} refused: the PostgreSQL backend must not need Whoosh")

sys.meta_path.insert(0, Refuse())
import django
django.setup()
from django.core.management import call_command
call_command("check", fail_level="ERROR")
from search.searching import search
from search.backends.base import SearchQuery
results = search(SearchQuery(text="fisheries"))
print(results.total, results.hits[0].snippet, "whoosh" in sys.modules)
"""


@on_postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("search_engine", ["postgres"], indirect=True)
def test_the_backend_checks_indexes_and_searches_without_whoosh_installed(make_statement):
    make_statement(title="Fisheries accord", body="Quotas for fisheries were agreed.")
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "archive.project.settings",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}",
        "SEARCH_ENGINE": "postgres",
    }
    run = subprocess.run(
        [sys.executable, "-c", WITHOUT_WHOOSH],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[-2] == "1 Quotas for <mark>fisheries</mark> were agreed. False"
