from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """Site-wide pages that join the apps: home, search, workbench, dashboard, reports."""

    name = "jinshi_laotixie"
    verbose_name = _("门户")
