"""System checks of a PostgreSQL backend's configuration."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core import checks


def database_for_postgres_backend(
    config: Mapping[str, object], databases: dict | None = None
) -> list[checks.CheckMessage]:
    """An error if the PostgreSQL backend is given a database that is not PostgreSQL."""
    alias = str(config.get("DATABASE", "default"))
    engine = (databases or settings.DATABASES).get(alias, {}).get("ENGINE", "")
    if "postgresql" in engine:
        return []
    return [
        checks.Error(
            f"The PostgreSQL search backend needs a PostgreSQL database; {alias!r} is {engine}.",
            hint="Set DATABASE_URL to a PostgreSQL database, or SEARCH_ENGINE=whoosh.",
            id="search.E005",
        )
    ]
