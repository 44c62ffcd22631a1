"""``{% site_url 'name' 'arg' %}``: ``{% url %}`` for addresses fixed in the template,
reversed once a process (``archive/site_urls.py`` says why)."""

from django import template

from archive.site_urls import fixed_url

register = template.Library()


@register.simple_tag
def site_url(name: str, *args: str | int) -> str:
    """The address of route ``name`` with constant ``args``, as ``{% url %}`` gives it."""
    return fixed_url(name, *args)
