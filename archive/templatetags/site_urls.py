"""``{% site_url 'name' 'arg' %}`` and ``{% site_static 'path' %}``: ``{% url %}`` and
``{% static %}`` for addresses fixed in the template, found once a process
(``archive/site_urls.py`` says why).

A results page holds some twenty of them. As simple tags they cost 7 µs (a
route, mostly in asking Django for the URL configuration and the script
prefix) and 12 µs (a static file's hashed name) each. So a page asks for its
scope once, and each tag keeps its escaped address for the scope it last
rendered in.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import FilterExpression, Node
from django.templatetags.static import static
from django.utils.html import conditional_escape

from archive.site_urls import Scope, address, current_scope

register = template.Library()
_SCOPE = "archive.site_urls.scope"  # the page's scope, in its render context


def page_scope(context: template.Context) -> Scope:
    """The scope of the page being rendered, asked of Django once a page."""
    scope = context.render_context.get(_SCOPE)
    if scope is None:
        scope = context.render_context[_SCOPE] = current_scope()
    return scope


class SiteUrlNode(Node):
    """A route's address; with constant arguments, kept for the scope it was made in."""

    def __init__(self, name: str, args: list[FilterExpression]) -> None:
        self.name = name
        self.args = args
        literal = all(not arg.is_var and not arg.filters for arg in args)
        self.fixed = tuple(arg.var for arg in args) if literal else None
        self.memo: tuple[Scope, str] | None = None

    def render(self, context: template.Context) -> str:
        scope = page_scope(context)
        if self.fixed is None:
            args = tuple(arg.resolve(context) for arg in self.args)
            return conditional_escape(address(scope, self.name, args))
        memo = self.memo  # one read: another thread may replace it meanwhile
        if memo is None or memo[0] != scope:
            memo = self.memo = (scope, conditional_escape(address(scope, self.name, self.fixed)))
        return memo[1]


@register.tag
def site_url(parser, token) -> SiteUrlNode:
    """``{% site_url 'name' arg… %}``: the address of route ``name``, as ``{% url %}``
    gives it; a route name written in quotes."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "'\"" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a quoted route name: {token.contents}")
    return SiteUrlNode(bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])


@register.simple_tag
def site_static(path: str) -> str:
    """``{% static path %}``, found once a process for each address of the static files."""
    return _static(settings.STATIC_URL, path)


@lru_cache(maxsize=256)
def _static(static_url: str, path: str) -> str:
    return conditional_escape(static(path))


@receiver(setting_changed)
def _forget_static_files(setting: str, **kwargs) -> None:
    """A test that changes where static files live gets their new addresses."""
    if setting in ("STATIC_URL", "STATIC_ROOT", "STORAGES", "INSTALLED_APPS"):
        _static.cache_clear()
