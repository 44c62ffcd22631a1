"""Keep the search index equal to the published statements, whatever fails.

The only module that talks to both the ORM and the search backend.

Writers call ``schedule(pks)``. It appends the statements to the change log
(``search.models.IndexChange``) in the writer's own transaction and wakes
the indexers (``search.sync.wakeup``). Each node runs one indexer
(``search.sync.indexer``, ``sync_search_index --follow``), which applies the log
to its index a bounded chunk at a time. Where no indexer runs (a shell, the
tests), a save indexes its own statements after the commit, if nobody holds
the index's lock: it never waits for it, and never applies a rename's
statements. Searches never write the index (``search.sync.lag`` says how far
behind it is). The log is what makes every index converge whatever fails:
a process killed after its commit, an update that raised, a second server.

Documents are always read after the index's write lock is taken, so the
last writer to get the lock writes the newest version (versions win, not
arrival order). A failure to update the index never undoes the database
write: the change stays in the log until an index applies it.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
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
from search.models import IndexChange
from search.sync import changelog, wakeup
from search.sync.changelog import ChangeLog, authority_key, statements_of

log = logging.getLogger(__name__)

SYNC_CHUNK = 500  # log rows applied per index commit when catching up in full
# Seconds since an indexer's last heartbeat within which it counts as running.
INDEXER_ALIVE = 30.0
_local = threading.local()


def option(name: str) -> float:
    """An indexing setting (``settings.SEARCH_INDEXING``), or its default."""
    defaults = {
        # How often a searching process measures how far its index is behind, and
        # how often the indexer looks at the log when nothing woke it.
        "CHECK_INTERVAL": 1.0,
        # Seconds an index may owe a change before searches say it is behind.
        "LAG_NOTICE": 5.0,
        # After how long a log position taken by an uncommitted transaction is
        # taken to be a rollback; must exceed the longest writing transaction.
        "GRACE": 600.0,
        # Days the change log is kept; an index further behind rebuilds.
        "KEEP_DAYS": 14.0,
        # A backlog larger than this is applied by one rebuild instead.
        "REBUILD_ABOVE": 2000,
        # How much the following indexer yields the processors to the web workers
        # (os.nice increment): searches first, index work in what is left.
        "NICENESS": 10,
    }
    return float(getattr(settings, "SEARCH_INDEXING", {}).get(name, defaults[name]))


def feed(expand: bool = True, skip: Iterable[int] = ()) -> ChangeLog:
    """The change log, as the backend reads it (``expand``, ``skip``: see ``ChangeLog``)."""
    return ChangeLog(grace=option("GRACE"), expand=expand, skip=frozenset(skip))


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
    wakeup.notify()
    connection = transaction.get_connection()
    backend = get_backend()
    if backend.transactional:
        # An index in the database: the write and the index change commit (or roll
        # back) together, renamed records' statements included.
        for record in authorities:
            pks.update(statements_of(record).values_list("pk", flat=True))
        sync(pks)
        return
    if indexer_running(backend):
        return  # woken above, it applies the change within moments: no index work here
    if not connection.in_atomic_block:
        sync(pks)  # autocommit: the change is committed already
        return
    # One sync after the commit for everything the transaction changed: each call
    # queues its statements and registers a callback; the first callback to run
    # syncs the queue, the others find it empty. A rolled-back transaction's
    # statements stay queued and are synced with the next commit, harmlessly:
    # a sync reads what the database holds then.
    _queued().update(pks)
    transaction.on_commit(_sync_queued)


def indexer_running(backend: SearchBackend) -> bool:
    """Whether an indexer has beaten for this index lately (``INDEXER_ALIVE``)."""
    seen = backend.indexer_seen()
    return seen is not None and seen < INDEXER_ALIVE


def _queued() -> set[int]:
    if not hasattr(_local, "queued"):
        _local.queued = set()
    return _local.queued


def _sync_queued() -> None:
    pks = _queued()
    if not pks:
        return
    _local.queued = set()
    sync(pks)


def sync(pks: Iterable[int]) -> bool:
    """The fast path: index these statements now, if the index is free. Return success.

    Never waits for the index lock: when the indexer (or a rebuild) holds it,
    the change stays in the log and the indexer, already awake, applies it.
    Renamed records' statements are left to the indexer too.
    """
    pks = set(pks)
    backend = get_backend()
    try:
        backend.catch_up(
            feed(expand=backend.transactional),
            also=[str(pk) for pk in pks],
            limit=0,  # its own statements only: the log is the indexer's
            wait=0,
        )
    except IndexBusy:
        log.debug("The index is busy: the indexer applies %d statement(s).", len(pks))
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
    """At the end of an import: apply the whole log, by one rebuild if it is long (left to
    the indexer where one runs).

    A killed earlier import left its changes in the log, so this repairs it
    too, even when this run changed nothing. An import inside a transaction
    is applied when that transaction commits: never rows that may roll back.
    """
    _local.deferred = False
    transaction.on_commit(_apply_import)


def _apply_import() -> None:
    if indexer_running(get_backend()):
        return  # the indexer applies it, by a rebuild in the background if it is long
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
    while changelog.expand():
        pass
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


def current_backend() -> SearchBackend:
    """The backend searches read. They never write it: the indexer keeps it current, and
    ``search.sync.lag`` says how far behind it is."""
    return get_backend()


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
