"""Official documents (文件) with their number (发文字号) and attachments."""

import datetime as dt

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from common.cache import bump
from common.chinese import chinese_date
from common.html import RICH_TEXT_EXTENSIONS, html_to_text, sanitize_rich_text
from common.paths import object_path
from common.search import index_text, vector_expression

from ..numbers import format_number
from .attachments import AttachmentBase
from .counters import without_counters


class DocumentQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(is_published=True, published_at__lte=now or timezone.now())

    def newest_first(self):
        return self.order_by("-signed_on", "-year", "-serial", "-pk")


class Document(models.Model):
    prefix = models.CharField(_("机关代字"), max_length=30, help_text=_("例如“晋市老体字”。"))
    year = models.PositiveSmallIntegerField(_("年份"))
    serial = models.PositiveIntegerField(_("序号"))
    title = models.CharField(_("标题"), max_length=160)
    addressees = models.TextField(_("主送"), blank=True, help_text=_("主送单位，例如“各县（市、区）老体协”。"))
    signing_body = models.CharField(_("落款单位"), max_length=80, default="晋城市老年人体育协会")
    signed_on = models.DateField(_("成文日期"), default=dt.date.today)
    body = ProseEditorField(_("正文"), config={"extensions": RICH_TEXT_EXTENSIONS}, sanitize=sanitize_rich_text, blank=True)
    is_published = models.BooleanField(_("公开"), default=True)
    published_at = models.DateTimeField(_("公开时间"), default=timezone.now)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    search_text = models.TextField(_("检索文本"), blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    # Kept by news.models.counters: the pages skip the attachments query when there are none.
    attachment_count = models.PositiveSmallIntegerField(_("附件数"), default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["search_text", "search_vector", "attachment_count"])

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("文件")
        verbose_name_plural = _("文件")
        ordering = ("-signed_on", "-year", "-serial", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=("prefix", "year", "serial"),
                name="document_unique_number",
                violation_error_message=_("这个文号已经用过了：同一机关代字同一年的序号不能重复。"),
            ),
            models.CheckConstraint(condition=models.Q(serial__gte=1), name="document_serial_positive"),
        ]
        # The public list's order, newest first: a top-N sort over every document without it.
        indexes = [
            models.Index(fields=("-signed_on", "-year", "-serial", "-id"), condition=models.Q(is_published=True), name="document_public_order"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs):
        self.body = sanitize_rich_text(self.body)
        self.prefix = (self.prefix or "").strip()
        searchable = f"{self.number}\n{self.addressees}\n{self.body_text}"
        self.search_text = index_text(self.title, searchable)
        super().save(*args, **without_counters(self, kwargs))
        if connections[self._state.db or "default"].vendor == "postgresql":
            type(self).objects.filter(pk=self.pk).update(search_vector=vector_expression(self.title, searchable))
        bump("news")

    def get_absolute_url(self):
        return object_path("news:document_detail", self.pk)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        bump("news")
        return result

    def clean(self):
        super().clean()
        if self.year and self.signed_on and abs(self.signed_on.year - self.year) > 1:
            raise ValidationError({"signed_on": _("成文日期与文号年份相差太多，请核对。")})

    @property
    def number(self) -> str:
        return format_number(self.prefix, self.year, self.serial)

    @property
    def signed_on_chinese(self) -> str:
        return chinese_date(self.signed_on)

    @property
    def body_text(self) -> str:
        return html_to_text(self.body)


class DocumentAttachment(AttachmentBase):
    document = models.ForeignKey(Document, verbose_name=_("文件"), on_delete=models.CASCADE, related_name="attachments")
    history = HistoricalRecords()

    class Meta(AttachmentBase.Meta):
        verbose_name = _("文件附件")
        verbose_name_plural = _("文件附件")

    def get_absolute_url(self):
        return object_path("news:document_attachment", self.pk)
