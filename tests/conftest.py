"""Shared fixtures: archive records built inline, and users in each group."""

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import Client
from django.utils.module_loading import import_string

from archive.groups import sync_groups
from archive.management.commands.load_demo_data import DEMO_FIXTURES
from archive.models import Country, Event, IssuingBody, Statement, Status
from search import backends, documents, label_cache
from search.sync import indexing, lag
from search.sync.indexer import Indexer

# The JSON API tests' small corpus lives beside its helpers.
pytest_plugins = ["tests.api_support", "tests.process_support"]


@pytest.fixture
def country(db):
    return Country.objects.create(code="PRK", name="North Korea", aliases="DPRK", region="asia")


@pytest.fixture
def body(country):
    return IssuingBody.objects.create(
        name="DPRK Ministry of Foreign Affairs", kind="foreign_ministry", country=country
    )


@pytest.fixture
def event(db):
    return Event.objects.create(
        name="Freedom Edge 2024",
        kind="military_exercise",
        start_date=dt.date(2024, 6, 27),
        end_date=dt.date(2024, 6, 29),
    )


@pytest.fixture
def make_statement(body):
    """Return a function that creates statements with sensible defaults."""

    def make(**fields):
        defaults = {
            "title": "Statement on the exercise",
            "body": "We strongly denounce the exercise.",
            "issuer": body,
            "issued_on": dt.date(2024, 6, 30),
            "status": Status.PUBLISHED,
        }
        return Statement.objects.create(**{**defaults, **fields})

    return make


def _user(name: str, group: str | None) -> User:
    # A transactional test's flush empties the groups the migration made: restore them.
    sync_groups(django_apps)
    user = User.objects.create_user(name, password="pw-for-tests-0", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def archivist(db):
    return _user("archie", "Archivists")


@pytest.fixture
def editor(db):
    return _user("edith", "Editors")


@pytest.fixture
def archivist_client(client, archivist):
    client.force_login(archivist)
    return client


@pytest.fixture
def editor_client(editor):
    """A client of its own, so a test can hold an archivist and an editor at once."""
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def search_engines() -> list[str]:
    """The backends the suite runs on: every one in ``SEARCH_BACKENDS`` whose own checks pass
    on this database (PostgreSQL's only when the database is PostgreSQL)."""
    return [name for name, config in django_settings.SEARCH_BACKENDS.items() if _usable(config)]


def _usable(config: dict) -> bool:
    """Whether a backend's configuration checks pass, its index directory aside (a test's
    index is its own: ``backend_config``)."""
    options = {key: value for key, value in config.items() if key != "PATH"}
    return not any(m.is_serious() for m in import_string(config["BACKEND"]).check(options))


def backend_config(name: str, directory: Path) -> dict:
    """Backend ``name``'s settings, its index under ``directory`` when it keeps one in files
    (``PATH``); an index kept in the database is the test database's."""
    config = dict(django_settings.SEARCH_BACKENDS[name])
    if "PATH" in config:
        config["PATH"] = directory / name
    return config


def pytest_generate_tests(metafunc):
    """Tests marked ``every_backend`` run once per search backend the database allows."""
    if metafunc.definition.get_closest_marker("every_backend"):
        metafunc.parametrize("search_engine", search_engines(), indirect=True)


def pytest_collection_modifyitems(items):
    """A test on PostgreSQL's backend needs the test database before its index is reset
    (the marker sets it up ahead of every fixture): its index lives there."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        engine = callspec.params.get("search_engine") if callspec else None
        if engine == "postgres" and not item.get_closest_marker("django_db"):
            fixtures = set(getattr(item, "fixturenames", ()))
            transactional = bool({"transactional_db", "live_server"} & fixtures)
            item.add_marker(pytest.mark.django_db(transaction=transactional))


@pytest.fixture
def search_engine(request):
    """The search backend a test runs on (``SEARCH_ENGINE``, or each with ``every_backend``)."""
    return getattr(request, "param", os.environ.get("SEARCH_ENGINE", "whoosh"))


# Each file-based backend's demo index, built once per test process and copied for each
# module whose demo documents are the same (their ids come from the database's sequences,
# which tests before the module may have moved on): documents' ids and versions -> the index.
DEMO_INDEXES: dict[str, tuple[tuple, Path]] = {}


@pytest.fixture(scope="module")
def demo_archive(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data, loaded once per module and indexed by every backend.

    It is held in a transaction that each test's own (a savepoint inside it)
    rolls back to, and that is rolled back when the module ends. Yield each
    backend's settings, pointing at its demo index: for a backend whose index
    is in files, a copy of one this process built for the same documents.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            if not Statement.objects.exists():
                # Statements numbered from 1 in every module, so that this process's demo
                # index fits each module's load (earlier tests may have moved the sequence).
                table = {"table": Statement._meta.db_table, "column": "id"}
                with connection.cursor() as cursor:
                    for sql in connection.ops.sequence_reset_by_name_sql(no_style(), [table]):
                        cursor.execute(sql)
            indexing.defer()  # nothing is indexed per statement: each index is built below
            try:
                call_command("loaddata", *DEMO_FIXTURES, verbosity=0)
            finally:
                indexing.resume()
            configs = {}
            demo_documents = list(documents.iter_documents())
            signature = tuple((document.id, document.version) for document in demo_documents)
            for engine in search_engines():
                config = backend_config(engine, tmp_path_factory.mktemp("demo-index"))
                built = DEMO_INDEXES.get(engine)
                if built is not None and built[0] == signature:
                    shutil.copytree(built[1], config["PATH"], symlinks=True)
                else:
                    backend = import_string(config["BACKEND"])(config)
                    backend.rebuild(demo_documents)
                    backend.close()
                    if "PATH" in config:
                        kept = tmp_path_factory.mktemp("demo-built") / engine
                        shutil.copytree(config["PATH"], kept, symlinks=True)
                        DEMO_INDEXES[engine] = (signature, kept)
                configs[engine] = config
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield configs
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def demo(demo_archive, db, settings, search_engine):
    """The demo data and its index, for a test that reads them (changes roll back)."""
    settings.SEARCH_BACKEND = demo_archive[search_engine]


@pytest.fixture(autouse=True)
def fresh_search_index(request, settings, tmp_path, search_engine):
    """Give every test its own index: a database rollback does not roll back Whoosh.

    The index starts empty, as the test database does (an index is never
    created by a write or a search: ``rebuild_search_index`` creates it).
    PostgreSQL's index is in the test's database, so the test gets one.
    """
    settings.SEARCH_BACKEND = backend_config(search_engine, tmp_path)
    if "demo" not in request.fixturenames:  # the demo's index is built once per module
        backends.get_backend().rebuild([])
    yield settings.SEARCH_BACKEND.get("PATH")
    label_cache.CACHE.clear()  # labels read in a transaction that rolled back
    lag.forget()
    # Backends are closed and forgotten when the settings fixture restores SEARCH_BACKEND
    # (search/backends/__init__.py, on setting_changed).


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (which index) as a committed transaction would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def indexer():
    """Run the node's indexer (``search.sync.indexer``) until it has nothing left to do."""
    worker = Indexer(say=lambda line: None, background=False)

    def run(rounds: int = 1000) -> None:
        for _ in range(rounds):
            if not worker.round():
                return
        raise AssertionError(f"The indexer still had work after {rounds} rounds.")

    return run
