import datetime as dt

import pytest

from archive import dates
from archive.dates import Precision


@pytest.mark.parametrize(
    ("date", "precision", "text"),
    [
        (dt.date(1946, 1, 1), Precision.YEAR, "1946"),
        (dt.date(2024, 6, 1), Precision.MONTH, "June 2024"),
        (dt.date(2024, 6, 30), Precision.DAY, "30 June 2024"),
        (None, Precision.DAY, "Undated"),
    ],
)
def test_display_shows_a_date_at_its_precision(date, precision, text):
    assert dates.display(date, precision) == text


def test_iso_form_keeps_only_the_known_parts():
    assert dates.iso(dt.date(1946, 1, 1), Precision.YEAR) == "1946"
    assert dates.iso(dt.date(2024, 6, 1), Precision.MONTH) == "2024-06"
    assert dates.iso(dt.date(2024, 6, 30), Precision.DAY) == "2024-06-30"


def test_span_covers_the_whole_year_or_month():
    assert dates.span(dt.date(1990, 1, 1), Precision.YEAR) == (
        dt.date(1990, 1, 1),
        dt.date(1990, 12, 31),
    )
    assert dates.span(dt.date(2024, 2, 1), Precision.MONTH) == (
        dt.date(2024, 2, 1),
        dt.date(2024, 2, 29),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1946", (dt.date(1946, 1, 1), Precision.YEAR)),
        ("2024-06", (dt.date(2024, 6, 1), Precision.MONTH)),
        ("2024-06-30", (dt.date(2024, 6, 30), Precision.DAY)),
    ],
)
def test_parse_partial_reads_each_precision(text, expected):
    assert dates.parse_partial(text) == expected


@pytest.mark.parametrize("text", ["2023-02-30", "2024-13", "0000", "June 2024", "", "20244"])
def test_parse_partial_rejects_impossible_or_malformed_dates(text):
    with pytest.raises(ValueError, match=r"date|not a real"):
        dates.parse_partial(text)


def test_fits_requires_the_first_day_for_coarse_precisions():
    assert dates.fits(dt.date(1946, 1, 1), Precision.YEAR)
    assert not dates.fits(dt.date(1946, 3, 1), Precision.YEAR)
    assert not dates.fits(dt.date(2024, 6, 2), Precision.MONTH)
    assert dates.fits(dt.date(2024, 6, 2), Precision.DAY)


def test_display_range_collapses_a_single_day():
    assert dates.display_range(dt.date(2024, 6, 27), None, Precision.DAY) == "27 June 2024"
    assert (
        dates.display_range(dt.date(2024, 6, 27), dt.date(2024, 6, 29), Precision.DAY)
        == "27 June 2024 – 29 June 2024"
    )


# Dates as archivists type them ---------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "first", "last", "precision", "edtf"),
    [
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "year", "2024"),
        ("2024-07", dt.date(2024, 7, 1), dt.date(2024, 7, 31), "month", "2024-07"),
        ("2024-07-01", dt.date(2024, 7, 1), dt.date(2024, 7, 1), "day", "2024-07-01"),
        ("July 2024", dt.date(2024, 7, 1), dt.date(2024, 7, 31), "month", "2024-07"),
        ("1 July 2024", dt.date(2024, 7, 1), dt.date(2024, 7, 1), "day", "2024-07-01"),
        (" 1  Jul. 2024 ", dt.date(2024, 7, 1), dt.date(2024, 7, 1), "day", "2024-07-01"),
        ("Sept 2024", dt.date(2024, 9, 1), dt.date(2024, 9, 30), "month", "2024-09"),
        ("2024?", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "year", "2024?"),
        ("2024~", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "year", "2024~"),
        ("2024-06/2024-07", dt.date(2024, 6, 1), dt.date(2024, 7, 31), "month", "2024-06/2024-07"),
        ("2024-21", dt.date(2024, 3, 1), dt.date(2024, 5, 31), "month", "2024-21"),
        ("2024-XX", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "year", "2024-XX"),
        # A slashed or dotted day/month/year with one reading only.
        ("30/6/2024", dt.date(2024, 6, 30), dt.date(2024, 6, 30), "day", "2024-06-30"),
        ("6/30/2024", dt.date(2024, 6, 30), dt.date(2024, 6, 30), "day", "2024-06-30"),
        ("30.06.2024", dt.date(2024, 6, 30), dt.date(2024, 6, 30), "day", "2024-06-30"),
        ("7/7/2024", dt.date(2024, 7, 7), dt.date(2024, 7, 7), "day", "2024-07-07"),
        # Seasons in words are EDTF's seasons.
        ("summer 2024", dt.date(2024, 6, 1), dt.date(2024, 8, 31), "month", "2024-22"),
        ("Autumn 2023", dt.date(2023, 9, 1), dt.date(2023, 11, 30), "month", "2023-23"),
        ("fall 2023", dt.date(2023, 9, 1), dt.date(2023, 11, 30), "month", "2023-23"),
    ],
)
def test_dates_typed_as_people_write_them(typed, first, last, precision, edtf):
    read = dates.parse_typed(typed)
    assert (read.first, read.last, read.precision, read.edtf) == (first, last, precision, edtf)
    assert dates.fits(read.first, read.precision)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("1/7/2024", "ambiguous: it is 1 July 2024 to some readers and 7 January 2024"),
        ("6/7/2024", "ambiguous"),
        ("07.01.2024", "ambiguous"),
        ("30/6/24", "write the year in full"),
        ("31/2/2024", "not a real date"),
        ("midsummer 2024", "not a month"),
        ("2024-02-30", "not a date"),
        ("Smarch 2024", "not a month"),
        ("31 June 2024", "“31 June 2024” is not a real date"),
        ("[2024,2025]", "level 2"),
        ("../2024", "open interval"),
        ("2024/", "open interval"),
        ("/2024", "open interval"),
        ("2024-06/..", "open interval"),
        ("2025/2024", "ends before it begins"),
        ("", "Enter a date"),
    ],
)
def test_dates_that_cannot_be_read_say_why_and_show_the_accepted_forms(typed, reason):
    with pytest.raises(ValueError, match=reason) as refused:
        dates.parse_typed(typed)
    assert "July 2024" in str(refused.value) and "2024?" in str(refused.value)
    assert "summer 2024" in str(refused.value) and "2024-22" in str(refused.value)


@pytest.mark.parametrize(
    ("edtf", "words"),
    [
        ("2024?", "2024 (uncertain)"),
        ("2024-07~", "July 2024 (approximate)"),
        ("2024-06/2024-07", "June 2024 – July 2024"),
        ("2024-21", "Spring 2024"),
    ],
)
def test_edtf_dates_in_words(edtf, words):
    assert dates.display_edtf(edtf) == words


def test_an_interval_of_more_than_a_century_is_refused_as_placing_nothing():
    with pytest.raises(ValueError, match="spans more than 100 years"):
        dates.parse_typed("0001/9999")
    assert dates.parse_typed("1950/1999").last.year == 1999  # wide, but a date
    assert not dates.placed(dt.date(1950, 1, 1), dt.date(1999, 12, 31))
    assert dates.placed(dt.date(1950, 1, 1), dt.date(1959, 12, 31))
