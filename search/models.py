"""The change log: what the search index owes, written with the change itself.

Every transaction that changes what a statement's search document holds
appends a row here (the transactional outbox pattern, DESIGN.md §3). An
index stores the last position it applied; any process can bring any index
up to date from the log, so a crash after a commit, an index update that
failed, or a second server with its own index all converge without anyone
running a command. The index itself lives on disk (see backends/).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import models, transaction
from django.utils import timezone


class IndexChangeQuerySet(models.QuerySet):
    def record(self, pks: Iterable[int]) -> None:
        """Append one row per statement, in the caller's transaction."""
        now = timezone.now()
        self.bulk_create([IndexChange(statement_id=pk, changed_at=now) for pk in sorted(pks)])

    def horizon(self) -> int:
        """The position the log was pruned through (0: never pruned)."""
        marker = self.filter(statement_id__isnull=True).order_by("-position").first()
        return marker.position if marker else 0

    def prune(self, older_than: dt.datetime) -> int:
        """Drop rows changed before ``older_than``; the newest of them stays as the marker.

        An index whose position is below the marker missed rows that are
        gone, and must be rebuilt. Return how many rows were deleted.
        """
        with transaction.atomic():
            last = (
                self.filter(changed_at__lt=older_than)
                .order_by("-position")
                .values_list("position", flat=True)
                .first()
            )
            if last is None:
                return 0
            deleted, _ = self.filter(position__lt=last).delete()
            self.filter(position=last).update(statement_id=None)
        return deleted


class IndexChange(models.Model):
    """One statement whose search document may have changed, at one log position."""

    position = models.BigAutoField(primary_key=True)
    # No foreign key: the row must outlive a deleted statement. Null marks
    # the row the log was pruned through.
    statement_id = models.BigIntegerField(null=True)
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = IndexChangeQuerySet.as_manager()

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.position}: statement {self.statement_id}"
