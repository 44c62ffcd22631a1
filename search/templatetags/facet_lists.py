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
ITEM = (
    '<li><label><input type="checkbox" id="facet-{0}-{1}" name="{0}" value="{1}"{2}> {3} '
    '<span class="count">{4}</span></label></li>'
)


@lru_cache(maxsize=16_384)
def _escaped(text: str) -> str:
    return escaped(text)


@register.simple_tag
def facet_items(name: str, links: list[FacetLink]) -> SafeString:
    """One ``<li>`` checkbox per value of facet ``name`` (a slug: nothing to escape)."""
    return mark_safe(
        "".join(
            ITEM.format(
                name,
                _escaped(link.value),
                " checked" if link.selected else "",
                _escaped(link.label),
                link.count,
            )
            for link in links
        )
    )
