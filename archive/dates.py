"""Dates known to a day, a month or only a year.

A statement dated "1946" is stored as 1946-01-01 with precision ``year``; this
module turns such a pair into text ("1946", "June 2024", "30 June 2024"),
into the span of days it covers, and parses partial dates typed by people.
"""

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from django.db import models


class Precision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


_PARTIAL = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


def fits(date: dt.date, precision: str) -> bool:
    """Return whether ``date`` is the canonical first day for ``precision``."""
    if precision == Precision.YEAR:
        return date.month == 1 and date.day == 1
    if precision == Precision.MONTH:
        return date.day == 1
    return precision == Precision.DAY


def display(date: dt.date | None, precision: str) -> str:
    """Format a date at its precision: "1946", "June 2024" or "30 June 2024"."""
    if date is None:
        return "Undated"
    if precision == Precision.YEAR:
        return str(date.year)
    if precision == Precision.MONTH:
        return f"{calendar.month_name[date.month]} {date.year}"
    return f"{date.day} {calendar.month_name[date.month]} {date.year}"


class IssuedDate:
    """What a record dated by ``issued_on``, ``issued_precision`` and ``issued_edtf`` shows of
    its date: a statement, and a statement read as a row of a list (``archive.listed``)."""

    __slots__ = ()
    issued_on: dt.date | None
    issued_precision: str
    issued_edtf: str

    @property
    def date_display(self) -> str:
        if self.issued_edtf and self.issued_on:
            return display_edtf(self.issued_edtf)
        return display(self.issued_on, self.issued_precision)

    @property
    def date_edtf(self) -> str | None:
        """The date in EDTF: the one typed, or the ISO form of the day, month or year."""
        return (self.issued_edtf or self.date_iso) if self.issued_on else None

    @property
    def date_iso(self) -> str | None:
        return iso(self.issued_on, self.issued_precision)


def display_range(start: dt.date, end: dt.date | None, precision: str) -> str:
    """Format an event's dates: "27 June 2024 – 29 June 2024", or one date."""
    first = display(start, precision)
    last = display(end, precision) if end else first
    return first if last == first else f"{first} – {last}"


def iso(date: dt.date | None, precision: str) -> str | None:
    """Format a date at its precision in ISO 8601: "1946", "2024-06", "2024-06-30"."""
    if date is None:
        return None
    if precision == Precision.YEAR:
        return f"{date.year:04d}"
    if precision == Precision.MONTH:
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


