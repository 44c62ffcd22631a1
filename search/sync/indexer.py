"""The indexer: one long-running process per index directory that applies the change log.

Saves log their changes and wake it (``search.sync.wakeup``); searches only read.
Each round it does a bounded piece of work and looks again:

1. no index: build one. A backlog above ``REBUILD_ABOVE`` rows, or an index
   whose incremental commits left too many segments or deletions
   (``needs_compaction``; while changes keep coming, only a far-gone one):
   rebuild into a new generation in a background thread while the old one
   serves and keeps receiving the fresh edits;
   the rebuild then applies the log from the position it noted before
   reading, and swaps (``search.sync.indexing.rebuild``);
2. turn a few renamed records into rows of their statements
   (``search.sync.changelog.expand``);
3. index the statements edited directly since its position, newest first,
   so an edit is not queued behind a rename's thousand statements;
4. apply the next ``chunk`` rows of the log in order (a tenth as many when
   there were fresh edits), and store the position.

While saves keep coming (a change applied less than ``MERGE_QUIET`` ago), the indexer
waits ``GATHER`` seconds before its next round, so that they share a commit.

One commit holds at most ``chunk`` rows, so a save's quick sync or a rebuild's
swap never waits long for the lock, and merges nothing: small segments are
merged, a bounded amount at a time, once no change came for ``MERGE_QUIET``
seconds, or between busy rounds when so many piled up that searches would
pay (``SearchBackend.merge_step``). An indexer holds the index's indexer lock
while it runs: a second one started for the same directory waits as a
standby and takes over when the first dies.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable

from django.db import close_old_connections

from search.backends import get_backend
from search.backends.base import IndexBehind, IndexBusy, LogPosition, SearchBackend
from search.sync import changelog, indexing
from search.sync.wakeup import Listener

log = logging.getLogger(__name__)

CHUNK = 20  # log rows (statements) per commit
FRESH = 100  # directly edited statements indexed ahead of the ordered backlog
PRUNE_EVERY = 3600.0  # seconds between prunes of the log
BEAT_EVERY = 1.0  # seconds between heartbeats during a long rebuild
STANDBY_WAIT = 1.0  # seconds a standby waits for the lock between looks at its stop flag
COMPACTION_CHECK = 10.0  # seconds between looks at the index's shape
# Seconds without a change before an index in a poor shape is compacted by a rebuild, which
# competes with the edits for the processor and leaves every searching process a cold index.
COMPACTION_QUIET = 10.0
# Seconds without a change before a merge may take the write lock: each merge is a new
# generation that every searching process opens, so none while edits keep coming.
MERGE_QUIET = 1.0
# Seconds the indexer waits, when woken less than MERGE_QUIET after it last applied a change,
# before its next round: saves that keep coming then share one commit. Each commit writes
# every distinct word of its statements and is one more segment to merge and for every
# searching process to open; gathering half a second cut the indexers' processor time while
# writers wrote by about a quarter (docs/benchmark-history.md). A save after a quiet spell
# is applied at once.
GATHER = 0.5


class Indexer:
    """Applies the log to this process's index, round by round."""

    def __init__(
        self, say: Callable[[str], None] = log.info, chunk: int = CHUNK, background: bool = True
    ) -> None:
        self.say = say
        self.chunk = chunk
        # Rebuild in a thread while rounds go on (off: in the round, as tests want).
        self.background = background
        self.rebuilding: threading.Thread | None = None
        self.pruned = float("-inf")
        self.beaten = float("-inf")
        self.shape_checked = float("-inf")
        self.generation: str | None = None
        # Log rows applied ahead of order (edits first), and the last of them: the ordered
        # pass skips them instead of reading their statements again.
        self.early: set[int] = set()
        self.fresh_after = 0
        self.changed = float("-inf")  # when this indexer last applied a change

    @property
    def backend(self) -> SearchBackend:
        return get_backend()

    def round(self) -> bool:
        """Do one bounded piece of work; return whether more is waiting."""
        backend = self.backend
        started = time.monotonic()
        if not backend.exists():
            self.say("There is no search index: building it.")
            self.rebuild()
            return False
        if backend.generation() != self.generation:  # a rebuild swapped a new one in
            self.generation = backend.generation()
            self.early, self.fresh_after = set(), 0
        position = backend.position() or LogPosition()
        expanded = changelog.expand(limit=self.chunk)
        rebuilding = self.rebuilding is not None and self.rebuilding.is_alive()
        why = None
        backlog = indexing.feed().backlog(position)
        busy = backlog > 0 or time.monotonic() - self.changed < COMPACTION_QUIET
        if not rebuilding and backlog > indexing.option("REBUILD_ABOVE"):
            why = "The backlog is long: rebuilding the index."
        elif not rebuilding and self._misshapen(busy):
            why = "Many small segments or deletions: compacting the index by a rebuild."
        if why and not self.background:
            self.say(why)
            self.rebuild()
            return False  # the next round starts afresh on the new generation
        if why:
            if why.startswith("The backlog"):
                # The rebuild reads everything logged so far; the edits after it are
                # applied to the old index meanwhile.
                self.fresh_after = max(self.fresh_after, indexing.feed().snapshot().high)
                rebuilding = True
            self.start_rebuild(why)
        fresh = indexing.feed().fresh(position, self.fresh_after, FRESH)
        ahead = {p for p, _ in fresh}
        feed = indexing.feed(skip=self.early | ahead)
        try:
            # One commit: the fresh edits, and the next chunk of the log in order: a
            # tenth of it beside fresh edits, so that they wait for little; none while
            # a rebuild for a backlog reads the log.
            limit = 0 if rebuilding else max(1, self.chunk // 10) if fresh else self.chunk
            pending = backend.catch_up(feed, also={str(s) for _, s in fresh}, limit=limit)
        except IndexBehind as exc:
            self.say(f"{exc} Rebuilding it.")
            self.rebuild()
            return False
        if fresh:
            self.fresh_after = max(ahead)
        gaps = pending.position.gaps
        self.early = {
            p
            for p in self.early | ahead
            if p > pending.position.high or any(g.first <= p <= g.last for g in gaps)
        }
        if pending.ids or fresh:
            self.changed = time.monotonic()
            count = len(pending.ids | {str(s) for _, s in fresh})
            self.say(f"Applied {count} statement(s) in {time.monotonic() - started:.2f} s.")
        self._prune()
        return (pending.more and not rebuilding) or expanded > 0 or len(fresh) == FRESH

    def _housekeeping(self, pressing: bool = False) -> bool:
        """One bounded merge of small segments, if due; whether it did one (``pressing``:
        between busy rounds, only if they piled up)."""
        try:
            return self.backend.merge_step(pressing)
        except IndexBusy:
            return False

    def _gather(self) -> None:
        """Let the saves that keep coming pile up for one commit (``GATHER``)."""
        time.sleep(GATHER)

    def _misshapen(self, busy: bool) -> bool:
        if time.monotonic() - self.shape_checked < COMPACTION_CHECK:
            return False
        self.shape_checked = time.monotonic()
        return self.backend.needs_compaction(busy)

    def start_rebuild(self, why: str) -> None:
        """Rebuild in a background thread while rounds go on."""
        self.say(why)
        self.rebuilding = threading.Thread(target=self._rebuild_quietly, daemon=True)
        self.rebuilding.start()

    def _rebuild_quietly(self) -> None:
        from django.db import connection

        try:
            self.rebuild()
        except IndexBusy as exc:  # another process rebuilds: its index swaps in
            self.say(f"Not rebuilding: {exc}.")
        except Exception:
            log.exception("The background rebuild failed; the old index keeps serving.")
        finally:
            connection.close()  # this thread's own connection

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
                woken = more or listener.wait(MERGE_QUIET)
                recent = time.monotonic() - self.changed < MERGE_QUIET
                # Without notifications (SQLite) a change applied a moment ago says the same.
                if woken or (recent and not listener.notifies):  # changes keep coming
                    self._housekeeping(pressing=True)  # merge only a pile of segments
                    if not more and recent:
                        self._gather()
                elif not self._housekeeping() and listener.notifies:
                    listener.wait(indexing.option("CHECK_INTERVAL"))
        finally:
            listener.close()
