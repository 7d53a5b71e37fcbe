"""Reads across grassroots models, each with a fixed number of queries whatever the row count."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, When, Window
from django.utils.translation import get_language, ngettext

from common.choices import labels
from common.compiled import CompiledQuery
from common.paging import MAX_PAGE

from .filters import apply_filters
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
    VenueKind,
)
from .models.venues import schedule_text


def finder_base():
    """Public venues of active organisations, undecorated: what the finder filters."""
    return Venue.objects.filter(is_public=True, organisation__status=OrgStatus.ACTIVE)


def in_finder_order(venues):
    """The venues in the finder's order: by member unit, then each township's own venues before
    its villages'."""
    return venues.annotate(
        # Order by the township, whatever the level: a township's own venues, then its villages'.
        township_order=Case(When(organisation__level=OrgLevel.VILLAGE, then=F("organisation__parent__sort_order")), default=F("organisation__sort_order")),
        township_pk=Case(When(organisation__level=OrgLevel.VILLAGE, then=F("organisation__parent_id")), default=F("organisation_id")),
    ).order_by("organisation__member_unit__sort_order", "township_order", "township_pk", "organisation__level", "organisation__sort_order", "name", "pk")


@dataclass(slots=True)
class TeamLine:
    name: str
    project_name: str
    schedule: str
    members: str  # "12 人", "" when the number is not known


@dataclass(slots=True)
class VenueCard:
    """What a finder card (and the venue page) shows of a venue: read as one row of values, no
    model instances (four per venue with the organisation, its township and member unit)."""

    pk: int
    name: str
    address: str
    kind: str
    opening_hours: str
    area_m2: Decimal | None
    place: str  # the venue's organisation
    township: str  # a village's township; "" for a township's own venue
    unit_name: str  # the member unit's short name
    unit_slug: str
    contact_person: str
    contact_phone: str  # "" unless the organisation chose to publish it
    kind_display: str = ""
    project_list: list[str] = field(default_factory=list)
    active_teams: list[TeamLine] = field(default_factory=list)


CARD_FIELDS = (
    "pk", "name", "address", "kind", "opening_hours", "area_m2", "organisation__name", "organisation__level",
    "organisation__parent__name", "organisation__member_unit__short_name", "organisation__member_unit__slug",
    "organisation__contact_person", "organisation__contact_phone", "organisation__phone_public",
)


def _cards(rows) -> list[VenueCard]:
    # Labels translated once per language, not per card (a translation lookup is 5-10 µs).
    kinds = labels(VenueKind)
    cards = []
    for pk, name, address, kind, hours, area, place, level, parent, unit_name, unit_slug, person, phone, public, *_total in rows:
        cards.append(VenueCard(
            pk, name, address, kind, hours, area, place,
            (parent or "") if level == OrgLevel.VILLAGE else "", unit_name or "", unit_slug or "",
            person if public and phone else "", phone if public else "", kinds.get(kind, kind),
        ))
    return cards


# The teams and projects of a page of venues are read by a fixed number of ids (the finder's page
# size, padded with 0, which no venue has): one SQL text for every page, compiled once per process.
IDS_PER_READ = 20


def _ids_in(**ids):
    return list(ids.values())


_TEAMS_OF_VENUES = CompiledQuery(lambda **ids: (
    Team.objects.filter(is_active=True, venue_id__in=_ids_in(**ids)).order_by("start_time", "name", "pk")
    .values_list("venue_id", "name", "project__name", "weekdays", "start_time", "end_time", "member_count")
))
_PROJECTS_OF_VENUES = CompiledQuery(lambda **ids: (
    Venue.projects.through.objects.filter(venue_id__in=_ids_in(**ids)).order_by("project__sort_order", "project__name")
    .values_list("venue_id", "project__name")
))


