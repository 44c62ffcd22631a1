"""Authority records: countries, issuing bodies and events, and what they share.

An authority record has a name, a slug made from it on the first save (its
public identity: in URLs, GET parameters and facet keys), a page of its own,
and is never deleted while a statement uses it (``refuse_delete_in_use``).
People are authority records too (``archive.models.people``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from archive import dates, mentions, names
from archive.choices import LANGUAGE_CHOICES, BodyKind, EventKind, Region
from archive.dates import Precision
from archive.history import EditHistory
from archive.records import (
    WEB_URL,
    GuardedDeleteModel,
    GuardedDeleteQuerySet,
    SlugQuerySet,
    ensure_unused,
    split_aliases,
    unique_slug,
)
from archive.site_urls import slug_url
from archive.text import natural_order


class AuthorityRecord(GuardedDeleteModel):
    """A named record with a slug and a page: countries, issuing bodies, events, people."""

    url_name: ClassVar[str]  # the URL pattern of the record's page, reversed with its slug

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def slug_source(self) -> str:
        """The text the slug is made from, on the first save."""
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            model = self._meta.concrete_model
            self.slug = unique_slug(model, self.slug_source(), exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url(self.url_name, self.slug)


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
                in_languages=country.names_by_language,
            )
            for country in self.only(
                "code",
                "name",
                "aliases",
                "adjectives",
                "names_in_languages",
                "exists_from",
                "exists_until",
            )
        )


class Country(AuthorityRecord):
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
    names_in_languages = models.TextField(
        "names in other languages",
        blank=True,
        help_text="The state's names in the archive's other languages, one per line: the "
        "language's code, a colon, the name (“ko: 북한”, “fr: Corée du Nord”). They are searched, "
        "and found in texts of that language.",
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

    url_name = "archive:country"
    objects = CountryQuerySet.as_manager()
    history = EditHistory(m2m_fields=[predecessors])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def clean(self):
        errors = {}
        for field in ("aliases", "adjectives"):
            problems = names.check_lines(getattr(self, field))
            if problems:
                errors[field] = problems
        languages = {code for code, _ in LANGUAGE_CHOICES}
        if problems := names.check_language_lines(self.names_in_languages, languages):
            errors["names_in_languages"] = problems
        if self.exists_from and self.exists_until and self.exists_until < self.exists_from:
            errors["exists_until"] = "The state cannot end before it begins."
        if errors:
            raise ValidationError(errors)

    def natural_key(self):
        return (self.code,)

    def save(self, *args, **kwargs):
        self.code = self.code.upper()
        super().save(*args, **kwargs)

    @property
    def alias_list(self) -> list[str]:
        """Other names, without the years some of them carry."""
        return [name.text for name in names.parse_lines(self.aliases)]

    @property
    def names_by_language(self) -> dict[str, list[str]]:
        """The state's names in other languages, by language code."""
        return names.parse_language_lines(self.names_in_languages)

    @property
    def years_display(self) -> str:
        if not (self.exists_from or self.exists_until):
            return ""
        first = str(self.exists_from.year) if self.exists_from else ""
        last = str(self.exists_until.year) if self.exists_until else ""
        return f"{first}–{last}"

    def statements_in_use(self):
        """Return statements that would lose this country if it were deleted."""
        return (
            _statements()
            .objects.filter(
                models.Q(countries_mentioned=self)
                | models.Q(countries_extracted=self)
                | models.Q(countries_not_named=self)
            )
            .distinct()
        )


class IssuingBody(AuthorityRecord):
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

    url_name = "archive:body"
    objects = SlugQuerySet.as_manager()
    history = EditHistory()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "issuing bodies"

    def clean(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": "A body cannot be its own parent or ancestor."})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    @property
    def alias_list(self) -> list[str]:
        return split_aliases(self.aliases)

    def events_referred_to(self, statements, limit: int = 8) -> list[Event]:
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
        for statement_id, event_id in (
            _statements()
            .events.through.objects.filter(statement__in=statements.values("pk"))
            .values_list("statement_id", "event_id")
        ):
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
        return (
            _statements()
            .objects.filter(models.Q(issuer=self) | models.Q(co_issuers=self))
            .distinct()
        )


class Event(AuthorityRecord):
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

    url_name = "archive:event"
    objects = SlugQuerySet.as_manager()
    history = EditHistory(m2m_fields=[countries])

    class Meta:
        ordering = ["-start_date", "name"]

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

    @property
    def dates_display(self) -> str:
        return dates.display_range(self.start_date, self.end_date, self.precision)

    @property
    def span(self):
        """Return the first and last day the event may cover."""
        first = dates.span(self.start_date, self.precision)[0]
        return first, dates.span(self.end_date or self.start_date, self.precision)[1]

    def statements_in_use(self):
        return _statements().objects.filter(events=self).distinct()

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


def _statements():
    """The Statement model: statements refer to authority records, so it is defined after them."""
    from archive.models.statements import Statement

    return Statement


@receiver(pre_delete, sender=Country)
@receiver(pre_delete, sender=IssuingBody)
@receiver(pre_delete, sender=Event)
def refuse_delete_in_use(sender, instance, **kwargs):
    """Last line of defence for deletions that bypass ``delete()`` checks."""
    ensure_unused(instance)
