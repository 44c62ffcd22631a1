"""Ways into the trends page from other pages: a statement's title terms, the home page's."""

from __future__ import annotations

import re

from django import template

from search import analysis
from search.trends import computing

register = template.Library()

# Words of statement titles that say what a statement is, not what it is about.
TITLE_FORMULA = frozenset(
    [
        "statement",
        "statements",
        "speech",
        "address",
        "remarks",
        "press",
        "release",
        "session",
        "general",
        "debate",
        "assembly",
        "united",
        "nations",
        "ministry",
        "foreign",
        "affairs",
        "minister",
        "spokesperson",
        "secretary",
        "president",
        "delegation",
        "government",
        "mr",
        "mrs",
        "ms",
        "dr",
    ]
)
QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]{2,80})[\"“”«»„]")


def title_terms(title: str) -> list[str]:
    """The terms a statement's title offers: its quoted phrases, else its words that are
    about something (no small words, numbers, or the formula of a title)."""
    quoted = [f'"{phrase.strip()}"' for phrase in QUOTED.findall(title) if phrase.strip()]
    if quoted:
        return quoted[: computing.MAX_TERMS]
    words = [
        word
        for word in analysis.TOKEN.findall(title)
        if len(word) > 2
        and not word.isdigit()
        and word.lower() not in analysis.STOP
        and word.lower() not in TITLE_FORMULA
        and not re.fullmatch(r"\d+(st|nd|rd|th)", word.lower())
    ]
    return list(dict.fromkeys(words))[: computing.MAX_TERMS]


@register.inclusion_tag("search/_trends_box.html")
def trends_box(
    title: str = "", terms: tuple[str, ...] = (), heading: str = "See it over time"
) -> dict[str, object]:
    """A small form to the trends page, filled with a title's terms or with given ones."""
    chosen = title_terms(title) if title else list(terms)
    return {"heading": heading, "terms_text": ", ".join(chosen), "from_statement": bool(title)}


@register.simple_tag
def seed_trends() -> tuple[str, ...]:
    """The home page's example: the seed article's formula and two of its kin."""
    return computing.EXAMPLES[0]
