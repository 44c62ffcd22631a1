"""A statement's text in other languages: the original beside its translations, each marked.

A statement holds one text (its ``body``, in its ``language``); each version holds the same
statement in another language, as issued (the original) or translated, with who translated
it and where the version was published. Every version is searched and shown.
"""

from django.core.exceptions import ValidationError
from django.db import models

from archive.choices import LANGUAGE_CHOICES
from archive.history import EditHistory
from archive.records import WEB_URL, ArchiveRecord, RecordQuerySet
from archive.text import paragraphs

LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


class StatementVersion(ArchiveRecord):
    """The statement's title and text in one more language."""

    statement = models.ForeignKey(
        "archive.Statement", on_delete=models.CASCADE, related_name="versions"
    )
    language = models.CharField(max_length=8, choices=LANGUAGE_CHOICES)
    title = models.CharField(max_length=500, blank=True, help_text="The title in this language.")
    body = models.TextField(help_text="The words in this language; paragraphs on separate lines.")
    original = models.BooleanField(
        default=False, help_text="This is the text as issued, not a translation."
    )
    translator = models.CharField(
        max_length=255, blank=True, help_text="Who translated it: a person, an agency, a service."
    )
    source = models.CharField(
        max_length=255, blank=True, help_text="Where this version was published."
    )
    source_url = models.URLField("source URL", max_length=500, blank=True, validators=[WEB_URL])

    objects = RecordQuerySet.as_manager()
    history = EditHistory()

    class Meta:
        ordering = ["-original", "language"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "language"], name="one_version_a_language")
        ]

    def __str__(self):
        role = "original" if self.original else "translation"
        return f"{self.get_language_display()} ({role})"

    def clean(self):
        errors = {}
        if self.statement_id and self.language == self.statement.language:
            errors["language"] = "The statement's own text is in this language already."
        if self.original and self.translator:
            errors["translator"] = "An original has no translator."
        if errors:
            raise ValidationError(errors)

    def as_text(self) -> dict:
        """This version as ``Statement.texts`` lists each."""
        return shown(
            self.language,
            self.title,
            self.body,
            original=self.original,
            translator=self.translator,
            source=self.source,
            source_url=self.source_url,
        )


def shown(
    language: str,
    title: str,
    body: str,
    *,
    original: bool,
    translator: str,
    source: str = "",
    source_url: str = "",
) -> dict:
    """A text as the statement page shows it: its language and its name, its title and
    paragraphs, and whether it is the original or who translated it."""
    return {
        "language": language,
        "language_name": LANGUAGE_NAMES.get(language, language),
        "title": title,
        "paragraphs": paragraphs(body),
        "original": original,
        "translator": translator,
        "source": source,
        "source_url": source_url,
    }
