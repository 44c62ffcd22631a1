"""The archive's query language, parsed into a small tree any backend can evaluate.

The language: words must all match (``AND`` may be written); ``OR``; ``NOT word``
or ``-word``; ``"quoted phrases"``; ``prefix*``; ``word~`` (fuzzy); parentheses;
and field prefixes (``title:``, ``body:``…, see ``FIELDS``) on a word, a phrase
or a parenthesised group. Operators are upper case. Anything else is text:
``ANDNOT``, ``*``, ``[a TO b]`` or ``S/RES/2231`` are words, never syntax, so
no input can fail to parse. The tree keeps words as typed; analysing them
(folding, stemming, stop words) is the backend's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Field prefixes people type, and the field each one means.
FIELDS = {
    "title": "title",
    "summary": "summary",
    "body": "body",
    "text": "body",
    "speaker": "speaker",
    "issuer": "issuer",
    "country": "country",
    "countries": "country",
    "event": "event",
    "events": "event",
}

_WORD_CHAR = re.compile(r"\w")
_FIELD = re.compile(r"(\w+):(.*)", re.DOTALL)
_FUZZY = re.compile(r"(.*\w.*?)~(\d*)", re.DOTALL)
_OPERATORS = ("AND", "OR", "NOT")
MAX_DEPTH = 32  # parentheses nested deeper are read as if they were not there
_STOPS = ' \t\n()"'


@dataclass(frozen=True)
class Word:
    """One word as typed: ``text`` without its ``*`` or ``~`` marker."""

    text: str
    field: str | None = None  # a value of FIELDS; None: the default fields
    start: int = 0  # where the word stands in the query text
    prefix: bool = False  # typed as ``text*``
    fuzzy: int = 0  # edits allowed, as typed after ``~``


@dataclass(frozen=True)
class Phrase:
    text: str  # between the quotes
    field: str | None = None


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


Node = Word | Phrase | And | Or | Not


@dataclass(frozen=True)
class Token:
    kind: str  # word, phrase, field, open, close, and, or, not, minus
    text: str = ""
    start: int = 0


def tokenize(text: str) -> list[Token]:
    """Split query text into tokens; every character lands somewhere harmless."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == "(":
            tokens.append(Token("open", start=i))
            i += 1
        elif ch == ")":
            tokens.append(Token("close", start=i))
            i += 1
        elif ch == '"':
            end = text.find('"', i + 1)
            end = n if end < 0 else end
            tokens.append(Token("phrase", text[i + 1 : end], i + 1))
            i = end + 1
        else:
            end = i
            while end < n and text[end] not in _STOPS:
                end += 1
            tokens.extend(_chunk(text[i:end], i, attached=end < n and text[end] in '("'))
            i = end
    return tokens


def _chunk(chunk: str, start: int, attached: bool) -> list[Token]:
    """Tokens of a run of text without spaces, parentheses or quotes."""
    tokens = []
    while chunk[:1] in ("-", "+"):  # signs: "-word", "--word", "+word"
        if chunk[0] == "-":
            tokens.append(Token("minus", start=start))
        chunk, start = chunk[1:], start + 1
    if not chunk:  # "-(" and '-"' negate what follows; a lone "-" is nothing
        return tokens if attached else []
    if chunk in _OPERATORS:
        return [*tokens, Token(chunk.lower(), start=start)]
    match = _FIELD.fullmatch(chunk)
    if match and match.group(1).lower() in FIELDS:
        field = Token("field", FIELDS[match.group(1).lower()], start)
        rest = match.group(2)
        if rest:
            return [*tokens, field, Token("word", rest, start + len(match.group(1)) + 1)]
        # "title:" followed by a space applies to nothing
        return [*tokens, field] if attached else tokens
    return [*tokens, Token("word", chunk, start)]


class _Parser:
    """Recursive descent over the tokens; never raises on any token sequence.

    Precedence, loosest first, as in Whoosh and Lucene's classic parser:
    words side by side (all must match), then ``OR``, then ``AND``, then
    ``NOT``/``-``. So ``korea OR korean -japan`` is (korea OR korean) AND NOT
    japan, and ``a AND b OR c`` is (a AND b) OR c.
    """

    def __init__(self, tokens: list[Token], notices: list[str]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0
        self.notices = notices

    def peek(self) -> str | None:
        return self.tokens[self.i].kind if self.i < len(self.tokens) else None

    def parse(self) -> Node | None:
        parts = []
        while self.peek() is not None:
            node = self.sequence(None)
            if node is not None:
                parts.append(node)
            if self.peek() == "close":
                self.i += 1  # a stray ")" (clean() balances them, but be safe)
        return _and(parts)

    def sequence(self, field: str | None) -> Node | None:
        parts = []
        while self.peek() not in (None, "close"):
            before = self.i
            node = self.alternatives(field)
            if node is not None:
                parts.append(node)
            if self.i == before:  # nothing could start here: skip the token
                self.i += 1
        return _and(parts)

    def alternatives(self, field: str | None) -> Node | None:
        found = [self.conjunction(field)]
        while self.peek() == "or":
            self.i += 1
            found.append(self.conjunction(field))
        kept = tuple(node for node in found if node is not None)
        if len(kept) > 1:
            return Or(kept)
        return kept[0] if kept else None

    def conjunction(self, field: str | None) -> Node | None:
        found = [self.unary(field)]
        while self.peek() == "and":
            self.i += 1
            found.append(self.unary(field))
        return _and([node for node in found if node is not None])

    def unary(self, field: str | None) -> Node | None:
        negations = 0
        while self.peek() in ("not", "minus"):
            self.i += 1
            negations += 1
        node = self.primary(field)
        return Not(node) if node is not None and negations % 2 else node

    def primary(self, field: str | None) -> Node | None:
        kind = self.peek()
        if kind in (None, "and", "or", "close"):
            return None
        token = self.tokens[self.i]
        self.i += 1
        if kind == "open":
            if self.depth >= MAX_DEPTH:  # hostile nesting: read the group's words in place
                return None
            self.depth += 1
            node = self.sequence(field)
            self.depth -= 1
            if self.peek() == "close":
                self.i += 1
            return node
        if kind == "field":
            return self.unary(token.text)
        if kind == "phrase":
            return Phrase(token.text, field)
        return self.word(token, field)

    def word(self, token: Token, field: str | None) -> Node | None:
        text = token.text
        if not _WORD_CHAR.search(text):
            return None
        fuzzy = _FUZZY.fullmatch(text)
        if fuzzy:
            return Word(fuzzy.group(1), field, token.start, fuzzy=int(fuzzy.group(2) or 1))
        if "*" in text:
            stem = text.rstrip("*")
            if "*" not in stem and "?" not in stem:
                return Word(stem, field, token.start, prefix=True)
            self.notices.append(
                f"Only trailing wildcards are allowed: “{text}” was searched as plain words."
            )
            return Word(text.replace("*", " "), field, token.start)
        return Word(text, field, token.start)


def _and(parts: list[Node]) -> Node | None:
    if len(parts) > 1:
        return And(tuple(parts))
    return parts[0] if parts else None


def parse(text: str) -> tuple[Node | None, list[str]]:
    """Return the query tree of ``text`` (None if it holds nothing to search) and notices."""
    notices: list[str] = []
    return _Parser(tokenize(text), notices).parse(), notices


def plain_words(tree: Node | None) -> list[Word]:
    """The words of a query typed as plain words only (no quotes, operators, fields, wildcards
    or typo marks), in order; [] for any other query."""
    words = [tree] if isinstance(tree, Word) else getattr(tree, "children", ())
    if not words or not isinstance(tree, (Word, And)):
        return []
    plain = all(
        isinstance(w, Word) and w.field is None and not (w.prefix or w.fuzzy) for w in words
    )
    return list(words) if plain else []


def typed_span(words: list[Word], text: str) -> str:
    """What was typed from the first of ``words`` to the last, as it stands in ``text``."""
    return text[words[0].start : words[-1].start + len(words[-1].text)]
