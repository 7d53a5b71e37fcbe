from django import template

from ..selectors import public_articles

register = template.Library()


@register.inclusion_tag("news/includes/home_news.html")
def latest_news(count=6):
    """The newest published articles for the home page (pinned first)."""
    return {"articles": list(public_articles()[:count])}