def _by_ids(query: CompiledQuery, ids: list[int]) -> list[tuple]:
    rows = []
    # An empty page still asks once (and finds nothing): the finder's query count does not depend
    # on what it finds (bench.querycount compares data sizes).
    for start in range(0, max(len(ids), 1), IDS_PER_READ):
        chunk = ids[start:start + IDS_PER_READ]
        rows += query(**{f"v{i:02d}": chunk[i] if i < len(chunk) else 0 for i in range(IDS_PER_READ)})
    return rows


# A page's teams are mostly of different sizes and times: the "12 人" and "周一、周三 08:00—10:00"
# texts were worked out afresh for each team of each page (30 ngettext and schedule_text calls,
# 0.15 ms of the finder's CPU). Both are remembered per process: the people texts per language,
# the schedules (plain text, no translation), up to a few thousand of each.
@lru_cache(maxsize=4096)
def _people_text(language: str | None, members: int) -> str:
    """``language`` is the active one, which ngettext uses: it keys the remembered text."""
    return ngettext("%(num)d 人", "%(num)d 人", members) % {"num": members}


_schedule = lru_cache(maxsize=4096)(schedule_text)


def attach_teams_and_projects(venues: list) -> list:
    """Fill each card's .active_teams and .project_list from two queries by the venues' ids. (As a
    subquery over the page's window, each of the two re-ran the finder's sorted, joined query:
    5 ms apiece at scale.)"""
    ids = [venue.pk for venue in venues]
    teams_by_venue, projects_by_venue = defaultdict(list), defaultdict(list)
    language = get_language()
    for venue_id, name, project, weekdays, start, end, members in _by_ids(_TEAMS_OF_VENUES, ids):
        people = _people_text(language, members) if members else ""
        teams_by_venue[venue_id].append(TeamLine(name, project, _schedule(weekdays, start, end), people))
    for venue_id, project in _by_ids(_PROJECTS_OF_VENUES, ids):
        projects_by_venue[venue_id].append(project)
    for venue in venues:
        venue.active_teams = teams_by_venue[venue.pk]
        venue.project_list = projects_by_venue[venue.pk]
    return venues


def venue_card(pk: int) -> VenueCard | None:
    """One public venue as its page shows it, with its teams and projects; None if not public."""
    row = finder_base().filter(pk=pk).values_list(*CARD_FIELDS).first()
    if row is None:
        return None
    return attach_teams_and_projects(_cards([row]))[0]


# One compiled page query per combination of filters (at most eight), made on first use.
_FINDER_QUERIES: dict[frozenset, CompiledQuery] = {}


def _finder_query(names: frozenset) -> CompiledQuery:
    query = _FINDER_QUERIES.get(names)
    if query is None:
        def build(**filters):
            venues = apply_filters(finder_base(), **filters)
            return in_finder_order(venues).annotate(total=Window(Count("pk"))).values_list(*CARD_FIELDS, "total")

        query = _FINDER_QUERIES.setdefault(names, CompiledQuery(build))
    return query


def finder_page(filters: dict[str, int], number, per_page: int) -> Page:
    """A page of the finder's venues with the ``filters`` of grassroots.filters.apply_filters: the
    cards with the total beside each row (COUNT(*) OVER ()), then their teams and projects; three
    queries. Page numbers behave as Paginator.get_page(): not a number is the first page, out of
    range the last one."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    query = _finder_query(frozenset(filters))

    def rows_of(page_number):
        offset = (page_number - 1) * per_page
        return query.slice(offset, offset + per_page, **filters)

    rows = rows_of(number) if 1 <= number <= MAX_PAGE else []
    if rows:
        total = rows[0][-1]
    elif number == 1:
        total = 0
    else:
        # Past the end (or before the start): the last page, as get_page() answers.
        total = query.count(**filters)
        number = max(1, -(-total // per_page))
        rows = rows_of(number)
    paginator = Paginator((), per_page)
    paginator.count = total  # known from the rows: no COUNT query
    return Page(attach_teams_and_projects(_cards(rows)), number, paginator)


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

