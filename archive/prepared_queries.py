"""Queries every results page runs, compiled once and run again with the page's ids.

Django compiles a QuerySet to SQL each time it runs it. For the small queries
of a results page (its hits' rows, the countries they name, their versions,
their texts) compiling was most of the time: on the full UN corpus 0.6 ms of
the 0.8 ms that reading twenty statements' rows took. A ``PreparedQuery`` is
built by a function of the ids, compiled once per database connection and
number of ids with ids no row has, and then run with the page's ids in their
place; Django's own converters turn the columns into what ``values_list``
returns (``tests/test_prepared_queries.py`` compares the two).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections
from django.db.models import QuerySet

# Ids no row has: the compiled query's placeholders for the ids of a page.
_MARK = -(2**31)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    slots: tuple[int, ...]  # where the ids go in ``params``, in order
    compiler: object  # Django's SQLCompiler, for its converters
    converters: dict


class PreparedQuery:
    """``build(ids)`` (a ``values_list`` QuerySet) run with new ids, compiled once per
    connection and number of ids."""

    def __init__(self, build: Callable[[list[int]], QuerySet]) -> None:
        self.build = build
        # Per connection (each thread has its own): the compiler holds its connection.
        self._compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def rows(self, ids: list[int], using: str = "default") -> list[tuple]:
        """The rows ``build(ids)`` would return (an empty list for no ids)."""
        if not ids:
            return []
        connection = connections[using]
        compiled = self._compiled.setdefault(connection, {}).get(len(ids))
        if compiled is None:
            compiled = self._compile(len(ids), using)
            self._compiled[connection][len(ids)] = compiled
        params = list(compiled.params)
        for slot, value in zip(compiled.slots, ids, strict=True):
            params[slot] = value
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            found = cursor.fetchall()
        if not compiled.converters:
            return [tuple(row) for row in found]
        converted = compiled.compiler.apply_converters(found, compiled.converters)
        return [tuple(row) for row in converted]

    def _compile(self, count: int, using: str) -> _Compiled:
        marks = [_MARK + n for n in range(count)]
        compiler = self.build(marks).query.get_compiler(using)
        sql, params = compiler.as_sql()
        wanted = set(marks)
        slots = tuple(i for i, p in enumerate(params) if type(p) is int and p in wanted)
        if [params[i] for i in slots] != marks:
            raise ValueError("The query does not take its ids once each, in order.")
        columns = [s[0] for s in compiler.select[: compiler.col_count]]
        return _Compiled(sql, tuple(params), slots, compiler, compiler.get_converters(columns))
