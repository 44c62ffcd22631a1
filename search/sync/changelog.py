"""The change log as the search backends read it: what an index owes, and the documents now.

Rows name a statement, or an authority record (a country, body, event or person)
whose names statements carry. An authority row is turned into statements
after it is written, not when: a statement linked to the record by a
transaction that committed meanwhile is included, so a rename racing a new
link cannot leave that statement with the old name.

The indexer turns an authority row into one row per statement (``expand``):
the row is marked ``expanded:<key>`` and its statements follow as rows of
their own (``via:<key>``), so a rename of a country named by thousands of
statements is applied a chunk at a time like any other backlog, and never
as one commit. Until it is expanded, a reader that may not expand
(``expand=False``: a save's quick sync) stops before the row.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Collection, Iterator

from django.db import models, transaction
from django.db.models import DurationField, ExpressionWrapper, Max, Q, Value
from django.db.models.functions import Now

from archive.models import Country, Event, IssuingBody, Person, Statement
from search import documents
from search.backends.base import Document, IndexBehind, LogPosition, Pending
from search.models import IndexChange

LOAD_CHUNK = 500  # statements read per query when loading documents
EXPANDED = "expanded:"  # an authority row whose statements were logged after it
VIA = "via:"  # a statement row logged by expanding an authority row

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


def unapplied(since: LogPosition) -> Q:
    """The log rows an index at ``since`` has not applied."""
    after = Q(position__gt=since.high)
    for gap in since.gaps:
        after |= Q(position__range=(gap.first, gap.last))
    return after


class ChangeLog:
    """``search.backends.base.ChangeFeed`` over ``IndexChange`` and the statements."""

    def __init__(
        self, grace: float = 600.0, expand: bool = True, skip: Collection[int] = frozenset()
    ) -> None:
        self.grace = grace
        # Positions already applied out of order (``fresh``): passed over, not re-read.
        self.skip = frozenset(skip)
        # Whether an authority row not expanded yet is applied here, by reading its
        # statements; if not, reading stops before it and leaves it to the indexer.
        self.expand = expand

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
            IndexChange.objects.filter(unapplied(since))
            .order_by("position")
            .values_list("position", "statement_id", "authority")
        )
        if limit is not None:  # enough rows for ``limit`` of them not skipped
            rows = rows[: limit + len(self.skip) + 1]
        rows = list(rows)
        read, ids, counted = [], set(), 0
        more = limit is not None and len(rows) == limit + len(self.skip) + 1
        for position, statement, authority in rows:
            if position in self.skip:
                read.append(position)
                continue
            if limit is not None and counted == limit:
                more = True
                break
            if statement is not None:
                ids.add(str(statement))
            elif authority.startswith(EXPANDED):
                pass  # its statements are rows of their own
            elif authority and not self.expand:
                more = True
                break
            elif authority:
                ids |= _statement_ids(authority)
            else:
                raise IndexBehind(
                    f"The search index is at change {since.high}, and the change log was "
                    "pruned past it: the index must be rebuilt."
                )
            counted += 1
            read.append(position)
        position = since.advance(read, time.time(), self.grace, expire=not more)
        return Pending(frozenset(ids), position, more)

    def load(self, ids: Collection[str]) -> Iterator[Document]:
        ordered = sorted(int(i) for i in ids)
        for start in range(0, len(ordered), LOAD_CHUNK):
            yield from documents.iter_documents(pks=ordered[start : start + LOAD_CHUNK])

    def backlog(self, since: LogPosition) -> int:
        """How many log rows an index at ``since`` has not applied."""
        return IndexChange.objects.filter(unapplied(since)).count()

    def fresh(self, since: LogPosition, after: int, limit: int) -> list[tuple[int, int]]:
        """(position, statement) of rows after ``after`` that edit a statement directly (not
        through a rename) and ``since`` has not applied: an indexer applies these ahead of
        a long backlog, and then skips them (``skip``) when the backlog reaches them."""
        rows = (
            IndexChange.objects.filter(
                unapplied(since), position__gt=after, statement_id__isnull=False
            )
            .exclude(authority__startswith=VIA)
            .order_by("position")
            .values_list("position", "statement_id")[:limit]
        )
        return list(rows)


def expand(limit: int = 20) -> int:
    """Turn up to ``limit`` authority rows into rows of their statements; return how many.

    Each row is claimed by marking it (one transaction each, so a rename
    committed meanwhile is not held up): of two indexers racing for a row,
    only the one whose update changed it logs its statements.
    """
    done = 0
    pending = (
        IndexChange.objects.filter(statement_id__isnull=True)
        .exclude(authority="")
        .exclude(authority__startswith=EXPANDED)
        .order_by("position")
        .values_list("position", "authority")[:limit]
    )
    for position, key in list(pending):
        with transaction.atomic():
            claimed = IndexChange.objects.filter(position=position, authority=key).update(
                authority=f"{EXPANDED}{key}"
            )
            if claimed:
                ids = sorted(int(i) for i in _statement_ids(key))
                IndexChange.objects.bulk_create(
                    [IndexChange(statement_id=pk, authority=f"{VIA}{key}") for pk in ids],
                    batch_size=500,
                )
                done += 1
    return done
