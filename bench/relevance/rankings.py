"""The top of each engine's ranking for every information need, as source identifiers."""

from __future__ import annotations

import os
from pathlib import Path

from bench.relevance.metrics import DEPTH

ROOT = Path(__file__).resolve().parent.parent.parent


def use_workdir(workdir: Path) -> None:
    """Point Django at a benchmark directory's database and index, and set it up."""
    os.environ.update(
        {
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "SEARCH_INDEX_DIR": str(workdir / "index"),
            "DJANGO_SETTINGS_MODULE": "archive.project.settings",
            "LOG_LEVEL": "ERROR",
        }
    )
    import django

    django.setup()


def source_ids(pks: list[int]) -> list[str]:
    from archive.models import Statement

    found = dict(Statement.objects.filter(pk__in=pks).values_list("pk", "source_id"))
    return [found[pk] or f"pk-{pk}" for pk in pks if pk in found]


def ours(backend, needs: list[dict], depth: int = DEPTH) -> dict[str, list[str]]:
    from search.backends.base import SearchQuery

    ranked = {}
    for need in needs:
        query = SearchQuery(
            text=need["query"], page_size=depth, with_facets=False, with_snippets=False
        )
        ranked[need["id"]] = source_ids([int(hit.id) for hit in backend.search(query).hits])
    return ranked


def reference(engine, needs: list[dict], depth: int = DEPTH) -> dict[str, list[str]]:
    """The ranking of a reference engine (FTS5, tantivy): its ``page`` answers ``{"q": …}``."""
    return {
        need["id"]: source_ids([row[0] for row in engine.page({"q": need["query"]})["hits"]])[
            :depth
        ]
        for need in needs
    }