def span(date: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day that a date at ``precision`` may stand for."""
    if precision == Precision.YEAR:
        return dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)
    if precision == Precision.MONTH:
        last = calendar.monthrange(date.year, date.month)[1]
        return dt.date(date.year, date.month, 1), dt.date(date.year, date.month, last)
    return date, date


def parse_partial(text: str) -> tuple[dt.date, str]:
    """Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" into (first day, precision).

    Raise ``ValueError`` with a readable reason for anything else, including
    impossible dates such as 2023-02-30.
    """
    match = _PARTIAL.match(text or "")
    if not match:
        raise ValueError(f"“{text}” is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if month is None:
            return dt.date(year, 1, 1), Precision.YEAR
        if day is None:
            return dt.date(year, month, 1), Precision.MONTH
        return dt.date(year, month, day), Precision.DAY
    except ValueError as exc:
        raise ValueError(f"“{text}” is not a real date ({exc})") from None


_YEAR = re.compile(r"[0-9]{1,4}")


def parse_year(text: str) -> int | None:
    """A year typed in a URL (ASCII digits, 1 to 9999), or None: never a 500 for "²" or "0"."""
    text = (text or "").strip()
    if not _YEAR.fullmatch(text) or not dt.MINYEAR <= int(text) <= dt.MAXYEAR:
        return None
    return int(text)


def decade_of(year: int) -> int:
    """The first year of ``year``'s decade: 1994 -> 1990."""
    return year // 10 * 10


def parse_decade(text: str) -> int | None:
    """The first year of a decade written "1990s" or "1990", or None."""
    year = parse_year((text or "").strip().removesuffix("s"))
    return decade_of(year) if year is not None else None


def decade_years(first: int) -> tuple[int, int]:
    """The first and last year of the decade starting at ``first``, within the calendar."""
    return max(first, dt.MINYEAR), min(first + 9, dt.MAXYEAR)


# Dates as archivists type them ------------------------------------------------

MAX_SPAN_YEARS = 100  # a typed interval wider than this places a statement nowhere: refused
# A date wider than this (1950/1969) stands on no year: trends, the year and decade facets
# and date filters count it as undated, so one "0001/9999" cannot stretch every axis.
DATED_SPAN_YEARS = 10
ACCEPTED_FORMS = (
    "2024, 2024-07, 2024-07-01, July 2024, 1 July 2024, 30/6/2024 (day/month/year, when only "
    "one reading is possible), summer 2024, or EDTF: 2024? (uncertain), 2024~ (approximate), "
    "2024-22 (a season: 21 spring, 22 summer, 23 autumn, 24 winter), "
    "2024-06/2024-07 (between)"
)
_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_WORDY = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]+)\.?,?\s+(\d{4})$")
_NUMERIC_DMY = re.compile(r"^(\d{1,2})\s*([/.])\s*(\d{1,2})\s*\2\s*(\d{1,4})$")
_SEASON = re.compile(r"^(\d{4})-(2[1-4])$")
SEASONS = {"21": "Spring", "22": "Summer", "23": "Autumn", "24": "Winter"}
_SEASON_WORDS = {"spring": "21", "summer": "22", "autumn": "23", "fall": "23", "winter": "24"}
_FIRST_DATE = re.compile(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?")


@dataclass(frozen=True)
class TypedDate:
    """A date as typed, read: what ``issued_on`` and ``issued_precision`` store, and its EDTF."""

    first: dt.date  # the first day it may stand for
    precision: str
    edtf: str  # Extended Date/Time Format (ISO 8601-2), level 0 or 1
    last: dt.date  # the last day it may stand for

    @property
    def plain(self) -> bool:
        """Whether the date says no more than its first day at its precision."""
        return self.edtf == iso(self.first, self.precision)


def parse_typed(text: str) -> TypedDate:
    """Read a date typed by an archivist: ISO forms, "July 2024", "1 July 2024", "30/6/2024",
    "summer 2024", or EDTF.

    EDTF levels 0 and 1 are accepted (uncertain ``?``, approximate ``~``,
    unspecified digits ``2024-XX``, seasons, closed intervals); level 2 and
    open intervals are refused. A day, month and year written with slashes
    or dots are read only when one reading is possible: 30/6/2024 is 30 June
    (30 is no month), but 6/7/2024 is 6 July to some readers and 7 June to
    others. ``ValueError`` says why, with the forms accepted.
    """
    text = " ".join((text or "").split())
    typed = _read_typed(text)
    if not placed(typed.first, typed.last, MAX_SPAN_YEARS):
        raise ValueError(
            f"“{text}” spans more than {MAX_SPAN_YEARS} years: that places a statement "
            "nowhere. Enter the narrowest interval the sources allow (1950/1959), or no date."
        )
    return typed


@functools.lru_cache(maxsize=4096)
def _read_typed(text: str) -> TypedDate:
    """``text`` read (a pure function of it, kept: the EDTF grammar costs ~10 ms a date)."""
    if not text:
        raise ValueError(f"Enter a date: {ACCEPTED_FORMS}.")
    numeric = _NUMERIC_DMY.match(text)
    if numeric:
        return _from_edtf(_numeric_to_edtf(text, numeric))
    wordy = _WORDY.match(text)
    if not wordy:
        return _from_edtf(text)
    if wordy.group(1) is None and wordy.group(2).lower() in _SEASON_WORDS:
        return _from_edtf(f"{wordy.group(3)}-{_SEASON_WORDS[wordy.group(2).lower()]}")
    edtf = _wordy_to_edtf(text, *wordy.groups())
    try:
        return _from_edtf(edtf)
    except ValueError:
        raise ValueError(f"“{text}” is not a real date. Write {ACCEPTED_FORMS}.") from None


def placed(first: dt.date, last: dt.date, years: int | None = None) -> bool:
    """Whether a date's span is narrow enough to place it: at most ``years`` (by default
    ``DATED_SPAN_YEARS``, the limit of the year axis, year facets and date filters)."""
    limit = DATED_SPAN_YEARS if years is None else years
    return last.year - first.year <= limit


def _numeric_to_edtf(text: str, match: re.Match) -> str:
    """The one day that "30/6/2024" can be, in EDTF; refuse two readings, or none."""
    first, _, second, year = match.groups()
    if len(year) != 4:
        raise ValueError(
            f"“{text}”: write the year in full ({year} could be one of several centuries). "
            f"Write {ACCEPTED_FORMS}."
        )
    readings = {}
    for day, month in ((first, second), (second, first)):  # day/month/year, month/day/year
        try:
            readings[dt.date(int(year), int(month), int(day))] = None
        except ValueError:
            continue
    if not readings:
        raise ValueError(f"“{text}” is not a real date. Write {ACCEPTED_FORMS}.")
    if len(readings) > 1:
        one, other = (display(day, Precision.DAY) for day in readings)
        raise ValueError(
            f"“{text}” is ambiguous: it is {one} to some readers and {other} to others. "
            f"Write {ACCEPTED_FORMS}."
        )
    return next(iter(readings)).isoformat()


def _wordy_to_edtf(text: str, day: str | None, month_name: str, year: str) -> str:
    month = _MONTHS.get(month_name.lower())
    if month is None:
        raise ValueError(f"“{text}”: “{month_name}” is not a month. Write {ACCEPTED_FORMS}.")
    if day is None:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{int(day):02d}"


def _from_edtf(text: str) -> TypedDate:
    from edtf.parser.grammar import level0Expression, level1Expression, level2Expression

    def parses(expression) -> bool:
        try:
            expression.parse_string(text, parse_all=True)
        except Exception:  # pyparsing's ParseException, or the edtf object refusing the date
            return False
        return True

    if "/" in text and ("" in text.split("/") or ".." in text.split("/")):
        raise ValueError(
            f"“{text}” is an open interval: it has no first or last day to search. "
            f"Write {ACCEPTED_FORMS}."
        )
    if not (parses(level0Expression) or parses(level1Expression)):
        reason = (
            "uses EDTF level 2, which this archive does not take"
            if parses(level2Expression)
            else "is not a date this archive can read"
        )
        raise ValueError(f"“{text}” {reason}. Write {ACCEPTED_FORMS}.")
    from edtf import parse_edtf, struct_time_to_date

    parsed = parse_edtf(text)
    try:
        first = struct_time_to_date(parsed.lower_strict())
        last = struct_time_to_date(parsed.upper_strict())
    except (TypeError, ValueError, OverflowError):
        raise ValueError(
            f"“{text}” has no first and last day (an open interval, or a year outside "
            f"1–9999). Write {ACCEPTED_FORMS}."
        ) from None
    if last < first:
        raise ValueError(f"“{text}” ends before it begins. Write {ACCEPTED_FORMS}.")
    return TypedDate(first, _precision(str(parsed), first), str(parsed), last)


def _precision(edtf: str, first: dt.date) -> str:
    """The precision of the first date written: "2024-06/2024-07" is to the month."""
    match = _FIRST_DATE.search(edtf)
    precision = Precision.YEAR
    if match and match.group(3):
        precision = Precision.DAY
    elif match and match.group(2) and int(match.group(2)) <= 12:
        precision = Precision.MONTH
    if not fits(first, precision):  # a season, or an uncertain year with a month
        precision = Precision.MONTH if first.day == 1 else Precision.DAY
    return precision


def edtf_span(edtf: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a stored EDTF date."""
    typed = _from_edtf(edtf)
    return typed.first, typed.last


def display_edtf(edtf: str) -> str:
    """An EDTF date in words: "2024 (uncertain)", "June 2024 – July 2024"."""
    qualifiers = {"?": "uncertain", "~": "approximate", "%": "uncertain and approximate"}
    parts = []
    for part in edtf.split("/"):
        bare = part.rstrip("?~%")
        season = _SEASON.match(bare)
        try:
            if season:
                raise ValueError(bare)
            typed = _from_edtf(bare)
            words = display(typed.first, typed.precision) if typed.plain else bare
        except ValueError:
            words = f"{SEASONS[season.group(2)]} {season.group(1)}" if season else bare
        if part != bare:
            words = f"{words} ({qualifiers[part[len(bare) :][0]]})"
        parts.append(words)
    return " – ".join(parts)
