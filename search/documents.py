"""Statement -> index document: the one place that knows what is indexed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import NamedTuple

from django.db.models import QuerySet

from archive import dates
from archive.models import Statement, StatementVersion
from archive.prepared_queries import PreparedQuery
from search.analysis import marked
from search.backends.base import Document


def indexable() -> QuerySet[Statement]:
    """Published statements with everything their documents need, in few queries."""
    return (
        Statement.objects.published()
        .select_related("issuer__country")
        .prefetch_related("co_issuers__country", "events", "countries_mentioned", "versions")
        .select_related("speaker_person")
    )


def _names(*records) -> str:
    """Names and aliases of authority records, one per line, without repeats. (A country's
    names in other languages are searched through these: ``search.country_names``.)"""
    seen: dict[str, None] = {}
    for record in records:
        if record is None:
            continue
        seen[record.name] = None
        for alias in record.alias_list:
            seen[alias] = None
    return "\n".join(seen)


def _speaker(statement: Statement) -> str:
    """The speaker as the source wrote it, the post, and every name of the person record."""
    person = statement.speaker_person
    names = [statement.speaker, *(person.all_names() if person else ())]
    return "\n".join(dict.fromkeys(filter(None, [*names, statement.speaker_post])))


def to_document(statement: Statement) -> Document:
    issuers = [statement.issuer, *statement.co_issuers.all()]
    country = statement.issuer.country
    mentioned = list(statement.countries_mentioned.all())
    events = list(statement.events.all())
    versions = list(statement.versions.all())  # the text in other languages: each is searched
    language = statement.language
    span = statement.dated_span  # a date wider than the year axis allows counts as undated
    year = span[0].year if span else None
    facets = {
        "issuer": tuple(dict.fromkeys(body.slug for body in issuers)),
        "country": (country.code,) if country else (),
        "kind": (statement.kind,),
        "language": tuple(dict.fromkeys([statement.language, *(v.language for v in versions)])),
        "event": tuple(event.slug for event in events),
        "named": tuple(c.code for c in mentioned),
        "year": (str(year),) if year else (),
        "decade": (f"{dates.decade_of(year)}s",) if year else (),
    }
    fields = {
        "id": str(statement.pk),
        "slug": statement.slug,
        # Each version marked with its language, stemmed its way (search.analysis.marked).
        "title": marked(
            [(language, statement.title), *((v.language, v.title) for v in versions if v.title)],
            "\n",
        ),
        "body": marked([(language, statement.body), *((v.language, v.body) for v in versions)]),
        "summary": marked([(language, statement.summary)]),
        "issuer": _names(*issuers),
        "speaker": _speaker(statement),
        "countries": _names(country),
        "named": _names(*mentioned),
        "events": "\n".join(event.name for event in events),
        "source_id": statement.source_id or "",
        "date": statement.issued_on,
        "date_precision": statement.issued_precision,
        "date_start": span[0] if span else None,
        "date_end": span[1] if span else None,
        "facets": facets,
    }
    return Document(version=version_of(fields), **fields)


def version_of(fields: dict) -> str:
    """A stamp that changes whenever anything indexed changes, renames included."""
    canonical = json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.blake2b(canonical.encode("utf-8"), digest_size=12).hexdigest()


def iter_documents(batch_size: int = 500, pks=None) -> Iterator[Document]:
    """Yield documents for every published statement, reading the database in batches."""
    queryset = indexable().order_by("pk")
    if pks is not None:
        queryset = queryset.filter(pk__in=pks)
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last)[:batch_size])
        if not batch:
            return
        for statement in batch:
            yield to_document(statement)
        last = batch[-1].pk


class Texts(NamedTuple):
    """A statement's texts as snippets are cut from them."""

    summary: str
    body: str  # the statement's own text
    language: str = ""  # the body's
    versions: tuple[tuple[str, str], ...] = ()  # (language, text) of its other versions


def _version_texts(pks: list[int]):
    versions = StatementVersion.objects.filter(statement_id__in=pks)
    return versions.values_list("statement_id", "language", "body")


def _texts(pks: list[int]):
    return Statement.objects.filter(pk__in=pks).values_list("pk", "summary", "body", "language")


# Read for every results page: compiled once (archive.prepared_queries).
VERSION_TEXTS, TEXTS = PreparedQuery(_version_texts), PreparedQuery(_texts)


def load_texts(ids: list[str]) -> dict[str, Texts]:
    """Return {id: Texts} for snippets: the database is the text's home."""
    pks = [int(i) for i in ids]
    versions: dict[int, list[tuple[str, str]]] = {}
    for statement_id, language, text in VERSION_TEXTS.rows(pks):
        versions.setdefault(statement_id, []).append((language, text))
    rows = TEXTS.rows(pks)
    return {
        str(pk): Texts(summary, body, language, tuple(versions.get(pk, ())))
        for pk, summary, body, language in rows
    }
