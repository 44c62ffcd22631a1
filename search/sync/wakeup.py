"""Waking the indexer when a change commits: LISTEN/NOTIFY on PostgreSQL, a poll elsewhere.

A writer calls ``notify()`` in its own transaction: PostgreSQL delivers the
notification only if that transaction commits, and only once it has, so the
indexer never wakes to read a change it cannot see yet. Each node's indexer
holds a ``Listener`` on a connection of its own. SQLite has no notifications:
its listener sleeps a short poll interval instead (one process, one file,
so a poll of the log is a cheap indexed read).
"""

from __future__ import annotations

import logging
import time

from django.db import connection, connections

log = logging.getLogger(__name__)

CHANNEL = "archive_search_index"
POLL = 0.2  # seconds between looks at the log where there are no notifications


def notify() -> None:
    """Tell every node's indexer that the log grew, once the current transaction commits."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"NOTIFY {CHANNEL}")


class Listener:
    """Waits until a change may have committed, or ``timeout`` passed."""

    def __init__(self, alias: str = "default") -> None:
        self.alias = alias
        self._conn = None

    def _connect(self):
        """A dedicated autocommit connection LISTENing on the channel (PostgreSQL only)."""
        import psycopg

        settings = connections[self.alias].get_connection_params()
        conn = psycopg.connect(**settings, autocommit=True)
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    @property
    def notifies(self) -> bool:
        """Whether ``wait`` wakes at a change (PostgreSQL), rather than after a poll."""
        return connections[self.alias].vendor == "postgresql"

    def wait(self, timeout: float) -> bool:
        """Block until notified (True) or ``timeout`` seconds passed (False)."""
        if not self.notifies:
            time.sleep(min(timeout, POLL))
            return False
        try:
            if self._conn is None or self._conn.closed:
                self._conn = self._connect()
            woken = any(True for _ in self._conn.notifies(timeout=timeout, stop_after=1))
            if woken:  # one round applies everything: drop the notifications queued meanwhile
                for _ in self._conn.notifies(timeout=0):
                    pass
            return woken
        except Exception:
            log.warning("Lost the notification connection; polling until it is back.")
            self.close()
            time.sleep(min(timeout, POLL))
            return False

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None
