"""The indexer: one long-running process per index directory that applies the change log.

Saves log their changes and wake it (``search.wakeup``); searches only read.
Each round it does a bounded piece of work and looks again:

1. no index, or a backlog above ``REBUILD_ABOVE`` rows: rebuild into a new
   generation while the old one serves, then apply the log from the
   position noted before reading (``search.indexing.rebuild``);
2. turn a few renamed records into rows of their statements
   (``search.changelog.expand``);
3. index the statements edited directly since its position, newest first,
   so an edit is not queued behind a rename's thousand statements;
4. apply the next ``chunk`` rows of the log in order, and store the position.

One commit holds at most ``chunk`` rows, so a save's quick sync or a rebuild's
swap never waits long for the lock. An indexer holds the index's indexer
lock while it runs: a second one started for the same directory waits as a
standby and takes over when the first dies.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable

from django.db import close_old_connections

from search import changelog, indexing
from search.backends import get_backend
from search.backends.base import IndexBehind, IndexBusy, LogPosition, SearchBackend
from search.wakeup import Listener

log = logging.getLogger(__name__)

CHUNK = 20  # log rows (statements) per commit
FRESH = 100  # directly edited statements indexed ahead of the ordered backlog
PRUNE_EVERY = 3600.0  # seconds between prunes of the log
BEAT_EVERY = 1.0  # seconds between heartbeats during a long rebuild
STANDBY_WAIT = 1.0  # seconds a standby waits for the lock between looks at its stop flag


class Indexer:
    """Applies the log to this process's index, round by round."""

    def __init__(self, say: Callable[[str], None] = log.info, chunk: int = CHUNK) -> None:
        self.say = say
        self.chunk = chunk
        self.pruned = float("-inf")
        self.beaten = float("-inf")

    @property
    def backend(self) -> SearchBackend:
        return get_backend()

    def round(self) -> bool:
        """Do one bounded piece of work; return whether more is waiting."""
        backend = self.backend
        if not backend.exists():
            self.say("There is no search index: building it.")
            self.rebuild()
            return False
        position = backend.position() or LogPosition()
        feed = indexing.feed()
        expanded = changelog.expand(limit=self.chunk)
        if feed.backlog(position) > indexing.option("REBUILD_ABOVE"):
            self.say("The backlog is long: rebuilding the index while the old one serves.")
            self.rebuild()
            return False
        try:
            fresh = feed.fresh(position, FRESH)
            if fresh:
                backend.catch_up(feed, also=fresh, limit=0)
            pending = backend.catch_up(feed, limit=self.chunk)
        except IndexBehind as exc:
            self.say(f"{exc} Rebuilding it.")
            self.rebuild()
            return False
        if pending.ids or fresh:
            self.say(f"Applied {len(pending.ids | set(fresh))} statement(s).")
        self._prune()
        return pending.more or expanded > 0

    def rebuild(self) -> int:
        """Rebuild, beating the heartbeat meanwhile so the node does not look down."""

        def progress(_: int) -> None:
            if time.monotonic() - self.beaten >= BEAT_EVERY:
                self.beat()

        count = indexing.rebuild(progress=progress)
        self.say(f"Rebuilt the index: {count} statement(s).")
        return count

    def beat(self) -> None:
        self.beaten = time.monotonic()
        self.backend.indexer_beat()

    def _prune(self) -> None:
        if time.monotonic() - self.pruned >= PRUNE_EVERY:
            self.pruned = time.monotonic()
            indexing.prune_log()

    def run(self, stopping: Callable[[], bool]) -> None:
        """Follow the log until ``stopping()``; as a standby while another indexer runs."""
        with contextlib.ExitStack() as held:
            while not stopping():
                try:
                    held.enter_context(self.backend.indexer_lock(STANDBY_WAIT))
                    break
                except IndexBusy:
                    continue  # another indexer runs here: stand by
            else:
                return
            self.say("Following the change log.")
            self._follow(stopping)

    def _follow(self, stopping: Callable[[], bool]) -> None:
        listener = Listener()
        failures = 0
        try:
            while not stopping():
                close_old_connections()
                self.beat()
                try:
                    more = self.round()
                    failures = 0
                except Exception:
                    failures += 1
                    log.exception("The indexer's round failed; trying again.")
                    time.sleep(min(30.0, 0.5 * 2**failures))
                    continue
                if not more:
                    listener.wait(indexing.option("CHECK_INTERVAL"))
        finally:
            listener.close()
