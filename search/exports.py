"""Take a search away: an Atom feed, and CSV and JSON Lines exports, streamed.

Exports stop at ``EXPORT_CAP`` rows; the count and the cap travel in response
headers (``export_headers``), so a CSV starts with its header row and every JSON
Lines line is a statement. Statements are read from the database in chunks, in
the order the search gave them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import replace

from django.utils import feedgenerator

from archive.models import Statement
from archive.text import is_web_url, xml_safe
from search import searching
from search.backends.base import SearchQuery, SearchResults, Sort
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
    "summary",
    "events",
    "date_edtf",
]
# A list in one CSV cell: country codes hold no space, event names hold spaces but no ";".
CELL_SEPARATORS = {"countries_named": " ", "events": "; "}


def all_hits(query: SearchQuery, cap: int | None = None) -> SearchResults:
    """Every hit up to ``cap`` (the export cap) in the query's order, no facets or snippets."""
    return searching.search(
        replace(query, page=1, page_size=cap or EXPORT_CAP, with_facets=False, with_snippets=False)
    )


def statements_in_order(ids: list[str]) -> Iterator[Statement]:
    for start in range(0, len(ids), CHUNK):
        chunk = [int(i) for i in ids[start : start + CHUNK]]
        yield from (
            Statement.objects.published()
            .select_related("issuer__country")
            .prefetch_related("countries_mentioned", "events")
            .in_order(chunk)
        )


def row(statement: Statement, absolute) -> dict:
    """One statement's export fields; a source URL only if it is a web address."""
    return {
        **statement_fields(statement, absolute),
        "speaker": statement.speaker,
        "speaker_post": statement.speaker_post,
        "source_outlet": statement.source_outlet,
        "source_url": statement.source_url if is_web_url(statement.source_url) else "",
        "summary": statement.summary,
        "events": [event.name for event in statement.events.all()],
    }


def export_headers(results: SearchResults) -> dict[str, str]:
    """The count and the cap of an export, as response headers rather than lines of the file.

    ``X-Total-Count`` is how many statements match, ``X-Export-Limit`` the cap,
    ``X-Export-Count`` how many rows the file holds at most, and
    ``X-Export-Truncated`` whether the cap left matches out (``true``/``false``).
    """
    return {
        "X-Total-Count": str(results.total),
        "X-Export-Limit": str(EXPORT_CAP),
        "X-Export-Count": str(min(results.total, EXPORT_CAP)),
        "X-Export-Truncated": "true" if results.total > EXPORT_CAP else "false",
    }


FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP's CSV injection rule)."""
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return "'" + value
    return value


def cell(column: str, value):
    """A list in one CSV cell: "JPN KOR" for codes, "; " between event names."""
    return CELL_SEPARATORS.get(column, " ").join(value) if isinstance(value, list) else value


def csv_lines(results: SearchResults, absolute) -> Iterator[str]:
    """CSV text: the header row first, then one row per statement, every cell formula-safe."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writeheader()
    yield flush()
    for statement in statements_in_order([hit.id for hit in results.hits]):
        fields = row(statement, absolute)
        writer.writerow({k: spreadsheet_safe(cell(k, v)) for k, v in fields.items()})
        yield flush()


def jsonl_lines(results: SearchResults, absolute) -> Iterator[str]:
    """JSON Lines: one statement per line, nothing else."""
    for statement in statements_in_order([hit.id for hit in results.hits]):
        yield json.dumps(row(statement, absolute), ensure_ascii=False) + "\n"


class PlainTextAtomFeed(feedgenerator.Atom1Feed):
    """Atom whose entry summaries are plain text: markup in stored text is never live."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


def published(statement: Statement) -> dt.datetime | None:
    """An entry's ``published``: midnight UTC of the first day the statement's date stands for.

    A statement known to the year is published on 1 January, one known to the
    month on the 1st, so the value is a full RFC 3339 timestamp at any
    precision. An undated statement has no ``published`` (Atom makes it
    optional): the archive does not invent a date, and readers fall back to
    ``updated``, the last change of the record.
    """
    if statement.issued_on is None:
        return None
    return dt.datetime.combine(statement.issued_on, dt.time(), tzinfo=dt.UTC)


def atom_feed(query: SearchQuery, query_text: str, feed_url: str, page_url: str, absolute) -> str:
    """An Atom feed of the newest statements matching a search; every string XML-safe.

    Each entry is ``published`` at the statement's date (``published``) and
    ``updated`` when its record last changed (``updated_at``).
    """
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
        feed.add_item(
            title=xml_safe(statement.title),
            link=absolute(statement.get_absolute_url()),
            unique_id=absolute(statement.get_absolute_url()),
            description=xml_safe(statement.summary or statement.body[:500]),
            author_name=xml_safe(statement.issuer.name),
            pubdate=published(statement),
            updateddate=statement.updated_at,
            categories=[statement.get_kind_display(), xml_safe(statement.date_display)],
        )
    return feed.writeString("utf-8")
