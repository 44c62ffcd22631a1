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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from django.utils import feedgenerator
from django.utils.text import slugify

from archive import dates
from archive.models import Statement
from archive.statement_json import statement_fields
from archive.text import is_web_url, xml_safe
from search import searching
from search.backends.base import SearchQuery, SearchResults, Sort

EXPORT_CAP = 10_000
FEED_ENTRIES = 50
CHUNK = 500
COLUMNS = [
    "slug",
    "url",
    "title",
    "issuer",
    "issuer_country",
    "issuer_country_name",
    "countries_named",
    "countries_named_names",
    "date_start",
    "date_end",
    "date_precision",
    "year",
    "decade",
    "date_edtf",
    "kind",
    "language",
    "versions",
    "speaker",
    "speaker_id",
    "speaker_name",
    "speaker_post",
    "source_id",
    "source_outlet",
    "source_url",
    "summary",
    "events",
]
# A list in one CSV cell: country codes hold no space; names hold spaces but no ";".
CELL_SEPARATORS = {"countries_named": " ", "countries_named_names": "; ", "events": "; "}
BYTE_ORDER_MARK = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with one


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
            .select_related("issuer__country", "speaker_person")
            .prefetch_related("countries_mentioned", "events", "versions")
            .in_order(chunk)
        )


def row(statement: Statement, absolute) -> dict:
    """One statement's export fields, typed for analysis: the date as its first and last day
    (ISO), its year and decade; names beside codes; the speaker's authority record. A source
    URL only if it is a web address."""
    fields = statement_fields(statement, absolute)
    del fields["date"]  # "1950" or "2024-06-30": no one type; date_start and date_end are
    span = statement.date_span
    country = statement.issuer.country
    person = statement.speaker_person
    return {
        **fields,
        "issuer_country_name": country.name if country else None,
        "countries_named_names": [c.name for c in statement.countries_mentioned.all()],
        "date_start": span[0].isoformat() if span else None,
        "date_end": span[1].isoformat() if span else None,
        "year": span[0].year if span else None,
        "decade": dates.decade_of(span[0].year) if span else None,
        "speaker": statement.speaker_display,
        "speaker_id": person.slug if person else None,
        "speaker_name": person.name if person else None,
        "speaker_post": statement.speaker_post,
        "source_outlet": statement.source_outlet,
        "source_url": statement.source_url if is_web_url(statement.source_url) else "",
        "summary": statement.summary,
        "events": [event.name for event in statement.events.all()],
    }


def download_name(kind: str, parts: list[str], extension: str) -> str:
    """A download's name from what was asked: "statements-asian-nato-prk-2024.csv"."""
    words = slugify(" ".join(parts))[:80].strip("-")
    return f"{kind}-{words}.{extension}" if words else f"{kind}.{extension}"


def file_name(query: SearchQuery, extension: str) -> str:
    """An export's name from the search: its words, filter values and dates."""
    parts = [query.text, *(v for values in query.filters.values() for v in values)]
    parts += [d.isoformat() for d in (query.date_from, query.date_to) if d]
    return download_name("statements", parts, extension)


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


def csv_lines(results: SearchResults, absolute, excel: bool = False) -> Iterator[str]:
    """CSV text: the header row first (after a byte-order mark for Excel), then one row per
    statement, every cell formula-safe."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writeheader()
    yield (BYTE_ORDER_MARK if excel else "") + flush()
    for statement in statements_in_order([hit.id for hit in results.hits]):
        fields = row(statement, absolute)
        writer.writerow({k: spreadsheet_safe(cell(k, v)) for k, v in fields.items()})
        yield flush()


def excel_csv_lines(results: SearchResults, absolute) -> Iterator[str]:
    """The CSV, with the byte-order mark Excel needs to read it as UTF-8."""
    return csv_lines(results, absolute, excel=True)


def jsonl_lines(results: SearchResults, absolute) -> Iterator[str]:
    """JSON Lines: one statement per line, nothing else."""
    for statement in statements_in_order([hit.id for hit in results.hits]):
        yield json.dumps(row(statement, absolute), ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class ExportFormat:
    """A way to take a search away: its name in the URL (``/search/export.<name>``), the link
    text on the search page, the file's type and extension, and the lines it streams."""

    name: str
    label: str
    content_type: str
    extension: str
    lines: Callable[[SearchResults, Callable[[str], str]], Iterator[str]]


# The export formats, in the order the search page offers them: a new format is one entry.
FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("csv", "CSV", "text/csv", "csv", csv_lines),
        ExportFormat("excel.csv", "CSV for Excel", "text/csv", "csv", excel_csv_lines),
        ExportFormat("jsonl", "JSON Lines", "application/x-ndjson", "jsonl", jsonl_lines),
    )
}


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
