"""Addresses reversed once a process instead of once a link.

Django's ``reverse`` costs some 25 µs (it asks for the active language on
every lookup), and a results page makes 36 of them: its navigation, forms and
export links, and a link per hit. These return the same strings as
``reverse``, cached per URL configuration and script prefix so that a test's
``override_settings(ROOT_URLCONF=...)`` or a deployment under a sub-path
still gets its own addresses.
"""

from __future__ import annotations

import re

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse

# What Django's slug converter accepts; reverse() leaves these characters as they are.
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_PLACEHOLDER = "slug0placeholder0slug"

_fixed: dict[tuple, str] = {}
_patterns: dict[tuple, tuple[str, str]] = {}


def _scope() -> tuple:
    return (get_resolver(get_urlconf()), get_script_prefix())


def fixed_url(name: str, *args: str) -> str:
    """``reverse(name, args=args)`` for arguments that are constants of the code."""
    key = (*_scope(), name, args)
    try:
        return _fixed[key]
    except KeyError:
        url = _fixed[key] = reverse(name, args=args)
        return url


def slug_url(name: str, slug: str) -> str:
    """``reverse(name, args=[slug])`` for a route taking one slug: the route reversed once
    with a placeholder, the slug put in its place. Anything but a slug goes through
    ``reverse``, which refuses it as before."""
    if not _SLUG.fullmatch(slug):
        return reverse(name, args=[slug])
    key = (*_scope(), name)
    try:
        before, after = _patterns[key]
    except KeyError:
        before, _, after = reverse(name, args=[_PLACEHOLDER]).partition(_PLACEHOLDER)
        _patterns[key] = (before, after)
    return before + slug + after
