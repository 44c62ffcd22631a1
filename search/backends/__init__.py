"""Load the configured search backend once per process.

``settings.SEARCH_BACKEND`` is a dict like Django's cache settings::

    SEARCH_BACKEND = {"BACKEND": "search.backends.whoosh.WhooshBackend", "PATH": "var/index"}
"""

from __future__ import annotations

import threading

from django.conf import settings
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
