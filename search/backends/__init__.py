"""Load the configured search backend once per process.

``settings.SEARCH_BACKEND`` is a dict like Django's cache settings::

    SEARCH_BACKEND = {"BACKEND": "search.backends.whoosh.WhooshBackend", "PATH": "var/index"}

Changing the setting (``override_settings``, a test's ``settings`` fixture) closes and
forgets every loaded backend, as Django resets its own caches on ``setting_changed``.
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from search.backends.base import SearchBackend

_backends: dict[tuple[str, str], SearchBackend] = {}
_lock = threading.Lock()


def get_backend() -> SearchBackend:
    """Return this process's backend for the current settings (one per configuration)."""
    config = settings.SEARCH_BACKEND
    key = (config["BACKEND"], str(config.get("PATH", "")))
    backend = _backends.get(key)
    if backend is None:
        with _lock:
            backend = _backends.get(key)
            if backend is None:
                backend = _backends[key] = import_string(config["BACKEND"])(dict(config))
    return backend


def close_all() -> None:
    """Close and forget every backend this process loaded: the next use loads afresh."""
    with _lock:
        loaded = list(_backends.values())
        _backends.clear()
    for backend in loaded:
        backend.close()


@receiver(setting_changed)
def _settings_changed(setting: str, **kwargs: object) -> None:
    if setting in ("SEARCH_BACKEND", "SEARCH_BACKENDS"):
        close_all()
