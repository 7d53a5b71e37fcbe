"""What grassroots offers the site-wide pages: search hits, workbench tasks and sitemap entries."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_coordinator, is_secretariat
from common.compiled import CompiledQuery
from common.paths import object_path
from common.registry import SearchHit, WorkbenchTask

from .models import (
    Campaign,
    Organisation,
    OrgStatus,
    Project,
    Rectification,
    SelfCheck,
    SelfCheckStatus,
    Team,
    Venue,
    acting_unit,
)
from .models.venues import schedule_text


def _venues_matching(text):
    # One column (Venue.search_text: name, address, organisation's name) read through its trigram
    # index (migration 0010; queries of three characters or more). Matched across the venue and its
    # organisation it was a UNION of three trigram reads, planned anew on every call (0.5-1.0 ms).
    return (
        Venue.objects.filter(is_public=True, organisation__status=OrgStatus.ACTIVE, search_text__icontains=text)
        .order_by("pk")
        .values_list("pk", "name", "address", "organisation__name")
    )


def _teams_matching(text):
    # Most teams are named after their project: a query that finds a project finds hundreds of
    # teams, so an index on the team's name would not spare the scan. The projects are a small
    # table read once in a subquery, not joined and tested on every team.
    projects = Project.objects.filter(name__icontains=text).values("pk")
    return (
        Team.objects.filter(is_active=True, organisation__status=OrgStatus.ACTIVE, venue__is_public=True)
        .filter(Q(name__icontains=text) | Q(project__in=projects))
        .order_by("pk")
        .values_list("venue_id", "name", "project__name", "organisation__name", "venue__name", "weekdays", "start_time", "end_time")
    )


# Compiled once per process (common/compiled.py); the query's text is escaped into the LIKE patterns.
# Read with first(limit), the same count whatever the venues found, so that each is one statement.
_VENUES = CompiledQuery(_venues_matching)
_TEAMS = CompiledQuery(_teams_matching)


def search_venues_and_teams(request, query: str, limit: int):
    """Public venues and teams whose name, address, place or project matches, as plain values;
    paths from a per-process template."""
    kind = _("健身场地")
    hits = [
        SearchHit(kind=kind, title=name, url=object_path("grassroots:venue_detail", pk), snippet=f"{place} · {address}")
        for pk, name, address, place in _VENUES.first(limit, text=query)
    ]
    if len(hits) >= limit:
        return hits
    hits += [
        SearchHit(kind=kind, title=f"{name}（{project}）", url=object_path("grassroots:venue_detail", venue_id),
                  snippet=" · ".join(p for p in (place, venue, schedule_text(weekdays, start, end)) if p))
        for venue_id, name, project, place, venue, weekdays, start, end in _TEAMS.first(limit, text=query)[: limit - len(hits)]
    ]
    return hits


def workbench_tasks(request):
    """For a coordinator: self-checks still to submit before the deadline, rectifications due.
    For staff: rectifications reported and waiting for a re-inspection."""
    user = request.user
    tasks: list[WorkbenchTask] = []
    today = timezone.localdate()
    if is_secretariat(user):
        waiting = Rectification.objects.filter(status="reported").count()
        if waiting:
            tasks.append(WorkbenchTask(
                title=_("%(n)d 项整改已报送，等待复查") % {"n": waiting},
                url=reverse("admin:grassroots_rectification_changelist") + "?status__exact=reported",
                kind=_("基层组织"),
            ))
        return tasks
    if not is_coordinator(user) or acting_unit(user) is None:
        return tasks
    unit = acting_unit(user)
    campaign = Campaign.objects.current()
    if campaign and campaign.selfcheck_deadline >= today:
        orgs = Organisation.objects.filter(member_unit_id=unit.pk, level__in=campaign.levels, status=OrgStatus.ACTIVE).count()
        done = SelfCheck.objects.filter(campaign=campaign, organisation__member_unit_id=unit.pk, status=SelfCheckStatus.SUBMITTED).count()
        if orgs > done:
            tasks.append(WorkbenchTask(
                title=_("%(year)d年“六有”自查：还有 %(n)d 个组织未提交") % {"year": campaign.year, "n": orgs - done},
                url=reverse("grassroots_portal:selfcheck_list") + f"?year={campaign.year}",
                due=campaign.selfcheck_deadline, kind=_("基层组织"),
            ))
    for rect in Rectification.objects.filter(organisation__member_unit_id=unit.pk, status="open").select_related("organisation").order_by("due_on")[:20]:
        tasks.append(WorkbenchTask(
            title=_("整改：%(org)s") % {"org": rect.organisation.name},
            url=reverse("grassroots_portal:rectification_report", args=[rect.pk]),
            due=rect.due_on, kind=_("基层组织"),
            note=_("已逾期，请尽快报送整改情况。") if rect.due_on < today else "",
        ))
    return tasks


class FinderSitemap(Sitemap):
    """The finder for the whole city and for each county (shareable filtered views)."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return [""] + list(Organisation.objects.counties().order_by("sort_order").values_list("slug", flat=True))

    def location(self, item):
        url = reverse("grassroots:finder")
        return f"{url}?county={item}" if item else url
