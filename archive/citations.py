"""How to cite a statement: Chicago and MLA text, BibTeX and RIS records.

The archive's permalink is part of every citation, with the original outlet
and its link where the record has them. Dates keep their precision: a speech
known only to the year is cited with the year.
"""

from __future__ import annotations

import re

from archive.dates import Precision
from archive.models import Statement
from archive.text import is_web_url

ARCHIVE_NAME = "Diplomatic Statement Archive"
_BIBTEX_SPECIAL = re.compile(r"[\\&%$#_{}~^]")
# BibTeX counts braces even after a backslash: they are written as commands, never as braces.
_BIBTEX_WORDS = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
}
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _author(statement: Statement) -> str:
    return statement.speaker or statement.issuer.name


def _date_words(statement: Statement) -> str:
    return statement.date_display if statement.issued_on else "n.d."


def chicago(statement: Statement, permalink: str) -> str:
    parts = [f"{statement.issuer.name}."]
    if statement.speaker:
        speaker = statement.speaker
        post = f", {statement.speaker_post}" if statement.speaker_post else ""
        parts = [f"{speaker}{post} ({statement.issuer.name})."]
    parts.append(f"“{statement.title}.”")
    parts.append(f"{statement.get_kind_display()}, {_date_words(statement)}.")
    if statement.source_outlet:
        parts.append(f"{statement.source_outlet}.")
    if is_web_url(statement.source_url):
        parts.append(f"{statement.source_url}.")
    parts.append(f"{ARCHIVE_NAME}, {permalink}.")
    return " ".join(parts)


def mla(statement: Statement, permalink: str) -> str:
    container = statement.source_outlet or ARCHIVE_NAME
    parts = [f"{_author(statement)}.", f"“{statement.title}.”", f"{container},"]
    parts.append(f"{_date_words(statement)},")
    parts.append(f"{permalink}.")
    return " ".join(parts)


def _bibtex_escape(text: str) -> str:
    """Text that stays inside its field: a backslash cannot start a command or close a brace."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_WORDS.get(m.group(), "\\" + m.group()), text)


def bibtex(statement: Statement, permalink: str) -> str:
    key = re.sub(r"[^A-Za-z0-9]+", "", statement.slug.title())[:60] or f"statement{statement.pk}"
    fields = [
        ("author", "{" + _bibtex_escape(_author(statement)) + "}"),
        ("title", "{" + _bibtex_escape(statement.title) + "}"),
        ("organization", _bibtex_escape(statement.issuer.name)),
    ]
    if statement.issued_on:
        fields.append(("year", str(statement.issued_on.year)))
        if statement.issued_precision != Precision.YEAR:
            fields.append(("month", MONTHS[statement.issued_on.month - 1]))
    if statement.source_outlet:
        fields.append(("howpublished", _bibtex_escape(statement.source_outlet)))
    fields.append(("url", permalink))
    fields.append(("note", _bibtex_escape(f"{statement.get_kind_display()}; {ARCHIVE_NAME}")))
    body = ",\n".join(
        f"  {name} = {value}" if name in ("month", "year") else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    return f"@misc{{{key},\n{body}\n}}\n"


def ris(statement: Statement, permalink: str) -> str:
    lines = [("TY", "GEN"), ("AU", _author(statement)), ("TI", statement.title)]
    if statement.speaker:
        lines.append(("A2", statement.issuer.name))
    if statement.issued_on:
        lines.append(("PY", str(statement.issued_on.year)))
        precision = statement.issued_precision
        month = f"{statement.issued_on.month:02d}" if precision != Precision.YEAR else ""
        day = f"{statement.issued_on.day:02d}" if precision == Precision.DAY else ""
        lines.append(("DA", f"{statement.issued_on.year}/{month}/{day}/"))
    if statement.source_outlet:
        lines.append(("PB", statement.source_outlet))
    if is_web_url(statement.source_url):
        lines.append(("UR", statement.source_url))
    lines.append(("UR", permalink))
    lines.append(("LA", statement.language))
    lines.append(("M3", statement.get_kind_display()))
    if statement.source_citation:
        lines.append(("N1", statement.source_citation))
    lines.append(("DB", ARCHIVE_NAME))
    text = "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)
    return text + "ER  - \r\n"
