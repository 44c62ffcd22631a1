"""The PostgreSQL index's word list: every indexed term with its document frequency.

Fuzzy words (``word~``) and "did you mean" look up the terms one edit away
directly: every deletion, transposition, substitution and insertion of the
word is generated (a few hundred strings) and looked up in one indexed query,
a transposition counting as one edit, as on Whoosh. Two edits, for a
suggestion when one finds nothing, need the pg_trgm extension: with it, the
terms sharing enough trigrams are checked; without it, suggestions stop at
one edit.
"""

from __future__ import annotations

import math
import string

from search.analysis import MAX_EXPANSIONS, transpositions
from search.backends.postgres.tables import TERMS, has_trigrams

ALPHABET = string.ascii_lowercase + string.digits


def one_edit_variants(word: str, keep: int) -> set[str]:
    """Every string one edit from ``word`` that keeps its first ``keep`` letters."""
    letters = set(ALPHABET) | set(word)
    head, tail = word[:keep], word[keep:]
    found = {head + tail[:i] + tail[i + 1 :] for i in range(len(tail))}
    found |= {head + t for t in transpositions(tail)}
    for i in range(len(tail) + 1):
        for c in letters:
            found.add(head + tail[:i] + c + tail[i:])
            if i < len(tail):
                found.add(head + tail[:i] + c + tail[i + 1 :])
    found.discard(word)
    return found


def edit_distance(a: str, b: str) -> int:
    """Damerau–Levenshtein distance (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


class Terms:
    """Word-list lookups through one cursor."""

    def __init__(self, cursor, table: str = TERMS) -> None:
        self.cursor = cursor
        self.table = table

    def frequencies(self, terms) -> dict[str, int]:
        """Documents holding each of ``terms`` (absent: none)."""
        terms = list(terms)
        if not terms:
            return {}
        self.cursor.execute(
            f"SELECT term, df FROM {self.table} WHERE term = ANY(%s) AND df > 0", [terms]
        )
        return dict(self.cursor.fetchall())

    def one_edit_away(self, term: str, keep: int) -> set[str]:
        return set(self.frequencies(one_edit_variants(term, keep)))

    def two_edits_away(self, term: str, keep: int) -> set[str]:
        """Indexed terms within two edits (pg_trgm narrows the candidates; none without it)."""
        if not has_trigrams():
            return set()
        self.cursor.execute(
            f"SELECT term FROM {self.table} WHERE term %% %s AND df > 0 AND left(term, %s) = %s "
            "LIMIT 500",
            [term, keep, term[:keep]],
        )
        return {t for (t,) in self.cursor.fetchall() if edit_distance(t, term) <= 2}

    def starting_with(self, prefix: str) -> set[str]:
        """The most common terms a prefix stands for (what a page marks as matched)."""
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        self.cursor.execute(
            f"SELECT term FROM {self.table} WHERE term LIKE %s AND df > 0 "
            "ORDER BY df DESC, term LIMIT %s",
            [pattern, MAX_EXPANSIONS],
        )
        return {t for (t,) in self.cursor.fetchall()}

    def most_common(self, terms: set[str]) -> set[str]:
        """At most ``MAX_EXPANSIONS`` of ``terms``, the most common; all if there are fewer."""
        if len(terms) <= MAX_EXPANSIONS:
            return terms
        counts = self.frequencies(terms)
        return set(sorted(terms, key=lambda t: (-counts.get(t, 0), t))[:MAX_EXPANSIONS])


def idf(documents: int, frequency: int) -> float:
    """BM25's inverse document frequency."""
    return math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))
