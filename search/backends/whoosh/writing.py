"""The Whoosh backend's writing side: documents in, commits with their log positions, merges.

``WhooshBackend`` (backend.py) mixes this in; it provides ``store``,
``schema``, ``writer_mb`` and ``procs``. Every write holds the store's write
lock and reads documents after taking it (versions win, not arrival order);
a commit that applies changes never merges (merging.py); a rebuild writes a
new generation beside the live one and swaps it in (storage.py).
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Iterable
from pathlib import Path

from whoosh import index
from whoosh.searching import Searcher

from search.backends.base import (
    ChangeFeed,
    Document,
    IndexBusy,
    IndexUnavailable,
    LogPosition,
    Pending,
)
from search.backends.whoosh import facets as facet_arrays
from search.backends.whoosh import internals, merging, segment_arrays
from search.backends.whoosh.schema import MULTI_FACETS, SINGLE_FACETS
from search.backends.whoosh.storage import IndexStore, open_index

CATCH_UP_CHUNK = 500  # log rows applied per commit when a rebuild catches up
log = logging.getLogger(__name__)


class IndexWriting:
    """Indexing, catching up with the change log, merging, rebuilding, the indexer's lock."""

    store: IndexStore
    schema: object
    writer_mb: int
    procs: int

    def _fields(self, doc: Document) -> dict[str, object]:
        fields: dict[str, object] = {
            "id": doc.id,
            "version": doc.version,
            "slug": doc.slug,
            "title": doc.title,
            "summary": doc.summary,
            "body": doc.body,
            "meta": doc.meta,
            "named_countries": doc.named,
            "source_id": doc.source_id,
        }
        if doc.date_start and doc.date_end:
            fields["date_start"] = str(facet_arrays.date_key(doc.date_start))
            fields["date_end"] = str(facet_arrays.date_key(doc.date_end))
        for name in SINGLE_FACETS:
            values = doc.facets.get(name, ())
            if values:
                fields[name] = values[0]
        for name in MULTI_FACETS:
            values = doc.facets.get(name, ())
            if values:
                fields[name] = " ".join(values)
        return fields

    def _live_index(self) -> index.Index:
        """Open the live index; there must be one (writes never create an empty archive)."""
        path = self.store.current()
        if path is None:
            raise IndexUnavailable(
                f"There is no search index in {self.store.root}: "
                "run `manage.py rebuild_search_index`."
            )
        return open_index(path)

    def _apply(self, ix: index.Index, op: str, payload: list) -> None:
        writer = ix.writer(limitmb=self.writer_mb)
        try:
            if op == "index":
                for doc in payload:
                    writer.update_document(**self._fields(doc))
            else:
                for doc_id in payload:
                    writer.delete_by_term("id", doc_id)
        except BaseException:
            writer.cancel()
            raise
        self._commit(ix, writer)

    def _commit(self, ix: index.Index, writer, policy=merging.no_merge) -> None:
        """Commit ``writer``; if that fails (a full disk), delete the files it left behind.

        What the last table of contents names stays: the index is as before the
        commit, and the change stays in the log for the next try.
        """
        hooked = internals.before_contents(writer, functools.partial(self._write_arrays, ix))
        try:
            writer.commit(mergetype=policy)
            if not hooked:
                self._write_arrays(ix, internals.segments(ix))
        except BaseException:
            with contextlib.suppress(Exception):
                toc = index.TOC.read(ix.storage, ix.indexname)
                index.clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)
                self.store.forget_position(Path(ix.storage.folder), writer.generation)
            raise

    def _write_arrays(self, ix: index.Index, segments: list) -> None:
        """The new segments' facet arrays, for searchers to load (``segment_arrays``).
        Optional: a failure is logged, and searchers read the segments themselves."""
        try:
            segment_arrays.write_missing(ix.storage, ix.schema, segments)
        except Exception:
            log.exception("Could not write the arrays of the index's new segments.")

    def index(self, documents: Iterable[Document]) -> int:
        docs = list(documents)
        if docs:
            with self.store.write_lock():
                self._apply(self._live_index(), "index", docs)
        return len(docs)

    def remove(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        if ids:
            with self.store.write_lock():
                self._apply(self._live_index(), "remove", ids)

    def exists(self) -> bool:
        path = self.store.current()
        return path is not None and index.exists_in(path)

    def merge_step(self, pressing: bool = False) -> bool:
        if not self.exists():
            return False
        pile = merging.PRESSING_SEGMENTS if pressing else merging.SMALL_SEGMENTS
        try:
            with self.store.write_lock(0):
                ix = self._live_index()
                if not merging.to_merge(merging.no_merge(None, internals.segments(ix)), pile):
                    return False
                policy = functools.partial(merging.bounded_merge, pile=pile)
                self._commit(ix, ix.writer(limitmb=self.writer_mb), policy)
        except IndexBusy:
            return False  # a writer is busy: the next idle moment merges
        return True

    def needs_compaction(self, busy: bool = False) -> bool:
        path = self.store.current()
        if path is None:
            return False
        return merging.needs_compaction(internals.segments(open_index(path)), busy)

    def generation(self) -> str | None:
        path = self.store.current()
        return None if path is None else path.name

    def indexer_lock(self, wait: float | None = None) -> contextlib.AbstractContextManager[None]:
        return self.store.indexer_lock(wait)

    def indexer_beat(self) -> None:
        self.store.beat()

    def indexer_seen(self) -> float | None:
        return self.store.seen()

    def position(self) -> LogPosition | None:
        path = self.store.current()
        commit = self.store.latest_commit(path) if path is not None else None
        return None if commit is None else self.store.read_position(path, commit)

    def catch_up(
        self,
        feed: ChangeFeed,
        also: Iterable[str] = (),
        limit: int | None = None,
        wait: float | None = None,
    ) -> Pending:
        with self.store.write_lock(wait):
            return self._catch_up(self._live_index(), feed, also, limit)

    def _catch_up(
        self, ix: index.Index, feed: ChangeFeed, also: Iterable[str], limit: int | None
    ) -> Pending:
        """Apply what ``ix`` owes, read now, in one commit with its new position (lock held)."""
        generation_dir = Path(ix.storage.folder)
        before = self.store.read_position(generation_dir, ix.latest_generation())
        pending = feed.pending(before, limit)
        ids = set(pending.ids) | {str(i) for i in also}
        if not ids and pending.position == before:
            return pending
        current = {doc.id: doc for doc in feed.load(ids)}
        writer = ix.writer(limitmb=self.writer_mb)
        try:
            # The writer's own searcher: it finds the documents to replace anyway.
            stored = live_versions(writer.searcher(), ids)
            changed = [doc for doc in current.values() if stored.get(doc.id) != doc.version]
            gone = [doc_id for doc_id in stored if doc_id not in current]
            if not changed and not gone and pending.position == before:
                writer.cancel()
                return pending
            for doc in changed:
                writer.update_document(**self._fields(doc))
            for doc_id in gone:
                writer.delete_by_term("id", doc_id)
            self.store.write_position(generation_dir, writer.generation, pending.position)
        except BaseException:
            writer.cancel()
            raise
        self._commit(ix, writer)
        return Pending(frozenset(ids), pending.position, pending.more)

    def rebuild(self, documents: Iterable[Document], feed: ChangeFeed | None = None) -> int:
        with self.store.rebuild_lock():
            # Whatever a killed rebuild left behind goes first.
            self.store.prune(keep={p for p in (self.store.current(),) if p})
            start = feed.snapshot() if feed is not None else LogPosition()
            generation = self.store.new_generation()
            try:
                ix = index.create_in(generation, self.schema)
                writer = internals.rebuild_writer(ix, self.procs, self.writer_mb)
                count = 0
                try:
                    for doc in documents:
                        writer.add_document(**self._fields(doc))
                        count += 1
                    self.store.write_position(generation, writer.generation, start)
                except BaseException:
                    writer.cancel()
                    raise
                writer.commit()
                self._write_arrays(ix, internals.segments(ix))
                with self.store.write_lock():
                    if feed is not None:
                        # What changed while the build read the database.
                        while self._catch_up(ix, feed, (), CATCH_UP_CHUNK).more:
                            pass
                    previous = self.store.swap(generation)
            except BaseException:
                self.store.prune(keep={p for p in (self.store.current(),) if p})
                raise
            self.store.prune(keep={generation, *([previous] if previous else [])})
        return count


def live_versions(searcher: Searcher, only: set[str] | None = None) -> dict[str, str]:
    """id -> version of the live documents (of those in ``only``, if given)."""
    versions: dict[str, str] = {}
    for reader, _ in searcher.reader().leaf_readers():
        if reader.doc_count_all() == 0:
            continue
        ids = reader.column_reader("id")
        stamps = reader.column_reader("version")
        if only is None:
            docnums = reader.all_doc_ids()
        else:
            docnums = [d for i in only if (d := _docnum(reader, i)) is not None]
        for docnum in docnums:
            versions[ids[docnum]] = stamps[docnum]
    return versions


def _docnum(reader, doc_id: str) -> int | None:
    """The live document number of ``doc_id`` in one segment's reader, if it is there."""
    for docnum in reader.postings("id", doc_id).all_ids() if ("id", doc_id) in reader else ():
        if not reader.is_deleted(docnum):
            return docnum
    return None
