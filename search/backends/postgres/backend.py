"""The PostgreSQL full-text search backend: the index lives in the archive's own database.

Writes join the caller's transaction (``transactional``): a statement and its
index row commit or roll back together, so this index cannot drift from the
database, and every application server reads the same one. One search is one
SQL statement: the matches are a materialised CTE; the page, the total and
every facet's counts (``GROUP BY``, each facet counted without its own
selection) are read from it. Snippets and "did you mean" are the caller's
(search.searching), as for every backend.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
from collections import Counter
from collections.abc import Mapping

from django.core import checks as django_checks
from django.db import DatabaseError, connections, transaction
from psycopg import errors

from search import facets
from search.analysis import (
    MAX_TYPO_LENGTH,
    STEMMED_LANGUAGES,
    STOP,
    query_terms,
)
from search.backends.base import (
    Correction,
    Hit,
    IndexBusy,
    IndexUnavailable,
    LogPosition,
    SearchBackend,
    SearchQuery,
    SearchResults,
    Sort,
)
from search.backends.facet_values import facet_values
from search.backends.postgres import tables, words
from search.backends.postgres.checks import database_for_postgres_backend
from search.backends.postgres.corrections import suggest
from search.backends.postgres.query import Compiler, lexeme
from search.backends.postgres.tables import DOCUMENTS, STATE
from search.backends.postgres.writing import IndexWriting
from search.query import cleaning, syntax

PAIR, PAIR_SEPARATOR = "pair", "\t"  # facet values never hold a tab
SUGGEST_BELOW = 5  # offer "did you mean" when a query finds fewer hits than this
MORE_LIKE_TERMS = 15
log = logging.getLogger(__name__)


class PostgresBackend(IndexWriting, SearchBackend):
    """Full-text search in PostgreSQL: weighted tsvectors, a GIN index, facet columns."""

    @classmethod
    def check(cls, config: Mapping[str, object]) -> list[django_checks.CheckMessage]:
        return database_for_postgres_backend(config)

    transactional = True
    differences = {
        "small words": "Small words (stop words, single letters and digits) are not indexed: "
        "in a quoted phrase each stands for any one word in its place, those at a phrase's "
        "ends are dropped, and a phrase of small words only is not searched (a notice says so).",
        "countries named": "The countries a statement names are searched through `country:` "
        "only, not by every query.",
        "prefixes": "A prefix (`nucl*`) matches every term it begins, not only the 64 most common.",
        "suggestions": "“Did you mean” looks two edits away only where the pg_trgm extension "
        "is installed; without it, one edit.",
        "ranking": "Scores are PostgreSQL's ts_rank plus ts_rank_cd's cover density, not BM25F "
        "with a proximity bonus.",
    }

    def __init__(self, options: Mapping[str, object]) -> None:
        super().__init__(options)
        self.alias = str(options.get("DATABASE", "default"))
        self.time_budget = float(options.get("TIME_BUDGET", 2.0))
        self.lock_timeout = float(options.get("LOCK_TIMEOUT", 30))
        self._languages_read: tuple[object, tuple[str, ...]] | None = None

    # Connection ----------------------------------------------------------------

    def _cursor(self):
        connection = connections[self.alias]
        if connection.vendor != "postgresql":
            raise IndexUnavailable(
                "The PostgreSQL search backend needs a PostgreSQL database; "
                f"the {self.alias!r} database is {connection.vendor}."
            )
        cursor = connection.cursor()
        if not tables._trigrams:
            cursor.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
            tables._trigrams.append(bool(cursor.fetchone()[0]))
        return cursor

    def _exists(self, cursor, suffix: str = "") -> bool:
        cursor.execute(
            "SELECT to_regclass(%s), to_regclass(%s)", [DOCUMENTS + suffix, STATE + suffix]
        )
        return all(cursor.fetchone())

    def exists(self) -> bool:
        with self._cursor() as cursor:
            return self._exists(cursor)

    def _state(self, cursor, suffix: str = "", lock: bool = False) -> dict | None:
        if not self._exists(cursor, suffix):
            return None
        cursor.execute(
            f"SELECT format, facets, position, written FROM {STATE}{suffix}"
            + (" FOR UPDATE" if lock else "")
        )
        found = cursor.fetchone()
        if found is None:
            return None
        position = found[2] if isinstance(found[2], dict) else json.loads(found[2])
        return {"format": found[0], "facets": found[1], "position": position, "written": found[3]}

    def is_outdated(self) -> bool:
        with self._cursor() as cursor:
            state = self._state(cursor)
        return state is not None and not _current(state)

    def position(self) -> LogPosition | None:
        with self._cursor() as cursor:
            state = self._state(cursor)
        return None if state is None else LogPosition.from_json(state["position"])

    def _live(self, cursor, lock: bool = False, wait: float | None = None) -> dict:
        """The live index's state (row-locked with ``lock``); it must exist and be current."""
        timeout = self.lock_timeout if wait is None else wait
        try:
            with _setting(cursor, "lock_timeout", f"{int(timeout * 1000)}ms", lock):
                state = self._state(cursor, lock=lock)
        except errors.LockNotAvailable as exc:
            raise IndexBusy("Another process is writing the search index.") from exc
        except DatabaseError as exc:
            if isinstance(exc.__cause__, errors.LockNotAvailable):
                raise IndexBusy("Another process is writing the search index.") from exc
            raise
        if state is None:
            raise IndexUnavailable(
                "There is no search index in the database: run `manage.py rebuild_search_index`."
            )
        if not _current(state):
            raise IndexUnavailable(
                "The search index in the database was written by an older version of the "
                "archive: run `manage.py rebuild_search_index`."
            )
        return state

    # Writing -------------------------------------------------------------------

    def search(self, q: SearchQuery) -> SearchResults:
        cleaned = cleaning.clean(q.text)
        tree, syntax_notices = syntax.parse(cleaned.text)
        notices = list(cleaned.notices)
        try:
            with transaction.atomic(using=self.alias), self._cursor() as cursor:
                state = self._live(cursor)
                seconds = self.time_budget if q.budget is None else min(self.time_budget, q.budget)
                budget = f"{max(1, int(seconds * 1000))}ms"
                with _setting(cursor, "statement_timeout", budget):
                    languages = self._languages(cursor, state["written"])
                    return self._search(
                        cursor, q, cleaned.text, tree, syntax_notices, notices, languages
                    )
        except DatabaseError as exc:
            if not isinstance(exc.__cause__, errors.QueryCanceled):
                raise
        notices.append("The search took too long and was stopped: results may be incomplete.")
        return SearchResults(0, (), {}, q.page, q.page_size, notices=tuple(notices), complete=False)

    def _has_value(self, cursor, name: str, value: str) -> bool:
        test = tables.facet_condition(name)
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {DOCUMENTS} WHERE {test})", [[value]])
        return cursor.fetchone()[0]

    def _languages(self, cursor, written) -> tuple[str, ...]:
        """The languages with their own stemmer that the index holds texts in: read once a
        write (``written`` changes with every commit), not once a search."""
        cached = self._languages_read
        if cached is None or cached[0] != written:
            cursor.execute(
                f"SELECT DISTINCT language FROM {DOCUMENTS}, unnest(f_language) AS language "
                "WHERE language = ANY(%s)",
                [list(STEMMED_LANGUAGES)],
            )
            held = {language for (language,) in cursor.fetchall()}
            found = tuple(lang for lang in STEMMED_LANGUAGES if lang in held)
            cached = self._languages_read = (written, found)
        return cached[1]

    def _search(self, cursor, q, text: str, tree, syntax_notices, notices, languages=()):
        terms = words.Terms(cursor)
        compiler = Compiler(
            terms,
            lambda name, value: self._has_value(cursor, name, value),
            languages,
            q.country_names,
        )
        compiled = compiler.compile(tree, syntax_notices, text)
        notices.extend(compiled.notices)
        nothing = compiled.condition is None and bool(text.strip())
        if nothing:
            notices.append(cleaning.nothing_to_search(text))

        where, params = ["true"], []
        if nothing:
            where = ["false"]
        elif compiled.condition:
            where, params = [compiled.condition], list(compiled.params)
        if q.date_from or q.date_to:
            where.append("date_start IS NOT NULL")
            if q.date_from:
                where.append("date_end >= %s")
                params.append(q.date_from)
            if q.date_to:
                where.append("date_start <= %s")
                params.append(q.date_to)
        rank = "0::real"
        if compiled.rank_any and q.sort == Sort.RELEVANCE:
            rank, rank_params = tables.rank_sql(compiled.rank_any, compiled.rank_all)
            params = [*rank_params, *params]
        selected = {n: tuple(v) for n, v in q.filters.items() if v and n in facets.BY_NAME}
        tests = {name: tables.facet_condition(name) for name in selected}
        columns = ", ".join(f"f_{f.name}" for f in facets.FACETS)

        sql = [
            f"WITH base AS MATERIALIZED (SELECT id, written, date_start, {columns}, "
            f"{rank} AS rank FROM {DOCUMENTS} WHERE {' AND '.join(where)}), "
            "final AS MATERIALIZED (SELECT * FROM base WHERE "
            + (" AND ".join(tests[n] for n in selected) or "true")
            + ")"
        ]
        params += [list(selected[n]) for n in selected]
        order = _order(q.sort, has_rank=rank != "0::real")
        parts: list[tuple[str, list]] = [
            ("SELECT 'total', NULL, count(*)::bigint, NULL::real FROM final", []),
            (
                "SELECT 'hit', id, n, rank FROM (SELECT id, rank, row_number() OVER "
                f"(ORDER BY {order}) AS n FROM final ORDER BY {order} LIMIT %s OFFSET %s) page",
                [q.page_size, (q.page - 1) * q.page_size],
            ),
        ]
        for facet in facets.FACETS if q.with_facets else ():
            # Counted as if its own selection were not made (disjunctive faceting).
            name, source, others = facet.name, "final", []
            if name in selected:
                source, others = "base", [o for o in selected if o != name]
            value = "v" if facet.multi else f"f_{name}"
            unnest = f", unnest(f_{name}) v" if facet.multi else ""
            conditions = [f"{value} IS NOT NULL", *(tests[o] for o in others)]
            parts.append(
                (
                    f"SELECT %s, {value}, count(*)::bigint, NULL::real FROM {source}{unnest} "
                    f"WHERE {' AND '.join(conditions)} GROUP BY {value}",
                    [name, *(list(selected[o]) for o in others)],
                )
            )
        if q.pairs:
            parts.append(_pairs_part(*q.pairs))
        sql.append(" UNION ALL ".join(f"({part})" for part, _ in parts))
        params += [p for _, part_params in parts for p in part_params]
        cursor.execute(" ".join(sql), params)
        total, hits, counts = 0, [], {f.name: {} for f in facets.FACETS}
        pairs: dict[tuple[str, str], int] = {}
        for kind, value, number, score in cursor.fetchall():
            if kind == "total":
                total = number
            elif kind == "hit":
                hits.append((number, value, score))
            elif kind == PAIR:
                first, second = value.split(PAIR_SEPARATOR)
                pairs[first, second] = number
            else:
                counts[kind][value] = number
        hits.sort()
        found = (
            {
                name: facet_values(name, counts[name], selected.get(name, ()), q)
                for name in facets.NAMES
            }
            if q.with_facets
            else {}
        )
        corrections: tuple[Correction, ...] = ()
        if total < SUGGEST_BELOW and compiled.words:
            has_value = functools.partial(self._has_value, cursor)
            corrections = suggest(cursor, terms, compiled.words, languages, has_value)
        return SearchResults(
            total=total,
            hits=tuple(Hit(id=i, score=round(float(s or 0), 4)) for _, i, s in hits),
            facets=found,
            page=q.page,
            page_size=q.page_size,
            notices=tuple(dict.fromkeys([*notices])),
            pairs=pairs,
            highlight=frozenset(compiled.highlight),
            corrections=corrections,
        )

    def more_like_this(self, id: str, text: str, limit: int = 5, language: str = "") -> list[str]:
        """Statements sharing the most distinctive words of this one's text (tf-idf key terms)."""
        with transaction.atomic(using=self.alias), self._cursor() as cursor:
            self._live(cursor)
            cursor.execute(f"SELECT count(*) FROM {DOCUMENTS}")
            documents = cursor.fetchone()[0]
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {DOCUMENTS} WHERE id = %s)", [id])
            if not cursor.fetchone()[0]:
                return []
            counts = Counter(query_terms(text, language))
            frequencies = words.Terms(cursor).frequencies(counts)
            weights = {
                t: counts[t] * words.idf(documents, n) for t, n in frequencies.items() if n > 1
            }
            key_terms = sorted(weights, key=lambda t: (-weights[t], t))[:MORE_LIKE_TERMS]
            if not key_terms:
                return []
            tsquery = " | ".join(lexeme(t) for t in key_terms)
            rank, rank_params = tables.rank_sql(tsquery, None)
            cursor.execute(
                f"SELECT id FROM {DOCUMENTS} WHERE vector @@ %s::tsquery AND id <> %s "
                f"ORDER BY {rank} DESC, written LIMIT %s",
                [tsquery, id, *rank_params, limit],
            )
            return [row[0] for row in cursor.fetchall()]


