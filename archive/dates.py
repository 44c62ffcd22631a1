"""Dates known to a day, a month or only a year.

A statement dated "1946" is stored as 1946-01-01 with precision ``year``; this
module turns such a pair into text ("1946", "June 2024", "30 June 2024"),
into the span of days it covers, and parses partial dates typed by people.
"""

import calendar
import datetime as dt
import re

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


def parse_decade(text: str) -> int | None:
    """The first year of a decade written "1990s" or "1990", or None."""
    year = parse_year((text or "").strip().removesuffix("s"))
    return year // 10 * 10 if year is not None else None


def decade_years(first: int) -> tuple[int, int]:
    """The first and last year of the decade starting at ``first``, within the calendar."""
    return max(first, dt.MINYEAR), min(first + 9, dt.MAXYEAR)
