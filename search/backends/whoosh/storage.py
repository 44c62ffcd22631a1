"""Where the Whoosh index lives on disk, and who may write it when.

Layout under the index root::

    current -> gen-20261128T101500-ab12   symlink to the live index
    gen-…/                                one complete Whoosh index each
    gen-…/position-<N>.json               the change-log position of its commit N
    write.lock                            held by every writer, and by a swap
    rebuild.lock                          held while a rebuild runs
    indexer.lock                          held by the node's indexer while it runs
    indexer.alive                         its heartbeat: touched every round

Every writer takes ``write.lock`` (with a timeout), so there is one writer
at a time across processes. Only a rebuild creates the root: a write or an
indexer finding it deleted says the index is unavailable, and never makes an
empty directory that would look like an archive with no index. A rebuild
writes a new generation beside the live one, then applies what the change
log recorded meanwhile and swaps ``current`` atomically under the same
lock. Locks are ``flock``s, released by the kernel when their holder dies;
the holder's PID is written in the lock file for the message of whoever
waits.

A commit's log position is written to ``position-<N>.json`` *before* Whoosh
writes table of contents N (atomically, by rename): a committed generation
always has its position, and a position file without its commit is ignored.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from whoosh import index
from whoosh.filedb.filestore import FileStorage

from search.backends.base import IndexBusy, IndexUnavailable, LogPosition

CURRENT = "current"
POSITION = re.compile(r"position-(\d+)\.json")
TOC = re.compile(r"_MAIN_(\d+)\.toc")  # Whoosh's table of contents, one per commit
KEEP_POSITIONS = 10  # position files kept per generation, newest first


def open_index(path: Path) -> index.Index:
    """Open the index in ``path``, reading its files through the operating system.

    Whoosh maps a compound segment file into memory and then, for each file inside
    it, copies the mapping into a ``BytesIO``: every searching process held a
    private copy of the postings, most of the index (500 MB a worker on the UN
    corpus, growing with it). Without the mapping, blocks are read where they lie
    and the page cache is shared by every process.
    """
    return FileStorage(str(path), supports_mmap=False).open_index()


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
        """Return the live generation's directory, or None if there is none.

        Between reading the link and finding its directory, rebuilds may swap in a
        newer generation and prune the one read: the link is then read again.
        """
        for _ in range(5):
            try:
                target = os.readlink(self.root / CURRENT)
            except OSError:
                return None
            path = self.root / target
            if path.is_dir():
                return path
        return None

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
        for path in self.root.glob(".current-*"):  # a swap killed between its two steps
            path.unlink(missing_ok=True)

    # Log positions ---------------------------------------------------------

    def write_position(self, generation_dir: Path, commit: int, position: LogPosition) -> None:
        """Record ``position`` for Whoosh commit ``commit``, before that commit is made."""
        path = generation_dir / f"position-{commit}.json"
        temporary = generation_dir / f".position-{uuid.uuid4().hex[:8]}"
        temporary.write_text(json.dumps(position.to_json()), encoding="utf-8")
        os.replace(temporary, path)
        numbers = sorted(self._position_numbers(generation_dir), reverse=True)
        for old in numbers[KEEP_POSITIONS:]:
            (generation_dir / f"position-{old}.json").unlink(missing_ok=True)

    @staticmethod
    def forget_position(generation_dir: Path, commit: int) -> None:
        """Drop the position written for a commit that failed."""
        (generation_dir / f"position-{commit}.json").unlink(missing_ok=True)

    @staticmethod
    def latest_commit(generation_dir: Path) -> int | None:
        """The number of the newest Whoosh commit in a generation (None: not an index).

        Read without the lock, a listing can miss a table of contents renamed
        in while it ran: look again before saying there is none.
        """
        for _ in range(3):
            names = [p.name for p in generation_dir.iterdir()]
            numbers = [int(m.group(1)) for name in names if (m := TOC.fullmatch(name))]
            if numbers:
                return max(numbers)
        return None

    def read_position(self, generation_dir: Path, commit: int) -> LogPosition:
        """The position of commit ``commit``, or of the newest commit before it that has one."""
        for number in sorted(self._position_numbers(generation_dir), reverse=True):
            if number > commit:
                continue  # written by a commit that never completed
            try:
                data = json.loads((generation_dir / f"position-{number}.json").read_text("utf-8"))
            except (FileNotFoundError, ValueError):
                continue
            return LogPosition.from_json(data)
        return LogPosition()

    @staticmethod
    def _position_numbers(generation_dir: Path) -> list[int]:
        names = (POSITION.fullmatch(p.name) for p in generation_dir.glob("position-*.json"))
        return [int(m.group(1)) for m in names if m]

    # Locks -----------------------------------------------------------------

    @contextlib.contextmanager
    def _flock(self, name: str, timeout: float | None, create: bool = False) -> Iterator[None]:
        if create:
            self.ensure_root()
        try:
            fd = os.open(self.root / name, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except FileNotFoundError:
            raise IndexUnavailable(
                f"The search index directory {self.root} does not exist: "
                "run `manage.py rebuild_search_index`."
            ) from None
        held = False
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
                        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                        raise IndexLocked(
                            f"{name} in {self.root} was held for over {timeout:g} s"
                            + (f" by process {holder}" if holder else "")
                        ) from None
                    time.sleep(0.02)
            held = True
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
            yield
        finally:
            if held:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
            os.close(fd)  # closing releases the lock

    def write_lock(self, wait: float | None = None) -> contextlib.AbstractContextManager[None]:
        """One writer at a time; wait at most ``wait`` seconds (default: the lock timeout)."""
        return self._flock("write.lock", self.lock_timeout if wait is None else wait)

    def rebuild_lock(self) -> contextlib.AbstractContextManager[None]:
        return self._flock("rebuild.lock", 0, create=True)

    def indexer_lock(self, wait: float | None) -> contextlib.AbstractContextManager[None]:
        """One indexer per index directory; a second waits ``wait`` seconds (None: forever)."""
        return self._flock("indexer.lock", wait, create=True)

    def beat(self) -> None:
        """Touch the indexer's heartbeat file (not if the directory was deleted)."""
        with contextlib.suppress(FileNotFoundError):
            (self.root / "indexer.alive").touch()

    def seen(self) -> float | None:
        """Seconds since the indexer last beat, or None if none ever ran here."""
        try:
            return max(0.0, time.time() - (self.root / "indexer.alive").stat().st_mtime)
        except FileNotFoundError:
            return None
