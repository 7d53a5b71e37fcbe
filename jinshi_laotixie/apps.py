from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """Site-wide pages that join the apps: home, search, workbench, dashboard, reports."""

    name = "jinshi_laotixie"
    verbose_name = _("门户")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from common.cache import bump

        from .models import SitePage

        def clear_site_pages(**kwargs):
            bump("site")

        post_save.connect(clear_site_pages, sender=SitePage, dispatch_uid="site.pages.saved", weak=False)
        post_delete.connect(clear_site_pages, sender=SitePage, dispatch_uid="site.pages.deleted", weak=False)
