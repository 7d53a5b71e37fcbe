from django import template
from django.utils.safestring import SafeData

from common.search import highlight as mark_words

register = template.Library()


@register.filter
def highlight(text, query):
    """Mark the query's words in a hit's title or snippet. Providers that highlight themselves
    (news) hand over safe HTML, which is kept as it is; plain text is escaped first."""
    if isinstance(text, SafeData):
        return text
    return mark_words(str(text or ""), str(query or ""))


@register.filter
def can_use_recycle_bin(user) -> bool:
    """Whether the admin index offers the 回收站 link (the page itself checks again)."""
    from jinshi_laotixie.recycle_bin_views import bin_models_for

    return bool(bin_models_for(user))
