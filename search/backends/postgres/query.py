"""Turn a parsed query (search.query.syntax) into a SQL condition over the PostgreSQL index.

Each word, phrase or field value becomes one predicate: a ``tsquery`` on the
document's vector (``'term'``, ``'prefix':*``, ``'a' <-> 'b'``, restricted to
a field by its weight label), or a facet column test for an exact slug or
ISO code; AND, OR and NOT combine the predicates, so PostgreSQL can combine
the GIN index's bitmaps. Terms are those of ``search.analysis``, the same as
Whoosh's. The limits and notices are the query language's, as on Whoosh.

Differences from Whoosh, by design of PostgreSQL's full-text search:
- small words (stop words, single letters) are not in the vector: in a
  phrase they stand for any one word in their place, and a phrase of small
  words only cannot be searched (a notice says so);
- a prefix (``nucl*``) matches every term it begins, not the 64 most common;
- countries named are searched only through ``country:``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from search.analysis import (
    FUZZY_PREFIX,
    MAX_TYPO_LENGTH,
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
from search.backends.postgres import words
from search.backends.postgres.tables import facet_condition, quote
from search.country_names import reads_as_words
from search.query import syntax
from search.query.forms import phrase_forms, variants

# The weight labels a field prefix searches: None is every field of the vector.
LABELS: dict[str | None, str] = {
    None: "",
    "title": "A",
    "summary": "B",
    "body": "D",
    "speaker": "C",
    "issuer": "C",
    "country": "C",
    "event": "C",
}
# Field prefixes that also take an exact facet value, and the facets it is looked up in.
FACET_TARGETS = {
    "issuer": ("issuer",),
    "event": ("event",),
    "country": ("country", "named"),  # issued by, or naming, the country
}
_SLUG = re.compile(r"[\w-]+")


def lexeme(term: str, label: str = "", prefix: bool = False) -> str:
    """One tsquery operand: a quoted term, ``:*`` for a prefix, a weight label."""
    quoted = quote(term)
    marks = ("*" if prefix else "") + label
    return f"{quoted}:{marks}" if marks else quoted


@dataclass
class Compiled:
    """A SQL condition (None: nothing to search) with its parameters, and what it asked for."""

    condition: str | None = None
    params: list[object] = field(default_factory=list)
    rank: list[str] = field(default_factory=list)  # tsquery operands a match is scored on
    highlight: set[str] = field(default_factory=set)
    notices: list[str] = field(default_factory=list)
    words: list[syntax.Word] = field(default_factory=list)  # plain words: "did you mean"

    @property
    def rank_any(self) -> str | None:
        """Every positive part, any of them: what a match is scored on."""
        return " | ".join(f"({part})" for part in self.rank) if self.rank else None

    @property
    def rank_all(self) -> str | None:
        """Every positive part together, for the cover-density bonus of words close together."""
        return " & ".join(f"({part})" for part in self.rank) if len(self.rank) > 1 else None


class Compiler:
    """Compile query trees; ``has_value`` tells whether an indexed document has a facet value."""

    def __init__(
        self,
        terms: words.Terms,
        has_value: Callable[[str, str], bool],
        languages: tuple[str, ...] = (),
        country_names: Callable[[str], tuple[str, ...]] | None = None,
    ) -> None:
        self.terms = terms
        self.has_value = has_value
        self.languages = languages  # with their own stemmer, that the index holds texts in
        self.country_names = country_names or (lambda typed: ())  # SearchQuery.country_names

    def compile(self, tree: syntax.Node | None, notices: list[str], text: str = "") -> Compiled:
        """Compile ``tree``, parsed from ``text``, into a condition over this index."""
        out = Compiled(notices=notices)
        if tree is not None:
            found = _any([self._node(tree, out, positive=True), *self._named(tree, text, out)])
            if found is not None:
                out.condition, out.params = found
        return out

    def _named(self, tree: syntax.Node, text: str, out: Compiled) -> list:
        """A country named in another language in several words typed without quotes
        ("Corée du Nord"): the country by its own names too (a word alone is in ``_word``)."""
        words = syntax.plain_words(tree) if isinstance(tree, syntax.And) else []
        return self._countries(syntax.typed_span(words, text), out, True) if words else []

    def _node(self, node: syntax.Node, out: Compiled, positive: bool):
        if isinstance(node, syntax.Word):
            return self._word(node, out, positive)
        if isinstance(node, syntax.Phrase):
            return self._phrase(node, out, positive)
        if isinstance(node, syntax.Not):
            child = self._node(node.child, out, positive=False)
            return (f"NOT {child[0]}", child[1]) if child is not None else None
        children = [c for c in (self._node(n, out, positive) for n in node.children) if c]
        if len(children) < 2:
            return children[0] if children else None
        joiner = " AND " if isinstance(node, syntax.And) else " OR "
        return (
            "(" + joiner.join(sql for sql, _ in children) + ")",
            [p for _, params in children for p in params],
        )

    def _match(
        self,
        tsquery: str,
        field_name: str | None,
        out: Compiled,
        positive: bool,
        scored: list[str] | None = None,
    ):
        """The predicate of one tsquery; ``country:`` also searches the countries named.

        A match is scored on ``scored`` (by default the tsquery itself).
        """
        if positive:
            out.rank.extend(scored or [tsquery])
        if field_name == "country":
            return "(vector @@ %s::tsquery OR named @@ %s::tsquery)", [tsquery, tsquery]
        return "vector @@ %s::tsquery", [tsquery]

    def _word(self, word: syntax.Word, out: Compiled, positive: bool):
        label = LABELS[word.field]
        facet = self._facet_value(word)
        if facet is not None:
            return facet
        if word.prefix and is_cjk(word.text) and len(word.text) > 1:
            out.notices.append(cjk_prefix_notice(word.text))
            word = replace(word, prefix=False)
        if word.prefix:
            return self._prefix(word, label, out, positive)
        if word.fuzzy and is_cjk(word.text):
            out.notices.append(cjk_typo_notice(word.text))
            word = replace(word, fuzzy=0)
        if word.fuzzy:
            return self._fuzzy(word, label, out, positive)
        if positive and word.field not in FACET_TARGETS:  # names are not spelling mistakes
            out.words.append(word)
        found = [self._plain(text, label, out, positive) for text in typed_alternatives(word.text)]
        found = [tsquery for tsquery in found if tsquery is not None]
        # A Korean verb in each of its stem's forms (보내다: 보냈), any of them.
        tsquery = found[0] if len(found) == 1 else " | ".join(f"({t})" for t in found)
        predicates = [self._match(tsquery, word.field, out, positive)] if found else []
        if word.field in (None, "country"):  # 朝鲜, США: the country's own names too
            predicates += self._countries(word.text, out, positive)
        return _any(predicates)

    def _countries(self, typed: str, out: Compiled, positive: bool) -> list:
        """The countries ``typed`` names in another language, by their own names, where the
        index keeps the names of the countries a statement is issued by and names."""
        found = []
        names = self.country_names(typed)
        if names and reads_as_words(typed, lambda t: self.terms.frequencies([t]).get(t, 0)):
            return []
        for name in names:
            words = tuple(phrase_words(name))
            terms = [w for w in words if isinstance(w, str)]
            if terms:
                if positive:
                    out.highlight.update(terms)
                found.append(
                    self._match(_in_order(words, LABELS["country"]), "country", out, positive)
                )
        return found

    def _plain(self, text: str, label: str, out: Compiled, positive: bool) -> str | None:
        """The tsquery of a word typed without operators: its terms, all of them."""
        typed = query_words(text)
        if not typed:
            return None
        if len(typed) > 1 and is_cjk(typed[0]):  # a run of CJK letters: its pairs in a row
            pairs = [stem(pair) for pair in typed]
            if positive:
                out.highlight.update(pairs)
            return _joined(pairs, label, "<->")
        by_term = {stem(w): w for w in reversed(typed)}  # one word a term, the first typed
        forms = self._variants([by_term[t] for t in dict.fromkeys(map(stem, typed))])
        if positive:
            out.highlight.update(form for found in forms for form in found)
        return " & ".join(_either(found, label) for found in forms)

    def _variants(self, typed: list[str]) -> list[list[str]]:
        """Each folded word's term, with the other terms it stands for that the index holds
        (search.query.forms)."""
        forms = [variants(word, self.languages) for word in typed]
        held = self._held({v for found in forms for v in found[1:]})
        return [[found[0], *(v for v in found[1:] if v in held)] for found in forms]

    def _held(self, terms: set[str]) -> set[str]:
        return set(self.terms.frequencies(terms)) if terms else set()

    def _phrase(self, phrase: syntax.Phrase, out: Compiled, positive: bool):
        label = LABELS[phrase.field]
        folded = phrase_folded(phrase.text)
        found = [w if isinstance(w, int) else stem(w) for w in folded]
        terms = [w for w in found if isinstance(w, str)]
        if not terms:
            if found:
                out.notices.append(
                    f"“{phrase.text}” holds only common words, which this search backend "
                    "does not index: it was not searched."
                )
            return None
        held = self._held(
            {v for w in folded if isinstance(w, str) for v in variants(w, self.languages)[1:]}
        )
        forms = phrase_forms(folded, self.languages, held.__contains__)
        terms = list(dict.fromkeys(w for form in forms for w in form if isinstance(w, str)))
        if positive:
            out.highlight.update(terms)
        tsquery = " | ".join(f"({_in_order(form, label)})" for form in forms)
        # Scored as its words: a phrase's score is on the scale of the words typed without
        # quotes, and the cover density rewards them standing together.
        scored = [lexeme(t, label) for t in terms]
        predicate = self._match(
            tsquery if len(forms) > 1 else _in_order(forms[0], label),
            phrase.field,
            out,
            positive,
            scored,
        )
        return _any([predicate, *self._countries(phrase.text, out, positive)])

    def _facet_value(self, word: syntax.Word):
        """``country:PRK``, ``issuer:<slug>``: an exact facet value, if a document has it."""
        names = FACET_TARGETS.get(word.field or "")
        if not names or word.prefix or word.fuzzy or not _SLUG.fullmatch(word.text):
            return None
        value = word.text.upper() if word.field == "country" else word.text.lower()
        found = [name for name in names if self.has_value(name, value)]
        if not found:
            return None
        tests = [facet_condition(name) for name in found]
        return "(" + " OR ".join(tests) + ")", [[value]] * len(tests)

    def _prefix(self, word: syntax.Word, label: str, out: Compiled, positive: bool):
        prefix = fold(word.text)
        short = len(prefix) < MIN_PREFIX and not is_cjk(prefix)  # one CJK letter is enough
        if short or not prefix.isalnum():
            if short:
                out.notices.append(
                    f"A wildcard needs at least {MIN_PREFIX} letters before it: “{word.text}*” "
                    "was searched as a word."
                )
            else:
                out.notices.append(
                    f"A wildcard ends one word: “{word.text}*” was searched as plain words."
                )
            terms = list(dict.fromkeys(query_terms(word.text)))
            if not terms:
                return None
            return self._match(
                " & ".join(lexeme(t, label) for t in terms), word.field, out, positive
            )
        if positive:
            out.highlight.update(self.terms.starting_with(prefix))
        return self._match(lexeme(prefix, label, prefix=True), word.field, out, positive)

    def _fuzzy(self, word: syntax.Word, label: str, out: Compiled, positive: bool):
        if word.fuzzy > 1:
            out.notices.append("Fuzzy matching is limited to one edit (word~1).")
        typed = query_words(word.text)
        if len(typed) != 1:
            if not typed:
                return None
            return self._match(
                " & ".join(lexeme(stem(w), label) for w in typed), word.field, out, positive
            )
        found = {stem(typed[0])}
        for term in variants(typed[0], self.languages):  # a typo in every language held
            if len(term) <= MAX_TYPO_LENGTH:
                found |= self.terms.one_edit_away(term, FUZZY_PREFIX)
        found = self.terms.most_common(found)
        if positive:
            out.highlight.update(found)
        return self._match(
            " | ".join(lexeme(t, label) for t in sorted(found)), word.field, out, positive
        )


def _any(predicates: list) -> tuple[str, list] | None:
    """Predicates, any of them (None: none)."""
    found = [p for p in predicates if p is not None]
    if len(found) < 2:
        return found[0] if found else None
    return "(" + " OR ".join(sql for sql, _ in found) + ")", [x for _, ps in found for x in ps]


def _joined(terms, label: str, operator: str) -> str:
    return f" {operator} ".join(lexeme(t, label) for t in terms)


def _in_order(found: tuple[str | int, ...], label: str) -> str:
    """A phrase's terms in order, a small word standing for any one word in its place."""
    terms = [w for w in found if isinstance(w, str)]
    parts, distance = [], 0
    for item in found[found.index(terms[0]) :]:
        if isinstance(item, str):
            if parts:
                parts.append("<->" if distance == 1 else f"<{distance}>")
            parts.append(lexeme(item, label))
            distance = 1
        else:
            distance += 1
    return " ".join(parts)


def _either(terms: list[str], label: str) -> str:
    """One term's operand, or its forms' in parentheses, any of them."""
    return lexeme(terms[0], label) if len(terms) == 1 else f"({_joined(terms, label, '|')})"
