"""The Whoosh implementation of the search backend.

One long-lived searcher per process, refreshed only when the index changes;
facet counts from per-document codes in numpy arrays; Whoosh scores only
enough hits to fill the page; snippets only for the hits shown. The
writing side (indexing, catching up, merging, rebuilding) is ``writing.py``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import numpy as np
from django.core import checks as django_checks
from whoosh.searching import Searcher

from search import facets
from search.analysis import SMALL_WORDS, query_terms
from search.backends.base import (
    FacetValue,
    Hit,
    IndexUnavailable,
    SearchBackend,
    SearchQuery,
    SearchResults,
    Sort,
)
from search.backends.facet_values import ranked_facet_values
from search.backends.whoosh import checks as index_checks
from search.backends.whoosh import facets as facet_arrays
from search.backends.whoosh import internals, proximity, segment_arrays
from search.backends.whoosh import query as compiled_query
from search.backends.whoosh.lexicon import Lexicon, SegmentTerms
from search.backends.whoosh.postings import Leaf
from search.backends.whoosh.postings_cache import PostingsCache
from search.backends.whoosh.query import Compiler
from search.backends.whoosh.schema import (
    MULTI_FACETS,
    SINGLE_FACETS,
    TEXT_FIELDS,
    build_schema,
    is_current,
)
from search.backends.whoosh.scoring import Collection, Evaluator, OutOfTime, field_lengths
from search.backends.whoosh.segment_ids import SegmentIds
from search.backends.whoosh.storage import IndexStore, open_index
from search.backends.whoosh.suggestions import suggest
from search.backends.whoosh.writing import IndexWriting, live_versions
from search.query import cleaning, syntax

SUGGEST_BELOW = 5  # offer "did you mean" when a query finds fewer hits than this
MORE_LIKE_TERMS = 15  # key terms of a statement that "more like this" searches for
# Its own budget, smaller than a search's: it is a side panel of a statement's page. The
# text's most frequent words only are weighed, so the longest speech costs no more.
MORE_LIKE_BUDGET = 0.5
MORE_LIKE_CANDIDATES = 300
# Words most recently searched whose postings ``refresh`` reads from each new small segment
# ahead of the searches (a field and a word: one entry).
WARM_WORDS = 200
log = logging.getLogger(__name__)


class IndexOutdated(IndexUnavailable):
    """The live index was written by an older version of this code: rebuild it."""


class WhooshBackend(IndexWriting, SearchBackend):
    @classmethod
    def check(cls, config: Mapping[str, object]) -> list[django_checks.CheckMessage]:
        return index_checks.check(config)

    def __init__(self, options: Mapping[str, object]) -> None:
        super().__init__(options)
        self.store = IndexStore(
            Path(str(options["PATH"])), lock_timeout=float(options.get("LOCK_TIMEOUT", 30))
        )
        self.time_budget = float(options.get("TIME_BUDGET", 2.0))
        # How much words standing close together add to BM25F (0: nothing); see proximity.py.
        self.proximity_weight = float(options.get("PROXIMITY_WEIGHT", proximity.WEIGHT))
        self.sequence_weight = float(options.get("SEQUENCE_WEIGHT", proximity.SEQUENCE_WEIGHT))
        self.cover_weight = float(options.get("COVER_WEIGHT", proximity.COVER_WEIGHT))
        self.writer_mb = int(options.get("WRITER_MB", 256))
        # Decoded postings of common words, kept between searches (postings_cache.py).
        self.postings_cache = PostingsCache(int(options.get("POSTINGS_CACHE_MB", 64)) * 2**20)
        # Rebuilds index on several cores, one segment per process.
        self.procs = int(options.get("PROCS", min(4, os.cpu_count() or 1)))
        self.schema = build_schema()
        self._lock = threading.RLock()
        self._searcher: Searcher | None = None
        self._searcher_path: Path | None = None
        self._facets: facet_arrays.FacetArrays | None = None
        self._segments: dict[tuple[str, str], tuple[facet_arrays.SegmentArrays, dict]] = {}
        self._collection: Collection | None = None
        self._warmed: Collection | None = None  # the generation ``refresh`` last warmed
        self._vocab = {name: facet_arrays.FacetCodes() for name in (*SINGLE_FACETS, *MULTI_FACETS)}

    # Reading -----------------------------------------------------------------

    def _state(self) -> tuple[Searcher, facet_arrays.FacetArrays, Collection]:
        """Return this process's searcher, facet arrays and statistics, fresh.

        A new searcher is opened before the old one is closed: if opening
        fails (a damaged or half-written file), the old one keeps answering
        and the next request tries again. With no searcher to fall back on,
        the index is unavailable, and the caller says so.
        """
        path = self.store.current()
        if path is None:
            if self._searcher is not None:
                self.close()
            raise IndexUnavailable(
                f"There is no search index in {self.store.root}: "
                "run `manage.py rebuild_search_index`."
            )
        fresh = self._searcher is not None and path == self._searcher_path
        if fresh:
            # A new commit: the segments it changed are opened, the others' readers
            # kept (internals.reopened), and their facet arrays are cached.
            try:
                fresh = self._searcher.up_to_date()
            except Exception:
                fresh = False
        if not fresh:
            searcher = None
            try:
                ix = open_index(path)
                if not is_current(ix.schema):
                    raise IndexOutdated(
                        f"The search index in {path} was written by an older version of the "
                        "archive: run `manage.py rebuild_search_index`."
                    )
                previous = self._searcher if path == self._searcher_path else None
                searcher = internals.reopened(ix, previous)
                facets, collection = self._build_arrays(searcher, path)
            except IndexOutdated:
                raise
            except Exception as exc:
                if searcher is not None:  # its own readers, not those it shares
                    if self._searcher is not None:
                        internals.retire(searcher, self._searcher)
                    else:
                        searcher.close()
                if self._searcher is None:
                    raise IndexUnavailable(
                        f"The search index in {path} cannot be read ({exc!r}): "
                        "run `manage.py rebuild_search_index`."
                    ) from exc
                log.exception(
                    "Could not open the search index in %s; still answering from the last "
                    "good one.",
                    path,
                )
            else:
                old = self._searcher
                self._searcher, self._searcher_path = searcher, path
                self._facets, self._collection = facets, collection
                if old is not None:
                    internals.retire(old, searcher)
        return self._searcher, self._facets, self._collection

    def is_outdated(self) -> bool:
        """Whether the live index exists but must be rebuilt to be read by this code."""
        path = self.store.current()
        return self.exists() and not is_current(open_index(path).schema)

    def _build_arrays(
        self, searcher: Searcher, path: Path
    ) -> tuple[facet_arrays.FacetArrays, Collection]:
        """Facet arrays and field lengths per segment, cached by segment id."""
        segments, leaves, lengths, words, seen = [], [], [], [], set()
        for reader, offset in searcher.reader().leaf_readers():
            segment = reader.segment() if hasattr(reader, "segment") else None
            size = reader.doc_count_all()
            if segment is None or size == 0:
                continue  # an empty index has an empty reader and no segment
            key = (str(path), segment.segment_id())
            seen.add(key)
            cached = self._segments.get(key)
            if cached is None:
                written = segment_arrays.load(path, reader, self._vocab)
                arrays, segment_lengths = written or (
                    facet_arrays.build_segment(reader, self._vocab),
                    field_lengths(reader, size),
                )
                cached = (arrays, segment_lengths, SegmentTerms(), SegmentIds())
                self._segments[key] = cached
            arrays, segment_lengths, terms, ids = cached
            segments.append((arrays, offset, facet_arrays.live_mask(reader)))
            leaves.append(Leaf(reader=reader, offset=offset, segment=key, terms=terms, ids=ids))
            lengths.append(segment_lengths)
            words.append((terms, reader))
        gone = set(self._segments) - seen
        for key in gone:
            del self._segments[key]
        self.postings_cache.forget(gone)
        facets = facet_arrays.FacetArrays(segments, self._vocab)
        collection = Collection(
            reader=searcher.reader(),
            leaves=leaves,
            live=facets.live,
            lengths={
                name: np.concatenate([part[name] for part in lengths])
                if lengths
                else np.zeros(0, np.float32)
                for name in TEXT_FIELDS
            },
            lexicon=Lexicon(words),
            postings_cache=self.postings_cache,
        )
        return facets, collection

    def refresh(self) -> None:
        """The latest commit opened, with what its first searches would read: the facet
        arrays, the languages held, the new small segments' word lists, and their postings of
        the ``WARM_WORDS`` words searched most lately."""
        with self._lock:
            _, _, collection = self._state()
            if collection is not self._warmed:
                collection.warm(self.postings_cache.recent(WARM_WORDS))
                self._warmed = collection

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher, self._searcher_path, self._facets = None, None, None
            self._collection = None

    def stored_versions(self) -> dict[str, str]:
        with self._lock:
            searcher, _, _ = self._state()
            return live_versions(searcher)

    def more_like_this(self, id: str, text: str, limit: int = 5, language: str = "") -> list[str]:
        """Statements sharing the most distinctive words of this one's text (tf-idf key terms)."""
        with self._lock:
            searcher, _, collection = self._state()
            docnum = searcher.document_number(id=id)
            if docnum is None:
                return []
            started = time.monotonic()
            counts = Counter(query_terms(text, language)).most_common(MORE_LIKE_CANDIDATES)
            evaluator = Evaluator(collection, started + min(self.time_budget, MORE_LIKE_BUDGET))
            # Terms no other statement holds cannot make anything similar.
            reader = searcher.reader()
            shared = {t: n for t, n in counts if reader.doc_frequency("body", t) > 1}
            weights = {t: n * evaluator.idf(t) for t, n in shared.items()}
            key_terms = sorted(weights, key=lambda t: (-weights[t], t))[:MORE_LIKE_TERMS]
            if not key_terms:
                return []
            similar = compiled_query.Any(
                tuple(compiled_query.Term(t, TEXT_FIELDS) for t in key_terms)
            )
            try:
                matched, scores = evaluator.run(similar)
            except OutOfTime:
                return []
            matched[docnum] = False
            candidates = np.flatnonzero(matched)
            best = candidates[np.lexsort((candidates, -scores[candidates]))][:limit]
            return [collection.id_of(int(d)) for d in best]

    def search(self, q: SearchQuery) -> SearchResults:
        try:
            return self._search(q)
        finally:
            self.postings_cache.settle()

    def _search(self, q: SearchQuery) -> SearchResults:
        started = time.monotonic()
        with self._lock:
            searcher, arrays, collection = self._state()
            cleaned = cleaning.clean(q.text)
            tree, syntax_notices = syntax.parse(cleaned.text)
            compiler = Compiler(
                searcher.reader(), collection.lexicon, q.country_names, collection.languages
            )
            compiled = compiler.compile(tree, syntax_notices, cleaned.text)
            notices = [*cleaned.notices, *compiled.notices]
            # Text with nothing to search for finds nothing: never every statement.
            nothing = compiled.query is None and bool(cleaned.text.strip())
            if nothing:
                notices.append(cleaning.nothing_to_search(cleaned.text))

            base = arrays.live.copy() if not nothing else np.zeros(arrays.size, dtype=bool)
            scores = None
            budget = self.time_budget if q.budget is None else min(self.time_budget, q.budget)
            evaluator = Evaluator(collection, started + budget)
            complete = True
            if compiled.query is not None:
                try:
                    matched, scores = evaluator.run(compiled.query)
                except OutOfTime:
                    complete = False  # no count below can be read as one
                    matched = np.zeros(arrays.size, dtype=bool)
                    scores = np.zeros(arrays.size, dtype=np.float32)
                base &= matched
            if q.date_from or q.date_to:
                base &= arrays.date_mask(q.date_from, q.date_to)
            masks = {
                name: arrays.value_mask(name, values)
                for name, values in q.filters.items()
                if values and name in facets.BY_NAME
            }
            final = base.copy()
            for mask in masks.values():
                final &= mask
            total = int(np.count_nonzero(final))

            counts = self._facet_values(q, arrays, base, final, masks) if q.with_facets else {}
            if scores is not None and q.sort == Sort.RELEVANCE:
                with contextlib.suppress(OutOfTime):  # BM25F alone still orders the page
                    scores = proximity.rescore(
                        evaluator,
                        compiled.query,
                        compiled.sequence,
                        final,
                        scores,
                        self.proximity_weight,
                        self.sequence_weight,
                        self.cover_weight,
                    )
            start = (q.page - 1) * q.page_size
            page = self._page(q, arrays, final, scores, start)
            if evaluator.timed_out:
                notices.append(
                    "The search took too long and was stopped: results may be incomplete."
                )
            hits = tuple(
                Hit(id=collection.id_of(docnum), score=round(score, 4)) for docnum, score in page
            )
            unknown = compiler.unknown(compiled.words) if total < SUGGEST_BELOW else []
            return SearchResults(
                total=total,
                hits=hits,
                facets=counts,
                page=q.page,
                page_size=q.page_size,
                notices=tuple(dict.fromkeys(notices)),
                highlight=frozenset(self._highlight_terms(compiled.query)),
                corrections=suggest(searcher, collection.lexicon, unknown) if unknown else (),
                pairs=arrays.pair_counts(*q.pairs, final) if q.pairs else {},
                complete=complete,
            )

    def _facet_values(self, q, arrays, base, final, masks) -> dict[str, tuple[FacetValue, ...]]:
        """Count each facet as if its own selection were not made (disjunctive faceting)."""
        result = {}
        for name in facets.NAMES:
            mask = final
            if name in masks:
                mask = base.copy()
                for other, other_mask in masks.items():
                    if other != name:
                        mask &= other_mask
            values, counts = arrays.ranked_counts(name, mask)
            result[name] = ranked_facet_values(name, values, counts, q.filters.get(name, ()), q)
        return result

    def _page(self, q, arrays, final, scores, start) -> list[tuple[int, float]]:
        """Return [(docnum, score)] for the page: top-k by score, or by date."""
        end = start + q.page_size
        candidates = np.flatnonzero(final)
        if start >= len(candidates):
            return []
        if scores is not None and q.sort == Sort.RELEVANCE:
            candidate_scores = scores[candidates]
            if len(candidates) > end:
                # Keep every candidate tied with the last one on the page, so that
                # ties are broken by document order, not by where partitioning left them.
                threshold = -np.partition(-candidate_scores, end - 1)[end - 1]
                keep = candidate_scores >= threshold
                candidates, candidate_scores = candidates[keep], candidate_scores[keep]
            order = np.lexsort((candidates, -candidate_scores))[start:end]
            return [(int(candidates[i]), float(candidate_scores[i])) for i in order]
        keys = arrays.date_start[candidates]
        undated = keys == facet_arrays.UNDATED
        if q.sort == Sort.OLDEST:
            order = np.lexsort((candidates, keys, undated))
        else:  # newest first, and browsing without words
            order = np.lexsort((-candidates, -keys, undated))
        return [(int(docnum), 0.0) for docnum in candidates[order[start:end]]]

    def _highlight_terms(self, query) -> set[str]:
        """Terms to mark in snippets: what the query asks for, small words only if nothing else."""
        terms = set()
        for leaf in compiled_query.positive_leaves(query):
            if isinstance(leaf, compiled_query.Term):
                terms.add(leaf.text)
            else:  # a phrase of small words only is marked word by word
                terms.update(leaf.terms or (SMALL_WORDS[code - 1] for code in leaf.words))
        return terms
