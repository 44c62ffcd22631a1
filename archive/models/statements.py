"""Statements, the archive's unit of record, and the editors' review queue.

Logic lives on the model and its QuerySet (``Statement.objects.published()``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from archive import dates, person_names, threads
from archive.choices import LANGUAGE_CHOICES, StatementKind, Status
from archive.dates import Precision
from archive.history import EditHistory
from archive.models.authorities import Country, Event, IssuingBody
from archive.models.relations import StatementRelation
from archive.models.versions import shown
from archive.records import WEB_URL, ArchiveRecord, RecordQuerySet, unique_slug
from archive.site_urls import slug_url
from archive.text import has_local_path, paragraphs


class StatementQuerySet(RecordQuerySet):
    def update_values(self, values: dict) -> dict:
        """An update is a new revision too (see ``Statement.revision``)."""
        extra = {"revision": models.F("revision") + 1}
        status = values.get("status")
        if isinstance(status, str):  # marked ready at the new revision, or no longer waiting
            extra["ready_revision"] = extra["revision"] if status == Status.REVIEW else None
        return {**extra, **values}

    def revise(self, pks) -> None:
        """These statements' links changed: each is at a new revision."""
        if pks:
            self.model._base_manager.filter(pk__in=list(pks)).update(
                revision=models.F("revision") + 1
            )

    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def for_display(self):
        """Fetch what list pages show, in as few queries as possible."""
        return self.select_related("issuer", "issuer__country").defer("body")

    def in_order(self, ids) -> list:
        """The rows with these primary keys, in the order given; missing ones skipped."""
        found = self.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def chronological(self):
        return self.order_by(models.F("issued_on").asc(nulls_last=True), "title")

    def newest_first(self):
        return self.order_by(models.F("issued_on").desc(nulls_last=True), "-pk")


