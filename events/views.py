"""Public pages of events: list, detail with released results, festival, calendar feed, 走基层 table."""

import datetime as dt

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from common.cache import public_page

from . import selectors
from .calendar import calendar_bytes
from .filters import EventFilter
from .models import Event, Festival

PER_PAGE = 20


@public_page("events")
def event_list(request):
    """Upcoming and running events first (soonest first), then past ones (newest first), 20 to a
    page; see selectors.event_list_page for why it is not one ORDER BY."""
    published = Event.objects.published()
    event_filter = EventFilter(request.GET, queryset=published)
    if any(request.GET.get(name) for name in EventFilter.base_filters):
        events = event_filter.qs if event_filter.is_valid() else published.none()
    else:  # no filter chosen (most requests): every published event, by the selector's compiled queries
        events = None
    today = timezone.localdate()
    page_obj, years = selectors.event_list_page(events, request.GET.get("page"), PER_PAGE, today=today)
    query = request.GET.copy()
    query.pop("page", None)
    form = event_filter.form
    return render(request, "events/event_list.html", {
        "filter": event_filter, "page_obj": page_obj, "events": page_obj.object_list,
        "query_string": query.urlencode(), "years": years,
        # The template writes the year select (its options are the years that have events).
        "selected_year": str(form["year"].value()), "filter_fields": [f for f in form if f.name != "year"],
    })


@public_page("events", "news")  # it lists related news
def event_detail(request, pk):
    try:
        event, items, age_groups = selectors.event_for_page(pk)
    except Event.DoesNotExist:
        raise Http404 from None
    return render(request, "events/event_detail.html", {
        "event": event, "items": items, "age_groups": age_groups,
        "results": selectors.released_results(event, items), "news": selectors.related_news(event),
    })


@public_page("events")
def festival_detail(request, edition):
    festival = get_object_or_404(Festival, edition=edition)
    return render(request, "events/festival_detail.html", {"festival": festival, "events": selectors.festival_events(festival)})


@public_page("events")
def festival_list(request):
    return render(request, "events/festival_list.html", {"festivals": Festival.objects.all()})


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


CALENDAR_PAST_DAYS = 180


@public_page("events")
def calendar_feed(request):
    events = selectors.public_events()
    if request.GET.get("project"):
        events = events.filter(project__slug=request.GET["project"])
    if request.GET.get("committee"):
        events = events.filter(committee__slug=request.GET["committee"])
    # A subscribed calendar needs what is coming and the recent past, not ten years of events
    # (5,000 at scale made every fetch a multi-second, megabyte response).
    since = timezone.localdate() - dt.timedelta(days=CALENDAR_PAST_DAYS)
    rows = events.filter(end_date__gte=since).order_by("start_date", "pk").values_list("pk", "ical_vevent")
    return _ics_response(calendar_bytes(rows, request.build_absolute_uri("/")), "jincheng-events.ics")


@public_page("events")
def event_calendar(request, pk):
    event = get_object_or_404(selectors.public_events(), pk=pk)
    return _ics_response(calendar_bytes([event], request.build_absolute_uri("/")), f"event-{event.pk}.ics")


@public_page("events")
def outreach(request):
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = max(2000, min(year, dt.date.today().year + 5))
    rows = selectors.outreach_table(year)
    return render(request, "events/outreach.html", {
        "year": year, "rows": rows, "owing": sum(1 for r in rows if r["owes"]),
        "years": range(timezone.localdate().year + 1, 2021, -1),
    })
