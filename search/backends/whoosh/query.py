"""Parse user query text into a bounded Whoosh query.

The language: all words must match; ``OR``, ``NOT``/``-word``, "phrases",
``prefix*``, ``field:word`` and ``word~`` (fuzzy). Expensive forms are
bounded and reported: only trailing wildcards with a prefix of at least
``MIN_PREFIX`` characters, expanded to at most ``MAX_EXPANSIONS`` terms;
fuzzy matching at edit distance 1 with a fixed two-letter prefix. Text the
parser cannot take is searched as literal words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import qparser, query
from whoosh.reading import IndexReader

from search.backends.whoosh.schema import FIELD_ALIASES, FIELD_BOOSTS, fold, stem

MIN_PREFIX = 3
MAX_EXPANSIONS = 64
FUZZY_PREFIX = 2
_WORD = re.compile(r"\w+")
_TRAILING_WILDCARD = re.compile(r"[^*?]+\*+")
_MINUS = re.compile(r"(^|[\s(])-(?=[\w\"(])")


@dataclass
class ParsedQuery:
    query: query.Query | None  # None: nothing to search, browse everything
    notices: list[str] = field(default_factory=list)
    # Surface words the user typed, for spelling suggestions.
    words: list[str] = field(default_factory=list)


def make_parser(schema) -> qparser.QueryParser:
    """Build the parser once per schema: AND by default, the plugins we allow."""
    parser = qparser.MultifieldParser(
        list(FIELD_BOOSTS), schema, fieldboosts=FIELD_BOOSTS, group=qparser.AndGroup
    )
    for plugin in (
        qparser.RangePlugin,
        qparser.BoostPlugin,
        qparser.EveryPlugin,
        qparser.SingleQuotePlugin,
    ):
        parser.remove_plugin_class(plugin)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    aliases: dict[str, list[str]] = {}
    for alias, target in FIELD_ALIASES.items():
        if alias != target:
            aliases.setdefault(target, []).append(alias)
    parser.add_plugin(qparser.FieldAliasPlugin(aliases))
    return parser


def make_literal_parser(schema) -> qparser.QueryParser:
    """A parser with no syntax at all, for text the full parser cannot take."""
    parser = qparser.MultifieldParser(
        list(FIELD_BOOSTS), schema, fieldboosts=FIELD_BOOSTS, group=qparser.AndGroup
    )
    parser.remove_plugin_class(qparser.WildcardPlugin)
    return parser


def parse(text: str, parser, literal_parser, reader: IndexReader) -> ParsedQuery:
    """Parse ``text`` (already cleaned) and bound its expensive parts."""
    result = ParsedQuery(query=None, words=_WORD.findall(text))
    if not text.strip():
        return result
    # Whoosh's minus plugin drops a query that is only "-word": say NOT instead.
    text = _MINUS.sub(r"\1NOT ", text)
    try:
        parsed = parser.parse(text)
    except Exception:  # the parser's own failures: search the words instead
        parsed = literal_parser.parse(" ".join(result.words))
        result.notices.append("The query syntax was not understood; its words were searched.")
    bounded = _bound(parsed, reader, result.notices)
    if bounded is None or bounded is query.NullQuery:
        if result.words:
            result.notices.append(
                "The query has no searchable words (they are too short or too common)."
            )
        return result
    result.query = bounded.normalize()
    if result.query is query.NullQuery:
        result.query = None
    return result


def _bound(q: query.Query, reader: IndexReader, notices: list[str]) -> query.Query | None:
    """Return ``q`` with wildcards, prefixes and fuzzy terms made safe."""
    if q is query.NullQuery:
        return None
    if isinstance(q, query.FuzzyTerm):
        return _bound_fuzzy(q, reader, notices)
    if isinstance(q, query.Prefix):
        return _bound_prefix(q.fieldname, fold(q.text), reader, notices, q.boost)
    if isinstance(q, query.Wildcard):
        literal = fold(q.text.replace("*", " ").replace("?", " ")).split()
        if _TRAILING_WILDCARD.fullmatch(q.text):
            return _bound_prefix(q.fieldname, literal[0], reader, notices, q.boost)
        notices.append(
            f"Only trailing wildcards are allowed: “{q.text}” was searched as plain words."
        )
        terms = [query.Term(q.fieldname, stem(word)) for word in literal if len(word) > 1]
        return query.And(terms) if terms else None
    if isinstance(q, (query.TermRange, query.NumericRange, query.DateRange, query.Regex)):
        notices.append("Range and pattern searches are not supported; the words were searched.")
        words = _WORD.findall(" ".join(str(v) for v in (q.start, q.end) if v))
        terms = [query.Term(q.fieldname, stem(fold(w))) for w in words if len(w) > 1]
        return query.And(terms) if terms else None
    if isinstance(q, query.BinaryQuery):  # AndNot, AndMaybe, Require, Otherwise
        a, b = _bound(q.a, reader, notices), _bound(q.b, reader, notices)
        if a is None:
            if isinstance(q, query.AndNot):
                return query.Not(b) if b is not None else None  # "-word" alone
            return None if isinstance(q, query.Require) else b
        if b is None:
            return a
        return q.__class__(a, b)
    if isinstance(q, query.compound.CompoundQuery):
        children = [_bound(child, reader, notices) for child in q.subqueries]
        children = [child for child in children if child is not None]
        if not children:
            return None
        return q.__class__(children, boost=q.boost)
    if isinstance(q, query.Not):
        child = _bound(q.query, reader, notices)
        return query.Not(child) if child is not None else None
    if isinstance(q, query.wrappers.WrappingQuery):
        child = _bound(q.child, reader, notices)
        return q.__class__(child) if child is not None else None
    return q


def _bound_fuzzy(q: query.FuzzyTerm, reader: IndexReader, notices: list[str]) -> query.Query:
    """Expand ``word~`` to the indexed stems within one edit of the word's stem.

    Whoosh's FuzzyTerm would also work on stems, but with no bound on how
    many terms it expands to; the most frequent ``MAX_EXPANSIONS`` are kept.
    """
    if q.maxdist > 1:
        notices.append("Fuzzy matching is limited to one edit (word~1).")
    try:
        nearby = set(reader.terms_within(q.fieldname, q.text, 1, prefix=FUZZY_PREFIX))
    except Exception:  # an empty index has no word list yet
        nearby = set()
    stems = sorted({q.text, *nearby}, key=lambda t: -reader.doc_frequency(q.fieldname, t))
    return query.Or([query.Term(q.fieldname, t) for t in stems[:MAX_EXPANSIONS]], boost=q.boost)


def _bound_prefix(
    fieldname: str, prefix: str, reader: IndexReader, notices: list[str], boost: float
) -> query.Query | None:
    if len(prefix) < MIN_PREFIX:
        notices.append(
            f"A wildcard needs at least {MIN_PREFIX} letters before it: “{prefix}*” was "
            "searched as a word."
        )
        return query.Term(fieldname, stem(prefix), boost=boost) if len(prefix) > 1 else None
    expansions = []
    for term in reader.expand_prefix(fieldname, prefix):
        expansions.append(term.decode("utf-8") if isinstance(term, bytes) else term)
        if len(expansions) > 4 * MAX_EXPANSIONS:
            break
    if len(expansions) > MAX_EXPANSIONS:
        expansions.sort(key=lambda t: reader.doc_frequency(fieldname, t), reverse=True)
        expansions = expansions[:MAX_EXPANSIONS]
        notices.append(
            f"“{prefix}*” matches many words; the {MAX_EXPANSIONS} most common were searched."
        )
    if not expansions:
        return query.Term(fieldname, prefix, boost=boost)
    return query.Or([query.Term(fieldname, t) for t in expansions], boost=boost)
