"""A search as the pages, the API and the exports run it.

The backend answers with ids, scores, facet counts, the terms to highlight,
and close terms for the words it does not know. The texts live in the
database: this module reads those it needs once per page, cuts the snippets
and writes the "did you mean" text. So no backend ever calls back into Django.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from rapidfuzz.distance import OSA

from search import analysis, highlighting
from search.backends.base import Correction, SearchBackend, SearchQuery, SearchResults
from search.documents import load_texts
from search.query import cleaning
from search.sync import lag
from search.sync.indexing import current_backend

# ids -> {id: (summary, body)}
TextLoader = Callable[[list[str]], dict[str, tuple[str, str]]]


def search(query: SearchQuery) -> SearchResults:
    """Run ``query`` on this process's backend, with snippets, saying if the index is behind."""
    results = run(current_backend(), query)
    behind = lag.current().notice()
    return replace(results, notices=(*results.notices, behind)) if behind else results


def run(backend: SearchBackend, query: SearchQuery) -> SearchResults:
    """Run ``query`` on ``backend`` as a page does: with snippets and suggestion."""
    return complete(backend.search(query), query, load_texts)


def complete(results: SearchResults, query: SearchQuery, texts: TextLoader) -> SearchResults:
    """Add the snippets and the suggestion to a backend's results, reading texts once."""
    wanted = [hit.id for hit in results.hits] if query.with_snippets else []
    wanted += [doc for c in results.corrections for _, doc in c.candidates]
    loaded = texts(list(dict.fromkeys(wanted))) if wanted else {}
    hits = results.hits
    if query.with_snippets:
        pattern = highlighting.candidate_pattern(results.highlight)
        hits = tuple(
            replace(hit, snippet=snippet(*loaded.get(hit.id, ("", "")), results.highlight, pattern))
            for hit in hits
        )
    suggestion = suggest(cleaning.clean(query.text).text, results.corrections, loaded)
    return replace(results, hits=hits, suggestion=suggestion)


def snippet(summary: str, body: str, terms: frozenset[str], pattern=None) -> str:
    """The body's best window for ``terms``; the summary's if the body has none; else its start."""
    stem = analysis.stem
    found = highlighting.snippet(body, set(terms), stem, pattern) if terms else ""
    if "<mark>" not in found and summary:
        found = highlighting.snippet(summary, set(terms), stem, pattern)
    return found or highlighting.snippet(body, set(), stem)


def suggest(
    text: str, corrections: tuple[Correction, ...], texts: dict[str, tuple[str, str]]
) -> str | None:
    """``text`` with each unknown word replaced by a close word as documents write it."""
    replacements = []
    for correction in corrections:
        folded = analysis.fold(correction.word)
        written = [
            form
            for term, doc_id in correction.candidates
            if (form := _written_form(term, folded, texts.get(doc_id, ("", ""))))
        ]
        if written:  # the closest to what was typed; the most common of equals
            surface = min(written, key=lambda form: OSA.distance(form, folded))
            replacements.append((correction.start, len(correction.word), surface))
    if not replacements:
        return None
    for start, length, surface in sorted(replacements, reverse=True):
        text = text[:start] + surface + text[start + length :]
    return text


def _written_form(term: str, typed: str, texts: tuple[str, str]) -> str | None:
    """How one document most often writes a word that stems to ``term`` and looks like
    ``typed``: a rarer typo sharing the stem ("disarmaming") must not stand for it."""
    pattern = highlighting.candidate_pattern({term})
    summary, body = texts
    forms = Counter(
        analysis.fold(text[start:end])
        for text in (body, summary)
        for start, end, _ in highlighting.find_matches(text, {term}, analysis.stem, pattern)
    )
    return next(
        (form for form, _ in forms.most_common() if form != typed and _similar(form, typed)),
        None,
    )


def _similar(a: str, b: str) -> bool:
    # A transposition scores lower than other single edits in difflib's ratio.
    if len(a) == len(b) and sorted(a) == sorted(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 2
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def more_like_this(statement_id: str, body: str, limit: int = 5) -> list[str]:
    """Ids of the statements most like this one, by its text."""
    return current_backend().more_like_this(statement_id, body, limit=limit)
