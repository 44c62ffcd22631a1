"""Archivists' corrections of a corpus: a reviewed table of what a corpus got wrong.

``corpus_corrections.json`` beside this module lists, per source id, a
field the corpus gives wrongly (the issuing state, the speaker, the date,
the title), what the corpus says, the correction, its reason and its
evidence. The importer applies a correction only while the corpus still says
what the table quotes: a corpus fixed upstream needs no correction, and the
import says so. Statement pages show each correction as the archivist's.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from archive import dates

TABLE = Path(__file__).with_name("corpus_corrections.json")
FIELDS = {  # field: how a statement page names it
    "issuer_country": "Issuing state",
    "speaker": "Speaker",
    "date": "Date",
    "title": "Title",
}


@dataclass(frozen=True)
class Correction:
    source_id: str
    field: str
    corpus: str  # what the corpus says
    corrected: str
    reason: str
    evidence: str

    @property
    def label(self) -> str:
        return FIELDS[self.field]


@cache
def table(path: Path = TABLE) -> dict[str, tuple[Correction, ...]]:
    """Every correction by source id; a malformed table stops the import with its reason."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        corrections = [Correction(**row) for row in rows]
    except (OSError, ValueError, TypeError) as exc:
        raise ImproperlyConfigured(f"{path.name} cannot be read: {exc}") from exc
    by_source: dict[str, list[Correction]] = {}
    for correction in corrections:
        if correction.field not in FIELDS:
            raise ImproperlyConfigured(
                f"{path.name}: {correction.source_id} corrects “{correction.field}”, "
                f"not one of {', '.join(FIELDS)}."
            )
        if not (correction.reason.strip() and correction.evidence.strip()):
            raise ImproperlyConfigured(
                f"{path.name}: the correction of {correction.source_id}'s {correction.field} "
                "needs its reason and its evidence."
            )
        if correction.field == "date":
            dates.parse_partial(correction.corrected)  # ValueError names a bad date
        by_source.setdefault(correction.source_id, []).append(correction)
    return {source: tuple(found) for source, found in by_source.items()}


def for_source(source_id: str | None) -> tuple[Correction, ...]:
    return table().get(source_id or "", ())


def apply(record):
    """The corpus record with its corrections applied, and the corrections whose quote of the
    corpus no longer matches (the corpus changed: left unapplied)."""
    stale = []
    for correction in for_source(record.source_id):
        said = {
            "issuer_country": record.country_code,
            "speaker": record.speaker,
            "date": dates.iso(record.issued_on, record.issued_precision)
            if record.issued_on
            else "",
            "title": record.title,
        }[correction.field]
        if said != correction.corpus:
            stale.append(correction)
            continue
        if correction.field == "issuer_country":
            record = dataclasses.replace(record, issuer_code=correction.corrected)
        elif correction.field == "date":
            issued_on, precision = dates.parse_partial(correction.corrected)
            record = dataclasses.replace(record, issued_on=issued_on, issued_precision=precision)
        else:
            record = dataclasses.replace(record, **{correction.field: correction.corrected})
    return record, stale
