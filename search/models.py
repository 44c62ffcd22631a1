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
from django.db.models.functions import Now


class IndexChangeQuerySet(models.QuerySet):
    def record(self, pks: Iterable[int] = (), authorities: Iterable[str] = ()) -> None:
        """Append one row per statement and one per authority record ("country:5"), in the
        caller's transaction."""
        rows = [IndexChange(statement_id=pk) for pk in sorted(pks)]
        rows.extend(IndexChange(authority=key) for key in authorities)
        self.bulk_create(rows)

    def horizon(self) -> int:
        """The position the log was pruned through (0: never pruned)."""
        marker = self.filter(statement_id__isnull=True, authority="").order_by("-position")
        return marker.values_list("position", flat=True).first() or 0

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
            self.filter(position=last).update(statement_id=None, authority="")
        return deleted


class IndexChange(models.Model):
    """One statement, or one authority record's statements, whose documents may have changed.

    A row with neither marks the position the log was pruned through.
    """

    position = models.BigAutoField(primary_key=True)
    # No foreign key: the row must outlive a deleted statement.
    statement_id = models.BigIntegerField(null=True)
    # "country:5", "body:3", "event:7": a renamed record, turned into its
    # statements when the row is applied (search.sync.changelog).
    authority = models.CharField(max_length=40, blank=True, default="")
    # The database's clock, so that servers with different clocks agree.
    changed_at = models.DateTimeField(db_default=Now(), db_index=True)

    objects = IndexChangeQuerySet.as_manager()

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.position}: {self.authority or f'statement {self.statement_id}'}"
