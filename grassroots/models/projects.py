from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ProjectCategory(models.TextChoices):
    BALL = "ball", _("球类")
    DANCE = "dance", _("操舞")
    MARTIAL = "martial", _("武术气功")
    BOARD = "board", _("棋牌")
    OTHER = "other", _("其他")


class ProjectQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Project(models.Model):
    """A sport or fitness activity (健身项目). Data, not code: staff add new ones."""

    name = models.CharField(_("项目名称"), max_length=40, unique=True)
    slug = models.SlugField(_("网址代号"), max_length=40, unique=True)
    category = models.CharField(_("类别"), max_length=12, choices=ProjectCategory.choices, default=ProjectCategory.OTHER)
    description = models.TextField(_("简介"), blank=True, help_text=_("面向公众的简短介绍。"))
    is_active = models.BooleanField(_("在用"), default=True, help_text=_("已停用的项目不能再被选用，但历史记录保留。"))
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    history = HistoricalRecords()

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("健身项目")
        verbose_name_plural = _("健身项目")
        ordering = ("sort_order", "name")

    def __str__(self):
        return self.name
