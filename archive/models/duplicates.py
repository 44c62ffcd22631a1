"""Possible duplicates: person records the importer found may be one person, for editors.

The importer links a speech to a person only when it is sure (``archive.speakers``).
When it is not (a name one edit away, a surname two namesakes share, years just
past the margin), it keeps the records apart and proposes the pair here, with its
evidence. An editor reviews the merge (the person admin's merge confirmation) or
decides they are two people; either way the proposal leaves the list.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from archive.history import EditHistory
from archive.models.people import Person
from archive.records import ArchiveRecord, RecordQuerySet


class DuplicateQuerySet(RecordQuerySet):
    def open(self):
        """Proposals nobody decided, of records neither of which was merged since."""
        return self.filter(
            dismissed=False,
            person__merged_into__isnull=True,
            candidate__merged_into__isnull=True,
        )


class DuplicateProposal(ArchiveRecord):
    """Two person records that may be one person, and why the importer thinks so."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    evidence = models.TextField()
    dismissed = models.BooleanField("not the same person", default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DuplicateQuerySet.as_manager()
    history = EditHistory()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "candidate"], name="one_proposal_a_pair")
        ]

    def __str__(self):
        return f"{self.person} / {self.candidate}"
