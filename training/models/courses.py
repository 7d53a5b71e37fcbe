"""Training courses (培训班): run by the national, provincial, city or county level."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.choices import Level
from common.paths import object_path

from .qualifications import Grade, QualificationKind


class CourseKind(models.TextChoices):
    REFEREE = "referee", _("裁判员")
    COACH = "coach", _("教练员")
    NEW_ROUTINE = "routine", _("新编套路")
    NEW_RULES = "rules", _("新规则")
    INSTRUCTOR = "instructor", _("社会体育指导员")
    ACTIVIST = "activist", _("骨干培训")


class CourseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self, today: dt.date | None = None):
        today = today or timezone.localdate()
        return self.filter(ends_on__gte=today).order_by("starts_on", "pk")

    def past(self, today: dt.date | None = None):
        today = today or timezone.localdate()
        return self.filter(ends_on__lt=today).order_by("-starts_on", "-pk")

    def in_year(self, year: int):
        return self.filter(starts_on__year=year)

    def open_for_nomination(self, today: dt.date | None = None):
        today = today or timezone.localdate()
        return self.filter(nomination_opens__lte=today, nomination_closes__gte=today)

    def with_related(self):
        return self.select_related("project", "committee")


class Course(models.Model):
    title = models.CharField(_("培训班名称"), max_length=120)
    project = models.ForeignKey(
        "grassroots.Project", verbose_name=_("项目"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="courses", help_text=_("社会体育指导员等综合培训可不选项目。"),
    )
    kind = models.CharField(_("类别"), max_length=12, choices=CourseKind.choices)
    level = models.CharField(_("主办层级"), max_length=12, choices=Level.choices)
    organiser = models.CharField(_("主办单位"), max_length=120, help_text=_("例如：中国老年人体育协会、晋城市体育局"))
    committee = models.ForeignKey(
        "committees.Committee", verbose_name=_("承办专委会"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="courses",
    )
    is_online = models.BooleanField(_("线上培训"), default=False)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    venue = models.CharField(_("培训地点"), max_length=150, blank=True, help_text=_("线上培训可填写平台名称。"))
    quota_per_unit = models.PositiveSmallIntegerField(
        _("每单位名额"), null=True, blank=True, help_text=_("每个会员单位最多推荐的人数；留空表示不限。")
    )
    nomination_opens = models.DateField(_("推荐开始日期"), null=True, blank=True)
    nomination_closes = models.DateField(_("推荐截止日期"), null=True, blank=True)
    description = models.TextField(_("培训说明"), blank=True)
    is_published = models.BooleanField(_("公开发布"), default=False)
    # What passing the course earns, if anything: a qualification kind and grade.
    grants_kind = models.CharField(
        _("结业授予资格"), max_length=12, blank=True,
        choices=QualificationKind.choices,
        help_text=_("考核合格后自动授予或晋升的资格；不授予资格请留空。"),
    )
    grants_grade = models.CharField(
        _("授予等级"), max_length=10, blank=True,
        choices=Grade.choices,
    )
    certificate_issuer = models.CharField(_("发证机构"), max_length=120, blank=True, help_text=_("留空则为主办单位。"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("培训班")
        verbose_name_plural = _("培训班")
        ordering = ("-starts_on", "title")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="course_ends_after_start",
                violation_error_message=_("结束日期不能早于开始日期。"),
            ),
            models.CheckConstraint(
                condition=Q(nomination_opens__isnull=True) | Q(nomination_closes__isnull=True)
                | Q(nomination_closes__gte=F("nomination_opens")),
                name="course_nomination_window_order",
                violation_error_message=_("推荐截止日期不能早于推荐开始日期。"),
            ),
            models.CheckConstraint(
                condition=Q(grants_kind="") | ~Q(grants_grade=""), name="course_grant_has_grade",
                violation_error_message=_("选择了授予资格，请同时选择授予等级。"),
            ),
        ]
        indexes = [models.Index(fields=("is_published", "starts_on")), models.Index(fields=("level", "starts_on"))]

    def __str__(self):
        return f"{self.title}（{self.starts_on:%Y-%m-%d}）" if self.starts_on else self.title

    def get_absolute_url(self):
        return object_path("training:course_detail", self.pk)

    @property
    def issuer(self) -> str:
        return self.certificate_issuer or self.organiser

    def nomination_open_on(self, day: dt.date) -> bool:
        return bool(self.nomination_opens and self.nomination_closes and self.nomination_opens <= day <= self.nomination_closes)

    @property
    def is_nomination_open(self) -> bool:
        return self.nomination_open_on(timezone.localdate())

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("结束日期不能早于开始日期。")
        if bool(self.nomination_opens) != bool(self.nomination_closes):
            errors["nomination_closes"] = _("推荐开始和截止日期请同时填写，或都留空。")
        elif self.nomination_opens and self.nomination_closes < self.nomination_opens:
            errors["nomination_closes"] = _("推荐截止日期不能早于推荐开始日期。")
        if self.grants_kind and not self.grants_grade:
            errors["grants_grade"] = _("选择了授予资格，请同时选择授予等级。")
        if self.grants_kind in ("referee", "coach") and not self.project_id:
            errors["project"] = _("授予裁判员或教练员资格的培训班必须选择项目。")
        if errors:
            raise ValidationError(errors)
