"""Take a search away: an Atom feed, and CSV and JSON Lines exports, streamed.

Exports stop at ``EXPORT_CAP`` rows and say so in the file; statements are
read from the database in chunks, in the order the search gave them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import replace

from django.utils import feedgenerator
from django.utils.timezone import now

from archive.models import Statement
from archive.text import xml_safe
from search.backends.base import SearchQuery, SearchResults, Sort
from search.indexing import current_backend
from search.presenters import statement_fields

EXPORT_CAP = 10_000
FEED_ENTRIES = 50
CHUNK = 500
COLUMNS = [
    "slug",
    "url",
    "title",
    "issuer",
    "issuer_country",
    "countries_named",
    "date",
    "date_precision",
    "kind",
    "language",
    "speaker",
    "speaker_post",
    "source_id",
    "source_outlet",
    "source_url",
]


def all_hits(query: SearchQuery, cap: int | None = None) -> SearchResults:
    """Every hit up to ``cap`` (the export cap) in the query's order, no facets or snippets."""
    return current_backend().search(
        replace(query, page=1, page_size=cap or EXPORT_CAP, with_facets=False, with_snippets=False)
    )


def statements_in_order(ids: list[str]) -> Iterator[Statement]:
    for start in range(0, len(ids), CHUNK):
        chunk = [int(i) for i in ids[start : start + CHUNK]]
        yield from (
            Statement.objects.published()
            .select_related("issuer__country")
            .prefetch_related("countries_mentioned")
            .in_order(chunk)
        )


def row(statement: Statement, absolute) -> dict:
    return {
        **statement_fields(statement, absolute),
        "speaker": statement.speaker,
        "speaker_post": statement.speaker_post,
        "source_outlet": statement.source_outlet,
        "source_url": statement.source_url,
    }


def cap_note(results: SearchResults, query_text: str) -> str:
    shown = min(results.total, EXPORT_CAP)
    return (
        f"Diplomatic statement archive export: {shown} of {results.total} matching statements "
        f"(exports stop at {EXPORT_CAP} rows). "
        f"Query: {' '.join(query_text.split()) or '(all statements)'}"
    )


FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP's CSV injection rule)."""
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return "'" + value
    return value


def cell(value):
    """A list in one CSV cell: its values separated by spaces ("JPN KOR")."""
    return " ".join(value) if isinstance(value, list) else value


def csv_lines(results: SearchResults, query_text: str, absolute) -> Iterator[str]:
    """CSV text: a '#' line stating the count and the cap, a header, then one row each."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    # One cell: quoted (and so no longer a "#" comment line) only if the query holds a comma
    # or a quote, which a raw line would have turned into cells of their own.
    writer.writer.writerow([f"# {cap_note(results, query_text)}"])
    writer.writeheader()
    yield flush()
    for statement in statements_in_order([hit.id for hit in results.hits]):
        writer.writerow({k: spreadsheet_safe(cell(v)) for k, v in row(statement, absolute).items()})
        yield flush()


def jsonl_lines(results: SearchResults, query_text: str, absolute) -> Iterator[str]:
    """JSON Lines: a first {"export": …} line with the count and the cap, then one per row."""
    meta = {
        "export": {
            "note": cap_note(results, query_text),
            "total": results.total,
            "rows": min(results.total, EXPORT_CAP),
            "cap": EXPORT_CAP,
        }
    }
    yield json.dumps(meta, ensure_ascii=False) + "\n"
    for statement in statements_in_order([hit.id for hit in results.hits]):
        yield json.dumps(row(statement, absolute), ensure_ascii=False) + "\n"


class PlainTextAtomFeed(feedgenerator.Atom1Feed):
    """Atom whose entry summaries are plain text: markup in stored text is never live."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


def atom_feed(query: SearchQuery, query_text: str, feed_url: str, page_url: str, absolute) -> str:
    """An Atom feed of the newest statements matching a search; every string XML-safe."""
    results = all_hits(replace(query, sort=Sort.NEWEST), cap=FEED_ENTRIES)
    title = f"Statements matching “{query_text}”" if query_text else "Newest statements"
    feed = PlainTextAtomFeed(
        title=xml_safe(f"{title} — Diplomatic statement archive"),
        link=xml_safe(page_url),
        feed_url=xml_safe(feed_url),
        description="Newest statements matching a search of the diplomatic statement archive.",
        language="en",
    )
    for statement in statements_in_order([hit.id for hit in results.hits]):
        stamp = statement.updated_at or now()
        feed.add_item(
            title=xml_safe(statement.title),
            link=absolute(statement.get_absolute_url()),
            unique_id=absolute(statement.get_absolute_url()),
            description=xml_safe(statement.summary or statement.body[:500]),
            author_name=xml_safe(statement.issuer.name),
            pubdate=stamp,
            updateddate=stamp,
            categories=[statement.get_kind_display(), xml_safe(statement.date_display)],
        )
    return feed.writeString("utf-8")
