"""\"Did you mean\" on PostgreSQL: close indexed terms for the words no document holds.

As on Whoosh (``search.backends.whoosh.suggestions``): only words are rewritten, never a
facet value; candidates are terms one edit away (two with pg_trgm for longer words) and the
longest indexed stems the word starts with, each with a document holding it, from which the
caller reads how the word is written (``search.searching``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from search.analysis import MAX_TYPO_LENGTH, STOP, fold, query_terms, query_words, stem
from search.backends.base import CORRECTION_CANDIDATES, Correction
from search.backends.postgres import words
from search.backends.postgres.query import lexeme
from search.backends.postgres.tables import DOCUMENTS
from search.query import syntax
from search.query.forms import variants

FACETS_NAMED = ("issuer", "event", "country", "named")


def suggest(
    cursor,
    terms: words.Terms,
    typed: Iterable[syntax.Word],
    languages: tuple[str, ...],
    has_value: Callable[[str, str], bool],
) -> tuple[Correction, ...]:
    """Close terms, each with a document holding it, for the words no document holds (in
    any of its forms in the ``languages`` the index holds)."""
    corrections = []
    for word in typed:
        for start, part in _words_of(word):
            known = terms.frequencies(v for w in query_words(part) for v in variants(w, languages))
            if known or not query_terms(part) or _is_facet_value(has_value, part):
                continue
            folded = fold(part)
            if not 3 <= len(folded) <= MAX_TYPO_LENGTH or folded in STOP or not folded.isalpha():
                continue
            stemmed = stem(folded)
            close = terms.one_edit_away(stemmed, 1)
            if not close and len(stemmed) > 4:
                close = terms.two_edits_away(stemmed, 2)
            # The longest stems it starts with (as the Whoosh backend).
            longer = [folded[:end] for end in range(len(folded) - 1, 4, -1)]
            held = terms.frequencies(longer)
            close.update([prefix for prefix in longer if prefix in held][:2])
            counts = terms.frequencies(close)
            ranked = sorted(counts, key=lambda t: (-counts[t], t))[:CORRECTION_CANDIDATES]
            candidates = tuple(
                (term, holder) for term in ranked if (holder := _holder(cursor, term))
            )
            if candidates:
                corrections.append(Correction(start, part, candidates))
    return tuple(corrections)


def _is_facet_value(has_value: Callable[[str, str], bool], text: str) -> bool:
    return any(
        has_value(name, value) for name in FACETS_NAMED for value in (text.upper(), text.lower())
    )


def _holder(cursor, term: str) -> str | None:
    cursor.execute(
        f"SELECT id FROM {DOCUMENTS} WHERE vector @@ %s::tsquery ORDER BY written LIMIT 1",
        [lexeme(term, "D")],
    )
    found = cursor.fetchone()
    return found[0] if found else None


def _words_of(word: syntax.Word) -> list[tuple[int, str]]:
    """(start in the query, word) of each word in what was typed as one."""
    return [(word.start + m.start(), m.group()) for m in re.finditer(r"\w+", word.text)]
