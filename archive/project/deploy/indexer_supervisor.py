"""The node's indexer, started and kept running by the gunicorn master.

``gunicorn -c archive/project/deploy/gunicorn.conf.py archive.project.wsgi`` is all a node
needs: the master starts ``manage.py sync_search_index --follow`` beside its
workers, restarts it if it dies (waiting longer after each quick failure),
and stops it on exit. The indexer dies with the master too, even a killed
one (``--parent``). ``SEARCH_INDEXER=off`` leaves it to a service of its own.

The child is started with ``os.posix_spawn`` from a thread of the master, and
reaped by polling: the master reaps children too (a child it does not know
is ignored), so the thread treats a child already reaped as exited.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

log = logging.getLogger("gunicorn.error")

MANAGE = Path(__file__).resolve().parents[3] / "manage.py"
POLL = 0.5  # seconds between looks at the child
QUICK = 60.0  # a child that ran less than this failed quickly: back off
MAX_BACKOFF = 60.0


def wanted() -> bool:
    return os.environ.get("SEARCH_INDEXER", "on").lower() not in ("0", "off", "false", "no")


class Supervisor:
    def __init__(self) -> None:
        self.pid: int | None = None
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="indexer-supervisor", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _spawn(self) -> int:
        argv = [sys.executable, str(MANAGE), "sync_search_index", "--follow"]
        argv += ["--parent", str(os.getpid())]
        return os.posix_spawn(sys.executable, argv, dict(os.environ))

    def _exited(self, pid: int) -> bool:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return True  # reaped by the master
        return done == pid

    def _run(self) -> None:
        backoff = 1.0
        while not self.stopping.is_set():
            started = time.monotonic()
            self.pid = self._spawn()
            log.info("Started the search indexer (pid %s).", self.pid)
            while not self.stopping.wait(POLL):
                if self._exited(self.pid):
                    break
            if self.stopping.is_set():
                return
            ran = time.monotonic() - started
            backoff = 1.0 if ran >= QUICK else min(MAX_BACKOFF, backoff * 2)
            log.warning("The search indexer exited after %.0f s; restart in %.0f s.", ran, backoff)
            self.stopping.wait(backoff)

    def stop(self, timeout: float = 20.0) -> None:
        self.stopping.set()
        pid = self.pid
        if pid is None:
            return
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._exited(pid):
                return
            time.sleep(0.05)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
