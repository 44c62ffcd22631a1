"""Speakers as authority records: a person under every spelling of the name, and posts held."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from simple_history.models import HistoricalRecords

from archive import dates, person_names
from archive.dates import Precision
from archive.models import Country, Statement
from archive.records import (
    ArchiveRecord,
    GuardedDeleteModel,
    SlugQuerySet,
    split_aliases,
    unique_slug,
)
from archive.site_urls import slug_url


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
        return slug_url("archive:person", self.slug)

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
