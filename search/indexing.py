"""Keep the search index equal to the published statements.

The only module that talks to both the ORM and the search backend. Writers
call ``schedule(pks)``; after the transaction commits, ``sync`` re-reads
those statements and indexes the published ones and removes the rest — one
idempotent path for create, edit, publish, withdraw, delete and rollback.
A failure to update the index is logged and never undoes the database
write; ``check_search_index --fix`` repairs it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable

from django.db import transaction

from search import documents
from search.backends import get_backend

log = logging.getLogger(__name__)

_PENDING = "_search_pending_sync"
SYNC_CHUNK = 500  # statements per index commit when catching up after an import
REBUILD_THRESHOLD = 2000  # an import changing more than this rebuilds the index instead
_deferred = threading.local()


class PendingSync:
    """The statements one transaction changed, synced once when it commits."""

    def __init__(self) -> None:
        self.pks: set[int] = set()
        self.done = False

    def __call__(self) -> None:
        self.done = True
        if self.pks:
            sync(self.pks)


def schedule(pks: Iterable[int]) -> None:
    """Sync these statements with the index once the current transaction commits."""
    pks = {int(pk) for pk in pks if pk is not None}
    if not pks:
        return
    if getattr(_deferred, "pks", None) is not None:
        _deferred.pks |= pks
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        sync(pks)
        return
    pending = getattr(connection, _PENDING, None)
    # A rolled-back transaction drops its callback (and its pks with it);
    # a committed one has run it. Either way, start a new batch.
    live = (
        pending is not None
        and not pending.done
        and any(func is pending for _, func, _ in connection.run_on_commit)
    )
    if not live:
        pending = PendingSync()
        setattr(connection, _PENDING, pending)
        transaction.on_commit(pending)
    pending.pks |= pks


def defer() -> None:
    """Collect scheduled statements instead of syncing them (during a bulk import)."""
    _deferred.pks = set()


def flush_deferred() -> None:
    """Index what a bulk import changed: in chunks, or by one rebuild if it was a lot.

    Committing the index once per import batch makes Whoosh merge segments
    again and again; one rebuild (on every core) is several times faster.
    """
    pks, _deferred.pks = getattr(_deferred, "pks", None), None
    if not pks:
        return
    if len(pks) > REBUILD_THRESHOLD:
        try:
            rebuild()
        except Exception:
            log.exception("Rebuilding the search index after an import failed.")
        return
    ordered = sorted(pks)
    for start in range(0, len(ordered), SYNC_CHUNK):
        sync(ordered[start : start + SYNC_CHUNK])


def sync(pks: Iterable[int]) -> bool:
    """Index the published statements among ``pks``; remove the others. Return success."""
    pks = set(pks)
    try:
        docs = list(documents.iter_documents(pks=pks))
        backend = get_backend()
        backend.index(docs)
        gone = pks - {int(doc.id) for doc in docs}
        if gone:
            backend.remove(str(pk) for pk in gone)
    except Exception:
        log.exception(
            "Could not update the search index for %d statement(s) (e.g. %s); "
            "the database is unchanged. Run `manage.py check_search_index --fix`.",
            len(pks),
            sorted(pks)[:10],
        )
        return False
    return True


def rebuild(batch_size: int = 500, progress: Callable[[int], None] | None = None) -> int:
    """Build a fresh index of every published statement and swap it in."""

    def counted():
        for doc in documents.iter_documents(batch_size=batch_size):
            yield doc
            if progress:
                progress(1)

    return get_backend().rebuild(counted())


def drift() -> tuple[set[str], set[str], set[str]]:
    """Compare database and index: (missing, stale, ghosts) document ids."""
    expected = {doc.id: doc.version for doc in documents.iter_documents()}
    stored = get_backend().stored_versions()
    missing = set(expected) - set(stored)
    ghosts = set(stored) - set(expected)
    stale = {i for i in set(expected) & set(stored) if expected[i] != stored[i]}
    return missing, stale, ghosts


def repair(missing: set[str], stale: set[str], ghosts: set[str]) -> None:
    backend = get_backend()
    for start in range(0, len(ids := sorted(missing | stale, key=int)), 500):
        backend.index(documents.iter_documents(pks=[int(i) for i in ids[start : start + 500]]))
    if ghosts:
        backend.remove(ghosts)
