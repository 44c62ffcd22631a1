"""The Whoosh implementation of the search backend.

One long-lived searcher per process, refreshed only when the index changes;
facet counts from per-document codes in numpy arrays; Whoosh scores only
enough hits to fill the page; snippets only for the hits shown.
"""

from __future__ import annotations

import difflib
import os
import re
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
from whoosh import index, query
from whoosh.searching import Searcher

from search import highlighting, query_text
from search.backends.base import (
    FACETS,
    Document,
    FacetValue,
    Hit,
    SearchBackend,
    SearchQuery,
    SearchResults,
    Sort,
)
from search.backends.whoosh import facets as facet_arrays
from search.backends.whoosh.query import make_literal_parser, make_parser, parse
from search.backends.whoosh.schema import (
    MULTI_FACETS,
    SINGLE_FACETS,
    STOP,
    build_schema,
    fold,
    stem,
)
from search.backends.whoosh.scoring import Evaluator, Leaf, OutOfTime, field_lengths
from search.backends.whoosh.storage import (
    IndexStore,
    document_from_json,
    document_to_json,
)

SUGGEST_BELOW = 5  # offer "did you mean" when a query finds fewer hits than this
SPELLING_FIELD = "body"


class WhooshBackend(SearchBackend):
    def __init__(self, options: Mapping[str, object]) -> None:
        super().__init__(options)
        self.store = IndexStore(
            Path(str(options["PATH"])), lock_timeout=float(options.get("LOCK_TIMEOUT", 30))
        )
        self.time_budget = float(options.get("TIME_BUDGET", 2.0))
        self.writer_mb = int(options.get("WRITER_MB", 256))
        # Rebuilds index on several cores, one segment per process.
        self.procs = int(options.get("PROCS", min(4, os.cpu_count() or 1)))
        # Callable: ids -> {id: (summary, body)}, for snippets and "more like this".
        self.text_loader = options.get("TEXT_LOADER")
        self.schema = build_schema()
        self.parser = make_parser(self.schema)
        self.literal_parser = make_literal_parser(self.schema)
        self._lock = threading.RLock()
        self._searcher: Searcher | None = None
        self._searcher_path: Path | None = None
        self._facets: facet_arrays.FacetArrays | None = None
        self._segments: dict[tuple[str, str], tuple[facet_arrays.SegmentArrays, dict]] = {}
        self._leaves: list[Leaf] = []
        self._vocab = {name: facet_arrays.Vocabulary() for name in (*SINGLE_FACETS, *MULTI_FACETS)}

    # Writing -----------------------------------------------------------------

    def _fields(self, doc: Document) -> dict[str, object]:
        fields: dict[str, object] = {
            "id": doc.id,
            "version": doc.version,
            "slug": doc.slug,
            "title": doc.title,
            "summary": doc.summary,
            "body": doc.body,
            "meta": "\n".join(filter(None, [doc.issuer, doc.speaker, doc.countries, doc.events])),
            "source_id": doc.source_id,
        }
        if doc.date_start and doc.date_end:
            fields["date_start"] = str(facet_arrays.date_key(doc.date_start))
            fields["date_end"] = str(facet_arrays.date_key(doc.date_end))
        for name in SINGLE_FACETS:
            values = doc.facets.get(name, ())
            if values:
                fields[name] = values[0]
        for name in MULTI_FACETS:
            values = doc.facets.get(name, ())
            if values:
                fields[name] = " ".join(values)
        return fields

    def _live_index(self) -> index.Index:
        """Open the live index, creating an empty one if there is none (lock held)."""
        path = self.store.current()
        if path is None:
            path = self.store.new_generation()
            index.create_in(path, self.schema)
            self.store.swap(path)
        return index.open_dir(path)

    def _apply(self, ix: index.Index, op: str, payload: list) -> None:
        writer = ix.writer(limitmb=self.writer_mb)
        try:
            if op == "index":
                for doc in payload:
                    writer.update_document(**self._fields(doc))
            else:
                for doc_id in payload:
                    writer.delete_by_term("id", doc_id)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def index(self, documents: Iterable[Document]) -> int:
        docs = list(documents)
        if docs:
            with self.store.write_lock():
                if self.store.journal_active():
                    self.store.journal_append("index", [document_to_json(d) for d in docs])
                self._apply(self._live_index(), "index", docs)
        return len(docs)

    def remove(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        if ids:
            with self.store.write_lock():
                if self.store.journal_active():
                    self.store.journal_append("remove", ids)
                self._apply(self._live_index(), "remove", ids)

    def rebuild(self, documents: Iterable[Document]) -> int:
        with self.store.rebuild_lock():
            with self.store.write_lock():
                self.store.journal_open()
            generation = self.store.new_generation()
            try:
                ix = index.create_in(generation, self.schema)
                if self.procs > 1:
                    writer = ix.writer(procs=self.procs, limitmb=self.writer_mb, multisegment=True)
                else:
                    writer = ix.writer(limitmb=self.writer_mb)
                count = 0
                try:
                    for doc in documents:
                        writer.add_document(**self._fields(doc))
                        count += 1
                except BaseException:
                    writer.cancel()
                    raise
                writer.commit()
                with self.store.write_lock():
                    for op, payload in self.store.journal_read():
                        docs = (
                            [document_from_json(d) for d in payload] if op == "index" else payload
                        )
                        self._apply(ix, op, docs)
                    previous = self.store.swap(generation)
                    self.store.journal_close()
            except BaseException:
                with self.store.write_lock():
                    self.store.journal_close()
                self.store.prune(keep={p for p in (self.store.current(),) if p})
                raise
            self.store.prune(keep={generation, *([previous] if previous else [])})
        return count

    # Reading -----------------------------------------------------------------

    def _state(self) -> tuple[Searcher, facet_arrays.FacetArrays]:
        """Return the process's searcher and facet arrays, refreshed if the index changed."""
        path = self.store.current()
        if path is None:
            with self.store.write_lock():
                self._live_index()
            path = self.store.current()
        if self._searcher is None or path != self._searcher_path:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = index.open_dir(path).searcher()
            self._searcher_path = path
            self._facets = None
        elif not self._searcher.up_to_date():
            # Not Searcher.refresh(): it reuses segment readers whose deletions
            # are stale, and fails on an empty index. Opening is cheap; the
            # facet arrays of unchanged segments are cached anyway.
            self._searcher.close()
            self._searcher = index.open_dir(path).searcher()
            self._facets = None
        if self._facets is None:
            self._facets = self._build_facets(self._searcher)
        return self._searcher, self._facets

    def _build_facets(self, searcher: Searcher) -> facet_arrays.FacetArrays:
        """Facet arrays and field lengths per segment, cached by segment id."""
        segments, leaves, seen = [], [], set()
        for reader, offset in searcher.reader().leaf_readers():
            segment = reader.segment() if hasattr(reader, "segment") else None
            size = reader.doc_count_all()
            if segment is None or size == 0:
                continue  # an empty index has an empty reader and no segment
            key = (str(self._searcher_path), segment.segment_id())
            seen.add(key)
            cached = self._segments.get(key)
            if cached is None:
                cached = self._segments[key] = (
                    facet_arrays.build_segment(reader, self._vocab),
                    field_lengths(reader, size),
                )
            arrays, lengths = cached
            segments.append((arrays, offset, facet_arrays.live_mask(reader)))
            leaves.append(Leaf(reader=reader, offset=offset, size=size, lengths=lengths))
        for key in set(self._segments) - seen:
            del self._segments[key]
        self._leaves = leaves
        return facet_arrays.FacetArrays(segments, self._vocab)

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher, self._searcher_path, self._facets = None, None, None

    def stored_versions(self) -> dict[str, str]:
        with self._lock:
            searcher, _ = self._state()
            versions: dict[str, str] = {}
            for reader, _ in searcher.reader().leaf_readers():
                if reader.doc_count_all() == 0:
                    continue
                ids = reader.column_reader("id")
                stamps = reader.column_reader("version")
                for docnum in reader.all_doc_ids():
                    versions[ids[docnum]] = stamps[docnum]
            return versions

    def more_like_this(self, id: str, limit: int = 5) -> list[str]:
        with self._lock:
            searcher, _ = self._state()
            docnum = searcher.document_number(id=id)
            if docnum is None:
                return []
            texts = self.text_loader([id]) if self.text_loader else {}
            _, body = texts.get(id, ("", ""))
            if not body:
                return []
            hits = searcher.more_like(docnum, "body", text=body, top=limit, numterms=15)
            return [hit["id"] for hit in hits]

    def search(self, q: SearchQuery) -> SearchResults:
        started = time.monotonic()
        with self._lock:
            searcher, arrays = self._state()
            cleaned = query_text.clean(q.text)
            notices = list(cleaned.notices)
            parsed = parse(cleaned.text, self.parser, self.literal_parser, searcher.reader())
            notices += parsed.notices

            base = arrays.live.copy()
            scores = None
            timed_out = False
            if parsed.query is not None:
                evaluator = Evaluator(
                    searcher, self._leaves, arrays.live, started + self.time_budget
                )
                try:
                    matched, scores = evaluator.run(parsed.query)
                except OutOfTime:
                    matched = np.zeros(arrays.size, dtype=bool)
                    scores = np.zeros(arrays.size, dtype=np.float32)
                timed_out = evaluator.timed_out
                base &= matched
            if q.date_from or q.date_to:
                base &= arrays.date_mask(q.date_from, q.date_to)
            masks = {
                name: arrays.value_mask(name, values)
                for name, values in q.filters.items()
                if values and name in FACETS
            }
            final = base.copy()
            for mask in masks.values():
                final &= mask
            total = int(np.count_nonzero(final))

            facets = self._facet_values(q, arrays, base, final, masks) if q.with_facets else {}
            start = (q.page - 1) * q.page_size
            page = self._page(q, arrays, final, scores, start)
            if timed_out:
                notices.append(
                    "The search took too long and was stopped: results may be incomplete."
                )
            hits = self._hits(searcher, page, parsed.query, q.with_snippets)
            suggestion = None
            if parsed.words and total < SUGGEST_BELOW:
                suggestion = self._suggest(searcher, cleaned.text, parsed.words)
            return SearchResults(
                total=total,
                hits=hits,
                facets=facets,
                page=q.page,
                page_size=q.page_size,
                suggestion=suggestion,
                notices=tuple(dict.fromkeys(notices)),
            )

    def _facet_values(self, q, arrays, base, final, masks) -> dict[str, tuple[FacetValue, ...]]:
        """Count each facet as if its own selection were not made (disjunctive faceting)."""
        result = {}
        for name in FACETS:
            mask = final
            if name in masks:
                mask = base.copy()
                for other, other_mask in masks.items():
                    if other != name:
                        mask &= other_mask
            counts = arrays.counts(name, mask)
            selected = set(q.filters.get(name, ()))
            for value in selected:
                counts.setdefault(value, 0)
            ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            shown = ranked[: q.facet_limit]
            shown += [item for item in ranked[q.facet_limit :] if item[0] in selected]
            result[name] = tuple(
                FacetValue(value=value, count=count, selected=value in selected)
                for value, count in shown
            )
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
                top = np.argpartition(-candidate_scores, end - 1)[:end]
                candidates, candidate_scores = candidates[top], candidate_scores[top]
            order = np.lexsort((candidates, -candidate_scores))[start:end]
            return [(int(candidates[i]), float(candidate_scores[i])) for i in order]
        keys = arrays.date_start[candidates]
        undated = keys == facet_arrays.UNDATED
        if q.sort == Sort.OLDEST:
            order = np.lexsort((candidates, keys, undated))
        else:  # newest first, and browsing without words
            order = np.lexsort((-candidates, -keys, undated))
        return [(int(docnum), 0.0) for docnum in candidates[order[start:end]]]

    def _hits(self, searcher, page, parsed_query, with_snippets: bool) -> tuple[Hit, ...]:
        ids = [searcher.stored_fields(docnum)["id"] for docnum, _ in page]
        snippets = dict.fromkeys(ids, "")
        if with_snippets and ids and self.text_loader is not None:
            terms = self._highlight_terms(searcher, parsed_query)
            pattern = highlighting.candidate_pattern(terms)
            for doc_id, (summary, body) in self.text_loader(ids).items():
                snippet = highlighting.snippet(body, terms, stem, pattern) if terms else ""
                if "<mark>" not in snippet and summary:
                    snippet = highlighting.snippet(summary, terms, stem, pattern)
                snippets[doc_id] = snippet or highlighting.snippet(body, set(), stem)
        return tuple(
            Hit(id=doc_id, score=round(score, 4), snippet=snippets[doc_id])
            for doc_id, (_, score) in zip(ids, page, strict=True)
        )

    def _highlight_terms(self, searcher, parsed_query) -> set[str]:
        if parsed_query is None:
            return set()
        terms = set()
        reader = searcher.reader()
        for leaf in _positive_leaves(parsed_query):
            for fieldname, text in leaf.existing_terms(reader, phrases=True, expand=True):
                if fieldname in ("body", "summary", "title"):
                    terms.add(text.decode("utf-8") if isinstance(text, bytes) else text)
        return terms

    def _suggest(self, searcher, text: str, words: list[str]) -> str | None:
        """Replace words the index does not know with the most common close ones."""
        reader = searcher.reader()
        suggestion, changed = text, False
        for word in dict.fromkeys(words):
            folded = fold(word)
            if len(folded) < 3 or folded in STOP or not folded.isalpha():
                continue
            stemmed = stem(folded)
            if reader.doc_frequency(SPELLING_FIELD, stemmed):
                continue
            # One edit first: far cheaper, and usually what a typo is.
            close = set(reader.terms_within(SPELLING_FIELD, stemmed, 1, prefix=1))
            if not close and len(stemmed) > 4:
                close = set(reader.terms_within(SPELLING_FIELD, stemmed, 2, prefix=2))
            # A typo in a suffix leaves the word unstemmed ("denucleariztion"):
            # try the longest indexed stem it starts with.
            for end in range(len(folded) - 1, 4, -1):
                if reader.doc_frequency(SPELLING_FIELD, folded[:end]):
                    close.add(folded[:end])
                    break
            ranked = sorted(close, key=lambda t: -reader.doc_frequency(SPELLING_FIELD, t))
            for term in ranked[:3]:
                surface = self._surface_form(searcher, term)
                if surface and surface != folded and _similar(surface, folded):
                    suggestion = _replace_word(suggestion, word, surface)
                    changed = True
                    break
        return suggestion if changed else None

    def _surface_form(self, searcher, term: str) -> str | None:
        """A word as written that stems to ``term``, read from a document holding it."""
        for docnum in searcher.docs_for_query(query.Term(SPELLING_FIELD, term)):
            doc_id = searcher.stored_fields(docnum)["id"]
            texts = self.text_loader([doc_id]) if self.text_loader else {}
            for summary, body in texts.values():
                for text in (body, summary):
                    pattern = highlighting.candidate_pattern({term})
                    for start, end, _ in highlighting.find_matches(text, {term}, stem, pattern):
                        return highlighting.fold_word(text[start:end])
            return None
        return None


def _positive_leaves(q: query.Query):
    """Yield leaf queries that are not negated."""
    if isinstance(q, query.Not):
        return
    if isinstance(q, query.AndNot):
        yield from _positive_leaves(q.a)
        return
    if q.is_leaf():
        yield q
        return
    for child in q.children():
        yield from _positive_leaves(child)


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def _replace_word(text: str, word: str, replacement: str) -> str:
    return re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", lambda _: replacement, text)
