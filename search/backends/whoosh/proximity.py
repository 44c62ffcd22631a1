"""Proximity bonuses for the best candidates of a query of several words: pairs of words
close together, the words in the order typed, and covers of all of them (``_covers``).

After Büttcher, Clarke & Lushman, "Term proximity scoring for ad-hoc
retrieval on very large text collections" (SIGIR 2006): walking through the
occurrences of the query's terms in a document in order, each pair of
neighbouring occurrences of *different* terms, d positions apart, adds 1 / d²
to that pair's accumulator. The bonus is::

    sum over pairs (s, t) of  max(idf(s), idf(t)) * acc * (k1 + 1) / (acc + K)

with K = k1 * ((1 - b) + b * len / avglen) of the body, BM25's own length
normalisation. Büttcher et al. weight a pair by the product of both terms'
idfs; here the rarer term's idf weighs the pair, so that a name with a
common word in it ("Kim Jong *Un*", where "UN" stands in every title of the
UN corpus) still counts as written together. A name or phrase written out
scores more than its words scattered over a speech, and the saturation keeps
a single ritual mention from counting as much as a speech that keeps coming
back to it. Positions count every word, stop words included; fields never
neighbour each other. Only the ``DEPTH`` best documents by BM25F are re-scored.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from search.backends.whoosh import query as q
from search.backends.whoosh import scoring
from search.backends.whoosh.schema import TEXT_FIELDS

DEPTH = 200  # documents re-scored
# The bonus's weight next to BM25F; tuned on bench/relevance (docs/architecture/backends.md).
WEIGHT = 0.2
MAX_TERMS = 12
SEQUENCE_WEIGHT = 0.25  # the same for the words typed, found in that order; tuned too
COVER_WEIGHT = 1.0  # the cover density's weight (see _covers); tuned too
_FIELD_SPAN = 1 << 24  # positions of field i are offset by i * _FIELD_SPAN


# (document, position, term index) of every occurrence, ordered by document and position.
Occurrences = tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]


def proximity_terms(query: q.Query | None) -> dict[str, tuple[str, ...]]:
    """Distinct searchable terms the query asks for, with the fields each is sought in."""
    terms: dict[str, tuple[str, ...]] = {}
    for leaf in q.positive_leaves(query):
        if isinstance(leaf, q.Term):
            if not leaf.expanded:
                terms.setdefault(leaf.text, leaf.fields)
        else:
            for text in leaf.terms:
                terms.setdefault(text, leaf.fields)
    return dict(list(terms.items())[:MAX_TERMS])


def rescore(
    evaluator: scoring.Evaluator,
    query: q.Query | None,
    sequence: q.Phrase | None,
    matched: np.ndarray,
    scores: np.ndarray,
    weight: float = WEIGHT,
    sequence_weight: float = SEQUENCE_WEIGHT,
    cover_weight: float = COVER_WEIGHT,
) -> np.ndarray:
    """Return ``scores`` with the proximity bonuses added to the best matched documents."""
    terms = proximity_terms(query)
    candidates = np.flatnonzero(matched)
    if len(terms) < 2 or not len(candidates):
        return scores
    if len(candidates) > DEPTH:  # the best by BM25F, ties broken by document order
        best = scores[candidates]
        threshold = -np.partition(-best, DEPTH - 1)[DEPTH - 1]
        above, tied = candidates[best > threshold], candidates[best == threshold]
        candidates = np.concatenate([above, tied[: DEPTH - len(above)]])
    top = np.sort(candidates)
    wanted = np.zeros(evaluator.size, bool)
    wanted[top] = True
    rescored = scores.copy()
    if weight > 0 or cover_weight > 0:
        found = _occurrences(evaluator, terms, wanted)
        if weight > 0:
            rescored[top] += (weight * _pairs(evaluator, terms, top, found)).astype(np.float32)
        if cover_weight > 0:
            idf = sum(evaluator.idf(text) for text in terms)
            bonus = idf * _covers(evaluator, len(terms), top, found)
            rescored[top] += (cover_weight * bonus).astype(np.float32)
    if sequence is not None and sequence_weight > 0:
        rescored += (sequence_weight * evaluator.phrase_scores(sequence, wanted)).astype(np.float32)
    return rescored


def _occurrences(evaluator: scoring.Evaluator, terms, wanted: np.ndarray) -> Occurrences:
    """Every occurrence of the query's terms in the wanted documents, by document, then
    position; each field's positions offset so that no two fields neighbour."""
    docs, positions, which = [], [], []
    for index, (text, fields) in enumerate(terms.items()):
        for name in fields:
            found_docs, found_positions = evaluator.postings(name, text).positions(wanted)
            docs.append(found_docs)
            positions.append(found_positions + TEXT_FIELDS.index(name) * _FIELD_SPAN)
            which.append(np.full(len(found_docs), index, np.int64))
    evaluator.check_time()
    doc, position, term = np.concatenate(docs), np.concatenate(positions), np.concatenate(which)
    # Unique keys in sorted runs, one a term and field: a stable sort merges the runs, some
    # twenty times faster than quicksort sorts them, and orders unique keys alike.
    order = np.argsort((doc << 32) | position, kind="stable")
    return doc[order], position[order], term[order]


