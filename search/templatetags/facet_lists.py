"""The search page's facet checkboxes, joined in Python (search/web/markup.py says why).

A page lists up to 700 values; their labels and values come from a small,
stable vocabulary, so each is escaped once per process and remembered.
"""

from functools import lru_cache

from django import template
from django.utils.safestring import SafeString, mark_safe

from search.web.facet_links import FacetLink
from search.web.markup import escaped

register = template.Library()

# The id, "facet-<facet>-<value>", is how the page puts the focus back on a box after a tick.
OPENING = '<li><label><input type="checkbox" id="facet-{0}-{1}" name="{0}" value="{1}"'


@lru_cache(maxsize=16_384)
def _opening(name: str, value: str) -> str:
    """The fixed start of a value's item, escaped and formatted once per process."""
    return OPENING.format(name, escaped(value))


@lru_cache(maxsize=16_384)
def _escaped(text: str) -> str:
    return escaped(text)


@register.simple_tag
def facet_items(name: str, links: list[FacetLink]) -> SafeString:
    """One ``<li>`` checkbox per value of facet ``name`` (a slug: nothing to escape)."""
    return mark_safe(
        "".join(
            f"{_opening(name, link.value)}{' checked' if link.selected else ''}> "
            f'{_escaped(link.label)} <span class="count">{link.count}</span></label></li>'
            for link in links
        )
    )
