from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .organisations import Organisation
from .people import Person
from .projects import Project


class VenueKind(models.TextChoices):
    OUTDOOR = "outdoor", _("室外")
    INDOOR = "indoor", _("室内")


class ScopedQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(organisation__in=Organisation.objects.for_user(user))


class Venue(models.Model):
    organisation = models.ForeignKey(Organisation, verbose_name=_("所属组织"), on_delete=models.PROTECT, related_name="venues")
    name = models.CharField(_("场地名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200)
    kind = models.CharField(_("室内/室外"), max_length=10, choices=VenueKind.choices, default=VenueKind.OUTDOOR)
    area_m2 = models.DecimalField(_("面积（㎡）"), max_digits=9, decimal_places=1, null=True, blank=True)
    projects = models.ManyToManyField(Project, verbose_name=_("适合项目"), blank=True, related_name="venues")
    opening_hours = models.CharField(_("开放时间"), max_length=100, blank=True, help_text=_("例如：每天 6:00—21:00"))
    is_public = models.BooleanField(_("在“健身去哪儿”公开"), default=True)
    # What the site search matches a venue by (venue_search_text): kept on the row so that the search
    # is one trigram read of one column. Matched across the venue and its organisation, it was a UNION
    # of three trigram reads that PostgreSQL planned anew on every call (0.5-1.0 ms of the search page).
    search_text = models.TextField(editable=False, default="")
    # The organisation's member unit (county), kept by save() and by Organisation.save(): the finder
    # filters a county's venues by this indexed column instead of reading every venue of the city
    # and joining its organisation (EXPLAIN ANALYZE at scale 1, a county and a project: the page
    # query 3.7 → 1.8 ms; the finder's PostgreSQL time was mostly that scan).
    member_unit = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+", db_index=False
    )
    history = HistoricalRecords(m2m_fields=[projects], excluded_fields=["search_text", "member_unit"])

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("场地")
        verbose_name_plural = _("场地")
        ordering = ("organisation", "name")
        constraints = [models.UniqueConstraint(fields=("organisation", "name"), name="venue_unique_name_in_org")]
        indexes = [models.Index(fields=("member_unit",), condition=models.Q(is_public=True), name="venue_public_member_unit")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The organisation as loaded by the form or caller (one query only if it was not).
        organisation = self.organisation if self.organisation_id else None
        self.search_text = venue_search_text(self.name, self.address, organisation.name if organisation else "")
        self.member_unit_id = organisation.member_unit_id if organisation else None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "member_unit"}
        super().save(*args, **kwargs)


def venue_search_text(name: str, address: str, place: str) -> str:
    """A venue's name, address and organisation's name, one per line: a query never holds a line
    break (the search view replaces control characters), so no match spans two of them."""
    return f"{name}\n{address}\n{place}"


def refresh_venue_member_unit(organisation_id: int, member_unit_id: int | None) -> None:
    """After an organisation's member unit changes: its venues' copy, in one UPDATE."""
    Venue.objects.filter(organisation_id=organisation_id).update(member_unit_id=member_unit_id)


def refresh_venue_search_text(organisation_id: int, place: str) -> None:
    """After an organisation's name changes: its venues' search text, in one UPDATE."""
    from django.db.models import F, TextField, Value
    from django.db.models.functions import Concat

    Venue.objects.filter(organisation_id=organisation_id).update(
        search_text=Concat(F("name"), Value("\n"), F("address"), Value("\n"), Value(place), output_field=TextField())
    )


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, verbose_name=_("所属组织"), on_delete=models.PROTECT, related_name="teams")
    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("队伍名称"), max_length=100)
    leader = models.ForeignKey(
        Person, verbose_name=_("队长"), on_delete=models.SET_NULL, null=True, blank=True, related_name="led_teams"
    )
    member_count = models.PositiveIntegerField(_("人数"), default=0)
    venue = models.ForeignKey(Venue, verbose_name=_("活动场地"), on_delete=models.SET_NULL, null=True, blank=True, related_name="teams")
    # ISO weekday digits, 1 = Monday … 7 = Sunday, e.g. "135" for Monday, Wednesday and Friday.
    weekdays = models.CharField(_("活动日"), max_length=7, blank=True)
    start_time = models.TimeField(_("开始时间"), null=True, blank=True)
    end_time = models.TimeField(_("结束时间"), null=True, blank=True)
    is_active = models.BooleanField(_("活动中"), default=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("队伍")
        verbose_name_plural = _("队伍")
        ordering = ("organisation", "project", "name")
        # The finder's "plays the project" condition reads the active teams' venues of a project
        # from this index alone (grassroots.filters.PLAYS_OR_MEETS; with the venue_projects index of
        # migration 0009: page query 1.75 -> 1.5 ms at scale 1, 225 -> 95 buffers).
        indexes = [models.Index(fields=("project", "venue"), condition=models.Q(is_active=True), name="team_active_project_venue")]
        constraints = [
            models.UniqueConstraint(fields=("organisation", "name"), name="team_unique_name_in_org"),
            models.CheckConstraint(
                condition=models.Q(end_time__isnull=True) | models.Q(start_time__isnull=True) | models.Q(end_time__gt=models.F("start_time")),
                name="team_end_after_start",
                violation_error_message=_("结束时间必须晚于开始时间。"),
            ),
        ]

    def __str__(self):
        return self.name

    WEEKDAY_NAMES = {"1": "一", "2": "二", "3": "三", "4": "四", "5": "五", "6": "六", "7": "日"}

    @property
    def schedule_display(self) -> str:
        return schedule_text(self.weekdays, self.start_time, self.end_time)


def schedule_text(weekdays: str, start_time, end_time) -> str:
    """When a team meets, e.g. "周一、周三、周五 08:00—10:00" (the finder reads rows as values)."""
    names = Team.WEEKDAY_NAMES
    days = "、".join("周" + names[d] for d in weekdays if d in names)
    if len(weekdays) == 7:
        days = "每天"
    elif weekdays in ("12345", "123456"):
        days = "周一至周" + names[weekdays[-1]]
    times = ""
    if start_time:
        times = f"{start_time:%H:%M}"
        if end_time:
            times += f"—{end_time:%H:%M}"
    return " ".join(part for part in (days, times) if part)
