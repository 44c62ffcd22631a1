"""Template tags that bring search into other apps' pages (archive never imports search)."""

import logging

from django import template

from archive.models import Statement
from search import searching
from search.backends.base import IndexUnavailable

log = logging.getLogger(__name__)

register = template.Library()


@register.inclusion_tag("search/_more_like_this.html")
def more_like_this(statement: Statement, limit: int = 5) -> dict:
    """Published statements whose words are most like this one's (none without an index)."""
    try:
        similar = searching.more_like_this(
            str(statement.pk), statement.body, limit=limit, language=statement.language
        )
        ids = [int(i) for i in similar]
    except IndexUnavailable as exc:
        log.error("No similar statements on %s: %s", statement.get_absolute_url(), exc)
        ids = []
    return {"similar": Statement.objects.published().for_display().in_order(ids)}
