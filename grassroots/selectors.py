"""Reads across grassroots models, each with a fixed number of queries whatever the row count."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Case, F, When

from .models import (
    Campaign,
    Inspection,
    InspectionResult,
    Organisation,
    OrgLevel,
    OrgStatus,
    Rectification,
    SelfCheck,
    SelfCheckStatus,
    Team,
    Venue,
)


def finder_base():
    """Public venues of active organisations, undecorated: what the finder filters and counts.
    Counting the decorated list (below) kept its joins and CASE columns: 5 ms against 2 ms."""
    return Venue.objects.filter(is_public=True, organisation__status=OrgStatus.ACTIVE)


def in_finder_order(venues):
    """The venues with what a finder card shows, each township's before its villages'."""
    return (
        venues.select_related("organisation", "organisation__parent", "organisation__member_unit")
        .annotate(
            # Order by the township, whatever the level: a township's own venues, then its villages'.
            township_order=Case(When(organisation__level=OrgLevel.VILLAGE, then=F("organisation__parent__sort_order")), default=F("organisation__sort_order")),
            township_pk=Case(When(organisation__level=OrgLevel.VILLAGE, then=F("organisation__parent_id")), default=F("organisation_id")),
        )
        .order_by("organisation__member_unit__sort_order", "township_order", "township_pk", "organisation__level", "organisation__sort_order", "name", "pk")
    )


def finder_venues():
    """Public venues of active organisations, each township's before its villages'."""
    return in_finder_order(finder_base())


def attach_teams_and_projects(venues: list) -> list:
    """Give each venue .active_teams and .project_list from two queries by the venues' ids. (As a
    subquery over the page's window, each of the two re-ran the finder's sorted, joined query:
    5 ms apiece at scale.)"""
    # No venue has id 0: with an empty page the two queries still run (and find nothing), so the
    # finder asks the same queries whatever it finds (bench.querycount compares data sizes).
    ids = [venue.pk for venue in venues] or [0]
    teams = Team.objects.filter(is_active=True, venue_id__in=ids).select_related("project").order_by("start_time", "name")
    links = Venue.projects.through.objects.filter(venue_id__in=ids).select_related("project").order_by("project__sort_order")
    teams_by_venue, projects_by_venue = defaultdict(list), defaultdict(list)
    for team in teams:
        teams_by_venue[team.venue_id].append(team)
    for link in links:
        projects_by_venue[link.venue_id].append(link.project)
    for venue in venues:
        venue.active_teams = teams_by_venue[venue.pk]
        venue.project_list = projects_by_venue[venue.pk]
    return venues


def finder_page(venues, number, per_page: int):
    """A page of the finder from the filtered, undecorated ``venues``: count, venues, teams,
    projects; four queries at most."""
    page = Paginator(venues, per_page).get_page(number)
    offset = (page.number - 1) * per_page
    rows = list(in_finder_order(venues)[offset:offset + per_page])
    page.object_list = attach_teams_and_projects(rows)
    return page


def township_of(org) -> int | None:
    if org["level"] == OrgLevel.TOWNSHIP:
        return org["pk"]
    if org["level"] == OrgLevel.VILLAGE:
        return org["parent_id"]
    return None


@dataclass
class DashboardRow:
    key: int
    label: str
    registered: int = 0
    submitted: int = 0
    inspected: int = 0
    excellent: int = 0
    passed: int = 0
    failed: int = 0
    overdue: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def pass_rate(self) -> float | None:
        if not self.inspected:
            return None
        return round(100 * (self.excellent + self.passed) / self.inspected, 1)


def campaign_dashboard(*, campaign: Campaign, user_unit: Organisation | None) -> list[DashboardRow]:
    """Per county (staff: user_unit None) or per township of one county. Five queries, any size.

    The result of an organisation is its latest confirmed inspection in the campaign, so a passed
    re-inspection turns a 不合格 into 合格."""
    orgs = Organisation.objects.filter(level__in=campaign.levels, status=OrgStatus.ACTIVE)
    if user_unit is not None:
        orgs = orgs.filter(member_unit_id=user_unit.pk)
    org_rows = list(orgs.values("pk", "level", "parent_id", "member_unit_id"))
    if user_unit is None:
        groups = Organisation.objects.counties().order_by("sort_order")
        group_of = {org["pk"]: org["member_unit_id"] for org in org_rows}
    else:
        groups = Organisation.objects.townships().filter(member_unit_id=user_unit.pk).order_by("sort_order", "name")
        group_of = {org["pk"]: township_of(org) for org in org_rows}
    rows = {g.pk: DashboardRow(key=g.pk, label=g.display_name) for g in groups}
    for group_pk in group_of.values():
        if group_pk in rows:
            rows[group_pk].registered += 1
    submitted = SelfCheck.objects.filter(campaign=campaign, status=SelfCheckStatus.SUBMITTED, organisation_id__in=group_of)
    for org_pk in submitted.values_list("organisation_id", flat=True):
        row = rows.get(group_of.get(org_pk))
        if row:
            row.submitted += 1
    latest: dict[int, str] = {}
    confirmed = (
        Inspection.objects.filter(campaign=campaign, organisation_id__in=group_of)
        .exclude(result="")
        .order_by("inspected_on", "pk")
        .values_list("organisation_id", "result")
    )
    for org_pk, result in confirmed:
        latest[org_pk] = result
    for org_pk, result in latest.items():
        row = rows.get(group_of.get(org_pk))
        if not row:
            continue
        row.inspected += 1
        if result == InspectionResult.EXCELLENT:
            row.excellent += 1
        elif result == InspectionResult.PASS:
            row.passed += 1
        else:
            row.failed += 1
    overdue = Rectification.objects.filter(campaign=campaign, organisation_id__in=group_of).overdue()
    for org_pk in overdue.values_list("organisation_id", flat=True):
        row = rows.get(group_of.get(org_pk))
        if row:
            row.overdue += 1
    return list(rows.values())


def dashboard_totals(rows: list[DashboardRow]) -> DashboardRow:
    total = DashboardRow(key=0, label="合计")
    for row in rows:
        for name in ("registered", "submitted", "inspected", "excellent", "passed", "failed", "overdue"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return total


def selfcheck_overview(*, campaign: Campaign, organisations):
    """The organisations a coordinator must self-check, each with its self-check (or None),
    latest inspection and pending rectification. Three queries."""
    orgs = list(
        organisations.filter(level__in=campaign.levels, status=OrgStatus.ACTIVE)
        .select_related("parent")
        .annotate(
            township_order=Case(When(level=OrgLevel.VILLAGE, then=F("parent__sort_order")), default=F("sort_order")),
            township_pk=Case(When(level=OrgLevel.VILLAGE, then=F("parent_id")), default=F("pk")),
        )
        .order_by("member_unit__sort_order", "township_order", "township_pk", "level", "sort_order", "name")
    )
    ids = [org.pk for org in orgs]
    checks = {sc.organisation_id: sc for sc in SelfCheck.objects.filter(campaign=campaign, organisation_id__in=ids)}
    latest = {}
    for inspection in Inspection.objects.filter(campaign=campaign, organisation_id__in=ids).order_by("inspected_on", "pk"):
        latest[inspection.organisation_id] = inspection
    rectifications = {
        r.organisation_id: r
        for r in Rectification.objects.filter(campaign=campaign, organisation_id__in=ids).pending().order_by("pk")
    }
    return [
        {"organisation": org, "selfcheck": checks.get(org.pk), "inspection": latest.get(org.pk), "rectification": rectifications.get(org.pk)}
        for org in orgs
    ]


def organisation_inspection_history(organisation: Organisation):
    return (
        Inspection.objects.filter(organisation=organisation)
        .select_related("campaign", "rectification")
        .prefetch_related("scores__item")
        .order_by("-inspected_on", "-pk")
    )