class Statement(dates.IssuedDate, ArchiveRecord):
    """A text issued by a body: the archive's unit of record."""

    title = models.CharField(max_length=500)
    slug = models.SlugField(
        max_length=120, unique=True, blank=True, help_text="Permanent link; filled from the title."
    )
    body = models.TextField(help_text="The words of the statement; paragraphs on separate lines.")
    summary = models.TextField(blank=True, help_text="In the archive's own words.")
    kind = models.CharField(
        max_length=40, choices=StatementKind.choices, default=StatementKind.STATEMENT
    )
    issuer = models.ForeignKey(
        IssuingBody, on_delete=models.PROTECT, related_name="statements", verbose_name="issued by"
    )
    co_issuers = models.ManyToManyField(
        IssuingBody, blank=True, related_name="co_issued_statements"
    )
    speaker = models.CharField(max_length=255, blank=True)
    speaker_post = models.CharField("post of the speaker", max_length=255, blank=True)
    issued_on = models.DateField(
        "issue date",
        null=True,
        blank=True,
        help_text="The first day of the date: of its month or year when only they are known.",
    )
    issued_precision = models.CharField(
        "date precision", max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    # Set only when the date says more than a day, a month or a year: uncertain,
    # approximate, a season, an interval. Searches use the span it stands for.
    issued_edtf = models.CharField(
        "date in EDTF",
        max_length=64,
        blank=True,
        help_text="Extended Date/Time Format (ISO 8601-2), levels 0 and 1: 2024?, 2024-06/2024-07.",
    )
    language = models.CharField(max_length=8, choices=LANGUAGE_CHOICES, default="en")
    translated = models.BooleanField(
        "a translation",
        default=False,
        help_text="The text above is a translation; the original, when the archive holds it, "
        "is among the versions in other languages below.",
    )
    translator = models.CharField(
        max_length=255,
        blank=True,
        help_text="Who translated the text above, when it is a translation.",
    )
    source_outlet = models.CharField("outlet", max_length=255, blank=True)
    source_url = models.URLField("source URL", max_length=500, blank=True, validators=[WEB_URL])
    source_citation = models.TextField("citation", blank=True)
    retrieved_on = models.DateField("retrieved", null=True, blank=True)
    events = models.ManyToManyField(
        Event, blank=True, related_name="statements", verbose_name="referenced events"
    )
    speaker_person = models.ForeignKey(
        "Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name="speaker's authority record",
    )
    countries_mentioned = models.ManyToManyField(
        Country,
        blank=True,
        related_name="statements_mentioning",
        verbose_name="countries named",
        help_text="Entered by hand, or found in the text (see below).",
    )
    countries_extracted = models.ManyToManyField(
        Country,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="countries found in the text",
    )
    countries_not_named = models.ManyToManyField(
        Country,
        blank=True,
        related_name="+",
        verbose_name="not named (corrections)",
        help_text="Countries found in the text that this statement does not name: "
        "re-tagging leaves them off. Removing a found country above puts it here.",
    )
    related = models.ManyToManyField(
        "self",
        through=StatementRelation,
        symmetrical=False,
        through_fields=("source", "target"),
        related_name="+",
        blank=True,
        verbose_name="relations to other statements",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Every save and update makes a new revision; the review queue publishes a revision
    # only if it is the one the editor previewed, or differs from it in nothing
    # (archive/review.py).
    revision = models.PositiveIntegerField(default=1, editable=False)
    ready_revision = models.PositiveIntegerField(
        "revision marked ready", null=True, blank=True, editable=False
    )
    source_id = models.CharField(
        "source identifier",
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        help_text="Identifier in the corpus an imported record came from.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = StatementQuerySet.as_manager()
    history = EditHistory(
        m2m_fields=[co_issuers, events, countries_mentioned, countries_not_named, related]
    )

    class Meta:
        ordering = ["-issued_on", "title"]
        permissions = [
            ("publish_statement", "Can publish statements"),
            ("withdraw_statement", "Can withdraw statements"),
        ]
        indexes = [
            models.Index(fields=["status", "issued_on"]),
            # A results page reads its published hits by id: without this, SQLite's planner
            # walks every published statement through the index above.
            models.Index(fields=["status", "id"]),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        errors = {}
        if self.issued_edtf:
            try:
                typed = dates.parse_typed(self.issued_edtf)
            except ValueError as exc:
                raise ValidationError({"issued_edtf": str(exc)}) from None
            self.issued_edtf, self.issued_on = typed.edtf, typed.first
        if self.issued_on and not dates.fits(self.issued_on, self.issued_precision):
            hint = {
                Precision.YEAR: "a date known only to the year must be entered as 1 January",
                Precision.MONTH: "a date known only to the month must be entered as its 1st day",
            }[self.issued_precision]
            errors["issued_precision"] = f"The precision does not fit the date: {hint}."
        if has_local_path(self.source_citation):
            # Citations are public: a path to a working copy means nothing to a reader.
            errors["source_citation"] = (
                "The citation names a file path: name the published source instead "
                "(outlet, title, date, web address)."
            )
        if errors:
            raise ValidationError(errors)
        if self.slug:
            self.slug = self.slug.lower()

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Statement, self.title, exclude_pk=self.pk, max_length=100)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "revision", "ready_revision"}
        super().save(*args, **kwargs)

    def prepare_save(self, using: str) -> None:
        """Number this save's revision after the one stored (locked: two saves at once make
        two revisions), and note the revision a statement is marked ready at."""
        if not self._state.adding:
            stored = (
                Statement._base_manager.using(using)
                .select_for_update()
                .filter(pk=self.pk)
                .values_list("revision", flat=True)
                .first()
            )
            self.revision = (self.revision if stored is None else stored) + 1
        if self.status != Status.REVIEW:
            self.ready_revision = None
        elif self.ready_revision is None:
            self.ready_revision = self.revision  # marked ready with this save

    @property
    def changed_since_ready(self) -> bool:
        """Whether it was saved again after it was marked ready for review."""
        return self.status == Status.REVIEW and self.ready_revision != self.revision

    def get_absolute_url(self):
        return slug_url("archive:statement", self.slug)

    @property
    def choice_label(self) -> str:
        """How archivists choose it among others of the same title: with date and issuer."""
        details = ", ".join(part for part in (self.date_display, self.issuer.name) if part)
        return f"{self.title} ({details})"

    @property
    def speaker_display(self) -> str:
        """The speaker as written, without a corpus's stray punctuation ("Choe Su Hon,")."""
        return person_names.tidy(self.speaker)

    @property
    def date_span(self):
        if not self.issued_on:
            return None
        if self.issued_edtf:
            return dates.edtf_span(self.issued_edtf)
        return dates.span(self.issued_on, self.issued_precision)

    @property
    def dated_span(self):
        """The date's span if it is narrow enough to stand on the year axis, in year facets
        and date filters (``dates.DATED_SPAN_YEARS``); None for a wider one, as undated."""
        span = self.date_span
        return span if span and dates.placed(*span) else None

    @property
    def paragraphs(self) -> list[str]:
        """Split the body into paragraphs, rejoining lines hard-wrapped mid-sentence."""
        return paragraphs(self.body)

    def texts(self) -> list[dict]:
        """Every version of the text, this record's first, then the others (originals first),
        as ``versions.shown`` describes each."""
        own = shown(
            self.language,
            self.title,
            self.body,
            original=not self.translated,
            translator=self.translator,
        )
        return [own, *(version.as_text() for version in self.versions.all())]

    def relations_out(self):
        """Relations this statement declares (it responds to, rebuts… another)."""
        return self.outgoing_relations.select_related("target__issuer")

    def relations_in(self):
        """Relations other statements declare towards this one."""
        return self.incoming_relations.select_related("source__issuer")

    def thread(self, visible) -> list[dict]:
        """This statement among those it answers and those answering it, in answer order
        (``archive.threads.thread``); ``visible`` limits the others."""
        return threads.thread(self, visible)


class StatementForReview(Statement):
    """Statements an archivist marked ready for review: the editors' queue in the admin."""

    class Meta:
        proxy = True
        verbose_name = "statement awaiting review"
        verbose_name_plural = "review queue"
