"""Keep the search index equal to the published statements, whatever fails.

The only module that talks to both the ORM and the search backend.

Writers call ``schedule(pks)``. It appends the statements to the change log
(``search.models.IndexChange``) in the writer's own transaction, and after
the commit, ``sync`` brings the index up to date at once: the fast path.
The log is what makes the index converge when the fast path does not run or
fails: the process was killed after its commit, the index was locked for
longer than a request may wait, the update raised, or the index lives on
another server. Searching processes catch up before answering (checked at
most once a second, ``current_backend``), ``sync_search_index --follow``
catches up in the background, and an import catches up when it ends.

Documents are always read after the index's write lock is taken, so the
last writer to get the lock writes the newest version (versions win, not
arrival order). A failure to update the index never undoes the database
write: the change stays in the log until an index applies it.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from search import documents
from search.backends import get_backend
from search.backends.base import (
    IndexBehind,
    IndexBusy,
    IndexUnavailable,
    LogPosition,
    SearchBackend,
)
from search.changelog import ChangeLog, authority_key, statements_of
from search.models import IndexChange

log = logging.getLogger(__name__)

SYNC_CHUNK = 500  # log rows applied per index commit when catching up in full
REQUEST_CHUNK = 100  # log rows a request applies besides its own statements
_local = threading.local()


def option(name: str) -> float:
    """An indexing setting (``settings.SEARCH_INDEXING``), or its default."""
    defaults = {
        # How long a request waits for the index lock before leaving its
        # update to the change log.
        "LOCK_WAIT": 2.0,
        # How often a searching process looks for changes it has not applied.
        "CHECK_INTERVAL": 1.0,
        # After how long a log position taken by an uncommitted transaction is
        # taken to be a rollback; must exceed the longest writing transaction.
        "GRACE": 600.0,
        # Days the change log is kept; an index further behind rebuilds.
        "KEEP_DAYS": 14.0,
        # A backlog larger than this is applied by one rebuild instead.
        "REBUILD_ABOVE": 2000,
    }
    return float(getattr(settings, "SEARCH_INDEXING", {}).get(name, defaults[name]))


def feed() -> ChangeLog:
    """The change log, as the backend reads it."""
    return ChangeLog(grace=option("GRACE"))


# Writing ----------------------------------------------------------------------


def schedule(pks: Iterable[int] = (), authorities: Iterable[models.Model] = ()) -> None:
    """Log these statements (or renamed authority records' statements) in the current
    transaction; index them once it commits, or at once with a backend that writes in the
    transaction."""
    pks = {int(pk) for pk in pks if pk is not None}
    authorities = list(authorities)
    if not pks and not authorities:
        return
    IndexChange.objects.record(pks, [authority_key(record) for record in authorities])
    if getattr(_local, "deferred", False):
        return  # a bulk import catches up once, at its end
    connection = transaction.get_connection()
    if not connection.in_atomic_block or get_backend().transactional:
        # Autocommit, or an index in the database: the write and the index change
        # commit (or roll back) together.
        for record in authorities:
            pks.update(statements_of(record).values_list("pk", flat=True))
        sync(pks)
        return
    # One sync after the commit for everything the transaction changed: each call
    # queues its statements and registers a callback; the first callback to run
    # syncs the queue, the others find it empty. A rolled-back transaction's
    # statements stay queued and are synced with the next commit, harmlessly:
    # a sync reads what the database holds then.
    _queued().update(pks)
    if authorities:
        _local.authorities = [*getattr(_local, "authorities", []), *authorities]
    transaction.on_commit(_sync_queued)


def _queued() -> set[int]:
    if not hasattr(_local, "queued"):
        _local.queued = set()
    return _local.queued


def _sync_queued() -> None:
    pks, authorities = _queued(), getattr(_local, "authorities", [])
    if not pks and not authorities:
        return
    _local.queued, _local.authorities = set(), []
    for record in authorities:  # their statements as they are now, after the commit
        pks.update(statements_of(record).values_list("pk", flat=True))
    sync(pks)


def sync(pks: Iterable[int]) -> bool:
    """The fast path: index these statements (and a little of the log) now. Return success.

    Waits for the index lock at most ``LOCK_WAIT`` seconds; on a timeout or
    any failure the change stays in the log, and the next catch-up applies it.
    """
    pks = set(pks)
    try:
        get_backend().catch_up(
            feed(), also=[str(pk) for pk in pks], limit=REQUEST_CHUNK, wait=option("LOCK_WAIT")
        )
    except IndexBusy as exc:
        log.warning(
            "The search index is busy (%s); %d statement(s) will be indexed from the change log.",
            exc,
            len(pks),
        )
        return False
    except IndexUnavailable as exc:
        log.warning("%s The change log keeps %d statement(s) for it.", exc, len(pks))
        return False
    except Exception:
        log.exception(
            "Could not update the search index for %d statement(s) (e.g. %s). The database "
            "change was kept, and the change log holds it: the next catch-up applies it.",
            len(pks),
            sorted(pks)[:10],
        )
        return False
    return True


def defer() -> None:
    """Only log changes, without syncing each one (during a bulk import)."""
    _local.deferred = True


def resume() -> None:
    """Sync each change again, leaving what was logged meanwhile to the next catch-up."""
    _local.deferred = False


def flush_deferred() -> None:
    """At the end of an import: apply the whole log, by one rebuild if it is long.

    A killed earlier import left its changes in the log, so this repairs it
    too, even when this run changed nothing. An import inside a transaction
    is applied when that transaction commits: never rows that may roll back.
    """
    _local.deferred = False
    transaction.on_commit(_apply_import)


def _apply_import() -> None:
    try:
        catch_up(rebuild_above=int(option("REBUILD_ABOVE")))
    except Exception:
        log.exception(
            "Could not bring the search index up to date after the import; the change log "
            "keeps the changes: run `manage.py sync_search_index`."
        )


def catch_up(rebuild_above: int | None = None, wait: float | None = None) -> int:
    """Apply every change the index has not applied; rebuild if it must. Return rows applied.

    Rebuilds when there is no index, when it is further behind than the
    pruned log, or when the backlog is longer than ``rebuild_above``.
    """
    backend = get_backend()
    if not backend.exists():
        log.warning("There is no search index: building it.")
        return rebuild()
    position = backend.position() or LogPosition()
    try:
        if rebuild_above is not None and feed().backlog(position) > rebuild_above:
            return rebuild()
        applied = 0
        while True:
            pending = backend.catch_up(feed(), limit=SYNC_CHUNK, wait=wait)
            applied += len(pending.ids)
            if not pending.more:
                return applied
    except IndexBehind as exc:
        log.warning("%s Rebuilding it.", exc)
        return rebuild()


def rebuild(batch_size: int = 500, progress: Callable[[int], None] | None = None) -> int:
    """Build a fresh index of every published statement, apply what changed meanwhile, swap."""

    def counted():
        for doc in documents.iter_documents(batch_size=batch_size):
            yield doc
            if progress:
                progress(1)

    return get_backend().rebuild(counted(), feed=feed())


def prune_log(days: float | None = None) -> int:
    """Drop change-log rows older than ``days`` (default ``KEEP_DAYS``); return how many."""
    days = option("KEEP_DAYS") if days is None else days
    return IndexChange.objects.prune(timezone.now() - dt.timedelta(days=days))


# Reading ----------------------------------------------------------------------


class _Checks:
    """When this process last looked at the change log, and last pruned it."""

    lock = threading.Lock()
    checked = float("-inf")
    pruned = float("-inf")
    warned = float("-inf")


PRUNE_EVERY = 3600.0  # seconds between prunes by a searching process
WARN_EVERY = 60.0  # seconds between repeated errors of a searching process's catch-up


def current_backend() -> SearchBackend:
    """The backend, first brought up to date with the change log (at most once a second).

    This is how a second server sees the first one's writes, and how a
    change whose fast path never ran reaches the index without a command. A
    request applies at most a small batch and never waits for the lock: if
    another process holds it, that process is applying the same log.
    """
    backend = get_backend()
    now = time.monotonic()
    if now - _Checks.checked < option("CHECK_INTERVAL") or not _Checks.lock.acquire(False):
        return backend
    try:
        _Checks.checked = now
        position = backend.position()
        # Inside a transaction the log may hold rows that will roll back: never apply those.
        if position is not None and not transaction.get_connection().in_atomic_block:
            log_now = feed()
            owed = log_now.pending(position, 1)
            if owed.ids or owed.position != position:
                backend.catch_up(log_now, limit=REQUEST_CHUNK, wait=0)
        if now - _Checks.pruned >= PRUNE_EVERY:
            _Checks.pruned = now
            prune_log()
    except IndexBusy:
        pass  # another process is writing: it applies the log too
    except IndexBehind as exc:
        if now - _Checks.warned >= WARN_EVERY:
            _Checks.warned = now
            log.error("%s Run `manage.py sync_search_index`.", exc)
    except Exception:
        if now - _Checks.warned >= WARN_EVERY:  # the next request tries again, quietly
            _Checks.warned = now
            log.exception("Could not bring the search index up to date with the change log.")
    finally:
        _Checks.lock.release()
    return backend


# Checking ---------------------------------------------------------------------


def drift() -> tuple[set[str], set[str], set[str]]:
    """Compare database and index: (missing, stale, ghosts) document ids."""
    expected = {doc.id: doc.version for doc in documents.iter_documents()}
    stored = get_backend().stored_versions()
    missing = set(expected) - set(stored)
    ghosts = set(stored) - set(expected)
    stale = {i for i in set(expected) & set(stored) if expected[i] != stored[i]}
    return missing, stale, ghosts


def repair(missing: set[str], stale: set[str], ghosts: set[str]) -> None:
    """Re-read and rewrite the documents ``drift`` found wrong, and apply the log."""
    backend = get_backend()
    ids = sorted(missing | stale | ghosts, key=int)
    for start in range(0, len(ids), SYNC_CHUNK):
        backend.catch_up(feed(), also=ids[start : start + SYNC_CHUNK], limit=SYNC_CHUNK)
    catch_up()
