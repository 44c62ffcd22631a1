"""Two re-ranking signals tried on the tuning needs: feedback words and a time profile.

    .venv/bin/python -m bench.investigations.rerank_signals --reuse var/bench-full

Both re-order the Whoosh backend's top 200 for each tuning need, as its own
proximity bonuses do, and neither was adopted (docs/benchmark-history.md,
*Relevance figures*):

- **feedback words** (pseudo-relevance feedback, after RM3): the ``k`` best
  speeches of the first ranking vote for their words, each word's share of a
  speech weighted by the speech's score and the word's idf; the ``m`` words
  with most votes, not the query's and found in at least two of those
  speeches, add ``lam`` times their BM25 (k1 1.2, b 0.75, body only) to every
  candidate's score;
- **time profile** (after Jones & Diaz, "Temporal profiles of queries",
  2007): the ``k`` best speeches' years, each weighted by its score to the
  power ``p`` and spread over ``w`` years either side, make a profile; a
  candidate gains ``lam`` times the top score times its year's share of the
  profile's peak.

Every setting is printed with nDCG@10 and P@10 twice: as ``make bench``
counts them (an unjudged speech counts as not relevant), and over the
condensed list (unjudged speeches left out, Sakai 2007), which does not
punish a signal for bringing in speeches nobody judged.
"""

from __future__ import annotations

import argparse
import itertools
import math
from collections import Counter
from pathlib import Path

from bench.relevance.metrics import evaluate, load_grades, load_needs
from bench.relevance.rankings import source_ids, use_workdir

DEPTH = 200

Ranking = list[tuple[int, float]]  # (statement pk, score), best first


def first_rankings(backend, needs: list[dict]) -> dict[str, Ranking]:
    from search.backends.base import SearchQuery

    rankings = {}
    for need in needs:
        query = SearchQuery(
            text=need["query"], page_size=DEPTH, with_facets=False, with_snippets=False
        )
        rankings[need["id"]] = [(int(h.id), h.score) for h in backend.search(query).hits]
    return rankings


def word_counts(pks: set[int]) -> dict[int, Counter]:
    """Each speech's body as counts of indexed (stemmed) words, stop words left out."""
    from archive.models import Statement
    from search.analysis import fold, is_searchable, stem, words

    counts = {}
    for pk, body in Statement.objects.filter(pk__in=pks).values_list("pk", "body"):
        counts[pk] = Counter(stem(fold(w)) for w in words(body) if is_searchable(w))
    return counts


class Feedback:
    """Pseudo-relevance feedback over the first ranking's best speeches."""

    def __init__(self, counts: dict[int, Counter], idf) -> None:
        self.counts, self.idf = counts, idf
        self.lengths = {pk: max(1, sum(c.values())) for pk, c in counts.items()}
        self.average = sum(self.lengths.values()) / max(1, len(self.lengths))

    def rerank(self, ranking: Ranking, query_terms: set[str], k: int, m: int, lam: float):
        best = ranking[:k]
        if len(ranking) < 2 or not lam:
            return [pk for pk, _ in ranking]
        total = sum(score for _, score in best) or 1.0
        votes: Counter = Counter()
        seen: Counter = Counter()
        for pk, score in best:
            for word, tf in self.counts[pk].items():
                if word in query_terms or len(word) < 3 or word.isdigit():
                    continue
                votes[word] += score / total * tf / self.lengths[pk]
                seen[word] += 1
        chosen = sorted(
            ((v * self.idf(w), w) for w, v in votes.items() if seen[w] >= min(2, len(best))),
            reverse=True,
        )[:m]
        norm = sum(v for v, _ in chosen) or 1.0
        rescored = []
        for pk, score in ranking:
            extra = 0.0
            for vote, word in chosen:
                tf = self.counts[pk].get(word, 0)
                if tf:
                    k_len = 1.2 * (0.25 + 0.75 * self.lengths[pk] / self.average)
                    extra += vote / norm * self.idf(word) * tf * 2.2 / (tf + k_len)
            rescored.append((score + lam * extra, pk))
        return [pk for _, pk in sorted(rescored, reverse=True)]


def time_profile(ranking: Ranking, years: dict[int, int], k: int, lam: float, w: int, p: float):
    if len(ranking) < 2 or not lam:
        return [pk for pk, _ in ranking]
    top = ranking[0][1] or 1.0
    profile: Counter = Counter()
    for pk, score in ranking[:k]:
        for shift in range(-w, w + 1):
            profile[years[pk] + shift] += (score / top) ** p / (1 + abs(shift))
    peak = max(profile.values())
    rescored = [(s + lam * top * profile[years[pk]] / peak, pk) for pk, s in ranking]
    return [pk for _, pk in sorted(rescored, reverse=True)]


def figures(ranked: dict[str, list[int]], grades: dict) -> str:
    plain, condensed = {}, {}
    for need_id, pks in ranked.items():
        ids = source_ids(pks)
        judged = grades.get(need_id, {})
        plain[need_id] = ids[:10]
        condensed[need_id] = [i for i in ids if i in judged][:10]
    a = evaluate({"x": plain}, grades)["mean"]["x"]
    b = evaluate({"x": condensed}, grades)["mean"]["x"]
    return (
        f"{a['ndcg']:.3f} / {a['p10']:.3f} / {a['judged_share']:.0%} | "
        f"{b['ndcg']:.3f} / {b['p10']:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", required=True)
    args = parser.parse_args()
    use_workdir(Path(args.reuse))

    from archive.models import Statement
    from search.analysis import fold, is_searchable, stem, words
    from search.backends import get_backend

    backend = get_backend()
    needs, grades = load_needs("tuning"), load_grades()
    first = first_rankings(backend, needs)
    pks = {pk for ranking in first.values() for pk, _ in ranking}
    reader = backend._state()[2].reader
    count = Statement.objects.published().count()

    def idf(word: str) -> float:
        df = reader.doc_frequency("body", word)
        return math.log(1 + (count - df + 0.5) / (df + 0.5))

    terms = {n["id"]: {stem(fold(w)) for w in words(n["query"]) if is_searchable(w)} for n in needs}
    feedback = Feedback(word_counts(pks), idf)
    years = dict(Statement.objects.filter(pk__in=pks).values_list("pk", "issued_on__year"))

    head = "| nDCG@10 / P@10 / judged | condensed nDCG@10 / P@10 |"
    print(f"| feedback: k | m | lam {head}\n| --- | --- | --- | --- | --- |")
    for k, m, lam in itertools.product((5, 10, 20), (10, 30, 60), (0.0, 0.25, 0.5, 1.0, 2.0)):
        ranked = {i: feedback.rerank(r, terms[i], k, m, lam) for i, r in first.items()}
        print(f"| {k} | {m} | {lam:g} | {figures(ranked, grades)} |")
    print(f"\n| time profile: k | w | p | lam {head}\n| --- | --- | --- | --- | --- | --- |")
    for k, w, p, lam in itertools.product((10, 20, 50), (0, 2), (1, 3), (0.0, 0.05, 0.1, 0.2)):
        ranked = {i: time_profile(r, years, k, lam, w, p) for i, r in first.items()}
        print(f"| {k} | {w} | {p:g} | {lam:g} | {figures(ranked, grades)} |")


if __name__ == "__main__":
    main()
