"""Real processes on a database of their own: for tests of crashes, locks and servers.

The test database lives in the test process's connection (in memory on
SQLite), so tests that start ``manage.py`` or gunicorn give those processes
a scratch database instead: a SQLite file, or a fresh PostgreSQL database
when the suite runs on PostgreSQL (``DATABASE_URL`` set).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings


class Scratch:
    """A scratch database and an index directory, and ways to run the app on them."""

    def __init__(self, tmp_path: Path, database_url: str) -> None:
        self.tmp_path = tmp_path
        self.database_url = database_url
        self.index = tmp_path / "index"
        self.env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        self.env.update(
            DATABASE_URL=database_url,
            SEARCH_INDEX_DIR=str(self.index),
            DJANGO_SETTINGS_MODULE="archive.project.settings",
            PYTHONUNBUFFERED="1",
        )

    def with_env(self, **extra: str) -> dict[str, str]:
        return {**self.env, **extra}

    def manage(self, *args: str, script: str | None = None, **env: str) -> subprocess.Popen:
        """Start ``manage.py`` (with ``script``: ``manage.py shell -c script``)."""
        command = [sys.executable, "manage.py", *args]
        if script is not None:
            command = [sys.executable, "manage.py", "shell", "--no-imports", "-c", script]
        return subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=self.with_env(**env),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, *args: str, script: str | None = None, timeout: float = 300, **env) -> str:
        """Run ``manage.py`` to the end; fail the test if it fails. Return its output."""
        return finish(self.manage(*args, script=script, **env), timeout)

    def sql(self, query: str, *params) -> list[tuple]:
        """Run one query on the scratch database, outside Django."""
        if self.database_url.startswith("sqlite:///"):
            with sqlite3.connect(self.database_url.removeprefix("sqlite:///"), timeout=20) as db:
                return db.execute(query, params).fetchall()
        import psycopg

        with psycopg.connect(self.database_url.replace("postgres://", "postgresql://")) as db:
            return db.execute(query.replace("?", "%s"), params).fetchall()

    def wait_for(self, condition, timeout: float = 30, what: str = "the condition") -> float:
        """Poll ``condition`` until it is true; return the seconds it took."""
        started = time.monotonic()
        while not condition():
            if time.monotonic() - started > timeout:
                pytest.fail(f"Gave up waiting {timeout:g} s for {what}.")
            time.sleep(0.02)
        return time.monotonic() - started

    @contextlib.contextmanager
    def indexer(self, **env: str) -> Iterator[subprocess.Popen]:
        """The node's indexer (``sync_search_index --follow``) running for the block.

        Its output goes to a file, not a pipe: nobody reads a pipe while the block
        runs, and an indexer that filled one would stall at its next line. The
        output is added to a failure inside the block, and to the indexer's own.
        """
        output = self.tmp_path / f"indexer-{uuid.uuid4().hex[:8]}.log"
        with output.open("w") as sink:
            process = subprocess.Popen(
                [sys.executable, "manage.py", "sync_search_index", "--follow"],
                cwd=settings.BASE_DIR,
                env=self.with_env(**env),
                stdout=sink,
                stderr=subprocess.STDOUT,
                text=True,
            )
            try:
                yield process
            except BaseException as failure:
                self._stop(process)
                failure.add_note(f"The indexer's output:\n{output.read_text()}")
                raise
            self._stop(process)
        assert process.returncode == 0, f"the indexer failed:\n{output.read_text()}"

    @staticmethod
    def _stop(process: subprocess.Popen) -> None:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)

    def converged(self, timeout: float = 120, **env: str) -> float:
        """Wait until the index owes nothing and matches the database; return the seconds."""

        last = ""

        def current() -> bool:
            nonlocal last
            out, err = self.manage("check_search_index", **env).communicate(timeout=120)
            last = out + err
            return "No drift" in out and "up to date" in out

        try:
            return self.wait_for(current, timeout=timeout, what="the index to converge")
        except BaseException as failure:
            failure.add_note(f"The last check_search_index said:\n{last}")
            raise


def finish(process: subprocess.Popen, timeout: float = 300) -> str:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, f"exit {process.returncode}\n{out}\n{err}"
    return out


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting to be reaped does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != "Z"


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def kill(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    process.send_signal(sig)
    process.communicate(timeout=30)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def scratch(tmp_path):
    """A migrated scratch database and an empty index, on the suite's database engine."""
    url = os.environ.get("DATABASE_URL", "")
    created = None
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        created = f"archive_scratch_{uuid.uuid4().hex[:10]}"
        server = url.rsplit("/", 1)[0]
        with psycopg.connect(f"{server.replace('postgres://', 'postgresql://')}/postgres") as db:
            db.autocommit = True
            db.execute(f'CREATE DATABASE "{created}"')
        url = f"{server}/{created}"
    else:
        url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    box = Scratch(tmp_path, url)
    box.run("migrate", "-v0")
    box.run("rebuild_search_index", "--no-progress")
    yield box
    if created:
        import psycopg

        with psycopg.connect(f"{server.replace('postgres://', 'postgresql://')}/postgres") as db:
            db.autocommit = True
            db.execute(f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)')
