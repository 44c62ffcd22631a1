"""Countries named in the archive's other languages, as a reader types them: 朝鲜, 북한,
Corée du Nord, России stand for North Korea or Russia in a query.

A query that is such a name also searches the country's own name where the archive keeps
the names of the countries a statement is issued by and names (the ``country:`` fields), so
that it finds statements in every language, the English ones first among them. The names
are the country records' *names in other languages* (``Country.names_in_languages``), in
every form ``archive.name_forms`` gives them; the index itself is not changed. Each process
reads them again after a save of a country, and at most ``CHECK_INTERVAL`` after another
process's.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.apps import apps
from django.db import DatabaseError

from archive.name_forms import written_forms
from archive.names import parse_language_lines
from search.analysis import fold, is_latin, query_terms
from search.sync.indexing import option

log = logging.getLogger(__name__)


class ForeignNames:
    """The table of every country's names in other languages: folded form -> English names."""

    def __init__(self) -> None:
        self._read_at: float | None = None
        self._rows: list[tuple[str, str]] = []
        self._table: dict[str, tuple[str, ...]] = {}

    def english(self, typed: str) -> tuple[str, ...]:
        """The names of the countries ``typed`` names in another language (none: ())."""
        now = time.monotonic()
        if self._read_at is None or now - self._read_at >= option("CHECK_INTERVAL"):
            self._read_at = now
            rows = _rows()
            if rows != self._rows:  # the forms are worked out again only when names change
                self._rows, self._table = rows, _table(rows)
        return self._table.get(_key(typed), ())

    def clear(self) -> None:
        self._read_at = None


def _key(text: str) -> str:
    return " ".join(fold(text).split())


def _rows() -> list[tuple[str, str]]:
    """(English name, names in other languages) of every country that has any."""
    countries = apps.get_model("archive", "Country").objects.exclude(names_in_languages="")
    try:
        return list(countries.order_by("pk").values_list("name", "names_in_languages"))
    except DatabaseError as exc:  # a database without the archive's tables: no names
        log.warning("Country names in other languages are not searched: %s", exc)
        return []


def _table(rows: list[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for english, lines in rows:
        for language, names in parse_language_lines(lines).items():
            for name in names:
                for form in written_forms(language, name):
                    key = _key(form)
                    if key != _key(english) and english not in found.get(key, ()):
                        found.setdefault(key, []).append(english)
    return {key: tuple(names) for key, names in found.items()}


NAMES = ForeignNames()

# A name in another language whose every word is this common in the index's own terms reads
# as those words (German "Island", Iceland, is the English "island"), not as the country.
COMMON = 20


def reads_as_words(typed: str, documents_holding: Callable[[str], int]) -> bool:
    """Whether a Latin-script name typed is common words of the archive's texts, by the
    number of documents holding each of its terms."""
    terms = [term for term in query_terms(typed) if is_latin(term)]
    return bool(terms) and all(documents_holding(term) >= COMMON for term in terms)
