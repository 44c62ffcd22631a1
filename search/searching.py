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

from search import analysis, country_names, highlighting
from search.backends.base import Correction, SearchBackend, SearchQuery, SearchResults
from search.documents import Texts, load_texts
from search.query import cleaning
from search.sync import lag
from search.sync.indexing import current_backend

# ids -> {id: the statement's texts}
TextLoader = Callable[[list[str]], dict[str, Texts]]
NO_TEXTS = Texts("", "")


def search(query: SearchQuery) -> SearchResults:
    """Run ``query`` on this process's backend, with snippets, saying if the index is behind."""
    results = run(current_backend(), query)
    behind = lag.current().notice()
    return replace(results, notices=(*results.notices, behind)) if behind else results


def run(backend: SearchBackend, query: SearchQuery) -> SearchResults:
    """Run ``query`` on ``backend`` as a page does: with snippets and suggestion, and the
    countries named in other languages as the archive names them (``search.country_names``)."""
    if query.country_names is None:
        query = replace(query, country_names=country_names.NAMES.english)
    return complete(backend.search(query), query, load_texts)


def complete(results: SearchResults, query: SearchQuery, texts: TextLoader) -> SearchResults:
    """Add the snippets and the suggestion to a backend's results, reading texts once."""
    wanted = [hit.id for hit in results.hits] if query.with_snippets else []
    wanted += [doc for c in results.corrections for _, doc in c.candidates]
    loaded = texts(list(dict.fromkeys(wanted))) if wanted else {}
    hits = results.hits
    if query.with_snippets:
        pattern = highlighting.candidate_pattern(results.highlight)
        cut = [snippet(loaded.get(hit.id, NO_TEXTS), results.highlight, pattern) for hit in hits]
        hits = tuple(
            replace(hit, snippet=html, language=language)
            for hit, (html, language) in zip(hits, cut, strict=True)
        )
    suggestion = suggest(cleaning.clean(query.text).text, results.corrections, loaded)
    return replace(results, hits=hits, suggestion=suggestion)


def snippet(texts: Texts, terms: frozenset[str], pattern=None) -> tuple[str, str]:
    """The best window for ``terms`` and the language of the text it is cut from: the body's;
    else the first version's in another language that has one; else the summary's; else the
    body's start."""
    stem = analysis.stemmer_for(texts.language)  # each text's words stemmed as it was indexed
    if terms:
        for language, text in ((texts.language, texts.body), *texts.versions):
            found = highlighting.snippet(text, set(terms), analysis.stemmer_for(language), pattern)
            if "<mark>" in found:
                return found, language
        if texts.summary:
            found = highlighting.snippet(texts.summary, set(terms), stem, pattern)
            if "<mark>" in found:
                return found, texts.language
    return highlighting.snippet(texts.body, set(), stem), texts.language


def suggest(text: str, corrections: tuple[Correction, ...], texts: dict[str, Texts]) -> str | None:
    """``text`` with each unknown word replaced by a close word as documents write it."""
    replacements = []
    for correction in corrections:
        folded = analysis.fold(correction.word)
        written = [
            form
            for term, doc_id in correction.candidates
            if (form := _written_form(term, folded, texts.get(doc_id, NO_TEXTS)))
        ]
        if written:  # the closest to what was typed; the most common of equals
            surface = min(written, key=lambda form: OSA.distance(form, folded))
            replacements.append((correction.start, len(correction.word), surface))
    if not replacements:
        return None
    for start, length, surface in sorted(replacements, reverse=True):
        text = text[:start] + surface + text[start + length :]
    return text


def _written_form(term: str, typed: str, texts: Texts) -> str | None:
    """How one document most often writes a word that stems to ``term`` and looks like
    ``typed``: a rarer typo sharing the stem ("disarmaming") must not stand for it."""
    pattern = highlighting.candidate_pattern({term})
    forms = Counter(
        analysis.fold(text[start:end])
        for text in (texts.body, texts.summary, *(text for _, text in texts.versions))
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


def more_like_this(statement_id: str, body: str, limit: int = 5, language: str = "") -> list[str]:
    """Ids of the statements most like this one, by its text (in ``language``)."""
    return current_backend().more_like_this(statement_id, body, limit=limit, language=language)
