"""Corpus lines read and checked: each JSON Lines record a ``CorpusRecord``, or the reason why not.

The format is the UN General Debate Corpus's (see ``shared/corpora/README.md``):
one JSON object a line with ``id``, ``title``, ``body``, ``date``,
``date_precision``, ``speaker``, ``speaker_post``, ``country``,
``country_iso3``, ``doc_type``, ``venue``, ``source``, ``url``, ``language``.
Plain or gzip files; a bad line is reported with its number and reason.
"""

import gzip
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError

from archive import dates
from archive.choices import LANGUAGE_CHOICES, StatementKind
from archive.records import WEB_URL
from archive.text import xml_safe

LANGUAGES = {code for code, _ in LANGUAGE_CHOICES}
KINDS = {kind.value for kind in StatementKind}
SESSION_RE = re.compile(r"(\d+)(?:st|nd|rd|th) session", re.IGNORECASE)
SOURCE_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,119}$")


class RecordError(ValueError):
    """A record that cannot be imported; the message says why."""


@dataclass(frozen=True)
class CorpusRecord:
    """One validated line of a corpus, ready to become a statement."""

    line: int
    source_id: str
    title: str
    body: str
    kind: str
    issued_on: object
    issued_precision: str
    speaker: str
    speaker_post: str
    country_code: str
    country_name: str
    venue: str
    session: int | None
    language: str
    citation: str
    url: str
    # The issuing state as an archivist corrected it (archive.corpus_corrections), bypassing
    # the corpus code's seat holder.
    issuer_code: str | None = None


def open_lines(path: str | Path) -> Iterator[tuple[int, str | RecordError]]:
    """Yield (line number, text) from a JSON Lines file, gzip'd or not.

    Text that is not UTF-8 yields a ``RecordError`` in place of the line.
    """
    path = Path(path)
    with path.open("rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
    opener = gzip.open if gzipped else open
    with opener(path, "rb") as binary:
        text = io.TextIOWrapper(binary, encoding="utf-8", errors="strict", newline="\n")
        lineno = 0
        while True:
            lineno += 1
            try:
                line = text.readline()
            except UnicodeDecodeError as exc:
                # The wrapper cannot resume after a bad byte: report and stop reading.
                yield lineno, RecordError(f"not UTF-8 text ({exc.reason})")
                return
            if not line:
                return
            yield lineno, line


def _text(raw: dict, key: str, *, required: bool = False, limit: int | None = None) -> str:
    value = raw.get(key)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise RecordError(f"{key} must be text, not {type(value).__name__}")
    value = xml_safe(value).strip()
    if required and not value:
        raise RecordError(f"missing {key}")
    if limit and len(value) > limit:
        raise RecordError(f"{key} is longer than {limit} characters")
    return value


def _web_url(url: str) -> str:
    """The model's own rule (http or https, a valid address), so an admin edit never fails on it."""
    if url:
        try:
            WEB_URL(url)
        except ValidationError:
            raise RecordError(f"url must be an http or https address, not {url[:40]!r}") from None
    return url


def parse_record(lineno: int, line: str) -> CorpusRecord:
    """Validate one line of JSON and return the record, or raise ``RecordError``."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordError(f"broken JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(raw, dict):
        raise RecordError("a record must be a JSON object")
    source_id = _text(raw, "id", required=True)
    if not SOURCE_ID_RE.match(source_id):
        raise RecordError(f"id “{source_id[:60]}” is not a usable identifier")
    title = _text(raw, "title", required=True, limit=500)
    body = _text(raw, "body", required=True)
    date_text = _text(raw, "date")
    precision = _text(raw, "date_precision") or dates.Precision.DAY
    if precision not in dates.Precision.values:
        raise RecordError(f"unknown date precision “{precision[:20]}” (day, month or year)")
    issued_on = None
    if date_text:
        try:
            issued_on, parsed_precision = dates.parse_partial(date_text)
        except ValueError as exc:
            raise RecordError(f"impossible date: {exc}") from None
        if parsed_precision != precision:
            raise RecordError(f"date “{date_text}” does not match precision “{precision}”")
    code = _text(raw, "country_iso3", required=True, limit=8).upper()
    kind = _text(raw, "doc_type") or StatementKind.STATEMENT
    if kind not in KINDS:
        raise RecordError(f"unknown doc_type “{kind[:30]}”")
    language = _text(raw, "language") or "en"
    if language not in LANGUAGES:
        language = "other"
    venue = _text(raw, "venue", limit=255)
    session = SESSION_RE.search(venue)
    return CorpusRecord(
        line=lineno,
        source_id=source_id,
        title=title,
        body=body,
        kind=kind,
        issued_on=issued_on,
        issued_precision=precision,
        speaker=_text(raw, "speaker", limit=255),
        speaker_post=_text(raw, "speaker_post", limit=255),
        country_code=code,
        country_name=_text(raw, "country", limit=200),
        venue=venue,
        session=int(session.group(1)) if session else None,
        language=language,
        citation=_text(raw, "source"),
        url=_web_url(_text(raw, "url", limit=500)),
    )
