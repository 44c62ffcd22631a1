"""Speakers as authority records: a person under every spelling of the name, posts held,
and the record of each merge (``archive.person_merges`` does the merging)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone

from archive import dates, person_names
from archive.dates import Precision
from archive.history import EditHistory
from archive.models.authorities import AuthorityRecord, Country
from archive.models.statements import Statement
from archive.records import (
    ArchiveRecord,
    RecordQuerySet,
    SlugQuerySet,
    ensure_unused,
    split_aliases,
)


class PersonQuerySet(SlugQuerySet):
    def current(self):
        """People not merged into another record."""
        return self.filter(merged_into__isnull=True)


class Person(AuthorityRecord):
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
    # Set by a merge (archive/person_merges.py): the record stays, its address redirects.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="merged_from",
    )

    url_name = "archive:person"
    objects = PersonQuerySet.as_manager()
    history = EditHistory()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def slug_source(self) -> str:
        return person_names.clean(self.name)

    def save(self, *args, **kwargs):
        self.name_key = person_names.key(self.name)
        super().save(*args, **kwargs)

    @property
    def variant_list(self) -> list[str]:
        return split_aliases(self.variants.replace(";", "\n"))

    def all_names(self) -> list[str]:
        """The name and its variants, without repeats."""
        return list(dict.fromkeys([self.name, *self.variant_list]))

    def statements_in_use(self):
        return Statement.objects.filter(speaker_person=self)

    def current(self) -> "Person":
        """The record this one was merged into, at the end of the chain (itself if none)."""
        person, seen = self, {self.pk}
        while person.merged_into_id is not None and person.merged_into_id not in seen:
            seen.add(person.merged_into_id)
            person = person.merged_into
        return person


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

    objects = RecordQuerySet.as_manager()
    history = EditHistory()

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


class PersonMergeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(undone_at__isnull=True)


class PersonMerge(models.Model):
    """One person merged into another, and what the merge moved."""

    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_out")
    reason = models.TextField()
    states_overridden = models.BooleanField(
        default=False, help_text="Merged although no succession links the two states."
    )
    statements = models.JSONField(default=list, help_text="The statements moved (ids).")
    posts = models.JSONField(default=list, help_text="The posts moved (ids).")
    variants_added = models.JSONField(default=list, help_text="Spellings the survivor gained.")
    country_taken = models.BooleanField(
        default=False, help_text="The survivor had no state and took the merged person's."
    )
    merged_at = models.DateTimeField(default=timezone.now)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = PersonMergeQuerySet.as_manager()

    class Meta:
        ordering = ["-merged_at", "-pk"]

    def __str__(self):
        return f"{self.merged} merged into {self.survivor}"


@receiver(pre_delete, sender=Person)
def refuse_delete_in_use(sender, instance, **kwargs):
    """Last line of defence for deletions that bypass ``delete()`` checks."""
    ensure_unused(instance)
