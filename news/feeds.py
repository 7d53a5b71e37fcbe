"""RSS of the latest published articles, and one per section."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Section
from .selectors import public_articles

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    title = _("晋城市老年人体育协会 · 最新新闻")
    description = _("市老体协的协会动态、通知公告、赛事活动和基层风采。")

    def link(self):
        return reverse("news:article_list")

    def items(self):
        return public_articles()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.section.name]

    def item_author_name(self, item):
        return item.byline or (item.unit.display_name if item.unit_id else None)


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section.objects.active(), slug=slug)

    def title(self, obj):
        return f"晋城市老年人体育协会 · {obj.name}"

    def description(self, obj):
        return obj.description or obj.name

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return public_articles(obj)[:FEED_SIZE]
