from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.chinese import chinese_ordinal
from common.paths import object_path
from common.uploads import validate_image_upload


class Festival(models.Model):
    """The numbered 老年文体艺术节: its contests are the year's city events."""

    edition = models.PositiveSmallIntegerField(_("届次"), unique=True, help_text=_("第几届，例如 5 表示第五届"))
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=100, help_text=_("例如：晋城市第五届老年文体艺术节"))
    theme = models.CharField(_("主题"), max_length=100, blank=True, help_text=_("例如：喜迎二十大，银辉添新彩"))
    start_date = models.DateField(_("开始日期"), null=True, blank=True)
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    organisers = models.CharField(
        _("主办单位"), max_length=300, blank=True, help_text=_("多个单位用顿号分隔，例如：市老体协、市委老干部局、市体育局、市卫健委")
    )
    description = models.TextField(_("简介"), blank=True)
    cover = models.ImageField(_("封面图片"), upload_to="events/festivals/%Y/", blank=True, validators=[validate_image_upload])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("老年文体艺术节")
        verbose_name_plural = _("老年文体艺术节")
        ordering = ("-edition",)
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="festival_end_after_start",
                violation_error_message=_("结束日期不能早于开始日期。"),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_path("events:festival_detail", self.edition, kwarg="edition")

    @property
    def edition_label(self) -> str:
        return f"{chinese_ordinal(self.edition)}届"
