"""Names of authority records as archivists write them: one per line, some with years.

A country's aliases field holds lines such as ``Congo [1971-1997]``: the
name, and the years in which it named this state and no other. A line
without years names the state whenever it existed, and in later references
to it ("the former Soviet Union").
"""

import re
from typing import NamedTuple

_YEARS = re.compile(
    r"^(?P<text>.*?)\s*\[\s*(?P<first>\d{3,4})?\s*[-–]\s*(?P<last>\d{3,4})?\s*\]\s*$"
)


class NameForm(NamedTuple):
    """One form of a name, and the years (inclusive) it is limited to, if any."""

    text: str
    first: int | None = None
    last: int | None = None

    @property
    def dated(self) -> bool:
        return self.first is not None or self.last is not None

    def covers(self, year: int) -> bool:
        return (self.first is None or self.first <= year) and (
            self.last is None or year <= self.last
        )


def parse_line(line: str) -> NameForm | None:
    """Read ``Congo [1971-1997]``, ``Germany [-1949]`` or ``Russia``; None for a blank line."""
    line = line.strip()
    if not line:
        return None
    match = _YEARS.match(line)
    if match is None:
        return NameForm(line)
    first, last = match["first"], match["last"]
    return NameForm(match["text"], int(first) if first else None, int(last) if last else None)


def parse_lines(text: str) -> list[NameForm]:
    """The name forms of a one-per-line field; ``;`` separates names too."""
    forms = (parse_line(part) for line in (text or "").splitlines() for part in line.split(";"))
    return [form for form in forms if form is not None and form.text]


def check_lines(text: str) -> list[str]:
    """Problems an archivist should fix in a names field, one message each."""
    problems = []
    for line in (text or "").splitlines():
        for part in line.split(";"):
            if "[" in part or "]" in part:
                form = parse_line(part)
                if form is None or not form.dated or "[" in form.text or "]" in form.text:
                    problems.append(
                        f"“{part.strip()}”: write the years as [1971-1997], [-1949] or [1990-]."
                    )
                elif form.first and form.last and form.first > form.last:
                    problems.append(f"“{part.strip()}”: the first year is after the last.")
    return problems


_LANGUAGE_LINE = re.compile(r"^\s*(?P<language>[a-z]{2,5})\s*:\s*(?P<name>\S.*?)\s*$")


def parse_language_lines(text: str) -> dict[str, list[str]]:
    """Names by language from lines such as ``ko: 북한`` (the lines that are not so, none)."""
    found: dict[str, list[str]] = {}
    for line in (text or "").splitlines():
        if match := _LANGUAGE_LINE.match(line):
            found.setdefault(match["language"], []).append(match["name"])
    return found


def check_language_lines(text: str, languages: set[str]) -> list[str]:
    """Problems an archivist should fix in a names-in-languages field, one message each."""
    problems = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        match = _LANGUAGE_LINE.match(line)
        if match is None:
            problems.append(
                f"“{line.strip()}”: write a language code, a colon, the name: “ko: 북한”."
            )
        elif match["language"] not in languages:
            problems.append(
                f"“{line.strip()}”: {match['language']} is not one of the archive's languages."
            )
    return problems


def language_lines(names: dict[str, list[str]]) -> str:
    """``parse_language_lines`` the other way: one ``ko: 북한`` line a name."""
    return "\n".join(f"{language}: {name}" for language, found in names.items() for name in found)
