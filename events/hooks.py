"""What events offers the site-wide registries: search hits, workbench tasks, sitemaps; cache bumps."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from common.cache import bump
from common.registry import SearchHit, WorkbenchTask


def search_events(request, query, limit):
    from .models import Event, Festival

    for festival in Festival.objects.filter(Q(title__icontains=query) | Q(theme__icontains=query))[:limit]:
        yield SearchHit(kind=_("赛事活动"), title=festival.title, url=festival.get_absolute_url(),
                        snippet=festival.theme, date=festival.start_date)
    events = (
        Event.objects.published()
        .filter(Q(title__icontains=query) | Q(venue__icontains=query) | Q(project__name__icontains=query))
        .order_by("-start_date")[:limit]
    )
    for event in events:
        yield SearchHit(kind=_("赛事活动"), title=event.title, url=event.get_absolute_url(),
                        snippet=f"{event.get_kind_display()} · {event.place_display}", date=event.start_date)


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
