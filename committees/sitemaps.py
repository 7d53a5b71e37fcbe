from django.contrib.sitemaps import Sitemap

from .models import Committee


class CommitteeSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Committee.objects.active().only("slug", "sort_order", "name")
