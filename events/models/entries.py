"""Entries (报名): a unit's team in one item of an event, with its members."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .events import Event, Item


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    ACCEPTED = "accepted", _("已确认")
    REJECTED = "rejected", _("已退回")
    WITHDRAWN = "withdrawn", _("已撤回")


# The statuses that hold a place in the unit's quota and a person's place in an item.
ACTIVE_STATUSES = (EntryStatus.DRAFT, EntryStatus.SUBMITTED, EntryStatus.ACCEPTED)


class EntryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def for_user(self, user):
        """Staff: all. Coordinators: their unit's entries. Committee officers: their committee's events."""
        from accounts.roles import is_secretariat
        from committees.models import officer_committee
        from grassroots.models.organisations import acting_unit

        if is_secretariat(user):
            return self
        unit = acting_unit(user)
        if unit is not None:
            return self.filter(unit=unit)
        committee = officer_committee(user)
        if committee is not None:
            return self.filter(event__committee=committee)
        return self.none()


class Entry(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("赛事"), on_delete=models.PROTECT, related_name="entries")
    item = models.ForeignKey(Item, verbose_name=_("比赛项目"), on_delete=models.PROTECT, related_name="entries")
    unit = models.ForeignKey(
        "grassroots.Organisation", verbose_name=_("报名单位"), on_delete=models.PROTECT, related_name="event_entries",
        help_text=_("会员单位；市老体协组队参加上级赛事时选市级协会。"),
    )
    team_name = models.CharField(_("队名"), max_length=100)
    routine_title = models.CharField(_("套路名称"), max_length=60, blank=True, help_text=_("自选套路请填写，例如《兵哥哥》"))
    leader_name = models.CharField(_("领队"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    participants_text = models.CharField(
        _("参赛人员（文字）"), max_length=300, blank=True, help_text=_("上级赛事可只记人数或名单文字，不必逐一选人")
    )
    status = models.CharField(_("状态"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    reject_reason = models.CharField(_("退回原因"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        ordering = ("event", "item", "unit", "team_name")
        constraints = [
            # A double submit of the same team cannot make a second row.
            models.UniqueConstraint(
                fields=("item", "unit", "team_name"), condition=Q(status__in=ACTIVE_STATUSES),
                name="entry_unique_team_in_item", violation_error_message=_("本单位在这个项目中已有同名队伍。"),
            ),
            models.CheckConstraint(
                condition=~Q(status=EntryStatus.REJECTED) | ~Q(reject_reason=""),
                name="entry_rejected_has_reason", violation_error_message=_("退回报名时请写明原因。"),
            ),
        ]
        indexes = [models.Index(fields=("event", "unit", "status"))]

    def __str__(self):
        return f"{self.team_name}（{self.item}）"

    def get_absolute_url(self):
        return reverse("events_portal:entry_detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.item_id and self.event_id and self.item.event_id != self.event_id:
            raise ValidationError({"item": _("只能选择本赛事的比赛项目。")})

    @property
    def is_editable(self) -> bool:
        return self.status == EntryStatus.DRAFT


class EntryMember(models.Model):
    entry = models.ForeignKey(Entry, verbose_name=_("报名"), on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("grassroots.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="event_entries")
    # Copied from the entry so that the database itself keeps one person to one team per item.
    item = models.ForeignKey(Item, verbose_name=_("比赛项目"), on_delete=models.CASCADE, related_name="+", editable=False)
    is_active = models.BooleanField(_("有效"), default=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("参赛人员")
        verbose_name_plural = _("参赛人员")
        ordering = ("entry", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("item", "person"), condition=Q(is_active=True), name="entrymember_one_team_per_item",
                violation_error_message=_("同一人在一个项目中只能参加一支队伍。"),
            ),
        ]

    def __str__(self):
        return str(self.person)

    def save(self, *args, **kwargs):
        self.item_id = self.entry.item_id
        super().save(*args, **kwargs)
