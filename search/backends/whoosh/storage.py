"""Where the Whoosh index lives on disk, and who may write it when.

Layout under the index root::

    current -> gen-20261128T101500-ab12   symlink to the live index
    gen-…/                                one complete Whoosh index each
    write.lock                            held by every writer, and by a swap
    rebuild.lock                          held while a rebuild runs
    rebuild.journal                       writes made while a rebuild runs

Every writer takes ``write.lock`` (with a timeout), so there is one writer
at a time across processes. A rebuild writes a new generation beside the
live one; writes made meanwhile go to the live index *and* the journal, and
the rebuild replays the journal into the new generation before it swaps
``current`` atomically under the same lock. No write is lost.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from search.backends.base import Document, IndexBusy

CURRENT = "current"
JOURNAL = "rebuild.journal"


class IndexLocked(IndexBusy):
    """Another process held the lock for longer than the timeout."""


class IndexStore:
    def __init__(self, root: Path, lock_timeout: float = 30.0) -> None:
        self.root = Path(root)
        self.lock_timeout = lock_timeout

    # Paths -----------------------------------------------------------------

    def ensure_root(self) -> None:
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)

    def current(self) -> Path | None:
        """Return the live generation's directory, or None if there is none."""
        try:
            target = os.readlink(self.root / CURRENT)
        except OSError:
            return None
        path = self.root / target
        return path if path.is_dir() else None

    def new_generation(self) -> Path:
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        path = self.root / f"gen-{stamp}-{uuid.uuid4().hex[:8]}"
        path.mkdir(mode=0o700)
        return path

    def swap(self, generation: Path) -> Path | None:
        """Point ``current`` at ``generation`` atomically; return the previous one."""
        previous = self.current()
        link = self.root / f".current-{uuid.uuid4().hex[:8]}"
        os.symlink(generation.name, link)
        os.replace(link, self.root / CURRENT)
        return previous

    def prune(self, keep: set[Path]) -> None:
        """Delete generations other than ``keep`` (open readers keep their files)."""
        for path in self.root.glob("gen-*"):
            if path not in keep and path.is_dir():
                shutil.rmtree(path, ignore_errors=True)

    # Locks -----------------------------------------------------------------

    @contextlib.contextmanager
    def _flock(self, name: str, timeout: float | None) -> Iterator[None]:
        self.ensure_root()
        fd = os.open(self.root / name, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = None if timeout is None else time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if deadline is not None and time.monotonic() >= deadline:
                        raise IndexLocked(
                            f"{name} in {self.root} was held for over {timeout:.0f} s"
                        ) from None
                    time.sleep(0.02)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def write_lock(self) -> contextlib.AbstractContextManager[None]:
        return self._flock("write.lock", self.lock_timeout)

    def rebuild_lock(self) -> contextlib.AbstractContextManager[None]:
        return self._flock("rebuild.lock", 0)

    # Journal ----------------------------------------------------------------
    # Only touched with write.lock held, so appends and replay never interleave.

    def journal_open(self) -> None:
        (self.root / JOURNAL).write_text("", encoding="utf-8")

    def journal_active(self) -> bool:
        return (self.root / JOURNAL).exists()

    def journal_append(self, op: str, payload: list) -> None:
        with (self.root / JOURNAL).open("a", encoding="utf-8") as journal:
            journal.write(json.dumps({"op": op, "payload": payload}, default=str) + "\n")

    def journal_read(self) -> Iterator[tuple[str, list]]:
        path = self.root / JOURNAL
        if not path.exists():
            return
        with path.open(encoding="utf-8") as journal:
            for line in journal:
                entry = json.loads(line)
                yield entry["op"], entry["payload"]

    def journal_close(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            (self.root / JOURNAL).unlink()


def document_to_json(document: Document) -> dict:
    data = {k: getattr(document, k) for k in document.__dataclass_fields__}
    data["facets"] = {k: list(v) for k, v in document.facets.items()}
    for key in ("date", "date_start", "date_end"):
        value = data[key]
        data[key] = value.isoformat() if value else None
    return data


def document_from_json(data: dict) -> Document:
    for key in ("date", "date_start", "date_end"):
        if data.get(key):
            data[key] = dt.date.fromisoformat(data[key])
    data["facets"] = {k: tuple(v) for k, v in data.get("facets", {}).items()}
    return Document(**data)
