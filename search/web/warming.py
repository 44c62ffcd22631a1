"""A thread in each web process that opens every new commit of the search index between
requests, so that the first search after a commit does not.

Opening a commit means opening its new segments, loading their facet arrays and word lists,
and reading the postings of the words searched lately: on the demo data, 10 to 20 ms paid by
whichever request came first after each commit, in every web worker, while writers wrote.
Each web process (``archive.project.wsgi``) starts one daemon thread that looks for a new
commit every ``INTERVAL`` seconds and opens it under the backend's lock
(``SearchBackend.refresh``): a request that comes meanwhile waits for it instead of doing
it itself.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

from search.backends import get_backend
from search.backends.base import SearchBackend

INTERVAL = 0.05  # seconds between looks for a new commit (a look is a directory listing)
log = logging.getLogger(__name__)
_started: int | None = None  # the process that started its thread (a fork starts its own)
_start_lock = threading.Lock()


class Warmer(threading.Thread):
    """Refreshes a backend every ``interval`` seconds until stopped."""

    def __init__(
        self, backend: Callable[[], SearchBackend] = get_backend, interval: float = INTERVAL
    ) -> None:
        super().__init__(name="search-index-warming", daemon=True)
        self.backend, self.interval = backend, interval
        self.stopping = threading.Event()

    def run(self) -> None:
        failing = False
        while not self.stopping.wait(self.interval):
            try:
                self.backend().refresh()
                failing = False
            except Exception:  # a missing or damaged index: the searches say so, not this
                if not failing:
                    log.debug("Could not open the search index's latest commit.", exc_info=True)
                failing = True

    def stop(self) -> None:
        self.stopping.set()


def start() -> Warmer | None:
    """Start this process's warming thread, once, if its backend keeps an index open."""
    global _started
    if type(get_backend()).refresh is SearchBackend.refresh:
        return None
    with _start_lock:
        if _started == os.getpid():
            return None
        _started = os.getpid()
    warmer = Warmer()
    warmer.start()
    return warmer
