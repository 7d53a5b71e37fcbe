"""What events offers the site-wide registries: search hits, workbench tasks, sitemaps; cache bumps."""

import functools

from django.contrib.sitemaps import Sitemap
from django.db.models import F, Q, Value
from django.urls import reverse
from django.utils.translation import gettext as _

from common.cache import bump
from common.choices import labels
from common.compiled import CompiledQuery
from common.paths import object_path
from common.registry import SearchHit, WorkbenchTask


def _matching(text, lookup="icontains", *, events_wanted: int):
    """Festivals whose title or theme matches, then the newest ``events_wanted`` published events
    whose title, venue or project matches: one statement (festivals are a few rows a year). The
    events' own limit sits in an IN subquery, which SQLite accepts inside a compound statement."""
    from grassroots.models import Project

    from .models import Event, Festival

    columns = ("is_event", "key", "title", "text", "event_kind", "online", "day")
    festivals = (
        Festival.objects.filter(Q(**{f"title__{lookup}": text}) | Q(**{f"theme__{lookup}": text}))
        .annotate(is_event=Value(0), key=F("edition"), text=F("theme"), event_kind=Value(""),
                  online=Value(False), day=F("start_date"))
        .order_by().values_list(*columns)
    )
    # The project's condition as a subquery of its own: the project table is small, and ORed
    # across a join the three conditions were tested on every published event (18 ms at scale).
    projects = Project.objects.filter(name__icontains=text).values("pk")
    newest = (
        Event.objects.published()
        .filter(Q(**{f"title__{lookup}": text}) | Q(**{f"venue__{lookup}": text}) | Q(project__in=projects))
        .order_by("-start_date", "-pk").values("pk")[:events_wanted]
    )
    events = (
        Event.objects.filter(pk__in=newest)
        .annotate(is_event=Value(1), key=F("pk"), text=F("venue"), event_kind=F("kind"), online=F("is_online"),
                  day=F("start_date"))
        .order_by().values_list(*columns)
    )
    return festivals.union(events, all=True).order_by("is_event", "-day", "-key")


# Compiled once per process (common/compiled.py); the query's text is escaped into the LIKE patterns.
# A text without upper or lower case (Chinese, digits) finds the same rows with LIKE as with
# UPPER(…) LIKE UPPER(…), without UPPER() on every title and venue read: the events' read walks the
# newest published events until it has its few (0.4 -> 0.15 ms at scale for 柔力球).
# One statement per (case, number of events wanted): the events' read stops after that many, and
# the overview wants 6 where a kind's own page wants 21 (reading 21 walked three times the rows).
@functools.cache
def _matching_read(caseless: bool, events_wanted: int) -> CompiledQuery:
    lookup = "contains" if caseless else "icontains"
    return CompiledQuery(lambda text: _matching(text, lookup, events_wanted=events_wanted))


def _has_no_case(text: str) -> bool:
    return text.upper() == text.lower()


def search_events(request, query, limit):
    from .models import EventKind

    kind = _("赛事活动")
    kinds = labels(EventKind)
    online = _("线上")
    hits = []
    read = _matching_read(_has_no_case(query), limit)
    for is_event, key, title, text, event_kind, is_online, start in read(text=query):
        if is_event:
            url = object_path("events:event_detail", key)
            snippet = f"{kinds.get(event_kind, event_kind)} · {online if is_online else text}"
        else:
            url, snippet = object_path("events:festival_detail", key, kwarg="edition"), text
        hits.append(SearchHit(kind=kind, title=title, url=url, snippet=snippet, date=start))
        if len(hits) >= limit:
            break
    return hits


def refresh_project_calendar(sender, instance, raw=False, **kwargs):
    """Re-render the stored VEVENT of every event of a saved project (its name is in them)."""
    from .calendar import vevent_text
    from .models import Event

    if raw:
        return
    events = list(Event.objects.filter(project=instance).select_related("project"))
    for event in events:
        event.project = instance
        event.ical_vevent = vevent_text(event)
    if events:
        Event.objects.bulk_update(events, ["ical_vevent"], batch_size=500)
        bump("events")  # bulk_update sends no signal: clear the cached feed here


def workbench_tasks(request):
    """For a coordinator: events open for entry, and their unit's drafts still to submit."""
    from accounts.roles import is_coordinator
    from grassroots.models.organisations import acting_unit

    from .models import Entry, EntryStatus, Event

    user = request.user
    unit = acting_unit(user) if is_coordinator(user) else None
    if unit is None:
        return []
    tasks = []
    for event in Event.objects.registration_open().order_by("registration_closes")[:20]:
        tasks.append(WorkbenchTask(
            title=_("报名：%(title)s") % {"title": event.title},
            url=reverse("events_portal:entry_create", args=[event.pk]), due=event.registration_closes, kind=_("赛事报名"),
        ))
    drafts = Entry.objects.filter(unit=unit, status=EntryStatus.DRAFT).select_related("event", "item")[:20]
    for entry in drafts:
        tasks.append(WorkbenchTask(
            title=_("提交草稿：%(team)s（%(event)s）") % {"team": entry.team_name, "event": entry.event.title},
            url=entry.get_absolute_url(), due=entry.event.registration_closes, kind=_("赛事报名"),
            note=_("草稿不会被秘书处看到，请在截止前提交。"),
        ))
    return tasks


class EventSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        from .models import Event

        return Event.objects.published().order_by("-start_date", "pk")

    def lastmod(self, obj):
        return obj.updated_at


class FestivalSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        from .models import Festival

        return Festival.objects.all()


def bump_events(sender, **kwargs):
    bump("events")
