"""Site-wide records: the about pages staff edit without a deploy, and the reminder log."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from common.html import RICH_TEXT_EXTENSIONS, sanitize_rich_text


class SitePageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class SitePage(models.Model):
    """An "about the association" page: 协会简介, 章程, 联系我们 … edited by staff in the admin."""

    slug = models.SlugField(_("网址代号"), max_length=40, unique=True, help_text=_("例如 zhangcheng，页面地址为 /about/zhangcheng/"))
    title = models.CharField(_("标题"), max_length=60)
    summary = models.CharField(_("摘要"), max_length=200, blank=True)
    body = ProseEditorField(_("正文"), config={"extensions": RICH_TEXT_EXTENSIONS}, sanitize=sanitize_rich_text, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_published = models.BooleanField(_("公开"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    objects = SitePageQuerySet.as_manager()

    class Meta:
        verbose_name = _("关于协会页面")
        verbose_name_plural = _("关于协会页面")
        ordering = ("sort_order", "title")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_rich_text(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("about_page", args=[self.slug])


class ReminderLog(models.Model):
    """One reminder mailed to one user; the unique key makes send_reminders never send it twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("收件人"), on_delete=models.CASCADE, related_name="reminders")
    key = models.CharField(_("提醒标识"), max_length=300)
    title = models.CharField(_("事项"), max_length=200)
    due = models.DateField(_("截止日期"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("提醒记录")
        verbose_name_plural = _("提醒记录")
        ordering = ("-sent_at",)
        constraints = [models.UniqueConstraint(fields=("user", "key"), name="reminder_once_per_user_and_key")]

    def __str__(self):
        return f"{self.user} · {self.title}"
