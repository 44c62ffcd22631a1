"""Statements per year on a body's page: bars for an uneven record, words for a regular one."""

from collections import Counter

NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
# A record is regular when this share of its years has the same count.
REGULAR_SHARE = 0.8
REGULAR_MIN_YEARS = 5


def statements_word(n: int) -> str:
    number = NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)
    return f"{number} statement{'' if n == 1 else 's'}"


def regular_years(per_year: dict[int, int]) -> dict | None:
    """The usual count and the exceptions, if most years have the same count; else None.

    A body that speaks once a year for 34 years is said in words ("One
    statement a year, 1970–2003" and the exceptions: "1985: 2"), not drawn
    as 34 equal bars.
    """
    if not per_year:
        return None
    first, last = min(per_year), max(per_year)
    counts = {year: per_year.get(year, 0) for year in range(first, last + 1)}
    if len(counts) < REGULAR_MIN_YEARS:
        return None
    usual, years = Counter(counts.values()).most_common(1)[0]
    if usual == 0 or years < REGULAR_SHARE * len(counts):
        return None
    exceptions = [(year, n) for year, n in counts.items() if n != usual]
    lead = f"{statements_word(usual).capitalize()} a year, {first}–{last}"
    return {"lead": lead, "usual": usual, "exceptions": exceptions}


def year_chart(per_year: dict[int, int], width: int = 640, height: int = 120) -> dict | None:
    """Bars of statements per year, laid out for a small server-rendered SVG.

    The plot starts ``gutter`` units in, leaving room for the y-axis and its label.
    """
    if not per_year:
        return None
    gutter = 44
    first, last = min(per_year), max(per_year)
    years = list(range(first, last + 1))
    peak = max(per_year.values())
    step = (width - gutter) / len(years)
    bars = [
        {
            "year": year,
            "count": per_year.get(year, 0),
            "x": round(gutter + i * step, 2),
            "width": round(max(step - 1, 1), 2),
            "height": round(height * per_year.get(year, 0) / peak, 2),
            "y": round(height - height * per_year.get(year, 0) / peak, 2),
        }
        for i, year in enumerate(years)
    ]
    return {
        "bars": bars,
        "width": width,
        "height": height,
        "gutter": gutter,
        "middle": height // 2,
        "first": first,
        "last": last,
        "peak": peak,
    }
