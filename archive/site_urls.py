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
from django.utils.translation import get_language

# What Django's slug converter accepts; reverse() leaves these characters as they are.
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_PLACEHOLDER = "slug0placeholder0slug"

# What an address depends on besides its name and arguments.
Scope = tuple[URLResolver, str, str | None]


def _scope() -> Scope:
    return (get_resolver(get_urlconf()), get_script_prefix(), get_language())


def fixed_url(name: str, *args: str | int) -> str:
    """``reverse(name, args=args)`` for arguments that are constants of the code."""
    return _reversed(_scope(), name, args)


def slug_url(name: str, slug: str) -> str:
    """``reverse(name, args=[slug])`` for a route taking one slug: the route reversed once
    with a placeholder, the slug put in its place. Anything but a slug goes through
    ``reverse``, which refuses it as before."""
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
        return reverse(name, args=[slug])
    before, after = _around_slug(_scope(), name)
    return before + slug + after


@lru_cache(maxsize=512)
def _reversed(scope: Scope, name: str, args: tuple[str | int, ...]) -> str:
    return reverse(name, args=args)


@lru_cache(maxsize=64)
def _around_slug(scope: Scope, name: str) -> tuple[str, str]:
    """The route's address before and after its slug."""
    before, _, after = reverse(name, args=[_PLACEHOLDER]).partition(_PLACEHOLDER)
    return before, after
