"""The trends page's line chart: laid out here, drawn as server-rendered SVG.

One line per term over every year from the first to the last; plotting shares,
a year with no statement at all under the filters breaks the line (no share exists).
Each year a term is used is a point: a link to that year's search. Lines
differ by colour, dash and point shape, so none is told apart by colour alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString

from search.trends.computing import Series, Trends
from search.web.markup import html_join

WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 14, 44  # room for the axes' numbers and titles
STYLES = (  # (colour, dash pattern, point shape) per term, in order
    ("#1f5fa8", "", "circle"),
    ("#b3471d", "7 4", "square"),
    ("#2a7a3b", "2 3", "diamond"),
    ("#6b3fa0", "9 3 2 3", "triangle"),
)
POINT = 4.5  # half a point's width


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    url: str
    label: str


@dataclass(frozen=True)
class Line:
    term: str
    colour: str
    dash: str
    shape: str
    path: str  # SVG path data: one run per stretch of years that have statements
    points: list[Point]  # years the term is used


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Chart:
    lines: list[Line]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    y_title: str
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    top: int = TOP
    bottom_edge: int = HEIGHT - BOTTOM

    @property
    def point_count(self) -> int:
        return sum(len(line.points) for line in self.lines)

    @property
    def x_title_y(self) -> int:
        return self.height - 6

    @property
    def y_title_x(self) -> int:
        return 14

    @property
    def middle_y(self) -> float:
        return (self.top + self.bottom_edge) / 2

    @property
    def middle_x(self) -> float:
        return (self.left + self.right_edge) / 2

    def x_ticks_svg(self) -> SafeString:
        return html_join(
            '<line class="tick" x1="{0}" x2="{0}" y1="{1}" y2="{2}"/>'
            '<text class="tick-label" x="{0}" y="{3}" text-anchor="middle">{4}</text>',
            (
                (t.position, self.bottom_edge, self.bottom_edge + 5, self.bottom_edge + 18, t.label)
                for t in self.x_ticks
            ),
        )

    def y_ticks_svg(self) -> SafeString:
        return html_join(
            '<line class="grid" x1="{0}" x2="{1}" y1="{2}" y2="{2}"/>'
            '<text class="tick-label" x="{3}" y="{4}" text-anchor="end">{5}</text>',
            (
                (self.left, self.right_edge, t.position, self.left - 6, t.position + 4, t.label)
                for t in self.y_ticks
            ),
        )

    def lines_svg(self) -> SafeString:
        """Every line and its points, escaped, in one piece (a few hundred links)."""
        parts = []
        for number, line in enumerate(self.lines, 1):
            parts.append(
                html_join(
                    '<g class="series series-{}"><path class="line" d="{}" stroke="{}"'
                    ' stroke-dasharray="{}" fill="none"/>',
                    [(number, line.path, line.colour, line.dash or "none")],
                )
            )
            parts.append(
                html_join(
                    '<a href="{}" aria-label="{}"><title>{}</title>'
                    '<path class="point" d="{}" fill="{}"/></a>',
                    (
                        (p.url, p.label, p.label, shape(line.shape, p.x, p.y), line.colour)
                        for p in line.points
                    ),
                )
            )
            parts.append("</g>")
        return SafeString("".join(parts))


def shape(name: str, x: float, y: float, r: float = POINT) -> str:
    """SVG path data for a point of ``name`` centred on (x, y)."""
    if name == "square":
        return f"M{x - r:.1f} {y - r:.1f}h{2 * r:.1f}v{2 * r:.1f}h{-2 * r:.1f}z"
    if name == "diamond":
        d = r * 1.3
        return f"M{x:.1f} {y - d:.1f}l{d:.1f} {d:.1f}l{-d:.1f} {d:.1f}l{-d:.1f} {-d:.1f}z"
    if name == "triangle":
        return f"M{x:.1f} {y - r * 1.3:.1f}l{r * 1.2:.1f} {r * 2.1:.1f}h{-r * 2.4:.1f}z"
    return f"M{x - r:.1f} {y:.1f}a{r} {r} 0 1 0 {2 * r:.1f} 0a{r} {r} 0 1 0 {-2 * r:.1f} 0"


def nice_step(value: float, whole: bool) -> float:
    """The smallest of 1, 2, 2.5 and 5 times a power of ten at or above ``value``, for a
    quarter of the y axis (a whole number when ``whole``: statements are counted)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * power
        if step >= value - 1e-12 and (not whole or step == int(step)):
            return step
    return 10 * power


def number(value: float, measure: str, step: float) -> str:
    """An axis value as read: "1,204", or "2.5%" with the decimals the step needs."""
    if measure == "count":
        return f"{value:,.0f}"
    power = math.floor(math.log10(step))
    halves = round(step / 10**power, 3) == 2.5  # 0.25, 2.5, 25: one decimal more
    return f"{value:.{max(0, -power + halves)}f}%"


def chart(trends: Trends, year_url: Callable[[Series, int], str]) -> Chart | None:
    """Lay out every series on one pair of axes; None when no term is used at all."""
    years = trends.years
    if not years or not any(s.total for s in trends.series if s.computed):
        return None
    measure = trends.request.measure
    first, last = years.start, years.stop - 1
    span = max(1, last - first)
    peak = max(
        (v for s in trends.series for year in years if (v := trends.value(s, year)) is not None),
        default=0.0,
    )
    step = nice_step(peak / 4, whole=measure == "count")
    top_value = 4 * step
    plot_width, plot_height = WIDTH - RIGHT - LEFT, HEIGHT - BOTTOM - TOP

    def x_of(year: int) -> float:
        return round(LEFT + (year - first) / span * plot_width, 1)

    def y_of(value: float) -> float:
        return round(TOP + plot_height - value / top_value * plot_height, 1)

    lines = []
    for series, (colour, dash, point_shape) in zip(trends.series, STYLES, strict=False):
        path, points, pen_down = [], [], False
        for year in years:
            value = trends.value(series, year)
            if value is None:  # no statement that year: no share, the line breaks
                pen_down = False
                continue
            x, y = x_of(year), y_of(value)
            path.append(f"{'L' if pen_down else 'M'}{x} {y}")
            pen_down = True
            count = series.per_year.get(year, 0)
            if count:
                all_that_year = trends.per_year.get(year, 0)
                points.append(
                    Point(
                        x=x,
                        y=y,
                        url=year_url(series, year),
                        label=point_label(
                            series.term, year, count, all_that_year, trends.few(year)
                        ),
                    )
                )
        lines.append(Line(series.term, colour, dash, point_shape, "".join(path), points))
    x_ticks = [Tick(x_of(year), str(year)) for year in years if year % year_step(span) == 0]
    y_ticks = [Tick(y_of(step * i), number(step * i, measure, step)) for i in range(5)]
    title = "Share of the year's statements (%)" if measure == "share" else "Statements"
    return Chart(lines=lines, x_ticks=x_ticks, y_ticks=y_ticks, y_title=title)


def point_label(term: str, year: int, count: int, all_that_year: int, few: bool = False) -> str:
    """A point's accessible name: the count, the year's total, the share; and whether the
    year has few statements."""
    noun = "statement" if count == 1 else "statements"
    share = f" ({count / all_that_year:.1%})" if all_that_year else ""
    caution = ", few statements that year" if few else ""
    return f"{term}, {year}: {count:,} {noun} of {all_that_year:,}{share}{caution}"


def year_step(span: int) -> int:
    """Years between labelled ticks: about eight labels across the axis."""
    for step in (1, 2, 5, 10, 20, 50):
        if span / step <= 9:
            return step
    return 100
