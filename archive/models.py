"""The archive's domain: countries, issuing bodies, events and statements.

What every record shares is in ``archive.records``; speakers (Person, Post)
in ``archive.people``, registered from here.

Logic lives here and on the QuerySets (``Statement.objects.published()``).
Authority records (countries, bodies, events) are never deleted while a
statement uses them: see ``refuse_delete_in_use`` below.
"""

from collections import Counter, defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from archive import dates, mentions, names, person_names, threads
from archive.choices import (  # noqa: F401  (RelationKind, INVERSE_RELATION_LABELS: re-exported)
    INVERSE_RELATION_LABELS,
    LANGUAGE_CHOICES,
    BodyKind,
    EventKind,
    Region,
    RelationKind,
    StatementKind,
    Status,
)
from archive.dates import Precision
from archive.history import EditHistory
from archive.records import (
    WEB_URL,
    ArchiveRecord,
    GuardedDeleteModel,
    GuardedDeleteQuerySet,
    RecordQuerySet,
    SlugQuerySet,
    ensure_unused,
    split_aliases,
    unique_slug,
)
from archive.relations import StatementRelation, StatementRelationManager  # noqa: F401
from archive.site_urls import slug_url
from archive.text import has_local_path, natural_order


class CountryQuerySet(GuardedDeleteQuerySet):
    def get_by_natural_key(self, code):
        return self.get(code=code)

    def finder(self) -> mentions.CountryFinder:
        """A finder of the states these countries' names designate in a text."""
        return mentions.CountryFinder(
            mentions.CountryNames(
                code=country.code,
                pk=country.pk,
                forms=(names.NameForm(country.name), *names.parse_lines(country.aliases)),
                adjectives=tuple(names.parse_lines(country.adjectives)),
                exists_from=country.exists_from.year if country.exists_from else None,
                exists_until=country.exists_until.year if country.exists_until else None,
            )
            for country in self.only(
                "code", "name", "aliases", "adjectives", "exists_from", "exists_until"
            )
        )


class Country(GuardedDeleteModel):
    """An authority record for a state, past or present, or a union of states."""

    code = models.CharField(
        "ISO code",
        max_length=8,
        unique=True,
        help_text="ISO 3166-1 alpha-3, or a historic code (SUN, YUG, CSK, DDR, YMD), or EU.",
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    aliases = models.TextField(
        blank=True,
        help_text="Other names, one per line, or separated by “;” on a line. A name that meant "
        "this state only for a time takes its years: “Congo [1971-1997]”.",
    )
    adjectives = models.TextField(
        blank=True,
        help_text="Adjective forms that name this state and no other (“Soviet”), one per line "
        "or separated by “;”, with years like the aliases.",
    )
    region = models.CharField(max_length=20, choices=Region.choices, blank=True)
    historic = models.BooleanField(
        default=False, help_text="The state no longer exists under this code."
    )
    exists_from = models.DateField("existed from", null=True, blank=True)
    exists_until = models.DateField(
        "existed until", null=True, blank=True, help_text="Leave empty while the state exists."
    )
    predecessors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="successors",
        help_text="The states this one succeeded: the Soviet Union for the Russian Federation.",
    )

    objects = CountryQuerySet.as_manager()
    history = EditHistory(m2m_fields=[predecessors])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)

    def clean(self):
        errors = {}
        for field in ("aliases", "adjectives"):
            problems = names.check_lines(getattr(self, field))
            if problems:
                errors[field] = problems
        if self.exists_from and self.exists_until and self.exists_until < self.exists_from:
            errors["exists_until"] = "The state cannot end before it begins."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.code = self.code.upper()
        if not self.slug:
            self.slug = unique_slug(Country, self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("archive:country", self.slug)

    @property
    def alias_list(self) -> list[str]:
        """Other names, without the years some of them carry."""
        return [name.text for name in names.parse_lines(self.aliases)]

    @property
    def years_display(self) -> str:
        if not (self.exists_from or self.exists_until):
            return ""
        first = str(self.exists_from.year) if self.exists_from else ""
        last = str(self.exists_until.year) if self.exists_until else ""
        return f"{first}–{last}"

    def statements_in_use(self):
        """Return statements that would lose this country if it were deleted."""
        return Statement.objects.filter(
            models.Q(countries_mentioned=self)
            | models.Q(countries_extracted=self)
            | models.Q(countries_not_named=self)
        ).distinct()


class IssuingBody(GuardedDeleteModel):
    """Who speaks: a ministry, a head of state, an agency, an organisation."""

    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=40, choices=BodyKind.choices, default=BodyKind.GOVERNMENT)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        help_text="Leave empty for international organisations.",
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    aliases = models.TextField(blank=True, help_text="Other names, one per line.")
    description = models.TextField(blank=True)
    website = models.URLField(blank=True, validators=[WEB_URL])

    objects = SlugQuerySet.as_manager()
    history = EditHistory()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "issuing bodies"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": "A body cannot be its own parent or ancestor."})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(IssuingBody, self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("archive:body", self.slug)

    @property
    def alias_list(self) -> list[str]:
        return split_aliases(self.aliases)

    def events_referred_to(self, statements, limit: int = 8) -> list["Event"]:
        """The events ``statements`` (this body's) refer to most, occasions left out.

        An occasion is where the body spoke, not what it spoke about: an event
        that every statement the body issued in the event's year refers to,
        when events of the same kind are such occasions in two years or more,
        and in at least half the years the body spoke:
        each year's General Debate, which every speech of a delegation refers
        to. A one-off event all of a year's statements refer to stays.
        Each event carries ``n``, the statements referring to it; ties are in
        natural order of name ("4th" before "47th").
        """
        year_of = dict(statements.values_list("pk", "issued_on__year"))
        per_year = Counter(year for year in year_of.values() if year)
        referring = defaultdict(set)
        for statement_id, event_id in Statement.events.through.objects.filter(
            statement__in=statements.values("pk")
        ).values_list("statement_id", "event_id"):
            referring[event_id].add(statement_id)
        events = list(Event.objects.in_bulk(list(referring)).values())

        def all_of_its_year(event) -> bool:
            year = event.start_date.year
            of_year = [pk for pk in referring[event.pk] if year_of.get(pk) == year]
            return len(of_year) == per_year[year] > 0

        candidates = [event for event in events if all_of_its_year(event)]
        years_of_kind = defaultdict(set)
        for event in candidates:
            years_of_kind[event.kind].add(event.start_date.year)
        # A series: its kind is such an occasion in two years or more, and in at least
        # half the years the body spoke (a body speaking once a year refers with all of a
        # year's statements to whatever it names that year: two summits are no series).
        occasions = {
            event.pk
            for event in candidates
            if len(years_of_kind[event.kind]) > 1
            and 2 * len(years_of_kind[event.kind]) >= len(per_year)
        }
        kept = [event for event in events if event.pk not in occasions]
        for event in kept:
            event.n = len(referring[event.pk])
        kept.sort(key=lambda event: (-event.n, natural_order(event.name)))
        return kept[:limit]

    def statements_in_use(self):
        """Return statements issued or co-issued by this body."""
        return Statement.objects.filter(
            models.Q(issuer=self) | models.Q(co_issuers=self)
        ).distinct()


