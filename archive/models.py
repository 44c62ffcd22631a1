"""The archive's domain: countries, issuing bodies, events and statements.

Logic lives here and on the QuerySets (``Statement.objects.published()``).
Authority records (countries, bodies, events) are never deleted while a
statement uses them: see ``refuse_delete_in_use`` below.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, router, transaction
from django.db.models.deletion import ProtectedError
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from archive import dates, mentions, names, person_names
from archive.choices import (
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
from archive.text import xml_safe


def split_aliases(text: str) -> list[str]:
    """Return the non-empty lines of an aliases text field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def unique_slug(
    model: type[models.Model], text: str, *, exclude_pk=None, max_length=120, known=None
) -> str:
    """Return a slug for ``text`` that no other row of ``model`` uses.

    ``known``, a set of every slug in use, spares the queries (an import's
    batches); the slug returned is added to it.
    """
    base = slugify(text)[:max_length].strip("-") or model._meta.model_name
    slug, n = base, 2
    taken = model._default_manager.exclude(pk=exclude_pk)

    def in_use(slug: str) -> bool:
        return slug in known if known is not None else taken.filter(slug=slug).exists()

    while in_use(slug):
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)] + suffix
        n += 1
    if known is not None:
        known.add(slug)
    return slug


# Links from data are made live on pages and in citations: only http(s) ones.
WEB_URL = URLValidator(schemes=["http", "https"], message="Enter an http:// or https:// address.")


class GuardedDeleteQuerySet(models.QuerySet):
    """Check every row before deleting, so a refusal leaves the transaction usable."""

    def delete(self):
        for obj in self:
            ensure_unused(obj)
        return super().delete()


class ArchiveRecord(models.Model):
    """A record of the archive: saved in one transaction, its text fit for every output.

    The save runs in a transaction even in autocommit mode, so signal
    receivers write with the row (the search app's change log): a crash can
    never keep the row and lose what they wrote, or the reverse. Validation
    strips the characters XML forbids from its text, so that what an
    archivist pastes cannot break the feeds.
    """

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        for field in self._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, xml_safe(value))
        super().clean_fields(exclude=exclude)

    def save(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using, savepoint=False):
            super().save(*args, **kwargs)


class GuardedDeleteModel(ArchiveRecord):
    """An authority record that refuses deletion while statements use it."""

    class Meta:
        abstract = True

    def only_in_drafts(self) -> bool:
        """Used by statements, none of them published: not for the public yet."""
        used = self.statements_in_use()
        return used.exists() and not used.published().exists()

    def delete(self, *args, **kwargs):
        ensure_unused(self)
        return super().delete(*args, **kwargs)


