"""One backend per configuration and process, forgotten when the setting changes."""

from django.test import override_settings

from search import backends
from search.backends import get_backend
from search.checks import check_search_backend


def test_the_same_configuration_gives_the_same_backend():
    assert get_backend() is get_backend()


def test_changing_the_setting_closes_and_forgets_the_loaded_backend(settings, tmp_path):
    before = get_backend()
    closed = []
    before.close = lambda: closed.append(True)  # what the receiver must call
    config = dict(settings.SEARCH_BACKEND, PATH=tmp_path / "other-index")
    with override_settings(SEARCH_BACKEND=config):
        assert closed == [True]
        during = get_backend()
        assert during is not before
    assert get_backend() is not during  # restoring the setting forgets it too
    assert backends.get_backend() is get_backend()


def test_the_system_check_reports_a_backend_that_cannot_be_imported(settings):
    settings.SEARCH_BACKEND = {"BACKEND": "search.backends.nowhere.NoBackend"}
    assert [m.id for m in check_search_backend()] == ["search.E006"]
    settings.SEARCH_BACKEND = {"PATH": "var/index"}
    assert [m.id for m in check_search_backend()] == ["search.E001"]


def test_each_backend_checks_its_own_configuration(settings, tmp_path):
    root = tmp_path / "index"
    root.mkdir(mode=0o755)
    settings.SEARCH_BACKEND = dict(settings.SEARCH_BACKENDS["whoosh"], PATH=root)
    root.chmod(0o777)  # writable by others: Whoosh's check refuses it (pickled schema)
    assert [m.id for m in check_search_backend()] == ["search.E002"]
    root.chmod(0o755)
    assert check_search_backend() == []
