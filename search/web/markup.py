"""Long runs of repeated markup, joined in Python: the histogram's bars, the facets' boxes.

Rendered node by node in the template language, a hundred facet values or
eighty year bars cost the search page more than the search itself, and even
``format_html_join`` spends most of its time in Django's lazy-aware escape.
``escaped`` uses the standard library's ``html.escape``, the one Django's own
wraps, so the markup is the same byte for byte; ``html_join`` joins rows with it
(the trend chart's points and lines), the facet tag caches it per value, and the
histogram's bars, the hits and the trends table call it for their text.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django.utils.safestring import SafeString, mark_safe


def escaped(value: object) -> str:
    """``value`` escaped for HTML, unless it is already safe markup."""
    html = getattr(value, "__html__", None)
    return html() if html else escape(str(value))


def html_join(template: str, rows: Iterable[tuple]) -> SafeString:
    """``template.format`` over each row, every value escaped, joined."""
    return mark_safe("".join(template.format(*map(escaped, row)) for row in rows))