class SlugQuerySet(GuardedDeleteQuerySet):
    """Authority records whose slug is their natural key (bodies, events)."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


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
        help_text="Other names, one per line. A name that meant this state only for a time "
        "takes its years: “Congo [1971-1997]”.",
    )
    adjectives = models.TextField(
        blank=True,
        help_text="Adjective forms that name this state and no other (“Soviet”), one per line, "
        "with years like the aliases.",
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
    history = HistoricalRecords()

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
        return reverse("archive:country", args=[self.slug])

    @property
    def alias_list(self) -> list[str]:
        """Other names, without the years some of them carry."""
        return [name.text for name in names.parse_lines(self.aliases)]

    def existed_in(self, year: int) -> bool:
        first = self.exists_from.year if self.exists_from else None
        last = self.exists_until.year if self.exists_until else None
        return (first is None or first <= year) and (last is None or year <= last)

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
    history = HistoricalRecords()

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
        return reverse("archive:body", args=[self.slug])

    @property
    def alias_list(self) -> list[str]:
        return split_aliases(self.aliases)

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
    history = HistoricalRecords(m2m_fields=[countries])

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
        return reverse("archive:event", args=[self.slug])

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


class Person(GuardedDeleteModel):
    """An authority record for a speaker: one person under every spelling of the name.

    ``name_key`` is the name reduced for matching (``archive.person_names``):
    "H.E. Mr. KIM Song" and "Song Kim" share it. The importer links a speech
    to a person only by a whole name, in the same country and period, so two
    people who share a surname are never joined.
    """

    name = models.CharField(max_length=255, help_text="The name as the archive writes it.")
    slug = models.SlugField(max_length=120, unique=True)
    family_name = models.CharField(
        max_length=120, blank=True, help_text="For sorting; the part of the name a family shares."
    )
    variants = models.TextField(
        blank=True, help_text="Other spellings and orders of the name, one per line."
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    name_key = models.CharField(max_length=255, db_index=True, editable=False)

    objects = SlugQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def save(self, *args, **kwargs):
        self.name_key = person_names.key(self.name)
        if not self.slug:
            self.slug = unique_slug(Person, person_names.clean(self.name), exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("archive:person", args=[self.slug])

    @property
    def variant_list(self) -> list[str]:
        return split_aliases(self.variants.replace(";", "\n"))

    def all_names(self) -> list[str]:
        """The name and its variants, without repeats."""
        return list(dict.fromkeys([self.name, *self.variant_list]))

    def statements_in_use(self):
        return Statement.objects.filter(speaker_person=self)

    def merge(self, others: list["Person"], user=None) -> "Person":
        """Make ``others`` part of this person: their statements, names and posts move here.

        One transaction; the history of this record says what was merged, and
        each statement moved gets a history entry naming the merge.
        """
        others = [other for other in others if other.pk != self.pk]
        with transaction.atomic():
            spellings = self.all_names()
            for other in others:
                spellings.extend(other.all_names())
                other.posts.update(person=self)
                for statement in other.statements.all():
                    statement.speaker_person = self
                    statement._change_reason = f"Speaker merged into {self.name}"
                    statement.save(update_fields=["speaker_person", "updated_at"])
            names_ = [n for n in dict.fromkeys(spellings) if n != self.name]
            self.variants = "\n".join(names_)
            if not self.country_id:
                self.country_id = next((o.country_id for o in others if o.country_id), None)
            self._change_reason = "Merged " + "; ".join(
                f"{other.name} (#{other.pk})" for other in others
            )
            if user is not None:
                self._history_user = user
            self.save()
            for other in others:
                other._change_reason = f"Merged into {self.name} (#{self.pk})"
                other.delete()
        return self


class Post(ArchiveRecord):
    """A post a person held, as far as the records show: "Minister for Foreign Affairs", 1995–97."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="posts")
    title = models.CharField(max_length=255)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    precision = models.CharField(
        "date precision", max_length=5, choices=Precision.choices, default=Precision.YEAR
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["start_date", "title"]

    def __str__(self):
        span = self.dates_display
        return f"{self.title} ({span})" if span else self.title

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date cannot be before the start date."})

    @property
    def dates_display(self) -> str:
        if not self.start_date:
            return ""
        return dates.display_range(self.start_date, self.end_date, self.precision)


# A line ending otherwise, followed by a lower-case line, was wrapped mid-sentence.
SENTENCE_ENDINGS = (".", "!", "?", ":", ";", "”", '"', ")", "]", "’")


class StatementQuerySet(models.QuerySet):
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
        help_text="For a month or a year, enter its first day and choose the precision.",
    )
    issued_precision = models.CharField(
        "date precision", max_length=5, choices=Precision.choices, default=Precision.DAY
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
        through="StatementRelation",
        symmetrical=False,
        through_fields=("source", "target"),
        related_name="+",
        blank=True,
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
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
    history = HistoricalRecords(
        m2m_fields=[co_issuers, events, countries_mentioned, countries_not_named]
    )

    class Meta:
        ordering = ["-issued_on", "title"]
        permissions = [
            ("publish_statement", "Can publish statements"),
            ("withdraw_statement", "Can withdraw statements"),
        ]
        indexes = [models.Index(fields=["status", "issued_on"])]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if self.issued_on and not dates.fits(self.issued_on, self.issued_precision):
            hint = {
                Precision.YEAR: "a date known only to the year must be entered as 1 January",
                Precision.MONTH: "a date known only to the month must be entered as its 1st day",
            }[self.issued_precision]
            raise ValidationError(
                {"issued_precision": f"The precision does not fit the date: {hint}."}
            )
        if self.slug:
            self.slug = self.slug.lower()

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Statement, self.title, exclude_pk=self.pk, max_length=100)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("archive:statement", args=[self.slug])

    @property
    def date_display(self) -> str:
        return dates.display(self.issued_on, self.issued_precision)

    @property
    def date_iso(self) -> str | None:
        return dates.iso(self.issued_on, self.issued_precision)

    @property
    def date_span(self):
        return dates.span(self.issued_on, self.issued_precision) if self.issued_on else None

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
        """This statement among those it answers and those answering it, in date order.

        ``visible`` limits the others (the public sees published ones only).
        Each entry: the statement, how it relates to this one, and whether it is this one.
        """
        entries = [{"statement": self, "relation": "", "current": True}]
        for relation in self.relations_out().filter(target__in=visible):
            label = f"this statement {relation.get_kind_display()} it"
            entries.append({"statement": relation.target, "relation": label, "current": False})
        for relation in self.relations_in().filter(source__in=visible):
            label = f"{relation.get_kind_display()} this statement"
            entries.append({"statement": relation.source, "relation": label, "current": False})
        if len(entries) == 1:
            return []
        entries.sort(
            key=lambda e: (e["statement"].issued_on is None, e["statement"].issued_on or date.min)
        )
        return entries


class StatementRelationManager(models.Manager):
    def get_by_natural_key(self, source_slug, kind, target_slug):
        return self.get(source__slug=source_slug, kind=kind, target__slug=target_slug)


class StatementRelation(models.Model):
    """A typed link from one statement to another, read from both ends."""

    source = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="outgoing_relations"
    )
    kind = models.CharField(max_length=20, choices=RelationKind.choices)
    target = models.ForeignKey(
        Statement,
        on_delete=models.CASCADE,
        related_name="incoming_relations",
        verbose_name="related statement",
    )
    note = models.CharField(max_length=255, blank=True)

    objects = StatementRelationManager()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"], name="unique_statement_relation"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="relation_not_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"

    def natural_key(self):
        return (self.source.slug, self.kind, self.target.slug)

    natural_key.dependencies = ["archive.statement"]

    @property
    def inverse_label(self) -> str:
        return INVERSE_RELATION_LABELS[self.kind]

    def clean(self):
        if self.source_id and self.target_id and self.source_id == self.target_id:
            raise ValidationError({"target": "A statement cannot relate to itself."})


def ensure_unused(instance) -> None:
    """Raise ``ProtectedError`` if statements still use this authority record.

    Foreign keys are protected by ``on_delete=PROTECT``; many-to-many links
    would otherwise vanish silently, so they are checked here.
    """
    in_use = instance.statements_in_use()
    count = in_use.count()
    if count:
        noun = "statement uses" if count == 1 else "statements use"
        raise ProtectedError(
            f"Cannot delete {instance._meta.verbose_name} “{instance}”: "
            f"{count} {noun} it. Remove it from them first.",
            set(in_use[:20]),
        )


@receiver(pre_delete, sender=Country)
@receiver(pre_delete, sender=IssuingBody)
@receiver(pre_delete, sender=Event)
@receiver(pre_delete, sender=Person)
def refuse_delete_in_use(sender, instance, **kwargs):
    """Last line of defence for deletions that bypass ``delete()`` checks."""
    ensure_unused(instance)
