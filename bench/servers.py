"""Stopping the gunicorn nodes a benchmark starts, the same way everywhere."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time

GRACE = 60.0  # seconds: gunicorn's graceful_timeout (30 s) plus the indexer's stop (20 s)


def stop(server: subprocess.Popen, grace: float = GRACE) -> float:
    """SIGTERM, then SIGKILL after ``grace`` seconds; then whatever the node left in its
    process group. Returns the seconds the stop took, and says so when it was slow: a bench
    never fails on a slow shutdown, but it is worth knowing about."""
    started = time.monotonic()
    try:
        own_group = os.getpgid(server.pid) == server.pid
    except ProcessLookupError:
        own_group = False
    server.terminate()
    try:
        server.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        print(f"gunicorn {server.pid}: up {grace:.0f} s after SIGTERM; killed", file=sys.stderr)
        server.kill()
        server.wait()
    if own_group:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(server.pid, signal.SIGTERM)
    took = time.monotonic() - started
    if took > 10:
        print(f"gunicorn (pid {server.pid}) took {took:.0f} s to stop", file=sys.stderr)
    return took
