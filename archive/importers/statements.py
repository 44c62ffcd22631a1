"""Corpus records written as statements, in batches, one transaction a batch.

Records are matched by their source identifier, so importing twice changes
nothing; a bad line is reported and every good one is kept. Issuing bodies,
sessions (events), speakers and the countries a text names are found or made
along the way.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, reset_queries, transaction
from django.utils import timezone

from archive import corpus_corrections, countries, country_tags, dates, history, permalinks
from archive.choices import BodyKind, EventKind, Status
from archive.importers.records import CorpusRecord, RecordError, parse_record
from archive.importers.versions import write_versions
from archive.models import Country, Event, IssuingBody, Statement
from archive.records import links_written, unique_slug
from archive.signals import bulk_import_finished, bulk_import_started
from archive.speakers import SpeakerDirectory

# Statement fields an import owns; an archivist's edits to other fields survive.
IMPORTED_FIELDS = [
    "title",
    "body",
    "kind",
    "issuer_id",
    "speaker",
    "speaker_post",
    "speaker_person_id",
    "issued_on",
    "issued_precision",
    "language",
    "translated",
    "translator",
    "source_outlet",
    "source_url",
    "source_citation",
]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    # Imported, but worth a look: a correction the corpus no longer needs.
    notes: list[tuple[int, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + self.failed


class StatementImporter:
    """Create or update statements, and the records they need, batch by batch."""

    def __init__(self, batch_size: int = 250, progress: Callable[[int], None] | None = None):
        self.batch_size = batch_size
        self.progress = progress or (lambda n: None)
        self.report = ImportReport()
        self._countries: dict[str, Country] = {}
        self._bodies: dict[str, IssuingBody] = {}
        self._events: dict[str, Event] = {}
        self._finder = None
        self._speakers: SpeakerDirectory | None = None
        self._slugs: set[str] | None = None  # statement slugs in use, read once

    def run(
        self, lines: Iterable[tuple[int, str | RecordError]], limit: int | None = None
    ) -> ImportReport:
        """Import every line, at most ``limit`` records; return the counts and errors."""
        bulk_import_started.send(sender=Statement)
        try:
            with history.reason("import"):
                with transaction.atomic():
                    countries.install()  # the whole authority, so every name can be found
                self._finder = Country.objects.finder()
                self._speakers = SpeakerDirectory()
                return self._run(lines, limit)
        finally:
            bulk_import_finished.send(sender=Statement)

    def _run(self, lines, limit: int | None) -> ImportReport:
        batch: dict[str, CorpusRecord] = {}
        seen = 0
        for lineno, line in lines:
            if isinstance(line, str) and not line.strip():
                continue
            if limit is not None and seen >= limit:
                break
            seen += 1
            if isinstance(line, RecordError):
                self._fail(lineno, str(line))
                continue
            try:
                record = parse_record(lineno, line)
            except RecordError as exc:
                self._fail(lineno, str(exc))
                continue
            record, stale = corpus_corrections.apply(record)
            for correction in stale:
                self.report.notes.append(
                    (
                        lineno,
                        f"{record.source_id}: the corpus no longer says what the correction "
                        f"of its {correction.field} quotes; not applied",
                    )
                )
            if record.source_id in batch:
                self._write(batch)
                batch = {}
            batch[record.source_id] = record
            if len(batch) >= self.batch_size:
                self._write(batch)
                batch = {}
        if batch:
            self._write(batch)
        return self.report

    def _fail(self, lineno: int, reason: str) -> None:
        self.report.errors.append((lineno, reason))
        self.progress(1)

    def _write(self, batch: dict[str, CorpusRecord]) -> None:
        """Write a batch in one transaction; on a database error, retry record by record."""
        try:
            with transaction.atomic(), history.batched():
                self._write_records(list(batch.values()))
        except IntegrityError:
            self._forget_cache()
            for record in batch.values():
                try:
                    with transaction.atomic(), history.batched():
                        self._write_records([record])
                except IntegrityError as exc:
                    self._forget_cache()
                    self.report.errors.append((record.line, f"database refused it ({exc})"))
        self.progress(len(batch))
        reset_queries()  # with DEBUG on, Django keeps every query: memory must stay bounded

    def _forget_cache(self) -> None:
        """Drop cached rows that a rolled-back transaction may not have kept."""
        self._countries.clear()
        self._bodies.clear()
        self._events.clear()
        self._speakers = SpeakerDirectory()
        self._slugs = None

    def _write_records(self, records: list[CorpusRecord]) -> list[int]:
        existing = {
            s.source_id: s
            for s in Statement.objects.filter(source_id__in=[r.source_id for r in records]).only(
                "pk",
                "source_id",
                "slug",
                "summary",
                *[f.removesuffix("_id") for f in IMPORTED_FIELDS],
            )
        }
        now = timezone.now()
        to_create, to_update, event_links, counts = [], [], [], [0, 0, 0]
        tagged, new_speakers = [], []
        for record in records:
            issuer = self._body(record)
            event = self._event(record)
            statement = existing.get(record.source_id)
            person = self._person(record, issuer, statement)
            values = self._values(record, issuer)
            values["speaker_person_id"] = person.pk if person else None
            if statement is None:
                statement = Statement(
                    **values,
                    source_id=record.source_id,
                    status=Status.PUBLISHED,
                    slug=self._slug(record),
                    created_at=now,
                    updated_at=now,
                )
                to_create.append(statement)
                counts[0] += 1
            elif any(getattr(statement, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(statement, k, v)
                statement.updated_at = now
                to_update.append(statement)
                counts[1] += 1
            else:
                counts[2] += 1
            if event is not None:
                event_links.append((statement, event))
            tagged.append((statement, issuer.country_id))
            if person is not None and person.pk is None:
                new_speakers.append((statement, person))
        self._speakers.save_new()
        for statement, person in new_speakers:
            statement.speaker_person_id = person.pk
        # The QuerySet records these in the history and the search change log.
        created = Statement.objects.bulk_create(to_create)
        if to_update:
            Statement.objects.bulk_update(to_update, [*IMPORTED_FIELDS, "updated_at"])
        through = Statement.events.through
        linked = set(
            through.objects.filter(statement_id__in=[s.pk for s, _ in event_links]).values_list(
                "statement_id", "event_id"
            )
        )
        new_links = [(s, e) for s, e in event_links if (s.pk, e.pk) not in linked]
        through.objects.bulk_create(
            [through(statement_id=s.pk, event_id=e.pk) for s, e in new_links]
        )
        written = [*(s.pk for s in created), *(s.pk for s in to_update)]
        write_versions(
            [(statement, record) for (statement, _), record in zip(tagged, records, strict=True)]
        )
        # A statement that only gained an event link changed too: its document names the
        # event. The links are plain rows: the change log learns of them here, in the batch's
        # transaction (the history entries are made at the batch's end, ``_write``).
        linked_only = list(dict.fromkeys(s.pk for s, _ in new_links).keys() - set(written))
        links_written(Statement, linked_only)
        changed = list(dict.fromkeys([*written, *linked_only]))
        # Every version as it now is: those the record gave, or an archivist's it left alone.
        versions = country_tags.version_texts([s.pk for s, _ in tagged])
        country_tags.tag_texts(
            [
                (
                    s.pk,
                    [
                        (s.language, country_tags.text_of(s.title, s.summary, s.body)),
                        *versions.get(s.pk, []),
                    ],
                    s.issued_on,
                    issuer_country,
                )
                for s, issuer_country in tagged
            ],
            self._finder,
        )
        # A new spelling of a speaker's name reaches their speeches' documents through the
        # change log, which the QuerySet writes for the people updated.
        self._speakers.flush()
        self.report.created += counts[0]
        self.report.updated += counts[1]
        self.report.unchanged += counts[2]
        return changed

    def _person(self, record: CorpusRecord, issuer: IssuingBody, statement):
        """The speaker's person record; an archivist's link or merge stays while the name does."""
        if (
            statement is not None
            and statement.speaker == record.speaker
            and statement.speaker_person_id
        ):
            person = self._speakers.person(statement.speaker_person_id)
        else:
            year = record.issued_on.year if record.issued_on else None
            person = self._speakers.person_for(record.speaker, issuer.country_id, year)
        if person is not None and record.speaker_post:
            self._speakers.note_post(
                person, record.speaker_post, issuer.country_id, record.issued_on
            )
        return person

    def _values(self, record: CorpusRecord, issuer: IssuingBody) -> dict:
        holder = issuer.country.code if issuer.country_id else record.country_code
        return {
            "title": countries.historical_title(record.title, record.country_name, holder),
            "body": record.body,
            "kind": record.kind,
            "issuer_id": issuer.pk,
            "speaker": record.speaker,
            "speaker_post": record.speaker_post,
            "issued_on": record.issued_on,
            "issued_precision": record.issued_precision,
            "language": record.language,
            "translated": record.translated,
            "translator": record.translator,
            "source_outlet": "United Nations General Debate Corpus"
            if record.source_id.startswith("ungdc-")
            else "",
            "source_url": record.url,
            "source_citation": record.citation,
        }

    def _slug(self, record: CorpusRecord) -> str:
        if record.session and record.issued_on:
            country = record.country_name or record.country_code
            text = f"{country} general debate {record.issued_on.year}"
        else:
            text = record.title
        if self._slugs is None:
            self._slugs = set(Statement.objects.values_list("slug", flat=True))
            self._slugs |= permalinks.former_slugs(Statement)
        return unique_slug(Statement, text, max_length=100, known=self._slugs)

    def _country(self, code: str, record: CorpusRecord) -> Country:
        country = self._countries.get(code)
        if country is None:
            info = countries.country_info(code, record.country_name)
            country, _ = Country.objects.get_or_create(
                code=info.code,
                defaults={
                    "name": info.name,
                    "region": info.region,
                    "historic": info.historic,
                    "aliases": "\n".join(info.aliases),
                },
            )
            self._countries[code] = country
        return country

    def _body(self, record: CorpusRecord) -> IssuingBody:
        """Return the issuer: the government of the state that held the seat, or the EU itself."""
        year = record.issued_on.year if record.issued_on else None
        code = record.issuer_code or countries.seat_holder(record.country_code, year)
        body = self._bodies.get(code)
        if body is None:
            country = self._country(code, record)
            if country.code == "EU":
                slug, name = "european-union", "European Union"
                kind = BodyKind.INTERNATIONAL_ORGANISATION
            else:
                slug, name = f"government-of-{country.slug}", f"Government of {country.name}"
                kind = BodyKind.GOVERNMENT
            body, _ = IssuingBody.objects.get_or_create(
                slug=slug, defaults={"name": name, "kind": kind, "country": country}
            )
            self._bodies[code] = body
        return body

    def _event(self, record: CorpusRecord) -> Event | None:
        """Return the General Assembly session a General Debate speech belongs to."""
        if record.session is None or record.issued_on is None:
            return None
        slug = f"unga-{record.session}-general-debate"
        event = self._events.get(slug)
        if event is None:
            year = record.issued_on.year
            event, _ = Event.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": f"General Debate of the {ordinal(record.session)} session "
                    f"of the UN General Assembly ({year})",
                    "kind": EventKind.SESSION,
                    "start_date": record.issued_on,
                    "precision": dates.Precision.YEAR,
                    "location": "United Nations General Assembly",
                },
            )
            self._events[slug] = event
        return event


def ordinal(n: int) -> str:
    """Return 1st, 2nd, 3rd, 4th… 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