@contextlib.contextmanager
def _setting(cursor, name: str, value: str, apply: bool = True):
    """Set a PostgreSQL setting for what runs inside, then put back the transaction's own:
    a write that joins the caller's transaction must not leave it a lock or statement timeout.

    On an error the savepoint around the work is rolled back, and the setting with it.
    """
    if not apply:
        yield
        return
    cursor.execute("SELECT current_setting(%s), set_config(%s, %s, true)", [name, name, value])
    before = cursor.fetchone()[0]
    yield
    cursor.execute("SELECT set_config(%s, %s, true)", [name, before])


def _correctable(folded: str) -> bool:
    """Whether a word may be a typo: letters only, not a stop word, neither tiny nor huge."""
    return 3 <= len(folded) <= MAX_TYPO_LENGTH and folded not in STOP and folded.isalpha()


def _current(state: dict) -> bool:
    return state["format"] == tables.FORMAT and state["facets"] == tables.facet_signature()


def _order(sort: Sort, has_rank: bool) -> str:
    if sort == Sort.RELEVANCE and has_rank:
        return "rank DESC, written"
    if sort == Sort.OLDEST:
        return "date_start IS NULL, date_start, written"
    return "date_start IS NULL, date_start DESC, written DESC"


def _pairs_part(first: str, second: str) -> tuple[str, list]:
    """The query counting (first, second) value pairs over the hits."""
    if facets.BY_NAME[first].multi:
        raise ValueError(f"Pairs start with a single-valued facet, not {first!r}.")
    column = "v" if facets.BY_NAME[second].multi else f"f_{second}"
    unnest = f", unnest(f_{second}) v" if facets.BY_NAME[second].multi else ""
    return (
        f"SELECT %s, f_{first} || %s || {column}, count(*)::bigint, NULL::real "
        f"FROM final{unnest} WHERE f_{first} IS NOT NULL AND {column} IS NOT NULL "
        f"GROUP BY f_{first}, {column}",
        [PAIR, PAIR_SEPARATOR],
    )
