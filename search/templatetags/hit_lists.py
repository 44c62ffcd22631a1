"""The search page's list of hits, joined in Python (search/web/markup.py says why).

Twenty hits of nine values each cost the page more in template variable
lookups than its search; the markup is the template's own, row for row.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from archive.listed import Listed
from archive.models import Statement
from archive.site_urls import slug_urls
from search.backends.base import Hit
from search.web.markup import escaped

register = template.Library()

# Labels of the kinds and languages, looked up as ``get_FOO_display`` would (which
# rebuilds its choices on every call).
KINDS = dict(Statement._meta.get_field("kind").flatchoices)
LANGUAGES = dict(Statement._meta.get_field("language").flatchoices)

ITEM = (
    '<li class="hit">\n'
    '        <a class="title" href="{url}">{title}</a>\n'
    '        <p class="meta">\n'
    "          <time{datetime}>{date}</time>\n"
    "          · {issuer}{country}\n"
    "          · {kind} · {language}\n"
    "        </p>\n"
    "        {snippet}\n"
    "      </li>"
)


@register.simple_tag
def hit_items(rows: list[tuple[Listed, Hit]]) -> SafeString:
    """One ``<li>`` per hit: title and link, date, issuer, kind, language, snippet (HTML
    that ``search.searching`` escaped and marked)."""
    items = []
    urls = slug_urls("archive:statement", [statement.slug for statement, _ in rows])
    for (statement, hit), url in zip(rows, urls, strict=True):
        iso = statement.date_iso
        country = statement.issuer_country_name
        items.append(
            ITEM.format(
                url=escaped(url),
                title=escaped(statement.title),
                datetime=f' datetime="{escaped(iso)}"' if iso else "",
                date=escaped(statement.date_display),
                issuer=escaped(statement.issuer_name),
                country=f" ({escaped(country)})" if country else "",
                kind=escaped(KINDS.get(statement.kind, statement.kind)),
                language=escaped(LANGUAGES.get(statement.language, statement.language)),
                snippet=_snippet(statement, hit, url),
            )
        )
    return mark_safe("\n      ".join(items))


def _snippet(statement: Listed, hit: Hit, url: str) -> str:
    """The snippet, in the language of the version it was cut from, which is named, and
    linked where the page shows it, when it is not the statement's own."""
    if not hit.snippet:
        return ""
    if not hit.language or hit.language == statement.language:
        return f'<p class="snippet">{hit.snippet}</p>'
    name = escaped(LANGUAGES.get(hit.language, hit.language))
    version = escaped(f"{url}#text-{hit.language}")
    return (
        f'<p class="snippet" lang="{escaped(hit.language)}">{hit.snippet}'
        f' <span class="meta" lang="en">(in the <a href="{version}">{name} version</a>)</span></p>'
    )
