"""Addresses reversed once a process instead of once a link.

Django's ``reverse`` costs some 25 µs (it asks for the active language on
every lookup), and a results page makes 36 of them: its navigation, forms and
export links, and a link per hit. These return the same strings as
``reverse``, kept per URL configuration, script prefix and language, so that
a test's ``override_settings(ROOT_URLCONF=...)``, a deployment under a
sub-path or translated routes still get their own addresses. The caches are
bounded: a stray variable passed as an argument cannot grow them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.urls import URLResolver, get_resolver, get_script_prefix, get_urlconf, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils.functional import Promise
from django.utils.translation import get_language

# What Django's slug converter accepts; reverse() leaves these characters as they are.
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_PLACEHOLDER = "slug0placeholder0slug"

# What an address depends on besides its name and arguments: the URL configuration, the
# script prefix, and the active language where the configuration's addresses depend on it.
Scope = tuple[URLResolver, str, str | None]


def current_scope() -> Scope:
    """What the addresses reversed now depend on besides their names and arguments."""
    resolver = get_resolver(get_urlconf())
    # Asking for the active language costs more than the rest (5 µs with none active): it is
    # asked only of a configuration whose addresses depend on it.
    language = get_language() if _by_language(resolver) else None
    return (resolver, get_script_prefix(), language)


@lru_cache(maxsize=16)
def _by_language(resolver: URLResolver) -> bool:
    """Whether ``resolver``'s addresses depend on the active language: a language prefix
    (``i18n_patterns``) or a translated route anywhere in it."""
    stack: list = [resolver]
    while stack:
        entry = stack.pop()
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            return True
        written = getattr(pattern, "_route", None) or getattr(pattern, "_regex", None)
        if isinstance(written, Promise):
            return True
        if isinstance(entry, URLResolver):
            stack.extend(entry.url_patterns)
    return False


def fixed_url(name: str, *args: str | int) -> str:
    """``reverse(name, args=args)`` for arguments that are constants of the code."""
    return address(current_scope(), name, args)


def slug_url(name: str, slug: str) -> str:
    """``reverse(name, args=[slug])`` for a route taking one slug: the route reversed once
    with a placeholder, the slug put in its place. Anything but a slug goes through
    ``reverse``, which refuses it as before."""
    return slug_urls(name, [slug])[0]


def slug_urls(name: str, slugs: list[str]) -> list[str]:
    """``slug_url`` of each of ``slugs``, the scope read once: a results page's twenty
    links to its hits."""
    before, after = _around_slug(current_scope(), name)
    return [
        before + slug + after
        if isinstance(slug, str) and _SLUG.fullmatch(slug)
        else reverse(name, args=[slug])
        for slug in slugs
    ]


@lru_cache(maxsize=512)
def address(scope: Scope, name: str, args: tuple[str | int, ...]) -> str:
    """``reverse(name, args=args)`` in ``scope`` (``current_scope``), kept."""
    return reverse(name, args=args)


@lru_cache(maxsize=64)
def _around_slug(scope: Scope, name: str) -> tuple[str, str]:
    """The route's address before and after its slug."""
    before, _, after = reverse(name, args=[_PLACEHOLDER]).partition(_PLACEHOLDER)
    return before, after
