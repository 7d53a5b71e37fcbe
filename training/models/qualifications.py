"""Qualifications: social sports instructor ranks, referee and coach grades per project."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import is_secretariat
from grassroots.models.organisations import acting_unit


class QualificationKind(models.TextChoices):
    INSTRUCTOR = "instructor", _("社会体育指导员")
    REFEREE = "referee", _("裁判员")
    COACH = "coach", _("教练员")


class Grade(models.TextChoices):
    THIRD = "3", _("三级")
    SECOND = "2", _("二级")
    FIRST = "1", _("一级")
    NATIONAL = "n", _("国家级")


GRADE_RANK = {Grade.THIRD: 1, Grade.SECOND: 2, Grade.FIRST: 3, Grade.NATIONAL: 4}
# The instructor ladder: to reach a grade, hold the one below for at least this many years.
LADDER_YEARS = {Grade.SECOND: (Grade.THIRD, 2), Grade.FIRST: (Grade.SECOND, 3), Grade.NATIONAL: (Grade.FIRST, 0)}
EXPIRY_WARNING_DAYS = 90


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class QualificationQuerySet(models.QuerySet):
    def for_user(self, user):
        if is_secretariat(user):
            return self
        unit = acting_unit(user)
        if unit is None:
            return self.none()
        return self.filter(person__member_unit_id=unit.pk)

    def expiring(self, today: dt.date | None = None, days: int = EXPIRY_WARNING_DAYS):
        today = today or timezone.localdate()
        return self.filter(expires_on__gte=today, expires_on__lte=today + dt.timedelta(days=days))

    def with_related(self):
        return self.select_related("person", "person__organisation", "project", "course")


class Qualification(models.Model):
    """One row per person, kind and project; raising the grade updates the row and the history
    keeps every earlier grade (with who changed it, when, and any override reason)."""

    person = models.ForeignKey("grassroots.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="qualifications")
    kind = models.CharField(_("资格类别"), max_length=12, choices=QualificationKind.choices)
    project = models.ForeignKey(
        "grassroots.Project", verbose_name=_("项目"), on_delete=models.PROTECT, null=True, blank=True, related_name="qualifications",
        help_text=_("裁判员、教练员必须选择项目；社会体育指导员不选。"),
    )
    grade = models.CharField(_("等级"), max_length=2, choices=Grade.choices)
    certificate_number = models.CharField(_("证书编号"), max_length=40, blank=True)
    issuer = models.CharField(_("发证机构"), max_length=120)
    issued_on = models.DateField(_("发证日期"))
    expires_on = models.DateField(_("有效期至"), null=True, blank=True, help_text=_("没有有效期的请留空。"))
    course = models.ForeignKey(
        "training.Course", verbose_name=_("取得资格的培训班"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="qualifications",
    )
    override_reason = models.TextField(
        _("破格晋级理由"), blank=True,
        help_text=_("不满足晋级年限或越级晋升时，秘书处须填写理由；理由保存在修改历史中。"),
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    objects = QualificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("资格证书")
        verbose_name_plural = _("资格证书")
        ordering = ("person", "kind", "project")
        constraints = [
            models.UniqueConstraint(
                fields=("person", "kind"), condition=Q(project__isnull=True), name="qualification_once_without_project",
                violation_error_message=_("此人已有这一类资格，请在原记录上晋级。"),
            ),
            models.UniqueConstraint(
                fields=("person", "kind", "project"), condition=Q(project__isnull=False), name="qualification_once_per_project",
                violation_error_message=_("此人已有这个项目的这一类资格，请在原记录上晋级。"),
            ),
            models.CheckConstraint(
                condition=Q(kind="instructor", project__isnull=True) | (~Q(kind="instructor") & Q(project__isnull=False)),
                name="qualification_project_matches_kind",
                violation_error_message=_("裁判员、教练员资格必须选择项目；社会体育指导员不选项目。"),
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=models.F("issued_on")),
                name="qualification_expires_after_issue",
                violation_error_message=_("有效期必须晚于发证日期。"),
            ),
            models.UniqueConstraint(
                fields=("certificate_number",), condition=~Q(certificate_number=""), name="qualification_unique_certificate",
                violation_error_message=_("这个证书编号已被使用。"),
            ),
        ]

    def __str__(self):
        project = f"{self.project} " if self.project_id else ""
        return f"{self.person} · {project}{self.get_grade_display()}{self.get_kind_display()}"

    @property
    def title(self) -> str:
        project = str(self.project) if self.project_id else ""
        return f"{project}{self.get_grade_display()}{self.get_kind_display()}"

    def ladder_problem(self, previous_grade: str | None, previous_issued_on: dt.date | None) -> str | None:
        """Why moving from previous_grade to self.grade breaks the instructor ladder, or None."""
        if self.kind != QualificationKind.INSTRUCTOR or not self.grade or not self.issued_on:
            return None
        if previous_grade == self.grade:
            return None
        if previous_grade and GRADE_RANK[Grade(self.grade)] < GRADE_RANK[Grade(previous_grade)]:
            return _("不能把等级从%(old)s降为%(new)s。") % {"old": Grade(previous_grade).label, "new": self.get_grade_display()}
        rule = LADDER_YEARS.get(Grade(self.grade))
        if rule is None:
            return None
        needed, years = rule
        if previous_grade != needed:
            held = Grade(previous_grade).label if previous_grade else _("无")
            return _("晋升%(new)s须先持有%(needed)s（现为%(held)s），不能越级。") % {
                "new": self.get_grade_display(), "needed": needed.label, "held": held,
            }
        if years and previous_issued_on and add_years(previous_issued_on, years) > self.issued_on:
            return _("晋升%(new)s须持有%(needed)s满%(years)d年（%(since)s取得，%(until)s后方可晋升）。") % {
                "new": self.get_grade_display(), "needed": needed.label, "years": years,
                "since": previous_issued_on.isoformat(), "until": add_years(previous_issued_on, years).isoformat(),
            }
        return None

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == QualificationKind.INSTRUCTOR and self.project_id:
            errors["project"] = _("社会体育指导员资格不选项目。")
        if self.kind in (QualificationKind.REFEREE, QualificationKind.COACH) and not self.project_id:
            errors["project"] = _("裁判员、教练员资格必须选择项目。")
        if self.expires_on and self.issued_on and self.expires_on <= self.issued_on:
            errors["expires_on"] = _("有效期必须晚于发证日期。")
        if self.course_id and self.issued_on and self.issued_on < self.course.ends_on:
            errors["issued_on"] = _("发证日期（%(issued)s）早于培训班结束日期（%(ended)s），请核对。") % {
                "issued": self.issued_on.isoformat(), "ended": self.course.ends_on.isoformat(),
            }
        previous = None
        if self.pk:
            previous = type(self).objects.filter(pk=self.pk).values("grade", "issued_on", "override_reason").first()
        problem = self.ladder_problem(previous and previous["grade"], previous and previous["issued_on"])
        if problem and previous is None and self.grade == Grade.THIRD:
            problem = None
        # An override counts only when given for this change: a reason left from an earlier raise
        # must not wave the next one through.
        fresh_reason = self.override_reason.strip() and self.override_reason != (previous or {}).get("override_reason")
        if problem and not fresh_reason:
            errors["grade"] = [problem, _("如确需破格晋级，请在“破格晋级理由”中写明理由。")]
        if errors:
            raise ValidationError(errors)
