"""Events (交流比赛 and 展示活动), their age groups and items (比赛项目)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.choices import Gender, Level, labels
from common.identity import age_on
from common.paths import object_path


class EventKind(models.TextChoices):
    FESTIVAL = "festival", _("艺术节赛事")
    HOLIDAY = "holiday", _("节日赛事")
    OUTREACH = "outreach", _("走基层")
    EXTERNAL = "external", _("上级赛事")
    SHOW = "show", _("展示活动")


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming_first(self, today: dt.date | None = None):
        """Upcoming and running events first (soonest first), then past ones (latest first)."""
        today = today or timezone.localdate()
        past = Case(When(end_date__lt=today, then=Value(1)), default=Value(0), output_field=IntegerField())
        upcoming_start = Case(When(end_date__gte=today, then=F("start_date")), default=None)
        return self.annotate(_is_past=past, _upcoming_start=upcoming_start).order_by(
            "_is_past", F("_upcoming_start").asc(nulls_last=True), "-start_date", "-pk"
        )

    def registration_open(self, now=None):
        now = now or timezone.now()
        return self.filter(
            is_published=True, registration_opens__lte=now, registration_closes__gte=now
        ).exclude(kind=EventKind.EXTERNAL)

    def for_officer(self, user):
        """Staff: all. A committee officer: their committee's events. Anyone else: none."""
        from accounts.roles import is_secretariat
        from committees.models import officer_committee

        if is_secretariat(user):
            return self
        committee = officer_committee(user)
        if committee is None:
            return self.none()
        return self.filter(committee=committee)

    def for_list(self):
        return self.select_related("project", "committee", "festival")


