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


# A file path, never a web address: file:// URLs, C:\ paths, /absolute, ~/ ./ ../ paths, and
# relative ones whose first folder has no dot (so example.org/a.html is not one) and whose
# file has a file type's extension (so "KCNA/Reuters", "24/7" and UN document symbols such
# as A/73/PV.7 or S/PV.8000 are not either).
_PATH = (
    r"(?:file://\S+"
    r"|[A-Za-z]:\\\S+"
    r"|(?<![\w/.:])(?:~|\.{1,2})?/(?:[\w.-]+/)*[\w.-]*[\w-]"
    r"|(?<![\w/.:])[\w-]+/(?:[\w.-]+/)*[\w-]+\."
    r"(?i:txt|md|pdf|docx?|odt|rtf|html?|xml|jsonl?|csv|tsv|xlsx?|gz|zip|png|jpe?g)\b)"
)
_LOCAL_PATH = re.compile(rf"\s*\(\s*{_PATH}\s*\)|\s*{_PATH}")
_SPACE_BEFORE_MARK = re.compile(r"\s+([,.;:])")


def has_local_path(text: str) -> bool:
    """Whether ``text`` names a file of a computer (ours or an archivist's), not a web page."""
    return bool(_LOCAL_PATH.search(text or ""))


def without_local_paths(text: str) -> str:
    """``text`` with its file paths dropped, with the brackets that held them.

    A citation names the published source; a path to a working copy of it
    means nothing to a reader and tells them about our machines.
    """
    if not has_local_path(text):
        return text or ""
    dropped = _LOCAL_PATH.sub("", text)
    return _SPACE_BEFORE_MARK.sub(r"\1", re.sub(r"[ \t]{2,}", " ", dropped)).strip()


def natural_order(text: str) -> tuple:
    """A sort key that orders the numbers in ``text`` as numbers: "4th" before "47th"."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in _DIGITS.split(text)
        if part
    )


# A line ending otherwise, followed by a lower-case line, was wrapped mid-sentence.
SENTENCE_ENDINGS = (".", "!", "?", ":", ";", "”", '"', ")", "]", "’")


def paragraphs(text: str) -> list[str]:
    """Split a text into paragraphs, rejoining lines hard-wrapped mid-sentence."""
    found: list[str] = []
    for line in (part.strip() for part in text.splitlines()):
        if not line:
            continue
        if found and not found[-1].endswith(SENTENCE_ENDINGS) and line[0].islower():
            found[-1] += " " + line
        else:
            found.append(line)
    return found
