"""System checks for the search settings: each backend checks its own configuration
(``SearchBackend.check``); an index in an older format is reported for every backend."""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

from search.backends import get_backend


@checks.register("search")
def check_search_backend(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    config = getattr(settings, "SEARCH_BACKEND", None)
    if not isinstance(config, dict) or "BACKEND" not in config:
        return [
            checks.Error(
                "SEARCH_BACKEND must be a dict with a BACKEND dotted path.", id="search.E001"
            )
        ]
    try:
        backend_class = import_string(str(config["BACKEND"]))
    except ImportError as exc:
        return [
            checks.Error(f"SEARCH_BACKEND's BACKEND cannot be imported: {exc}", id="search.E006")
        ]
    errors = backend_class.check(config)
    if not errors and _outdated():
        errors.append(
            checks.Warning(
                "The search index was written in an older format; searches fail until it is "
                "rebuilt.",
                hint="Run: manage.py rebuild_search_index",
                id="search.W001",
            )
        )
    return errors


def _outdated() -> bool:
    try:
        return get_backend().is_outdated()
    except Exception:  # an unreadable index is reported when it is used
        return False
