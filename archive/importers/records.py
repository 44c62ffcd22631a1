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

from archive import dates, languages
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
class VersionRecord:
    """One item of a record's ``texts``: the statement in one more language."""

    language: str
    title: str
    body: str
    original: bool
    translator: str
    source: str
    url: str


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
    translated: bool = False  # the body is a translation (by ``translator``)
    translator: str = ""
    # The statement in other languages; None when the record says nothing of them (the
    # versions an archivist added stay), () when it says there are none.
    versions: tuple[VersionRecord, ...] | None = None


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


def _language(raw: dict, body: str) -> str:
    """The record's language; detected from its text when it does not say."""
    language = _text(raw, "language") or languages.detect(body)
    return language if language in LANGUAGES else "other"


def _translation(raw: dict) -> tuple[bool, str]:
    """Whether the text is a translation, and by whom."""
    translated = raw.get("translated", False)
    if not isinstance(translated, bool):
        raise RecordError("translated must be true or false")
    translator = _text(raw, "translator", limit=255)
    if translator and not translated:
        raise RecordError("a translator is given, but translated is not true")
    return translated, translator


def _versions(raw: dict, language: str) -> tuple[VersionRecord, ...] | None:
    """The record's ``texts``: each the statement in one more language (original or not)."""
    texts = raw.get("texts")
    if texts is None:
        return None
    if not isinstance(texts, list):
        raise RecordError("texts must be a list of versions of the statement in other languages")
    found, seen = [], {language}
    for n, item in enumerate(texts, 1):
        if not isinstance(item, dict):
            raise RecordError(f"texts item {n} must be an object with a body and a language")
        try:
            version = _version(item)
        except RecordError as exc:
            raise RecordError(f"texts item {n}: {exc}") from None
        if version.language in seen:
            raise RecordError(f"texts item {n}: a second text in {version.language}")
        seen.add(version.language)
        found.append(version)
    return tuple(found)


def _version(item: dict) -> VersionRecord:
    body = _text(item, "body", required=True)
    original = item.get("original", False)
    if not isinstance(original, bool):
        raise RecordError("original must be true or false")
    translator = _text(item, "translator", limit=255)
    if original and translator:
        raise RecordError("an original has no translator")
    return VersionRecord(
        language=_language(item, body),
        title=_text(item, "title", limit=500),
        body=body,
        original=original,
        translator=translator,
        source=_text(item, "source", limit=255),
        url=_web_url(_text(item, "url", limit=500)),
    )


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
    language = _language(raw, body)
    translated, translator = _translation(raw)
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
        translated=translated,
        translator=translator,
        versions=_versions(raw, language),
        citation=_text(raw, "source"),
        url=_web_url(_text(raw, "url", limit=500)),
    )
