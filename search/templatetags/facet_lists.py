"""The search page's facet fieldsets and checkboxes, joined in Python (search/web/markup.py
says why).

A page lists up to 700 values; their labels and values come from a small,
stable vocabulary, so each is escaped once per process and remembered.
"""

from functools import lru_cache

from django import template
from django.utils.safestring import SafeString, mark_safe

from search.web.facet_links import FacetGroup, FacetLink
from search.web.markup import escaped

register = template.Library()

# The id, "facet-<facet>-<value>", is how the page puts the focus back on a box after a tick.
ITEM = (
    '<li><label><input type="checkbox" id="facet-{0}-{1}" name="{0}" value="{1}"{2}> {3} '
    '<span class="count">'
)
END = "</span></label></li>"


@lru_cache(maxsize=32_768)
def _item_start(name: str, value: str, label: str, selected: bool) -> str:
    """A value's item up to its count, escaped and formatted once per process."""
    return ITEM.format(name, escaped(value), " checked" if selected else "", escaped(label))


@lru_cache(maxsize=16_384)
def _escaped(text: str) -> str:
    return escaped(text)


def _items(name: str, links: list[FacetLink]) -> str:
    """One ``<li>`` checkbox per value of facet ``name`` (a slug: nothing to escape)."""
    return "".join(
        f"{_item_start(name, link.value, link.label, link.selected)}{link.count}{END}"
        for link in links
    )


FIELDSET = """
        <fieldset class="facet" id="facet-{name}">
          <legend>{title}</legend>
          {filter}
          <ul>
            {shown}
          </ul>
          {more}
        </fieldset>
        """
FILTER = (
    '<label class="facet-filter" hidden><span class="visually-hidden">Filter {0} values</span>'
    '<input type="search" data-facet-filter placeholder="Filter…"></label>'
)
MORE = """
          <details>
            <summary>Show {0} more</summary>
            <ul>{1}</ul>
          </details>
          """


@register.simple_tag
def facet_fieldsets(groups: list[FacetGroup]) -> SafeString:
    """One ``<fieldset>`` per facet: its title, a filter box and a "more" list when it has
    more values than it shows, and its checkboxes."""
    return mark_safe(
        "".join(
            FIELDSET.format(
                name=group.name,
                title=_escaped(group.title),
                filter=FILTER.format(_escaped(group.title.lower())) if group.more else "",
                shown=_items(group.name, group.shown),
                more=MORE.format(len(group.more), _items(group.name, group.more))
                if group.more
                else "",
            )
            for group in groups
        )
    )
