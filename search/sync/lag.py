"""How far this node's index is behind the database, said instead of hidden.

Searches never write the index (the indexer does), so a search answered
from an index that owes changes says so, and by how far: the search page
and the API carry a notice, ``/health/`` answers 503, and
``check_search_index`` prints it. Measured at most once per
``CHECK_INTERVAL`` per process: one indexed query on the change log.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from django.db.models import Count, Min
from django.utils import timezone

from search.backends import get_backend
from search.models import IndexChange
from search.sync import indexing
from search.sync.changelog import unapplied

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Lag:
    """What the index owes: log rows not applied, and the age of the oldest."""

    changes: int = 0
    seconds: float = 0.0
    # Seconds since the indexer last beat (None: no indexer ever ran on this index).
    indexer_seen: float | None = None
    needs_indexer: bool = True  # False for a backend that writes in the transaction

    @property
    def indexer_running(self) -> bool:
        return self.indexer_seen is not None and self.indexer_seen < indexing.INDEXER_ALIVE

    @property
    def behind(self) -> bool:
        return self.changes > 0 and self.seconds >= indexing.option("LAG_NOTICE")

    def describe(self) -> str:
        """One line for people: how far behind, and whether the indexer is running."""
        if not self.needs_indexer:
            return "The index is written with the database: it is never behind."
        state = (
            "the indexer is running"
            if self.indexer_running
            else "no indexer is running"
            if self.indexer_seen is None
            else f"the indexer was last seen {_duration(self.indexer_seen)} ago"
        )
        if not self.changes:
            return f"The index is up to date; {state}."
        return (
            f"The index is {self.changes} change(s) behind the archive, the oldest "
            f"{_duration(self.seconds)} old; {state}."
        )

    def notice(self) -> str | None:
        """What a search says when its results may miss recent changes, else None."""
        if not self.behind:
            return None
        return (
            f"Recent changes are not all searchable yet: the search index is {self.changes} "
            f"change(s) behind, the oldest {_duration(self.seconds)} old."
            + ("" if self.indexer_running else " The indexer is not running.")
        )

    def as_json(self) -> dict:
        return {
            "behind": self.behind,
            "changes": self.changes,
            "seconds": round(self.seconds, 1),
            "indexer_running": self.indexer_running or not self.needs_indexer,
        }


def measure() -> Lag:
    """The lag now (raises IndexUnavailable-free: no index means everything is owed)."""
    backend = get_backend()
    if backend.transactional:
        return Lag(needs_indexer=False)
    position = backend.position()
    owed = (
        IndexChange.objects.all()
        if position is None
        else IndexChange.objects.filter(unapplied(position))
    )
    # The pruning marker (no statement, no record) is not a change.
    owed = owed.exclude(statement_id__isnull=True, authority="")
    found = owed.aggregate(changes=Count("position"), oldest=Min("changed_at"))
    seconds = 0.0
    if found["oldest"] is not None:
        seconds = max(0.0, (timezone.now() - found["oldest"]).total_seconds())
    return Lag(found["changes"], seconds, backend.indexer_seen())


class _Cache:
    lock = threading.Lock()
    measured = float("-inf")
    lag = Lag()


def current() -> Lag:
    """The lag, measured at most once per ``CHECK_INTERVAL`` in this process."""
    now = time.monotonic()
    if now - _Cache.measured >= indexing.option("CHECK_INTERVAL") and _Cache.lock.acquire(False):
        try:
            _Cache.lag = measure()
            _Cache.measured = now
        except Exception:  # a search must still answer: keep the last figure
            log.exception("Could not measure how far the search index is behind.")
        finally:
            _Cache.lock.release()
    return _Cache.lag


def forget() -> None:
    """Measure again at the next search (after the index was swapped or rebuilt)."""
    _Cache.measured = float("-inf")


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.0f} h"
