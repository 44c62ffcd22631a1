"""How to cite a statement: Chicago and MLA text, BibTeX and RIS records.

The archive's permalink is part of every citation, with the original outlet
and its link where the record has them. Dates keep their precision: a speech
known only to the year is cited with the year. A title is set in “…” with
its own double quotes turned single (‘…’) and the full stop inside both, as
Chicago and MLA ask; no part ends in a second full stop ("n.d.", "Inc.").
Nothing that is not an http(s) address, and no file path in a note, reaches a
citation: a reader is given the published source, never our working copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.dates import Precision
from archive.models import Statement, StatementVersion
from archive.text import is_web_url, without_local_paths

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
    return statement.speaker_display or statement.issuer.name


def _date_words(statement: Statement) -> str:
    return statement.date_display if statement.issued_on else "n.d."


# A straight double quote opens after a space, a bracket or a dash, and closes elsewhere.
_OPENS_AFTER = " \t\n([{‘“—–-/"
_ENDS_SENTENCE = (".", "?", "!")


def _single_quotes(text: str) -> str:
    """Double quotation marks, curly or straight, as single ones: “Asian NATO” -> ‘Asian NATO’."""
    out = []
    for i, char in enumerate(text):
        if char == '"':
            char = "‘" if i == 0 or text[i - 1] in _OPENS_AFTER else "’"
        out.append({"“": "‘", "”": "’"}.get(char, char))
    return "".join(out)


def quoted_title(title: str) -> str:
    """A title in “…”, its full stop inside any quotation that ends it: “On the ‘Asian NATO.’”"""
    title = " ".join(title.split())
    inner = _single_quotes(title)
    closing = ""
    if title.endswith(("”", '"')):
        inner, closing = inner[:-1], inner[-1]
    return f"“{sentence(inner)}{closing}”"


def sentence(text: str, ends=_ENDS_SENTENCE) -> str:
    """``text`` ending in a full stop, unless it already ends a sentence ("n.d.", "Inc.", "?")."""
    text = text.strip()
    return text if text.endswith(ends) else f"{text}."


def source_note(statement: Statement) -> str:
    """The record's note on its source, without file paths: fit for the page, RIS and the API."""
    return without_local_paths(statement.source_citation)


@dataclass(frozen=True)
class Cited:
    """The text a citation cites: the statement's own, or one of its versions."""

    title: str
    language: str  # its code
    language_name: str
    original: bool
    translator: str
    outlet: str
    url: str
    anchor: str  # where the version stands on the page: "#text-ko"; "" for the statement's


def cited(statement: Statement, version: StatementVersion | None = None) -> Cited:
    """What a citation of ``statement`` cites: its own text, or ``version``."""
    if version is None:
        return Cited(
            title=statement.title,
            language=statement.language,
            language_name=statement.get_language_display(),
            original=not statement.translated,
            translator=statement.translator,
            outlet=statement.source_outlet,
            url=statement.source_url,
            anchor="",
        )
    return Cited(
        title=version.title or statement.title,
        language=version.language,
        language_name=version.get_language_display(),
        original=version.original,
        translator=version.translator,
        outlet=version.source,
        url=version.source_url,
        anchor=f"#text-{version.language}",
    )


def language_note(text: Cited) -> str:
    """Which text is cited: a translation and its translator, or the language of an original
    not in English ("In Korean."); nothing for an English original."""
    if not text.original:
        by = f" by {text.translator}" if text.translator else ""
        return sentence(f"{text.language_name} translation{by}")
    return sentence(f"In {text.language_name}") if text.language != "en" else ""


def chicago(statement: Statement, permalink: str, version: StatementVersion | None = None) -> str:
    text = cited(statement, version)
    parts = [sentence(statement.issuer.name)]
    if statement.speaker:
        speaker = statement.speaker_display
        post = f", {statement.speaker_post}" if statement.speaker_post else ""
        parts = [sentence(f"{speaker}{post} ({statement.issuer.name})")]
    parts.append(quoted_title(text.title))
    parts.append(sentence(f"{statement.get_kind_display()}, {_date_words(statement)}"))
    if note := language_note(text):
        parts.append(note)
    if text.outlet:
        parts.append(sentence(text.outlet))
    if is_web_url(text.url):
        parts.append(sentence(text.url.strip(), ends="."))
    parts.append(f"{ARCHIVE_NAME}, {permalink}{text.anchor}.")
    return " ".join(parts)


def mla(statement: Statement, permalink: str, version: StatementVersion | None = None) -> str:
    text = cited(statement, version)
    container = text.outlet or ARCHIVE_NAME
    parts = [sentence(_author(statement)), quoted_title(text.title)]
    if note := language_note(text):
        parts.append(note)
    parts.append(f"{container},")
    parts.append(f"{_date_words(statement)},")
    parts.append(f"{permalink}{text.anchor}.")
    return " ".join(parts)


def _bibtex_escape(text: str) -> str:
    """Text that stays inside its field: a backslash cannot start a command or close a brace."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_WORDS.get(m.group(), "\\" + m.group()), text)


def bibtex(statement: Statement, permalink: str, version: StatementVersion | None = None) -> str:
    text = cited(statement, version)
    key = re.sub(r"[^A-Za-z0-9]+", "", statement.slug.title())[:60] or f"statement{statement.pk}"
    if version is not None:
        key += version.language.upper()
    fields = [
        ("author", "{" + _bibtex_escape(_author(statement)) + "}"),
        ("title", "{" + _bibtex_escape(text.title) + "}"),
        ("organization", _bibtex_escape(statement.issuer.name)),
    ]
    if statement.issued_on:
        fields.append(("year", str(statement.issued_on.year)))
        if statement.issued_precision != Precision.YEAR:
            fields.append(("month", MONTHS[statement.issued_on.month - 1]))
    if text.outlet:
        fields.append(("howpublished", _bibtex_escape(text.outlet)))
    fields.append(("url", permalink + text.anchor))
    fields.append(("language", text.language_name.lower()))
    if note := language_note(text):
        fields.append(("addendum", _bibtex_escape(note)))
    fields.append(("note", _bibtex_escape(f"{statement.get_kind_display()}; {ARCHIVE_NAME}")))
    body = ",\n".join(
        f"  {name} = {value}" if name in ("month", "year") else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    return f"@misc{{{key},\n{body}\n}}\n"


def ris(statement: Statement, permalink: str, version: StatementVersion | None = None) -> str:
    text = cited(statement, version)
    lines = [("TY", "GEN"), ("AU", _author(statement)), ("TI", text.title)]
    if statement.speaker:
        lines.append(("A2", statement.issuer.name))
    if statement.issued_on:
        lines.append(("PY", str(statement.issued_on.year)))
        precision = statement.issued_precision
        month = f"{statement.issued_on.month:02d}" if precision != Precision.YEAR else ""
        day = f"{statement.issued_on.day:02d}" if precision == Precision.DAY else ""
        lines.append(("DA", f"{statement.issued_on.year}/{month}/{day}/"))
    if text.outlet:
        lines.append(("PB", text.outlet))
    if is_web_url(text.url):
        lines.append(("UR", text.url.strip()))
    lines.append(("UR", permalink + text.anchor))
    lines.append(("LA", text.language))
    if note := language_note(text):
        lines.append(("N1", note))
    lines.append(("M3", statement.get_kind_display()))
    if source_note(statement):
        lines.append(("N1", source_note(statement)))
    lines.append(("DB", ARCHIVE_NAME))
    text = "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)
    return text + "ER  - \r\n"
