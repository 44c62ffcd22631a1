"""Statements as lists show them, read as flat rows instead of model instances.

A results page or an API page lists twenty statements. Reading them as model
instances, each with its issuer, the issuer's country, the countries it
names and its versions, cost the API page more than its search: about 200
country instances a page. Here one query of values reads the statements, and
two more the countries named and the versions' languages when the API wants
them, each compiled once (``archive.prepared_queries``). A statement read
elsewhere as an instance (exports, first uses) becomes the same row
(``Listed.of``), so every list describes a statement one way
(``archive.statement_json.listed_fields``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from archive.dates import IssuedDate
from archive.prepared_queries import PreparedQuery
from archive.site_urls import slug_url

# The values a row is made of, in the order of Listed's first fields.
FIELDS = (
    "pk",
    "slug",
    "title",
    "source_id",
    "issuer__name",
    "issuer__country__code",
    "issuer__country__name",
    "issued_on",
    "issued_precision",
    "issued_edtf",
    "kind",
    "language",
)


@dataclass(frozen=True, slots=True)
class Listed(IssuedDate):
    """One statement as a list shows it."""

    pk: int
    slug: str
    title: str
    source_id: str
    issuer_name: str
    issuer_country_code: str | None
    issuer_country_name: str | None
    issued_on: dt.date | None
    issued_precision: str
    issued_edtf: str
    kind: str
    language: str
    countries_named: tuple[str, ...] = ()  # codes, by the countries' names
    versions: tuple[str, ...] = ()  # languages: the original first, then by code

    def get_absolute_url(self) -> str:
        return slug_url("archive:statement", self.slug)

    @classmethod
    def of(cls, statement) -> Listed:
        """A ``Statement`` instance as the same row (its relations read as prefetched)."""
        country = statement.issuer.country
        return cls(
            statement.pk,
            statement.slug,
            statement.title,
            statement.source_id,
            statement.issuer.name,
            country.code if country else None,
            country.name if country else None,
            statement.issued_on,
            statement.issued_precision,
            statement.issued_edtf,
            statement.kind,
            statement.language,
            tuple(c.code for c in statement.countries_mentioned.all()),
            tuple(v.language for v in statement.versions.all()),
        )


def _rows(ids: list[int]):
    from archive.models import Statement

    return Statement.objects.published().filter(pk__in=ids).order_by().values_list(*FIELDS)


def _mentions(ids: list[int]):
    from archive.models import Statement

    # The order of ``countries_mentioned.all()``: its Meta's.
    mentions = Statement.countries_mentioned.through.objects.filter(statement_id__in=ids)
    return mentions.order_by("country__name").values_list("statement_id", "country__code")


def _versions(ids: list[int]):
    from archive.models import StatementVersion

    # The order of ``versions.all()``: its Meta's.
    versions = StatementVersion.objects.filter(statement_id__in=ids)
    return versions.order_by("-original", "language").values_list("statement_id", "language")


ROWS, MENTIONS, VERSIONS = PreparedQuery(_rows), PreparedQuery(_mentions), PreparedQuery(_versions)


def published(ids: list[int], relations: bool) -> list[Listed]:
    """The published statements with these ids as rows, in the order given, missing ones
    skipped; with ``relations``, the countries each names and its versions' languages.

    Unordered: sorting by date would make SQLite walk every published statement
    through the (status, issued_on) index to find twenty; (status, id) finds them.
    """
    ids = list(dict.fromkeys(ids))
    rows = {row[0]: row for row in ROWS.rows(ids)}
    named: dict[int, list[str]] = defaultdict(list)
    languages: dict[int, list[str]] = defaultdict(list)
    if relations and rows:
        found = list(rows)
        for pk, code in MENTIONS.rows(found):
            named[pk].append(code)
        for pk, language in VERSIONS.rows(found):
            languages[pk].append(language)
    return [Listed(*rows[pk], tuple(named[pk]), tuple(languages[pk])) for pk in ids if pk in rows]
