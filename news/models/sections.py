from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.paths import object_path


class SectionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Section(models.Model):
    """A news section (栏目). The six the navigation links to are created by a migration."""

    name = models.CharField(_("栏目名称"), max_length=30, unique=True)
    slug = models.SlugField(_("网址代号"), max_length=40, unique=True, help_text=_("用于网址，例如 dongtai。"))
    description = models.CharField(_("说明"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    history = HistoricalRecords()

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")
        ordering = ("sort_order", "pk")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_path("news:section", self.slug, "slug")