class Event(models.Model):
    title = models.CharField(_("名称"), max_length=150)
    kind = models.CharField(_("类别"), max_length=12, choices=EventKind.choices, default=EventKind.FESTIVAL)
    level = models.CharField(_("级别"), max_length=12, choices=Level.choices, default=Level.CITY)
    project = models.ForeignKey(
        "grassroots.Project", verbose_name=_("项目"), on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    committee = models.ForeignKey(
        "committees.Committee", verbose_name=_("承办专委会"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="events", help_text=_("负责组织和录入成绩的专委会；其干事可在后台管理本赛事。"),
    )
    festival = models.ForeignKey(
        "events.Festival", verbose_name=_("所属艺术节"), on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    host = models.CharField(_("主办单位"), max_length=300, blank=True, help_text=_("多个单位用顿号分隔"))
    organiser = models.CharField(_("承办单位"), max_length=300, blank=True)
    co_organisers = models.CharField(_("协办单位"), max_length=300, blank=True)
    host_unit = models.ForeignKey(
        "grassroots.Organisation", verbose_name=_("所在县（市、区）"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="hosted_events", limit_choices_to={"level": 2},
        help_text=_("走基层活动落在哪个县（市、区）；用于每年每县至少一场的统计。"),
    )
    is_online = models.BooleanField(_("线上举办"), default=False)
    venue = models.CharField(_("地点"), max_length=200, blank=True, help_text=_("线下活动的场地和地址"))
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    registration_opens = models.DateTimeField(_("报名开始"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("报名截止"), null=True, blank=True)
    quota_per_unit = models.PositiveSmallIntegerField(
        _("每单位限报队数"), null=True, blank=True, help_text=_("每个会员单位最多可报的队伍数；留空表示不限。")
    )
    description = models.TextField(_("简介和规程"), blank=True)
    is_published = models.BooleanField(_("公开发布"), default=False)
    results_released = models.BooleanField(
        _("公布成绩"), default=False, help_text=_("勾选前成绩只在后台可见；勾选后公众可在赛事页面查看。")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # This event as an iCalendar VEVENT, rendered on save (events/calendar.py): the feed joins these.
    ical_vevent = models.TextField(editable=False, blank=True, default="")
    history = HistoricalRecords(excluded_fields=["ical_vevent"])

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("赛事活动")
        verbose_name_plural = _("赛事活动")
        ordering = ("-start_date", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="event_end_after_start",
                violation_error_message=_("结束日期不能早于开始日期。"),
            ),
            models.CheckConstraint(
                condition=Q(registration_closes__isnull=True)
                | Q(registration_opens__isnull=True)
                | Q(registration_closes__gt=F("registration_opens")),
                name="event_registration_window",
                violation_error_message=_("报名截止时间必须晚于报名开始时间。"),
            ),
        ]
        indexes = [
            models.Index(fields=("is_published", "start_date")),
            models.Index(fields=("kind", "start_date")),
            # The public lists: upcoming (end_date >= today, soonest first) and the home page's
            # latest results; without them both read every published event at scale.
            models.Index(fields=("end_date", "start_date"), condition=Q(is_published=True), name="event_public_by_end"),
            models.Index(fields=("-end_date", "-id"), condition=Q(is_published=True, results_released=True), name="event_released_results"),
            # A committee's page: its upcoming and its past events, eight each. Read by date with the
            # committee only a filter, each took 0.3 ms, replanned on every call because the generic
            # plan looked dear; with this index both are a short index read on their generic plan (0.1 ms).
            models.Index(fields=("committee", "start_date", "id"), condition=Q(is_published=True), name="event_committee_by_date"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        from ..calendar import vevent_text

        creating = self.pk is None
        if not creating:
            self.ical_vevent = vevent_text(self)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "ical_vevent"}
        super().save(*args, **kwargs)
        if creating:  # the VEVENT's UID needs the new primary key; no second history row
            self.ical_vevent = vevent_text(self)
            type(self)._default_manager.using(self._state.db).filter(pk=self.pk).update(ical_vevent=self.ical_vevent)

    def get_absolute_url(self):
        return object_path("events:event_detail", self.pk)

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("结束日期不能早于开始日期。")
        if self.registration_opens and self.registration_closes and self.registration_closes <= self.registration_opens:
            errors["registration_closes"] = _("报名截止时间必须晚于报名开始时间。")
        if not self.is_online and not self.venue and self.kind != EventKind.EXTERNAL:
            errors["venue"] = _("线下活动请填写地点，线上活动请勾选“线上举办”。")
        if self.kind == EventKind.OUTREACH and not self.host_unit_id:
            errors["host_unit"] = _("走基层活动请选择所在县（市、区）。")
        if errors:
            raise ValidationError(errors)

    @property
    def year(self) -> int:
        return self.start_date.year

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(
            self.registration_opens and self.registration_closes and self.registration_opens <= now <= self.registration_closes
        )

    @property
    def is_past(self) -> bool:
        return self.end_date < timezone.localdate()

    # The event page's badges: labels translated once per language (common.choices.labels). Django's
    # get_FOO_display() hashes the field's choices, which translates every lazy label of the list.
    @property
    def kind_label(self) -> str:
        return labels(EventKind).get(self.kind, self.kind)

    @property
    def level_label(self) -> str:
        return labels(Level).get(self.level, self.level)

    @property
    def place_display(self) -> str:
        if self.is_online:
            return str(_("线上"))
        return self.venue

    @property
    def organisers_lines(self) -> list[tuple[str, str]]:
        pairs = [(_("主办"), self.host), (_("承办"), self.organiser), (_("协办"), self.co_organisers)]
        return [(str(label), value) for label, value in pairs if value]


class AgeGroup(models.Model):
    """An age band of one event: 甲组 is not always the oldest, so each event defines its own."""

    event = models.ForeignKey(Event, verbose_name=_("赛事"), on_delete=models.CASCADE, related_name="age_groups")
    label = models.CharField(_("组别"), max_length=30, help_text=_("例如：甲组"))
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, blank=True, help_text=_("留空表示男女不限"))
    min_age = models.PositiveSmallIntegerField(_("最小年龄"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("最大年龄"), null=True, blank=True)
    reference_date = models.DateField(_("年龄计算日"), help_text=_("按出生日期计算到这一天的周岁"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("年龄组")
        verbose_name_plural = _("年龄组")
        ordering = ("event", "label")
        constraints = [
            models.UniqueConstraint(fields=("event", "label"), name="agegroup_unique_label_in_event"),
            models.CheckConstraint(
                condition=Q(max_age__isnull=True) | Q(min_age__isnull=True) | Q(max_age__gte=F("min_age")),
                name="agegroup_max_after_min",
                violation_error_message=_("最大年龄不能小于最小年龄。"),
            ),
        ]

    def __str__(self):
        return self.label + (self.describe_limits and f"（{self.describe_limits}）")

    @property
    def describe_limits(self) -> str:
        parts = []
        if self.gender:
            parts.append(labels(Gender).get(self.gender, self.gender))
        if self.min_age is not None and self.max_age is not None:
            parts.append(f"{self.min_age}—{self.max_age}岁")
        elif self.min_age is not None:
            parts.append(f"{self.min_age}岁及以上")
        elif self.max_age is not None:
            parts.append(f"{self.max_age}岁及以下")
        return "，".join(str(p) for p in parts)

    def check_person(self, person) -> str | None:
        """Why this person does not fit the group, or None when they do."""
        age = age_on(person.birth_date, self.reference_date)
        if self.min_age is not None and age < self.min_age:
            return _("%(name)s 在 %(date)s 时 %(age)s 岁，不满本组最小年龄 %(min)s 岁。") % {
                "name": person.name, "date": self.reference_date.isoformat(), "age": age, "min": self.min_age,
            }
        if self.max_age is not None and age > self.max_age:
            return _("%(name)s 在 %(date)s 时 %(age)s 岁，超过本组最大年龄 %(max)s 岁。") % {
                "name": person.name, "date": self.reference_date.isoformat(), "age": age, "max": self.max_age,
            }
        if self.gender and person.gender != self.gender:
            return _("%(name)s 是%(gender)s性，本组只限%(wanted)s性。") % {
                "name": person.name, "gender": Gender(person.gender).label, "wanted": Gender(self.gender).label,
            }
        return None


class RoutineKind(models.TextChoices):
    NONE = "", _("不适用")
    SET = "set", _("规定套路")
    FREE = "free", _("自选套路")


class TeamSize(models.TextChoices):
    GROUP = "group", _("集体")
    PAIR = "pair", _("双人")
    SINGLE = "single", _("单人")


class RacketKind(models.TextChoices):
    NONE = "", _("不适用")
    SINGLE = "single", _("单拍")
    DOUBLE = "double", _("双拍")


class Item(models.Model):
    """A 比赛项目 of one event: a routine (规定/自选) or a match-play discipline (男双, 团体 …)."""

    event = models.ForeignKey(Event, verbose_name=_("赛事"), on_delete=models.CASCADE, related_name="items")
    project = models.ForeignKey(
        "grassroots.Project", verbose_name=_("项目"), on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text=_("留空则与赛事的项目相同"),
    )
    name = models.CharField(_("名称"), max_length=100, blank=True, help_text=_("留空时按下列信息自动生成，例如“单拍集体规定套路”"))
    routine_kind = models.CharField(_("套路类别"), max_length=8, choices=RoutineKind.choices, blank=True)
    set_number = models.CharField(_("规定套路套数"), max_length=30, blank=True, help_text=_("例如：第八套"))
    routine_title = models.CharField(_("自选套路名称"), max_length=60, blank=True, help_text=_("例如：《兵哥哥》；可由各队报名时填写"))
    size = models.CharField(_("规模"), max_length=8, choices=TeamSize.choices, default=TeamSize.GROUP)
    racket = models.CharField(_("单拍/双拍"), max_length=8, choices=RacketKind.choices, blank=True)
    discipline = models.CharField(_("比赛小项"), max_length=30, blank=True, help_text=_("对抗项目用，例如：男双、混双、团体"))
    team_min = models.PositiveSmallIntegerField(_("每队最少人数"), default=1)
    team_max = models.PositiveSmallIntegerField(_("每队最多人数"), default=1)
    age_group = models.ForeignKey(
        AgeGroup, verbose_name=_("年龄组"), on_delete=models.PROTECT, null=True, blank=True, related_name="items"
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("比赛项目")
        verbose_name_plural = _("比赛项目")
        ordering = ("event", "sort_order", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(team_max__gte=F("team_min")),
                name="item_team_max_after_min",
                violation_error_message=_("每队最多人数不能小于最少人数。"),
            ),
            models.CheckConstraint(condition=Q(team_min__gte=1), name="item_team_min_positive"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name:
            base = self.name
        else:
            parts = []
            if self.age_group_id:
                parts.append(self.age_group.label)
            # Labels translated once per language (common.choices.labels): the event page names every item.
            if self.racket:
                parts.append(labels(RacketKind).get(self.racket, self.racket))
            if self.discipline:
                parts.append(self.discipline)
            else:
                parts.append(labels(TeamSize).get(self.size, self.size))
            if self.routine_kind:
                parts.append(labels(RoutineKind).get(self.routine_kind, self.routine_kind))
            base = "".join(str(p) for p in parts)
        extra = self.set_number or self.routine_title
        return f"{base} {extra}" if extra else base

    def clean(self):
        super().clean()
        errors = {}
        if self.team_min and self.team_max and self.team_max < self.team_min:
            errors["team_max"] = _("每队最多人数不能小于最少人数。")
        if self.age_group_id and self.event_id and self.age_group.event_id != self.event_id:
            errors["age_group"] = _("只能选择本赛事的年龄组。")
        if self.routine_kind == RoutineKind.SET and not self.set_number:
            errors["set_number"] = _("规定套路请填写套数，例如“第八套”。")
        if errors:
            raise ValidationError(errors)
