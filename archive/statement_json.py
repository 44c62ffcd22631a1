"""A statement as JSON: the fields that identify it in lists, and the whole record.

The API's statement page, its search results, the exports and the trends
downloads all describe statements this way.
"""

from __future__ import annotations

from archive.citations import source_note
from archive.listed import Listed
from archive.models import Statement
from archive.text import is_web_url


def statement_fields(statement: Statement, absolute=None) -> dict:
    """The fields that identify a statement in exports and first uses."""
    return listed_fields(Listed.of(statement), absolute)


def listed_fields(row: Listed, absolute=None) -> dict:
    """The fields that identify a statement in API results, read from its row."""
    url = row.get_absolute_url()
    return {
        "slug": row.slug,
        "url": absolute(url) if absolute else url,
        "title": row.title,
        "source_id": row.source_id,
        "issuer": row.issuer_name,
        "issuer_country": row.issuer_country_code,
        "countries_named": list(row.countries_named),
        "date": row.date_iso,
        "date_precision": row.issued_precision if row.issued_on else None,
        "date_edtf": row.date_edtf,
        "kind": row.kind,
        "language": row.language,
        "versions": list(row.versions),
    }


def statement_json(statement: Statement, request=None) -> dict:
    """The whole record: text, people, events, countries, source and relations."""

    def link(other: Statement) -> dict:
        url = other.get_absolute_url()
        return {
            "slug": other.slug,
            "url": request.build_absolute_uri(url) if request else url,
            "title": other.title,
            "issuer": other.issuer.name,
            "date": other.date_iso,
        }

    public = Statement.objects.published()
    url = statement.get_absolute_url()
    found = set(statement.countries_extracted.values_list("pk", flat=True))

    def absolute(path: str) -> str:
        return request.build_absolute_uri(path) if request else path

    return {
        "slug": statement.slug,
        "url": request.build_absolute_uri(url) if request else url,
        "title": statement.title,
        "kind": statement.kind,
        "issuer": {"slug": statement.issuer.slug, "name": statement.issuer.name},
        "issuer_country": statement.issuer.country.code if statement.issuer.country else None,
        "co_issuers": [{"slug": b.slug, "name": b.name} for b in statement.co_issuers.all()],
        "speaker": statement.speaker_display,
        "speaker_post": statement.speaker_post,
        "date": statement.date_iso,
        "date_precision": statement.issued_precision if statement.issued_on else None,
        "date_edtf": statement.date_edtf,
        "date_display": statement.date_display,
        "language": statement.language,
        "translated": statement.translated,
        "translator": statement.translator,
        "versions": [
            {
                "language": version.language,
                "title": version.title,
                "body": version.body,
                "original": version.original,
                "translator": version.translator,
                "source": version.source,
                "source_url": version.source_url if is_web_url(version.source_url) else "",
            }
            for version in statement.versions.all()
        ],
        "summary": statement.summary,
        "body": statement.body,
        "events": [{"slug": e.slug, "name": e.name} for e in statement.events.all()],
        "speaker_record": (
            {
                "slug": statement.speaker_person.slug,
                "name": statement.speaker_person.name,
                "url": absolute(statement.speaker_person.get_absolute_url()),
            }
            if statement.speaker_person
            else None
        ),
        "countries_named": [
            {"code": c.code, "name": c.name, "found_in_text": c.pk in found}
            for c in statement.countries_mentioned.all()
        ],
        "source": {
            "outlet": statement.source_outlet,
            "url": statement.source_url if is_web_url(statement.source_url) else "",
            "citation": source_note(statement),
            "retrieved": statement.retrieved_on.isoformat() if statement.retrieved_on else None,
            "source_id": statement.source_id,
        },
        "relations": {
            "outgoing": [
                {"kind": r.kind, "statement": link(r.target)}
                for r in statement.relations_out().filter(target__in=public)
            ],
            "incoming": [
                {"kind": r.kind, "inverse": r.inverse_label, "statement": link(r.source)}
                for r in statement.relations_in().filter(source__in=public)
            ],
        },
    }