class Event(GuardedDeleteModel):
    """Something statements refer to: an exercise, a summit, a session, a test."""

    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=40, choices=EventKind.choices, default=EventKind.OTHER)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Leave empty for one day.")
    precision = models.CharField(
        "date precision",
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text="For a month or a year, enter its first day as the date.",
    )
    location = models.CharField(max_length=255, blank=True)
    countries = models.ManyToManyField(
        Country, blank=True, related_name="events", verbose_name="participating countries"
    )
    description = models.TextField(blank=True)

    objects = SlugQuerySet.as_manager()
    history = EditHistory(m2m_fields=[countries])

    class Meta:
        ordering = ["-start_date", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date cannot be before the start date."})
        for name in ("start_date", "end_date"):
            value = getattr(self, name)
            if value and not dates.fits(value, self.precision):
                raise ValidationError(
                    {
                        "precision": f"The precision does not fit the {name.replace('_', ' ')}: "
                        "enter the first day of the month or year."
                    }
                )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Event, self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("archive:event", self.slug)

    @property
    def dates_display(self) -> str:
        return dates.display_range(self.start_date, self.end_date, self.precision)

    @property
    def span(self):
        """Return the first and last day the event may cover."""
        first = dates.span(self.start_date, self.precision)[0]
        return first, dates.span(self.end_date or self.start_date, self.precision)[1]

    def statements_in_use(self):
        return Statement.objects.filter(events=self).distinct()

    def timeline(self, statements) -> list[tuple[str, list]]:
        """Split statements (in date order) into before, during and after the event."""
        first, last = self.span
        phases = {"Before": [], "During": [], "After": [], "Undated": []}
        for statement in statements:
            span = statement.date_span
            if span is None:
                phases["Undated"].append(statement)
            elif span[1] < first:
                phases["Before"].append(statement)
            elif span[0] > last:
                phases["After"].append(statement)
            else:
                phases["During"].append(statement)
        return [(phase, items) for phase, items in phases.items() if items]


# A line ending otherwise, followed by a lower-case line, was wrapped mid-sentence.
SENTENCE_ENDINGS = (".", "!", "?", ":", ";", "”", '"', ")", "]", "’")


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


class Statement(ArchiveRecord):
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
    def date_display(self) -> str:
        if self.issued_edtf and self.issued_on:
            return dates.display_edtf(self.issued_edtf)
        return dates.display(self.issued_on, self.issued_precision)

    @property
    def date_edtf(self) -> str | None:
        """The date in EDTF: the one typed, or the ISO form of the day, month or year."""
        return (self.issued_edtf or self.date_iso) if self.issued_on else None

    @property
    def date_iso(self) -> str | None:
        return dates.iso(self.issued_on, self.issued_precision)

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
        paragraphs: list[str] = []
        for line in (text.strip() for text in self.body.splitlines()):
            if not line:
                continue
            if paragraphs and not paragraphs[-1].endswith(SENTENCE_ENDINGS) and line[0].islower():
                paragraphs[-1] += " " + line
            else:
                paragraphs.append(line)
        return paragraphs

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


# Speakers live in their own modules; imported here so that Django registers them.
from archive.duplicates import DuplicateProposal  # noqa: E402, F401
from archive.people import Person, Post  # noqa: E402, F401  (Post: archive.models.Post)
from archive.person_merges import PersonMerge  # noqa: E402, F401


@receiver(pre_delete, sender=Country)
@receiver(pre_delete, sender=IssuingBody)
@receiver(pre_delete, sender=Event)
@receiver(pre_delete, sender=Person)
def refuse_delete_in_use(sender, instance, **kwargs):
    """Last line of defence for deletions that bypass ``delete()`` checks."""
    ensure_unused(instance)
