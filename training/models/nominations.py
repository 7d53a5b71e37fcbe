"""Nominations (推荐) of people to courses; the rows of a course's roster (花名册)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import is_secretariat
from grassroots.models.organisations import acting_unit


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("推荐")
    ADMITTED = "admitted", _("录取")
    DECLINED = "declined", _("未录取")
    ATTENDED = "attended", _("已参训")
    PASSED = "passed", _("合格")
    FAILED = "failed", _("不合格")


# Statuses that use up one of the unit's places on a course (a declined nomination frees it).
QUOTA_STATUSES = (
    NominationStatus.NOMINATED,
    NominationStatus.ADMITTED,
    NominationStatus.ATTENDED,
    NominationStatus.PASSED,
    NominationStatus.FAILED,
)
# Statuses that mean the person was trained (the figures count these).
TRAINED_STATUSES = (NominationStatus.ATTENDED, NominationStatus.PASSED, NominationStatus.FAILED)


class NominationQuerySet(models.QuerySet):
    def for_user(self, user):
        """Staff: all. A coordinator: only their own unit's nominations. Anyone else: none."""
        if is_secretariat(user):
            return self
        unit = acting_unit(user)
        if unit is None:
            return self.none()
        return self.filter(unit_id=unit.pk)

    def counting_quota(self):
        return self.filter(status__in=QUOTA_STATUSES)

    def trained(self):
        return self.filter(status__in=TRAINED_STATUSES)

    def with_related(self):
        return self.select_related("course", "course__project", "person", "person__organisation", "unit")


class Nomination(models.Model):
    course = models.ForeignKey("training.Course", verbose_name=_("培训班"), on_delete=models.CASCADE, related_name="nominations")
    person = models.ForeignKey("grassroots.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="nominations")
    # The member unit that nominated the person: scoping and the per-unit quota use it.
    unit = models.ForeignKey(
        "grassroots.Organisation", verbose_name=_("推荐单位"), on_delete=models.PROTECT, related_name="training_nominations",
        limit_choices_to={"level": 2},
    )
    status = models.CharField(_("状态"), max_length=12, choices=NominationStatus.choices, default=NominationStatus.NOMINATED)
    previous_grade = models.CharField(_("原等级"), max_length=30, blank=True)
    new_grade = models.CharField(_("培训后等级"), max_length=30, blank=True)
    certificate_number = models.CharField(_("证书编号"), max_length=40, blank=True)
    certificate_issuer = models.CharField(_("发证机构"), max_length=120, blank=True)
    certificate_date = models.DateField(_("发证日期"), null=True, blank=True)
    remark = models.CharField(_("备注"), max_length=200, blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("推荐人"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("推荐时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("推荐与花名册")
        verbose_name_plural = _("推荐与花名册")
        ordering = ("course", "unit", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("course", "person"), name="nomination_person_once_per_course",
                violation_error_message=_("此人已被推荐参加这个培训班，不能重复推荐。"),
            ),
            models.UniqueConstraint(
                fields=("certificate_number",), condition=~Q(certificate_number=""), name="nomination_unique_certificate",
                violation_error_message=_("这个证书编号已被使用。"),
            ),
        ]
        indexes = [models.Index(fields=("course", "unit", "status")), models.Index(fields=("unit", "status"))]

    def __str__(self):
        return f"{self.person} · {self.course}"

    @property
    def passed(self) -> bool:
        return self.status == NominationStatus.PASSED
