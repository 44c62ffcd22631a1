"""Writing the PostgreSQL index: documents upserted, catch-up from the change log, rebuilds.

Writes join the caller's transaction. A rebuild fills new tables beside the
live ones (``NEW``) with COPY, notes the log position it read from, and swaps
them in one transaction, under an advisory lock: one rebuild at a time.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Collection, Iterable

from django.db import transaction

from search.backends.base import (
    ChangeFeed,
    Document,
    LogPosition,
    Pending,
)
from search.backends.postgres import tables
from search.backends.postgres.tables import DOCUMENTS, STATE, TERMS

CATCH_UP_CHUNK = 500
COPY_BATCH = 500
REBUILD_LOCK = 0x5EA4C4  # advisory lock key: one rebuild at a time
NEW = "_new"  # suffix of the tables a rebuild fills before the swap


class IndexWriting:
    """The writing half of ``PostgresBackend``: it reads through the backend's ``_cursor``,
    ``_state``, ``_live`` and ``_exists``."""

    def index(self, documents: Iterable[Document]) -> int:
        docs = list(documents)
        if docs:
            with transaction.atomic(using=self.alias), self._cursor() as cursor:
                state = self._live(cursor, lock=True)
                self._write(cursor, docs, (), state)
        return len(docs)

    def remove(self, ids: Iterable[str]) -> None:
        ids = [str(i) for i in ids]
        if ids:
            with transaction.atomic(using=self.alias), self._cursor() as cursor:
                state = self._live(cursor, lock=True)
                self._write(cursor, [], ids, state)

    def _write(self, cursor, docs: list[Document], gone: Collection[str], state, suffix=""):
        """Upsert ``docs``, delete ``gone``, and keep the word list's frequencies (lock held)."""
        documents, terms_table = DOCUMENTS + suffix, TERMS + suffix
        ids = [d.id for d in docs] + list(gone)
        cursor.execute(
            f"SELECT id, tsvector_to_array(vector) FROM {documents} WHERE id = ANY(%s)", [ids]
        )
        delta: Counter[str] = Counter()
        for _, old_terms in cursor.fetchall():
            delta.subtract(set(old_terms))
        columns = tables.columns()
        written = state["written"]
        rows = []
        for doc in docs:
            values, terms = tables.row(doc)
            delta.update(terms)
            written += 1
            rows.append([doc.id, doc.version, written, *values])
        if rows:
            names = ["id", "version", "written", *columns]
            marks = ", ".join("%s::tsvector" if n in ("vector", "named") else "%s" for n in names)
            updates = ", ".join(f"{n} = EXCLUDED.{n}" for n in names[1:])
            cursor.executemany(
                f"INSERT INTO {documents} ({', '.join(names)}) VALUES ({marks}) "
                f"ON CONFLICT (id) DO UPDATE SET {updates}",
                rows,
            )
        if gone:
            cursor.execute(f"DELETE FROM {documents} WHERE id = ANY(%s)", [list(gone)])
        changed = sorted((t, n) for t, n in delta.items() if n)
        if changed:
            cursor.execute(
                f"INSERT INTO {terms_table} (term, df) "
                "SELECT * FROM unnest(%s::text[], %s::integer[]) "
                f"ON CONFLICT (term) DO UPDATE SET df = {terms_table}.df + EXCLUDED.df",
                [[t for t, _ in changed], [n for _, n in changed]],
            )
        cursor.execute(f"UPDATE {STATE}{suffix} SET written = %s", [written])
        state["written"] = written

    def catch_up(
        self,
        feed: ChangeFeed,
        also: Collection[str] = (),
        limit: int | None = None,
        wait: float | None = None,
    ) -> Pending:
        with transaction.atomic(using=self.alias), self._cursor() as cursor:
            state = self._live(cursor, lock=True, wait=wait)
            return self._catch_up(cursor, state, feed, also, limit)

    def _catch_up(self, cursor, state, feed, also, limit, suffix="") -> Pending:
        """Apply what the index owes, read now, with its new position (state row locked)."""
        before = LogPosition.from_json(state["position"])
        pending = feed.pending(before, limit)
        ids = set(pending.ids) | {str(i) for i in also}
        if not ids and pending.position == before:
            return pending
        current = {doc.id: doc for doc in feed.load(ids)}
        cursor.execute(
            f"SELECT id, version FROM {DOCUMENTS}{suffix} WHERE id = ANY(%s)", [sorted(ids)]
        )
        stored = dict(cursor.fetchall())
        changed = [doc for doc in current.values() if stored.get(doc.id) != doc.version]
        gone = [doc_id for doc_id in stored if doc_id not in current]
        if changed or gone:
            self._write(cursor, changed, gone, state, suffix)
        cursor.execute(
            f"UPDATE {STATE}{suffix} SET position = %s::jsonb",
            [json.dumps(pending.position.to_json())],
        )
        return Pending(frozenset(ids), pending.position, pending.more)

    def rebuild(self, documents: Iterable[Document], feed: ChangeFeed | None = None) -> int:
        with self._cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [REBUILD_LOCK])
            try:
                return self._rebuild(cursor, documents, feed)
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [REBUILD_LOCK])

    def _rebuild(self, cursor, documents: Iterable[Document], feed: ChangeFeed | None) -> int:
        start = feed.snapshot() if feed is not None else LogPosition()
        with transaction.atomic(using=self.alias):
            for table in tables.TABLES:
                cursor.execute(f"DROP TABLE IF EXISTS {table}{NEW}")
            for statement in tables.create_sql(NEW):
                cursor.execute(statement)
            count, frequencies = self._copy(cursor, documents)
            cursor.execute(
                f"INSERT INTO {STATE}{NEW} (format, facets, position, written) "
                "VALUES (%s, %s, %s::jsonb, %s)",
                [tables.FORMAT, tables.facet_signature(), json.dumps(start.to_json()), count],
            )
            with cursor.connection.cursor().copy(
                f"COPY {TERMS}{NEW} (term, df) FROM STDIN"
            ) as copy:
                for term, df in frequencies.items():
                    copy.write_row((term, df))
            for statement in tables.index_sql(NEW):
                cursor.execute(statement)
            cursor.execute(f"ANALYZE {DOCUMENTS}{NEW}")
        with transaction.atomic(using=self.alias):
            # Wait for the writers of the live index: none may write while it is swapped.
            self._state(cursor, lock=True)
            if feed is not None:
                state = self._state(cursor, NEW, lock=True)
                while self._catch_up(cursor, state, feed, (), CATCH_UP_CHUNK, NEW).more:
                    state = self._state(cursor, NEW, lock=True)
            for table in tables.TABLES:
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
            for table in tables.TABLES:
                cursor.execute(f"ALTER TABLE {table}{NEW} RENAME TO {table}")
                cursor.execute(
                    "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname LIKE %s",
                    [table, f"{table}{NEW}%"],
                )
                for (name,) in cursor.fetchall():
                    renamed = table + name[len(table) + len(NEW) :]
                    cursor.execute(f"ALTER INDEX {name} RENAME TO {renamed}")
        return count

    def _copy(self, cursor, documents: Iterable[Document]) -> tuple[int, Counter[str]]:
        """COPY every document into the new table; return the count and each term's frequency.

        Rows are read a batch at a time before each COPY: the documents come from
        the same database connection, which a COPY in progress keeps busy.
        """
        frequencies: Counter[str] = Counter()
        documents = iter(documents)
        names = ", ".join(["id", "version", "written", *tables.columns()])
        count = 0
        for batch in iter(lambda: list(itertools.islice(documents, COPY_BATCH)), []):
            rows = []
            for doc in batch:
                values, terms = tables.row(doc)
                frequencies.update(terms)
                count += 1
                rows.append((doc.id, doc.version, count, *values))
            with cursor.connection.cursor().copy(
                f"COPY {DOCUMENTS}{NEW} ({names}) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)
        return count, frequencies

    def stored_versions(self) -> dict[str, str]:
        with self._cursor() as cursor:
            self._live(cursor)
            cursor.execute(f"SELECT id, version FROM {DOCUMENTS}")
            return dict(cursor.fetchall())

    # Reading -------------------------------------------------------------------
