""" "Did you mean": replace words the index does not know with the most common close ones.

Only words are ever rewritten: the compiler reports which words of the query
found nothing (never a field name, a facet value such as an ISO code or a
slug, a prefix or a fuzzy word), with where they stand in the query text.
Candidates are stems of the body one edit away, a transposition counting as
one edit (two for longer words), and stems the word starts with; each comes
with a document holding it, from which the caller reads how the word is
written (search.searching).
"""

from __future__ import annotations

from itertools import islice

from whoosh import query

from search.analysis import MAX_TYPO_LENGTH, STOP, fold, stem
from search.backends.base import CORRECTION_CANDIDATES, Correction
from search.backends.whoosh.lexicon import Lexicon

SPELLING_FIELD = "body"


def suggest(searcher, lexicon: Lexicon, unknown: list[tuple[int, str]]) -> tuple[Correction, ...]:
    """Close indexed terms for each unknown word, each with a document that holds it."""
    reader = searcher.reader()
    corrections = []
    for start, word in unknown:
        folded = fold(word)
        if not 3 <= len(folded) <= MAX_TYPO_LENGTH or folded in STOP or not folded.isalpha():
            continue
        stemmed = stem(folded)
        # One edit first: far cheaper, and usually what a typo is.
        close = lexicon.one_edit_away(SPELLING_FIELD, stemmed, prefix=1)
        if not close and len(stemmed) > 4:
            close = lexicon.within(SPELLING_FIELD, stemmed, 2, prefix=2)
        # A typo in a suffix leaves the word unstemmed ("denucleariztion"): try the
        # longest indexed stems it starts with; the longest may be a rarer typo's
        # ("disarmamnet": disarmam, of "disarmaming", then disarma).
        starts = (folded[:end] for end in range(len(folded) - 1, 4, -1))
        close.update(islice((s for s in starts if reader.doc_frequency(SPELLING_FIELD, s)), 2))
        ranked = sorted(close, key=lambda t: (-reader.doc_frequency(SPELLING_FIELD, t), t))
        candidates = tuple(
            (term, doc_id)
            for term in ranked[:CORRECTION_CANDIDATES]
            if (doc_id := _holder(searcher, term))
        )
        if candidates:
            corrections.append(Correction(start, word, candidates))
    return tuple(corrections)


def _holder(searcher, term: str) -> str | None:
    """The id of a live document whose body holds ``term``."""
    for docnum in searcher.docs_for_query(query.Term(SPELLING_FIELD, term)):
        return searcher.stored_fields(docnum)["id"]
    return None
