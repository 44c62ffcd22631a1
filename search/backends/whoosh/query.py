"""Turn a parsed query (search.query.syntax) into terms of this index, bounded.

Words become stemmed terms over the text fields; a quoted phrase keeps its
stop words; ``prefix*`` expands to at most ``MAX_EXPANSIONS`` indexed terms
(at least ``MIN_PREFIX`` letters first); ``word~`` to the terms one edit away,
a transposition counting as one edit (Damerau–Levenshtein). ``issuer:``,
``country:`` and ``event:`` take an exact slug or ISO code as well as names.
What was bounded or reinterpreted is said in ``notices``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from search.analysis import (
    FUZZY_PREFIX,
    MAX_EXPANSIONS,
    MIN_PREFIX,
    cjk_prefix_notice,
    cjk_typo_notice,
    fold,
    is_cjk,
    phrase_folded,
    phrase_words,
    query_terms,
    query_words,
    stem,
    typed_alternatives,
)
from search.backends.whoosh.lexicon import Lexicon
from search.backends.whoosh.schema import TEXT_FIELDS
from search.country_names import reads_as_words
from search.query import syntax
from search.query.forms import held_variants, phrase_forms, variants

# Which index fields a field prefix searches as text.
TEXT_TARGETS: dict[str | None, tuple[str, ...]] = {
    None: TEXT_FIELDS,
    "title": ("title",),
    "summary": ("summary",),
    "body": ("body",),
    "speaker": ("meta",),
    "issuer": ("meta",),
    "country": ("meta", "named_countries"),
    "event": ("meta",),
}
# Field prefixes that also take an exact facet value, and the facets it is looked up in.
FACET_TARGETS = {
    "issuer": ("issuer",),
    "event": ("event",),
    "country": ("country", "named"),  # issued by, or naming, the country
}
_SLUG = re.compile(r"[\w-]+")


@dataclass(frozen=True)
class Term:
    """One indexed term, scored by BM25F over ``fields``."""

    text: str
    fields: tuple[str, ...]
    expanded: bool = False  # one of a prefix's or fuzzy word's expansions


@dataclass(frozen=True)
class Phrase:
    """Words in this order within one field: indexed terms, and small words by their code."""

    words: tuple[str | int, ...]
    fields: tuple[str, ...]

    @property
    def terms(self) -> tuple[str, ...]:
        """The phrase's indexed terms: its words but the small ones."""
        return tuple(word for word in self.words if isinstance(word, str))


@dataclass(frozen=True)
class Facet:
    """Documents with one of ``values`` for a facet: a filter, not scored."""

    name: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class All:
    children: tuple[Query, ...]


@dataclass(frozen=True)
class Any:
    children: tuple[Query, ...]


@dataclass(frozen=True)
class Exclude:
    child: Query


Query = Term | Phrase | Facet | All | Any | Exclude


@dataclass
class Compiled:
    query: Query | None  # None: nothing to search
    notices: list[str] = field(default_factory=list)
    # Plain words asked for (not prefixes, fuzzy words or names under a field):
    # the only words "did you mean" may rewrite.
    words: list[syntax.Word] = field(default_factory=list)
    sequence: Phrase | None = None  # the plain words typed, in order (see _sequence)


