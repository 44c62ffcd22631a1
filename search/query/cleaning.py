"""Make any string a user types safe to hand to a query parser.

Hostile or odd input never fails a search: control characters become
spaces, an over-long query is cut at a word boundary, an unbalanced quote is
closed at the end (``"military exercises`` is that phrase), and unbalanced
parentheses are balanced. Each repair that changes what is searched is
reported as a notice.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_CHARS = 400
MAX_QUERY_WORDS = 24

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class CleanQuery:
    text: str
    notices: tuple[str, ...] = ()


def strip_controls(text: str) -> str:
    """Replace control, format and unassigned characters with spaces."""
    if text.isprintable():
        return text
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)


def _balance_parentheses(text: str) -> str:
    depth, kept = 0, []
    for ch in text:
        if ch == ")":
            if depth == 0:
                kept.append(" ")
                continue
            depth -= 1
        elif ch == "(":
            depth += 1
        kept.append(ch)
    return "".join(kept) + ")" * depth


def clean(text: str | None) -> CleanQuery:
    """Return the query text a parser can take, and what was changed."""
    notices: list[str] = []
    text = _SPACES.sub(" ", strip_controls(text or "")).strip()
    if len(text) > MAX_QUERY_CHARS:
        cut = text[:MAX_QUERY_CHARS]
        text = cut.rsplit(" ", 1)[0] if " " in cut else cut
        notices.append(f"The query was cut to its first {len(text)} characters.")
    words = text.split(" ")
    if len(words) > MAX_QUERY_WORDS:
        text = " ".join(words[:MAX_QUERY_WORDS])
        notices.append(f"Only the first {MAX_QUERY_WORDS} words of the query were searched.")
    if text.count('"') % 2:
        text += '"'
    if "(" in text or ")" in text:
        text = _balance_parentheses(text)
    return CleanQuery(text=text.strip(), notices=tuple(notices))


def nothing_to_search(text: str) -> str:
    """Why text that compiled to no query finds nothing (never every statement)."""
    if re.search(r"\w", text):
        return "The query has no searchable words (they are too short or too common)."
    return (
        "Nothing to search for: * marks the end of a word of at least 3 letters "
        "(nucl*). Leave the box empty to browse every statement."
    )
