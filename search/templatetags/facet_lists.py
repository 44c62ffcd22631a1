"""The search page's facet fieldsets and checkboxes, joined in Python (search/web/markup.py
says why).

A page lists up to 700 values; their labels and values come from a small,
stable vocabulary, so each is escaped once per process and remembered.
"""

from functools import lru_cache

from django import template
from django.utils.safestring import SafeString, mark_safe

from search.web.facet_links import FacetGroup
from search.web.markup import escaped

register = template.Library()

# The id, "facet-<facet>-<value>", is how the page puts the focus back on a box after a tick.
ITEM = (
    '<li><label><input type="checkbox" id="facet-{0}-{1}" name="{0}" value="{1}"{2}> {3} '
    '<span class="count">'
)
END = "</span></label></li>"
# Each facet's unselected items up to their counts, by (value, label): a few thousand in all.
_STARTS: dict[str, dict[tuple[str, str], str]] = {}
REMEMBERED = 32_768  # per facet, past which they are forgotten and escaped anew


def _item_start(name: str, value: str, label: str, selected: bool) -> str:
    """A value's item up to its count, escaped."""
    return ITEM.format(name, escaped(value), " checked" if selected else "", escaped(label))


@lru_cache(maxsize=16_384)
def _escaped(text: str) -> str:
    return escaped(text)


def _items(group: FacetGroup, start: int, stop: int) -> str:
    """One ``<li>`` checkbox for each of the group's values from ``start`` to ``stop`` (the
    facet's name is a slug: nothing to escape). An unselected value's item is escaped and
    formatted once per process, then joined with its count."""
    keys = list(zip(group.values[start:stop], group.labels[start:stop], strict=True))
    remembered = _STARTS.setdefault(group.name, {})
    starts = list(map(remembered.get, keys))
    if start < group.chosen or None in starts:
        if len(remembered) > REMEMBERED:
            remembered.clear()
        for n, (value, label) in enumerate(keys):
            if start + n < group.chosen:
                starts[n] = _item_start(group.name, value, label, True)
            elif starts[n] is None:
                starts[n] = remembered[value, label] = _item_start(group.name, value, label, False)
    counts = group.counts[start:stop]
    return "".join([f"{html}{count}{END}" for html, count in zip(starts, counts, strict=True)])


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
    return mark_safe("".join(map(_fieldset, groups)))


def _fieldset(group: FacetGroup) -> str:
    listed, shown = len(group.values), group.shown_count
    return FIELDSET.format(
        name=group.name,
        title=_escaped(group.title),
        filter=FILTER.format(_escaped(group.title.lower())) if listed > shown else "",
        shown=_items(group, 0, shown),
        more=MORE.format(listed - shown, _items(group, shown, listed)) if listed > shown else "",
    )
