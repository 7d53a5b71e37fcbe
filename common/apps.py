from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """Shared building blocks (validators, uploads, caching, registries); it has no models."""

    name = "common"
    verbose_name = _("公共组件")

    def ready(self):
        from . import history_guard

        history_guard.install()
