"""Results over time: a search's hits per year, drawn as a small server-rendered bar chart.

The bars come from the year facet the search already counts, so the chart
costs no second search. Each bar is a link narrowing the search to its year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from operator import itemgetter
from typing import NamedTuple
from urllib.parse import quote_plus

from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe

from search.backends.base import FacetValue
from search.backends.facet_values import as_columns
from search.web.facet_links import with_changes
from search.web.markup import escaped

SLOT = 24  # units (and, at most, CSS pixels) per year: a bar is a big enough target
HEIGHT = 60
LOWEST_BAR = 2  # a year with one hit among thousands still shows
SELECTED = mark_safe(' class="selected" aria-current="true"')  # a constant: nothing to escape


class Bar(NamedTuple):
    """One year's bar (a tuple: a chart has some 80, made faster than frozen dataclasses)."""

    year: int
    count: int
    selected: bool
    url: str  # the search narrowed to this year
    slot_x: int  # the year's whole column, the link's target
    x: float
    width: float
    y: float
    height: float

    @property
    def label(self) -> str:
        return _label(self.year, self.count, self.selected)


# A Bar from its nine values, made in C: NamedTuple's own __new__ is a Python function.
_new_bar = partial(tuple.__new__, Bar)


def _label(year: int, count: int, selected: bool) -> str:
    """``Bar.label``: digits, letters and punctuation HTML leaves as they are."""
    noun = "statement" if count == 1 else "statements"
    return f"{year}: {count:,} {noun}" + (" (selected)" if selected else "")


@dataclass(frozen=True)
class Histogram:
    bars: list[Bar]
    first: int
    last: int
    peak: int
    height: int = HEIGHT
    slot: int = SLOT
    # What every bar's link starts with, as written and escaped: the year that follows is
    # URL-quoted, which leaves nothing to escape.
    link_start: str = ""
    escaped_link_start: str = ""

    @property
    def width(self) -> int:
        """One slot a year; the stylesheet shrinks the chart to fit its column."""
        return SLOT * (self.last - self.first + 1)

    def bars_svg(self) -> SafeString:
        """The bars as SVG links, escaped, in one piece, one stop of the Tab order.

        Built here rather than in a template loop: some 80 bars of nine values each
        would cost the page more in template variable lookups than the search itself.
        Only the link and the label are text; the rest are numbers, written as they are.
        """
        selected = str(SELECTED)
        # One stop in the Tab order, not one a year: the selected year's bar (or the
        # first); the arrow keys move between bars (search.js), the form below the chart
        # reaches any year without them.
        stop = next((bar for bar in self.bars if bar.selected), self.bars[0] if self.bars else None)
        start, cut = self.escaped_link_start, len(self.link_start)
        slot = f'y="0" width="{self.slot}" height="{self.height}"/><rect class="bar" x="'
        return mark_safe(
            "".join(
                f'<a href="{href}" aria-label="{label}"'
                f' tabindex="{0 if bar is stop else -1}"'
                f"{selected if bar.selected else ''}><title>{label}</title>"
                f'<rect class="slot" x="{bar.slot_x}" {slot}{bar.x}" y="{bar.y}" '
                f'width="{bar.width}" height="{bar.height}"/></a>'
                for bar in self.bars
                for label, href in (
                    (
                        _label(bar.year, bar.count, bar.selected),
                        start + bar.url[cut:]
                        if cut and bar.url.startswith(self.link_start)
                        else escaped(bar.url),
                    ),
                )
            )
        )


def histogram(values: Sequence[FacetValue], params: QueryDict) -> Histogram | None:
    """One bar per year with hits, placed on a continuous axis from the first year to the last.
    The year facet's columns are read as they are: a chart has some 80 bars."""
    found = as_columns(values)
    pairs = zip(found.values, found.counts, strict=True)
    counted = [(int(value), value, count) for value, count in pairs if count]
    if not counted:
        return None
    counted.sort(key=itemgetter(0))  # oldest first
    first, last = counted[0][0], counted[-1][0]
    peak = max(count for _, _, count in counted)
    # Each bar's link is this search narrowed to its year (one copy of the parameters).
    others = with_changes(params, year=None)
    start = f"?{others}&year=" if others else "?year="
    chosen = found.chosen
    bars = []
    for year, value, count in counted:
        height = max(LOWEST_BAR, HEIGHT * count / peak)
        slot_x = (year - first) * SLOT
        url = start + (value if value.isascii() and value.isdigit() else quote_plus(value))
        # year, count, selected, url, slot_x, x, width, y, height
        bar = (year, count, value in chosen, url, slot_x, slot_x + 2, SLOT - 4)
        bars.append(_new_bar((*bar, round(HEIGHT - height, 2), round(height, 2))))
    return Histogram(bars, first, last, peak, link_start=start, escaped_link_start=escaped(start))