class Compiler:
    """Compile query trees against one searcher generation's reader."""

    def __init__(
        self,
        reader,
        lexicon: Lexicon,
        country_names: Callable[[str], tuple[str, ...]] | None = None,
        languages: tuple[str, ...] = (),
    ) -> None:
        self.reader = reader
        self.lexicon = lexicon
        self.country_names = country_names or _no_names
        self.languages = languages  # with their own stemmer, that the index holds texts in

    def compile(self, tree: syntax.Node | None, notices: list[str], text: str = "") -> Compiled:
        """Compile ``tree``, parsed from ``text``, into a query over this index."""
        result = Compiled(query=None, notices=notices)
        if tree is not None:
            result.query = self._node(tree, result, positive=True)
            result.sequence = self._sequence(tree, text)
            if result.query is not None and (countries := self._named(tree, text)):
                result.query = Any((result.query, *countries))
        return result

    def _named(self, tree: syntax.Node, text: str) -> list[Query]:
        """A country named in another language in several words typed without quotes
        ("Corée du Nord"): the country by its own names too (a word alone is in ``_word``)."""
        words = syntax.plain_words(tree) if isinstance(tree, syntax.And) else []
        return self._countries(syntax.typed_span(words, text)) if words else []

    def _sequence(self, tree: syntax.Node, text: str) -> Phrase | None:
        """The words typed without quotes or operators, as the phrase they may form.

        "Kim Jong Un" or "Democratic People's Republic of Korea" typed as
        plain words most likely names something: documents holding the words
        in that order earn a bonus (proximity.py). A query that is one quoted
        phrase earns it too, so that quoting never lowers a document's score.
        """
        if isinstance(tree, syntax.Phrase):  # the same bonus, so both forms share one scale
            phrase = self._phrase(tree)
            return phrase if isinstance(phrase, Phrase) and len(phrase.terms) > 1 else None
        words = syntax.plain_words(tree)
        if not words:
            return None
        found = phrase_words(syntax.typed_span(words, text))
        if sum(isinstance(w, str) for w in found) < 2:
            return None
        return Phrase(tuple(found), TEXT_FIELDS)

    def _node(self, node: syntax.Node, out: Compiled, positive: bool) -> Query | None:
        if isinstance(node, syntax.Word):
            return self._word(node, out, positive)
        if isinstance(node, syntax.Phrase):
            return self._phrase(node)
        if isinstance(node, syntax.Not):
            child = self._node(node.child, out, positive=False)
            return Exclude(child) if child is not None else None
        children = tuple(
            child
            for child in (self._node(c, out, positive) for c in node.children)
            if child is not None
        )
        if len(children) < 2:
            return children[0] if children else None
        return All(children) if isinstance(node, syntax.And) else Any(children)

    def _word(self, word: syntax.Word, out: Compiled, positive: bool) -> Query | None:
        fields = TEXT_TARGETS[word.field]
        facet = self._facet_value(word)
        if facet is not None:
            return facet
        if word.prefix and is_cjk(word.text) and len(word.text) > 1:
            out.notices.append(cjk_prefix_notice(word.text))
            word = replace(word, prefix=False)
        if word.prefix:
            return self._prefix(word, fields, out.notices)
        if word.fuzzy and is_cjk(word.text):
            out.notices.append(cjk_typo_notice(word.text))
            word = replace(word, fuzzy=0)
        if word.fuzzy:
            return self._fuzzy(word, fields, out.notices)
        if positive and word.field not in FACET_TARGETS:  # names are not spelling mistakes
            out.words.append(word)
        found = [self._plain(text, fields) for text in typed_alternatives(word.text)]
        if word.field in (None, "country"):  # 朝鲜, США: the country's own names too
            found.extend(self._countries(word.text))
        found = [query for query in found if query is not None]
        if len(found) < 2:
            return found[0] if found else None
        return Any(tuple(found))  # a Korean verb in each of its stem's forms (보내다: 보냈)

    def _countries(self, typed: str) -> list[Query]:
        """The countries ``typed`` names in another language, by their own names, where the
        index keeps the names of the countries a statement is issued by and names."""
        names = self.country_names(typed)
        if not names or reads_as_words(typed, lambda term: self._df(term, ("body",))):
            return []
        return [_term_or_phrase(tuple(phrase_words(n)), TEXT_TARGETS["country"]) for n in names]

    def _plain(self, text: str, fields: tuple[str, ...]) -> Query | None:
        """A word typed without operators: its terms, all of them."""
        typed = query_words(text)
        if len(typed) > 1 and is_cjk(typed[0]):  # a run of CJK letters: its pairs in a row
            return Phrase(tuple(stem(pair) for pair in typed), fields)
        by_term = {stem(w): w for w in reversed(typed)}  # one word a term, the first typed
        queries = tuple(self._variants(by_term[t], fields) for t in dict.fromkeys(map(stem, typed)))
        if len(queries) < 2:
            return queries[0] if queries else None
        return All(queries)

    def _variants(self, word: str, fields: tuple[str, ...]) -> Query:
        """A folded word's term, or any of the other terms it stands for (query.forms)."""
        found = held_variants(word, self.languages, lambda term: self._held(term, fields))
        if len(found) == 1:
            return Term(found[0], fields)
        return Any(tuple(Term(term, fields) for term in found))

    def _phrase(self, phrase: syntax.Phrase) -> Query | None:
        words = phrase_folded(phrase.text)
        fields = TEXT_TARGETS[phrase.field]
        if not words:
            return None
        forms = phrase_forms(words, self.languages, lambda term: self._held(term, fields))
        found = [
            Term(form[0], fields)
            if len(form) == 1 and isinstance(form[0], str)
            else Phrase(form, fields)
            for form in forms
        ]
        found += self._countries(phrase.text)
        return found[0] if len(found) == 1 else Any(tuple(found))

    def _facet_value(self, word: syntax.Word) -> Query | None:
        """``country:PRK``, ``issuer:<slug>``: an exact facet value, if the index has it."""
        names = FACET_TARGETS.get(word.field or "")
        if not names or word.prefix or word.fuzzy or not _SLUG.fullmatch(word.text):
            return None
        value = word.text.upper() if word.field == "country" else word.text.lower()
        found = [name for name in names if self.lexicon.contains(name, value)]
        if not found:
            return None
        facets = tuple(Facet(name, (value,)) for name in found)
        return facets[0] if len(facets) == 1 else Any(facets)

    def unknown(self, words: list[syntax.Word]) -> list[tuple[int, str]]:
        """(start, word) of the words no searched field holds: candidates for "did you mean".

        A code or slug the facets know ("PRK", "freedom-edge-2024") is never one.
        """
        missing = []
        for word in words:
            fields = TEXT_TARGETS[word.field]
            for match in re.finditer(r"\w+", word.text):
                typed = query_words(match.group())
                forms = [v for w in typed for v in variants(w, self.languages)]
                if not typed or any(self._held(form, fields) for form in forms):
                    continue
                if not (self._is_facet_value(match.group()) or self._is_facet_value(word.text)):
                    missing.append((word.start + match.start(), match.group()))
        return missing

    def _is_facet_value(self, text: str) -> bool:
        if not _SLUG.fullmatch(text):
            return False
        return any(
            self.lexicon.contains(name, value)  # the word lists in memory, not the term files
            for names in FACET_TARGETS.values()
            for name in names
            for value in (text.upper(), text.lower())
        )

    def _held(self, term: str, fields: tuple[str, ...]) -> bool:
        """Whether any of ``fields`` indexes ``term`` (from the word lists in memory)."""
        return any(self.lexicon.contains(name, term) for name in fields)

    def _df(self, term: str, fields: tuple[str, ...]) -> int:
        return max(self.reader.doc_frequency(name, term) for name in fields)

    def _prefix(
        self, word: syntax.Word, fields: tuple[str, ...], notices: list[str]
    ) -> Query | None:
        prefix = fold(word.text)
        short = len(prefix) < MIN_PREFIX and not is_cjk(prefix)  # one CJK letter is enough
        if short or not prefix.isalnum():
            if short:
                notices.append(
                    f"A wildcard needs at least {MIN_PREFIX} letters before it: “{word.text}*” "
                    "was searched as a word."
                )
            else:
                notices.append(
                    f"A wildcard ends one word: “{word.text}*” was searched as plain words."
                )
            terms = tuple(Term(term, fields) for term in dict.fromkeys(query_terms(word.text)))
            return All(terms) if len(terms) > 1 else (terms[0] if terms else None)
        found: set[str] = set()
        for name in fields:
            for term in self.lexicon.with_prefix(name, prefix):
                found.add(term)
                if len(found) > 4 * MAX_EXPANSIONS:
                    break
        if not found:
            return Term(stem(prefix), fields)
        if len(found) > MAX_EXPANSIONS:
            notices.append(
                f"“{prefix}*” matches many words; the {MAX_EXPANSIONS} most common were searched."
            )
        return self._expansions(found, fields)

    def _fuzzy(
        self, word: syntax.Word, fields: tuple[str, ...], notices: list[str]
    ) -> Query | None:
        if word.fuzzy > 1:
            notices.append("Fuzzy matching is limited to one edit (word~1).")
        typed = query_words(word.text)
        if len(typed) != 1:
            return All(tuple(Term(stem(w), fields) for w in typed)) if typed else None
        found = {stem(typed[0])}
        for term in variants(typed[0], self.languages):  # a typo in every language held
            for name in fields:
                found.update(self.lexicon.one_edit_away(name, term, FUZZY_PREFIX))
        return self._expansions(found, fields)

    def _expansions(self, terms: set[str], fields: tuple[str, ...]) -> Query:
        ranked = sorted(terms)
        if len(ranked) > MAX_EXPANSIONS:  # keep the most common
            ranked = sorted(ranked, key=lambda t: -self._df(t, fields))[:MAX_EXPANSIONS]
        if len(ranked) == 1:
            return Term(ranked[0], fields)
        return Any(tuple(Term(t, fields, expanded=True) for t in ranked))


def _no_names(typed: str) -> tuple[str, ...]:
    return ()


def _term_or_phrase(form: tuple[str | int, ...], fields: tuple[str, ...]) -> Query:
    """A phrase of one indexed term is that term."""
    if len(form) == 1 and isinstance(form[0], str):
        return Term(form[0], fields)
    return Phrase(form, fields)


def positive_leaves(q: Query | None) -> list[Term | Phrase]:
    """Terms and phrases a query asks for, not those it excludes."""
    if q is None or isinstance(q, (Exclude, Facet)):
        return []
    if isinstance(q, (Term, Phrase)):
        return [q]
    return [leaf for child in q.children for leaf in positive_leaves(child)]
