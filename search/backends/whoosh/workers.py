"""Whoosh's multi-process writer, with sub-processes that die with their parent.

Each sub-process writes its own segment with ``BulkSegmentWriter`` (bulk.py).

Whoosh's ``SubWriterTask`` waits on a job queue forever: when a rebuild is
killed, its workers live on (reparented to PID 1, hundreds of MB each) and,
having inherited the parent's file descriptors, keep holding its locks.
Here each worker asks Linux to send it SIGKILL when its parent dies
(``PR_SET_PDEATHSIG``), and exits at once if the parent is already gone.
"""

from __future__ import annotations

import os

from whoosh.index import Index
from whoosh.multiproc import MpWriter, SubWriterTask

from search.backends.whoosh.bulk import BulkSegmentWriter
from search.sync.parent_death import die_with_parent

NICENESS = 10


class MortalTask(SubWriterTask):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.parent_pid = os.getpid()

    def run(self) -> None:
        """``SubWriterTask.run`` with a ``BulkSegmentWriter``, one finished segment per task."""
        die_with_parent(self.parent_pid)
        os.nice(NICENESS)  # a rebuild yields the processors to searches being served
        ix = self.storage.open_index(self.indexname)
        self.writer = BulkSegmentWriter(ix, _lk=False, **self.kwargs)
        while self.running:
            job = self.jobqueue.get()
            if job is None:
                break
            self._process_file(*job)
        if not self.running:
            self.writer.cancel()
            return
        segment = self.writer._finalize_segment()
        self.resultqueue.put((None, set(), segment), timeout=5)


class MortalMpWriter(MpWriter):
    """``MpWriter`` whose sub-writers write in bulk and cannot outlive their parent."""

    def _new_task(self) -> MortalTask:
        task = MortalTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        self.tasks.append(task)
        task.start()
        return task


def parallel_writer(ix: Index, procs: int, limitmb: int) -> MpWriter:
    """A writer that indexes on ``procs`` processes, one segment each."""
    return MortalMpWriter(ix, procs=procs, limitmb=limitmb, multisegment=True)
