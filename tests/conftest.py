"""Shared fixtures: archive records built inline, and users in each group."""

import datetime as dt

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, User
from django.test import Client

from archive.groups import sync_groups
from archive.models import Country, Event, IssuingBody, Statement, Status
from search import backends

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


@pytest.fixture(autouse=True)
def fresh_search_index(settings, tmp_path):
    """Give every test its own index: a database rollback does not roll back Whoosh.

    The index starts empty, as the test database does (an index is never
    created by a write or a search: ``rebuild_search_index`` creates it).
    """
    settings.SEARCH_BACKEND = {**settings.SEARCH_BACKEND, "PATH": tmp_path / "search-index"}
    backends.get_backend().rebuild([])
    yield settings.SEARCH_BACKEND["PATH"]
    for key, backend in list(backends._backends.items()):
        backend.close()
        del backends._backends[key]


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (which index) as a committed transaction would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
