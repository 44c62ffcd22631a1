"""One backend per configuration and process, forgotten when the setting changes."""

from django.test import override_settings

from search import backends
from search.backends import get_backend


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
