"""Each contract test gets a new, empty index of every backend the database allows."""

import pytest
from django.utils.module_loading import import_string

from tests.conftest import backend_config, search_engines
from tests.contract.documents import Caller


@pytest.fixture(params=search_engines())
def empty_backend(request, tmp_path):
    """A backend built from its settings alone, rebuilt empty (PostgreSQL's index lives
    in the test database, so the contract tests are database tests)."""
    options = backend_config(request.param, tmp_path / "contract")
    instance = Caller(import_string(options["BACKEND"])(options))
    assert not instance.exists() and instance.position() is None
    instance.rebuild([])
    yield instance
    instance.close()
