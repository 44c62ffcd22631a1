""" "Did you mean": replace words the index does not know with the most common close ones.

Only words are ever rewritten: the compiler reports which words of the query
found nothing (never a field name, a facet value such as an ISO code or a
slug, a prefix or a fuzzy word), with where they stand in the query text.
Candidates are stems of the body one edit away, a transposition counting as
one edit; the suggestion shows a surface form read from a document.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from whoosh import query

from search import highlighting
from search.backends.whoosh.query import MAX_TYPO_LENGTH, one_edit_away
from search.backends.whoosh.schema import STOP, fold, stem

SPELLING_FIELD = "body"


def suggest(
    searcher,
    text: str,
    unknown: list[tuple[int, str]],
    text_loader: Callable | None,
) -> str | None:
    """Return ``text`` with its unknown words replaced, or None if nothing was found."""
    reader = searcher.reader()
    replacements = []
    for start, word in unknown:
        folded = fold(word)
        if not 3 <= len(folded) <= MAX_TYPO_LENGTH or folded in STOP or not folded.isalpha():
            continue
        stemmed = stem(folded)
        # One edit first: far cheaper, and usually what a typo is.
        close = one_edit_away(reader, SPELLING_FIELD, stemmed, prefix=1)
        if not close and len(stemmed) > 4:
            close = set(reader.terms_within(SPELLING_FIELD, stemmed, 2, prefix=2))
        # A typo in a suffix leaves the word unstemmed ("denucleariztion"):
        # try the longest indexed stem it starts with.
        for end in range(len(folded) - 1, 4, -1):
            if reader.doc_frequency(SPELLING_FIELD, folded[:end]):
                close.add(folded[:end])
                break
        ranked = sorted(close, key=lambda t: (-reader.doc_frequency(SPELLING_FIELD, t), t))
        for term in ranked[:3]:
            surface = _surface_form(searcher, term, text_loader)
            if surface and surface != folded and _similar(surface, folded):
                replacements.append((start, len(word), surface))
                break
    if not replacements:
        return None
    for start, length, surface in sorted(replacements, reverse=True):
        text = text[:start] + surface + text[start + length :]
    return text


def _surface_form(searcher, term: str, text_loader: Callable | None) -> str | None:
    """A word as written that stems to ``term``, read from a document holding it."""
    if text_loader is None:
        return None
    pattern = highlighting.candidate_pattern({term})
    for docnum in searcher.docs_for_query(query.Term(SPELLING_FIELD, term)):
        doc_id = searcher.stored_fields(docnum)["id"]
        for summary, body in text_loader([doc_id]).values():
            for text in (body, summary):
                for start, end, _ in highlighting.find_matches(text, {term}, stem, pattern):
                    return highlighting.fold_word(text[start:end])
        return None
    return None


def _similar(a: str, b: str) -> bool:
    # A transposition scores lower than other single edits in difflib's ratio.
    if len(a) == len(b) and sorted(a) == sorted(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 2
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8
