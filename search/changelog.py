"""The change log as the search backends read it: what an index owes, and the documents now.

Rows name a statement, or an authority record (a country, body, event or person)
whose names statements carry. An authority row is turned into statements
when it is applied, not when it is written: a statement linked to the
record by a transaction that committed meanwhile is included, so a rename
racing a new link cannot leave that statement with the old name.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Collection, Iterator

from django.db import models
from django.db.models import DurationField, ExpressionWrapper, Max, Q, Value
from django.db.models.functions import Now

from archive.models import Country, Event, IssuingBody, Person, Statement
from search import documents
from search.backends.base import Document, IndexBehind, LogPosition, Pending
from search.models import IndexChange

LOAD_CHUNK = 500  # statements read per query when loading documents

AUTHORITIES: dict[str, type[models.Model]] = {
    "country": Country,
    "body": IssuingBody,
    "event": Event,
    "person": Person,
}


def authority_key(record: models.Model) -> str:
    """The log's name for an authority record: ``country:5``."""
    kind = next(k for k, model in AUTHORITIES.items() if isinstance(record, model))
    return f"{kind}:{record.pk}"


def statements_of(record: models.Model) -> models.QuerySet[Statement]:
    """The statements whose documents carry this authority record's names."""
    if isinstance(record, Country):
        return Statement.objects.filter(
            Q(issuer__country=record) | Q(countries_mentioned=record)
        ).distinct()
    return record.statements_in_use()


def _statement_ids(key: str) -> set[str]:
    kind, _, pk = key.partition(":")
    record = AUTHORITIES[kind]._default_manager.filter(pk=int(pk)).first()
    if record is None:
        return set()
    return {str(i) for i in statements_of(record).values_list("pk", flat=True)}


def _unapplied(since: LogPosition) -> Q:
    after = Q(position__gt=since.high)
    for gap in since.gaps:
        after |= Q(position__range=(gap.first, gap.last))
    return after


class ChangeLog:
    """``search.backends.base.ChangeFeed`` over ``IndexChange`` and the statements."""

    def __init__(self, grace: float = 600.0) -> None:
        self.grace = grace

    def snapshot(self) -> LogPosition:
        # Rows older than the grace, by the database's clock, are committed or never will be.
        cutoff = ExpressionWrapper(
            Now() - Value(dt.timedelta(seconds=self.grace), output_field=DurationField()),
            output_field=models.DateTimeField(),
        )
        settled = (
            IndexChange.objects.filter(changed_at__lt=cutoff).aggregate(high=Max("position"))[
                "high"
            ]
            or 0
        )
        recent = IndexChange.objects.filter(position__gt=settled)
        return LogPosition(settled).advance(
            recent.values_list("position", flat=True), time.time(), self.grace
        )

    def pending(self, since: LogPosition, limit: int | None = None) -> Pending:
        rows = (
            IndexChange.objects.filter(_unapplied(since))
            .order_by("position")
            .values_list("position", "statement_id", "authority")
        )
        rows = list(rows[: limit + 1] if limit is not None else rows)
        more = limit is not None and len(rows) > limit
        rows = rows[:limit] if more else rows
        ids: set[str] = set()
        for _, statement, authority in rows:
            if statement is not None:
                ids.add(str(statement))
            elif authority:
                ids |= _statement_ids(authority)
            else:
                raise IndexBehind(
                    f"The search index is at change {since.high}, and the change log was "
                    "pruned past it: the index must be rebuilt."
                )
        position = since.advance([p for p, _, _ in rows], time.time(), self.grace, expire=not more)
        return Pending(frozenset(ids), position, more)

    def load(self, ids: Collection[str]) -> Iterator[Document]:
        ordered = sorted(int(i) for i in ids)
        for start in range(0, len(ordered), LOAD_CHUNK):
            yield from documents.iter_documents(pks=ordered[start : start + LOAD_CHUNK])

    def backlog(self, since: LogPosition) -> int:
        """How many log rows an index at ``since`` has not applied."""
        return IndexChange.objects.filter(_unapplied(since)).count()
