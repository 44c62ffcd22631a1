"""The second reference: tantivy, the Rust engine behind Quickwit and ParadeDB.

It answers the same page as the FTS5 reference (``bench/fts5.py``): title and
body ranked by BM25 (stock: the title weighted 1.5, as FTS5's ``bm25(1.5, 1.0)``),
filters as clauses that do not score, the total, facet counts over every hit
through tantivy's aggregation API, and a snippet for each of the top 20 from
a window around its best match. Words are folded to ASCII, lower-cased and
stemmed by a custom analyzer; no stop words are dropped, so phrases are exact.

The query is the archive's own language, parsed by ``search.query.syntax``
and compiled to tantivy queries, so the three engines answer the same
question. As in the FTS5 reference, field prefixes other than ``title:`` and
``body:`` search both fields, and a misspelt word gets no suggestion;
``word~`` is tantivy's own fuzzy term query (one edit).

``TUNED`` is the reference configured as an expert would for ranking, chosen
on the tuning needs (``python -m bench.relevance.references``): English stop
words left out of a query's implicit AND, a title weight, and, for a query of
several words, a phrase clause with slop over its words that adds to the
score of the speeches where they stand close. ``STOCK`` is the configuration
as first written, kept to report each reference before and after.

Pitfalls of tantivy 0.27's bindings: a phrase query of a single word and
``search(limit=0)`` panic (a ``PanicException``, which is a BaseException),
so neither is ever built; snippet ranges are byte offsets, so snippets are
taken from ``Snippet.to_html()``, never cut by hand.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import tantivy
from tantivy import Occur, Query

from search.query import cleaning, syntax

ANALYZER = "folded_english"
TITLE_BOOST = 1.5
PAGE_SIZE = 20
SNIPPET_CHARS = 200
FACET_FIELDS = ("issuer", "country", "kind", "language", "year", "decade", "event")
UNDATED_LAST = 99_991_231  # the oldest-first sort key of a statement without a date
MIN_PREFIX = 3
# Lucene's English stop set, which tantivy's English stop word filter also uses.
LUCENE_ENGLISH_STOPS = (
    "a an and are as at be but by for if in into is it no not of on or such that the their "
    "then there these they this to was will with"
)
STOP_WORDS = frozenset(LUCENE_ENGLISH_STOPS.split())


@dataclass(frozen=True)
class Tuning:
    """How the reference ranks: the title's weight, stop words, a proximity clause."""

    title_boost: float = TITLE_BOOST
    stop_words: bool = False  # leave stop words out of a query's implicit AND
    phrase_boost: float = 0.0  # weight of the words-as-a-phrase clause (0: none)
    slop: int = 0  # gaps the phrase clause allows between the words


STOCK = Tuning()
# The best of the grid on the tuning needs: titles ("Statement by …, Country in the General
# Debate") say little about a speech's topic, and a phrase clause rewards the words close.
TUNED = Tuning(title_boost=0.0, stop_words=False, phrase_boost=0.25, slop=7)


def analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, fast=True)
    builder.add_text_field("title", tokenizer_name=ANALYZER)
    builder.add_text_field("body", stored=True, tokenizer_name=ANALYZER)
    for name in FACET_FIELDS:
        builder.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("date_start", indexed=True, fast=True)
    builder.add_integer_field("date_end", indexed=True, fast=True)
    builder.add_integer_field("date_oldest", fast=True)
    return builder.build()


def open_index(path: Path) -> tantivy.Index:
    index = tantivy.Index(schema(), path=str(path))
    index.register_tokenizer(ANALYZER, analyzer())
    return index


