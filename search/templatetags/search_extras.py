"""Template tags that bring search into other apps' pages (archive never imports search)."""

from django import template

from archive.models import Statement
from search.backends import get_backend

register = template.Library()


@register.inclusion_tag("search/_more_like_this.html")
def more_like_this(statement: Statement, limit: int = 5) -> dict:
    """Published statements whose words are most like this one's."""
    ids = [int(i) for i in get_backend().more_like_this(str(statement.pk), limit=limit)]
    return {"similar": Statement.objects.published().for_display().in_order(ids)}
