"""Officers (职务): a grassroots Person holding a role in a committee or in the association itself."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.chinese import chinese_ordinal
from grassroots.models import Person

from .committees import Committee


class OfficerRole(models.TextChoices):
    # The association's own leadership (委员会为空).
    CHAIRMAN = "chairman", _("主席")
    EXECUTIVE_VICE_CHAIRMAN = "exec_vice_chairman", _("常务副主席")
    VICE_CHAIRMAN = "vice_chairman", _("副主席")
    # Shared by the association and its committees.
    SECRETARY_GENERAL = "secretary_general", _("秘书长")
    DEPUTY_SECRETARY_GENERAL = "deputy_secretary_general", _("副秘书长")
    ADVISER = "adviser", _("顾问")
    # A committee's officers.
    DIRECTOR = "director", _("主任")
    DEPUTY_DIRECTOR = "deputy_director", _("副主任")
    MEMBER = "member", _("委员")


ASSOCIATION_ROLES = (
    OfficerRole.CHAIRMAN,
    OfficerRole.EXECUTIVE_VICE_CHAIRMAN,
    OfficerRole.VICE_CHAIRMAN,
    OfficerRole.SECRETARY_GENERAL,
    OfficerRole.DEPUTY_SECRETARY_GENERAL,
    OfficerRole.ADVISER,
)
COMMITTEE_ROLES = (
    OfficerRole.DIRECTOR,
    OfficerRole.DEPUTY_DIRECTOR,
    OfficerRole.SECRETARY_GENERAL,
    OfficerRole.DEPUTY_SECRETARY_GENERAL,
    OfficerRole.MEMBER,
)
# Display order, leaders first, valid for both bodies (a committee's 主任 before its 秘书长).
ROLE_RANK = {
    role: rank
    for rank, role in enumerate(
        (
            OfficerRole.CHAIRMAN, OfficerRole.EXECUTIVE_VICE_CHAIRMAN, OfficerRole.VICE_CHAIRMAN,
            OfficerRole.DIRECTOR, OfficerRole.DEPUTY_DIRECTOR,
            OfficerRole.SECRETARY_GENERAL, OfficerRole.DEPUTY_SECRETARY_GENERAL,
            OfficerRole.MEMBER, OfficerRole.ADVISER,
        )
    )
}


class OfficerQuerySet(models.QuerySet):
    def current(self):
        """Positions still held: a term that ended keeps its record with an end date."""
        return self.filter(ended_on__isnull=True)

    def ended(self):
        return self.filter(ended_on__isnull=False)

    def association(self):
        return self.filter(committee__isnull=True)

    def of_committee(self, committee):
        return self.filter(committee=committee)

    def for_user(self, user):
        """Staff: all. A committee officer: only their committee's positions (never the association's)."""
        from accounts.roles import is_secretariat

        from .committees import officer_committee

        if is_secretariat(user):
            return self
        committee = officer_committee(user)
        if committee is None:
            return self.none()
        return self.filter(committee=committee)


class Officer(models.Model):
    person = models.ForeignKey(
        Person, verbose_name=_("人员"), on_delete=models.PROTECT, related_name="officer_positions",
        help_text=_("从基层人员库中选择。公开页面只显示姓名和职务。"),
    )
    committee = models.ForeignKey(
        Committee, verbose_name=_("专委会"), on_delete=models.PROTECT, related_name="officers", null=True, blank=True,
        help_text=_("留空表示市老体协本身的领导职务（主席、副主席、秘书长等）。"),
    )
    role = models.CharField(_("职务"), max_length=30, choices=OfficerRole.choices)
    term = models.PositiveSmallIntegerField(_("届次"), default=1, help_text=_("第几届，例如 7 表示第七届。"))
    started_on = models.DateField(_("任职日期"))
    ended_on = models.DateField(_("卸任日期"), null=True, blank=True, help_text=_("仍在任请留空；卸任后填写，记录保留。"))
    sort_order = models.PositiveIntegerField(_("排序"), default=0, help_text=_("同一职务内的先后，数字小的在前。"))
    note = models.CharField(_("备注"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = OfficerQuerySet.as_manager()

    class Meta:
        verbose_name = _("职务")
        verbose_name_plural = _("职务（领导与专委会成员）")
        ordering = ("committee__sort_order", "-term", "sort_order", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="officer_end_after_start",
                violation_error_message=_("卸任日期不能早于任职日期。"),
            ),
            models.CheckConstraint(
                condition=Q(term__gte=1),
                name="officer_term_positive",
                violation_error_message=_("届次从 1 开始。"),
            ),
            models.CheckConstraint(
                condition=(Q(committee__isnull=True) & Q(role__in=[r.value for r in ASSOCIATION_ROLES]))
                | (Q(committee__isnull=False) & Q(role__in=[r.value for r in COMMITTEE_ROLES])),
                name="officer_role_fits_body",
                violation_error_message=_("这个职务与所属机构不符：主席、副主席、顾问属于协会，主任、副主任、委员属于专委会。"),
            ),
            models.UniqueConstraint(
                fields=("committee", "term"),
                condition=Q(role="director", ended_on__isnull=True, committee__isnull=False),
                name="officer_one_current_director_per_committee_term",
                violation_error_message=_("这个专委会本届已有一位在任主任。请先为前任填写卸任日期。"),
            ),
            models.UniqueConstraint(
                fields=("term",),
                condition=Q(role="chairman", ended_on__isnull=True, committee__isnull=True),
                name="officer_one_current_chairman_per_term",
                violation_error_message=_("协会本届已有一位在任主席。请先为前任填写卸任日期。"),
            ),
            # A double submit must not list the same person twice in the same post.
            models.UniqueConstraint(
                fields=("person", "committee", "role", "term"),
                condition=Q(ended_on__isnull=True, committee__isnull=False),
                name="officer_unique_current_committee_position",
                violation_error_message=_("此人本届已担任这个职务。"),
            ),
            models.UniqueConstraint(
                fields=("person", "role", "term"),
                condition=Q(ended_on__isnull=True, committee__isnull=True),
                name="officer_unique_current_association_position",
                violation_error_message=_("此人本届已担任这个职务。"),
            ),
        ]
        indexes = [models.Index(fields=("committee", "ended_on"))]

    def __str__(self):
        body = self.committee or _("市老体协")
        return f"{body} {self.get_role_display()} {self.person}"

    @property
    def term_label(self) -> str:
        return f"{chinese_ordinal(self.term)}届"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None

    @property
    def role_rank(self) -> int:
        return ROLE_RANK.get(self.role, 99)

    def clean(self):
        super().clean()
        errors = {}
        if self.role:
            if self.committee_id is None and self.role not in ASSOCIATION_ROLES:
                errors["role"] = _("“%(role)s”是专委会的职务：请选择所属专委会，或改选协会职务（主席、副主席、秘书长等）。") % {
                    "role": self.get_role_display()
                }
            elif self.committee_id is not None and self.role not in COMMITTEE_ROLES:
                errors["role"] = _("“%(role)s”是协会的职务，专委会的职务是主任、副主任、秘书长、副秘书长、委员。") % {
                    "role": self.get_role_display()
                }
        if self.started_on and self.ended_on:
            if self.ended_on < self.started_on:
                errors["ended_on"] = _("卸任日期（%(end)s）不能早于任职日期（%(start)s）。") % {
                    "end": self.ended_on.isoformat(), "start": self.started_on.isoformat()
                }
            elif self.ended_on > timezone.localdate():
                errors["ended_on"] = _("卸任日期不能晚于今天；仍在任请留空。")
        if self.started_on and self.started_on > timezone.localdate() + dt.timedelta(days=366):
            errors["started_on"] = _("任职日期不能在一年以后。")
        if self.person_id and not self._person_active():
            errors["person"] = _("这个人员已不在册，不能任命新职务。")
        if errors:
            raise ValidationError(errors)

    def _person_active(self) -> bool:
        if self.pk and not self._state.adding:
            # An existing record may keep a person who left since (history stays readable).
            return True
        return Person.objects.filter(pk=self.person_id, is_active=True).exists()