def build(path: Path, rows: Iterable[Mapping]) -> int:
    """Create the tantivy index at ``path`` from statement rows (as ``fts5.build`` takes)."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    index = open_index(path)
    writer = index.writer(heap_size=256_000_000)
    count = 0
    for row in rows:
        fields = {
            "id": row["id"],
            "title": row["title"],
            "body": row["body"],
            "date_start": row["date_start"],
            "date_end": row["date_end"],
            "date_oldest": row["date_start"] or UNDATED_LAST,
        }
        for name in FACET_FIELDS[:-1]:
            if row[name]:
                fields[name] = row[name]
        if row["events"]:
            fields["event"] = list(row["events"])
        writer.add_document(tantivy.Document.from_dict(fields, index.schema))
        count += 1
    writer.commit()
    writer.wait_merging_threads()
    return count


class TantivySearch:
    def __init__(self, path: Path, tuning: Tuning = STOCK) -> None:
        self.tuning = tuning
        self.index = open_index(path)
        self.schema = self.index.schema
        self.analyze = analyzer().analyze
        self.index.reload()
        self.searcher = self.index.searcher()

    # The query language ---------------------------------------------------------

    def compile(self, text: str) -> Query | None:
        """The tantivy query of ``text`` in the archive's language (None: nothing to search)."""
        tree, _notices = syntax.parse(cleaning.clean(text).text)
        if tree is None:
            return None
        plain = self._plain_words(tree)
        if plain and self.tuning.stop_words:
            plain = [w for w in plain if w.text.lower() not in STOP_WORDS] or plain
            tree = syntax.And(tuple(plain)) if len(plain) > 1 else plain[0]
        compiled = self._node(tree)
        terms = [term for word in plain for term in self.analyze(word.text)]
        if compiled is None or not self.tuning.phrase_boost or len(terms) < 2:
            return compiled
        near = [
            Query.boost_query(
                Query.phrase_query(self.schema, field, terms, slop=self.tuning.slop),
                self.tuning.phrase_boost * (self.tuning.title_boost if field == "title" else 1),
            )
            for field in ("title", "body")
        ]
        return Query.boolean_query(
            [(Occur.Must, compiled), *((Occur.Should, clause) for clause in near)]
        )

    @staticmethod
    def _plain_words(tree: syntax.Node) -> list[syntax.Word]:
        """The words of a query that is only plain words (no fields, operators or markers)."""
        words = tree.children if isinstance(tree, syntax.And) else (tree,)
        plain = [
            w for w in words if isinstance(w, syntax.Word) and not (w.field or w.prefix or w.fuzzy)
        ]
        return plain if len(plain) == len(words) else []

    def _node(self, node: syntax.Node) -> Query | None:
        if isinstance(node, syntax.Word):
            return self._word(node)
        if isinstance(node, syntax.Phrase):
            return self._fields(node.field, lambda field: self._terms(field, node.text))
        if isinstance(node, syntax.Or):
            children = [c for c in map(self._node, node.children) if c is not None]
            if not children:
                return None
            return Query.boolean_query([(Occur.Should, c) for c in children])
        if isinstance(node, syntax.Not):
            child = self._node(node.child)
            if child is None:
                return None
            return Query.boolean_query([(Occur.Must, Query.all_query()), (Occur.MustNot, child)])
        clauses = []
        for child in node.children:
            negated = isinstance(child, syntax.Not)
            compiled = self._node(child.child if negated else child)
            if compiled is not None:
                clauses.append((Occur.MustNot if negated else Occur.Must, compiled))
        if not clauses:
            return None
        if all(occur == Occur.MustNot for occur, _ in clauses):
            clauses.append((Occur.Must, Query.all_query()))
        return Query.boolean_query(clauses)

    def _word(self, word: syntax.Word) -> Query | None:
        terms = self.analyze(word.text)
        if len(terms) == 1 and (word.fuzzy or (word.prefix and len(terms[0]) >= MIN_PREFIX)):

            def expanded(field: str) -> Query:
                return Query.fuzzy_term_query(
                    self.schema,
                    field,
                    terms[0],
                    distance=0 if word.prefix else 1,
                    prefix=word.prefix,
                )

            return self._fields(word.field, expanded)
        return self._fields(word.field, lambda field: self._terms(field, word.text))

    def _terms(self, field: str, text: str) -> Query | None:
        """A word, or the phrase its analysed terms make ("Non-Aligned", "S/RES/2231")."""
        terms = self.analyze(text)
        if not terms:
            return None
        if len(terms) == 1:  # a one-word phrase query panics
            return Query.term_query(self.schema, field, terms[0])
        return Query.phrase_query(self.schema, field, list(enumerate(terms)))

    def _fields(self, field: str | None, make) -> Query | None:
        fields = [field] if field in ("title", "body") else ["title", "body"]
        queries = []
        for name in fields:
            query = make(name)
            if query is None:
                return None
            boost = self.tuning.title_boost
            queries.append(Query.boost_query(query, boost) if name == "title" else query)
        if len(queries) == 1:
            return queries[0]
        return Query.boolean_query([(Occur.Should, q) for q in queries])

    # The page ---------------------------------------------------------------------

    def _filters(self, params: Mapping) -> list[Query]:
        filters = []
        for key in ("country", "decade", "year"):
            values = params.get(key)
            values = [values] if isinstance(values, str) else values
            if values:
                filters.append(Query.term_set_query(self.schema, key, list(values)))
        integer = tantivy.FieldType.Integer
        if params.get("from"):
            low = int(params["from"].replace("-", "").ljust(8, "0"))
            filters.append(Query.range_query(self.schema, "date_end", integer, low, None))
        if params.get("to"):
            high = int(params["to"].replace("-", "").ljust(8, "9"))
            filters.append(Query.range_query(self.schema, "date_start", integer, None, high))
        return filters

    def page(self, params: Mapping) -> dict:
        """Run one search page: total, top 20 with snippets, facet counts."""
        text = self.compile(params.get("q", "")) if params.get("q") else None
        if params.get("q") and text is None:
            return {"total": 0, "hits": [], "facets": {}}
        clauses = [(Occur.Must, text or Query.all_query())]
        clauses += [(Occur.Must, Query.const_score_query(f, 0.0)) for f in self._filters(params)]
        query = Query.boolean_query(clauses)
        sort = params.get("sort", "relevance")
        offset = (int(params.get("page", 1)) - 1) * PAGE_SIZE
        searcher = self.searcher
        if text is not None and sort == "relevance":
            found = searcher.search(query, limit=PAGE_SIZE, offset=offset)
        elif sort == "oldest":
            found = searcher.search(
                query,
                limit=PAGE_SIZE,
                offset=offset,
                order_by_field="date_oldest",
                order=tantivy.Order.Asc,
            )
        else:
            found = searcher.search(
                query, limit=PAGE_SIZE, offset=offset, order_by_field="date_start"
            )
        addresses = [address for _, address in found.hits]
        ids = searcher.fast_field_values("id", addresses)
        if text is not None and addresses:
            snippets = tantivy.SnippetGenerator.create(searcher, text, self.schema, "body")
            snippets.set_max_num_chars(SNIPPET_CHARS)
            marked = [snippets.snippet_from_doc(searcher.doc(a)).to_html() for a in addresses]
        else:
            marked = [""] * len(addresses)
        aggregations = {name: {"terms": {"field": name, "size": 50}} for name in FACET_FIELDS}
        counts = searcher.aggregate(query, aggregations)
        facets = {
            name: [(b["key"], b["doc_count"]) for b in counts[name]["buckets"]]
            for name in FACET_FIELDS
        }
        return {"total": found.count, "hits": list(zip(ids, marked, strict=True)), "facets": facets}
