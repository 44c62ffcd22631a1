"""Tagging statements with the countries their text names, without undoing archivists' work.

A statement keeps three sets of countries:

- ``countries_mentioned``, the countries named, as the public sees them;
- ``countries_extracted``, what the finder found in the text at the last tagging;
- ``countries_not_named``, found countries an archivist removed.

Tagging replaces the found set and changes the named set by the difference
only: a country the finder no longer finds leaves, a newly found one joins
unless an archivist removed it before. A country entered by hand and never
found stays whatever the finder does. The issuing state's own country is not
"named": a speech saying "my Government and Japan" names Japan, not itself.
Tagging twice changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction

from archive import history
from archive.mentions import CountryFinder
from archive.models import Country, Statement, StatementVersion
from archive.records import links_written

CHUNK = 500


def text_of(title: str, summary: str, body: str) -> str:
    return "\n".join(part for part in (title, summary, body) if part)


# A statement's texts as the finder reads them: (language, text), its own and its versions'.
Texts = list[tuple[str, str]]


def version_texts(pks: list[int]) -> dict[int, Texts]:
    """The texts of these statements' versions, each with its language."""
    found: dict[int, Texts] = defaultdict(list)
    for pk, language, title, body in StatementVersion.objects.filter(
        statement_id__in=pks
    ).values_list("statement_id", "language", "title", "body"):
        found[pk].append((language, text_of(title, "", body)))
    return found


def _links(field: str, pks: list[int]) -> dict[int, set[int]]:
    through = getattr(Statement, field).through
    links: dict[int, set[int]] = defaultdict(set)
    for statement_id, country_id in through.objects.filter(statement_id__in=pks).values_list(
        "statement_id", "country_id"
    ):
        links[statement_id].add(country_id)
    return links


def _write(field: str, wanted: dict[int, set[int]], have: dict[int, set[int]]) -> None:
    """Make the links of ``field`` equal ``wanted`` for these statements, by the difference."""
    through = getattr(Statement, field).through
    for pk, countries in wanted.items():
        gone = have.get(pk, set()) - countries
        if gone:
            through.objects.filter(statement_id=pk, country_id__in=gone).delete()
    rows = [
        (pk, country)
        for pk, countries in wanted.items()
        for country in sorted(countries - have.get(pk, set()))
    ]
    if rows:  # plain rows: an import writes some 200,000 of them, model instances cost 3×
        table = connection.ops.quote_name(through._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (statement_id, country_id) VALUES (%s, %s)", rows
            )


def tag(pks: Iterable[int], finder: CountryFinder | None = None) -> list[int]:
    """Tag these statements; return those whose countries named changed."""
    finder = finder or Country.objects.finder()
    pks = list(pks)
    changed: list[int] = []
    for first in range(0, len(pks), CHUNK):
        chunk = pks[first : first + CHUNK]
        rows = Statement.objects.filter(pk__in=chunk).values_list(
            "pk", "title", "summary", "body", "language", "issued_on", "issuer__country_id"
        )
        versions = version_texts(chunk)
        with transaction.atomic():
            changed.extend(
                tag_texts(
                    [
                        (pk, [(language, text_of(t, s, b)), *versions.get(pk, [])], on, country)
                        for pk, t, s, b, language, on, country in rows
                    ],
                    finder,
                )
            )
    return changed


def tag_texts(
    rows: list[tuple[int, Texts, dt.date | None, int | None]], finder: CountryFinder
) -> list[int]:
    """Tag statements given as (pk, texts, date, issuing country id); return those changed.
    Each text is read in its language: a Korean one for the states' Korean names too.

    The changed ones are recorded (``links_written``): call it inside the
    transaction that writes them, so that their history and the search
    change log learn of it with the write.
    """
    ids = finder.ids or {}
    pks = [row[0] for row in rows]
    own = _co_issuer_countries(pks)
    found: dict[int, set[int]] = {}
    for pk, texts, on, country_id in rows:
        codes = set().union(*(finder.codes(text, on, language=lang) for lang, text in texts))
        found[pk] = {ids[c] for c in codes if c in ids} - own[pk] - {country_id}
    named, extracted, not_named = (
        _links("countries_mentioned", pks),
        _links("countries_extracted", pks),
        _links("countries_not_named", pks),
    )
    wanted = {
        pk: (named[pk] - (extracted[pk] - now)) | (now - not_named[pk]) for pk, now in found.items()
    }
    _write("countries_extracted", found, extracted)
    _write("countries_mentioned", wanted, named)
    changed = [pk for pk in found if wanted[pk] != named[pk]]
    with history.reason("Countries named read again from the text"):
        links_written(Statement, changed)
    return changed


def _co_issuer_countries(pks: list[int]) -> dict[int, set[int]]:
    through = Statement.co_issuers.through
    own: dict[int, set[int]] = defaultdict(set)
    for statement_id, country_id in through.objects.filter(
        statement_id__in=pks, issuingbody__country__isnull=False
    ).values_list("statement_id", "issuingbody__country_id"):
        own[statement_id].add(country_id)
    return own


def record_corrections(statement: Statement, before: set[int], after: set[int]) -> None:
    """Remember what an archivist changed in the countries named, so tagging keeps it.

    A found country the archivist removed becomes "not named"; a "not named"
    country the archivist put back is named again.
    """
    extracted = set(statement.countries_extracted.values_list("pk", flat=True))
    removed = (before - after) & extracted
    if removed:
        statement.countries_not_named.add(*removed)
    restored = after - before
    if restored:
        statement.countries_not_named.remove(*restored)