def _pairs(evaluator: scoring.Evaluator, terms, top: np.ndarray, found: Occurrences) -> np.ndarray:
    """The pair bonus (see the module docstring) of each document of ``top``."""
    doc, position, term = found
    distance = np.diff(position)
    neighbours = (doc[1:] == doc[:-1]) & (term[1:] != term[:-1]) & (distance < _FIELD_SPAN)
    pairs = np.flatnonzero(neighbours)
    if not len(pairs):
        return np.zeros(len(top))
    idf = np.array([evaluator.idf(text) for text in terms], dtype=np.float64)
    closeness = 1.0 / distance[pairs].astype(np.float64) ** 2
    rows = np.searchsorted(top, doc[pairs])
    first = np.minimum(term[pairs], term[pairs + 1])
    second = np.maximum(term[pairs], term[pairs + 1])
    count = len(terms)
    cells = rows * count * count + first * count + second
    accumulated = np.bincount(cells, weights=closeness, minlength=len(top) * count * count)
    accumulated = accumulated.reshape(len(top), count * count)
    pair_weight = np.maximum.outer(idf, idf).ravel()
    k = scoring.K1 * evaluator.collection.norms["body"][top].astype(np.float64)[:, None]
    return (pair_weight * accumulated * (scoring.K1 + 1) / (accumulated + k)).sum(axis=1)


def _covers(evaluator: scoring.Evaluator, count: int, top: np.ndarray, found: Occurrences):
    """Cover density, after PostgreSQL's ts_rank_cd: each cover (a shortest stretch holding
    every query term) adds 1 / (1 + the other words inside it), and a document's sum is
    divided by the logarithm of its length. Unlike the pair bonus it does not saturate: a
    speech that keeps returning to all the words at once gains with every return. The
    caller scales it by the sum of the terms' idfs, BM25F's scale for the same words."""
    words = sum(evaluator.collection.lengths[name][top] for name in TEXT_FIELDS)
    return cover_density(found, count, top) / np.log(np.asarray(words, np.float64) + 2.0)


def cover_density(found: Occurrences, count: int, top: np.ndarray) -> NDArray[np.float64]:
    """Per document of ``top`` (sorted), the sum over its covers of all ``count`` terms of
    1 / (1 + the words in the cover that are not occurrences of a query term)."""
    doc, position, term = found
    if not len(doc):
        return np.zeros(len(top))
    key = (doc << 32) | position
    floor = doc << 32  # an occurrence before this belongs to an earlier document
    last = np.empty((count, len(key)), np.int64)  # each term's latest occurrence so far
    for index in range(count):
        last[index] = np.maximum.accumulate(np.where(term == index, key, -1))
    start = last.min(axis=0)  # where the shortest stretch ending here with every term starts
    complete = start >= floor
    # A stretch is a cover unless it holds the previous one: they then start alike.
    changed = np.ones(len(key), bool)
    changed[1:] = (start[1:] != start[:-1]) | ~complete[:-1]
    ends = np.flatnonzero(complete & changed)
    if not len(ends):
        return np.zeros(len(top))
    begins = np.searchsorted(key, start[ends])
    span = key[ends] - start[ends] + 1
    noise = np.maximum(span - (ends - begins + 1), 0)
    rows = np.searchsorted(top, doc[ends])
    return np.bincount(rows, weights=1.0 / (1.0 + noise), minlength=len(top))
