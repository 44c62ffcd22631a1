"""Text every output can carry: no characters that XML 1.0 forbids, no live formulas.

Control characters (other than tab, newline and carriage return), lone
surrogates and the non-characters U+FFFE and U+FFFF cannot appear in an Atom
feed, and break whatever reads one. They are stripped when text enters the
archive (import, admin) and again in every feed string, for older records.
"""

from __future__ import annotations

import re

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_HTTP = re.compile(r"https?://", re.IGNORECASE)
_DIGITS = re.compile(r"(\d+)")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids."""
    return _XML_FORBIDDEN.sub("", text)


def is_web_url(url: str) -> bool:
    """Whether ``url`` is an http(s) address: the only links the archive makes live."""
    return bool(_HTTP.match(url.strip()))


def natural_order(text: str) -> tuple:
    """A sort key that orders the numbers in ``text`` as numbers: "4th" before "47th"."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in _DIGITS.split(text)
        if part
    )
