"""Links made from data: live only for http(s) addresses."""

from django import template

from archive.text import is_web_url

register = template.Library()


@register.filter
def web_url(url: str) -> bool:
    """Whether a stored address may be a live link (never ``javascript:`` and the like)."""
    return is_web_url(url or "")
