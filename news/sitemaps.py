from django.contrib.sitemaps import Sitemap

from .models import Article, Document, Section


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7
    limit = 1000

    def items(self):
        return Article.objects.published().only("pk", "updated_at").order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.updated_at


class SectionSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Section.objects.active()


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Document.objects.published().only("pk", "updated_at").order_by("-signed_on", "-pk")

    def lastmod(self, item):
        return item.updated_at
