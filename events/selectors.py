"""Reads across the events models, shaped for the pages that show them."""

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Min, Prefetch, Q
from django.utils import timezone

from grassroots.models import Organisation

from .models import AgeGroup, Award, Entry, EntryMember, Event, EventKind, Festival, Item
from .models.entries import ACTIVE_STATUSES


def public_events():
    return Event.objects.published().for_list()


def event_for_page(pk: int) -> Event:
    """One published event with its items and age groups (2 prefetch queries)."""
    return (
        Event.objects.published()
        .for_list()
        .prefetch_related(
            Prefetch("items", queryset=Item.objects.select_related("age_group", "project")),
            Prefetch("age_groups", queryset=AgeGroup.objects.all()),
        )
        .get(pk=pk)
    )


def released_results(event: Event) -> list[Award]:
    if not event.results_released:
        return []
    return list(Award.objects.filter(event=event).annotate_sort().for_results())


def results_by_item(awards: list[Award]) -> list[tuple[Item, list[Award]]]:
    groups: dict[int, tuple[Item, list[Award]]] = {}
    for award in awards:
        groups.setdefault(award.entry.item_id, (award.entry.item, []))[1].append(award)
    return list(groups.values())


def festival_events(festival: Festival):
    return (
        festival.events.published().for_list().order_by("start_date", "pk")
        .annotate(award_count=Count("awards", filter=Q(results_released=True)))
    )


def unit_entries(unit):
    return (
        Entry.objects.filter(unit=unit)
        .select_related("event", "item__age_group")
        .annotate(member_count=Count("members", filter=Q(members__is_active=True)))
        .order_by("-event__start_date", "item__sort_order", "team_name")
    )


def entries_for_form(event: Event, unit) -> list[Entry]:
    """The unit's active entries of an event with their members, for the printable 报名表."""
    return list(
        Entry.objects.filter(event=event, unit=unit, status__in=ACTIVE_STATUSES)
        .select_related("item__age_group", "unit")
        .prefetch_related(Prefetch("members", queryset=EntryMember.objects.filter(is_active=True).select_related("person")))
        .order_by("item__sort_order", "item_id", "team_name")
    )


def entries_for_export(event: Event) -> list[Entry]:
    return list(
        Entry.objects.filter(event=event)
        .select_related("item__age_group", "unit")
        .prefetch_related(Prefetch("members", queryset=EntryMember.objects.filter(is_active=True).select_related("person")))
        .order_by("unit__sort_order", "item__sort_order", "item_id", "team_name")
    )


def outreach_table(year: int) -> list[dict]:
    """Each county with its published 走基层 events of the year; `owes` marks counties with none."""
    counties = list(Organisation.objects.counties().active().order_by("sort_order"))
    events = (
        Event.objects.published()
        .filter(kind=EventKind.OUTREACH, start_date__year=year, host_unit__isnull=False)
        .select_related("project")
        .order_by("start_date")
    )
    by_county = defaultdict(list)
    for event in events:
        by_county[event.host_unit_id].append(event)
    return [{"county": c, "events": by_county.get(c.pk, []), "owes": not by_county.get(c.pk)} for c in counties]


def _upcoming(events, today: dt.date):
    """(number of upcoming or running events, those events bounded for the index).

    The earliest start among them bounds the start_date range: without it PostgreSQL walked the
    start_date index from the oldest event, filtering 4,700 past ones to find a few (5 ms). With
    the count beside it, the aggregate itself reads the few upcoming events by the end_date index
    (MIN alone walked the start_date index too)."""
    upcoming = events.filter(end_date__gte=today)
    span = upcoming.aggregate(total=Count("pk"), first_start=Min("start_date"))
    # Bounded even when nothing is upcoming: the same queries whatever the data (bench.querycount).
    return span["total"], upcoming.filter(start_date__gte=span["first_start"] or today).order_by("start_date", "pk")


def upcoming_soonest(events, today: dt.date, limit: int) -> list:
    """The first ``limit`` upcoming or running events, soonest first, in two indexed queries."""
    return list(_upcoming(events, today)[1][:limit])


def upcoming_first_page(events, number, per_page: int, *, today: dt.date):
    """One page of ``events``: upcoming and running ones first, soonest first, then past ones,
    newest first. As one ORDER BY this needs a CASE over every event, which PostgreSQL sorted in
    full on every page (5,000 events at scale, 10 ms). Here: the count of upcoming events, then two
    LIMITed, indexed queries. No total count of the list (common/paging.py)."""
    from common.paging import page_from_rows, requested_page

    number = requested_page(number)
    offset = (number - 1) * per_page
    upcoming_total, upcoming = _upcoming(events, today)
    past = events.filter(end_date__lt=today).order_by("-start_date", "-pk")
    rows = list(upcoming[offset : offset + per_page + 1])
    # Always one past query (at least one row), so that the page issues the same queries however
    # many events are upcoming (bench.querycount compares them across data sizes).
    past_offset = max(0, offset - upcoming_total)
    rows += list(past[past_offset : past_offset + max(per_page + 1 - len(rows), 1)])
    return page_from_rows(rows, number, per_page)


def event_years() -> list[int]:
    """Years for the filter, newest first: from the first to the last event's year (two index
    lookups; a DISTINCT over every event's year cost 3 ms at scale)."""
    from django.db.models import Max

    span = Event.objects.published().aggregate(first=Min("start_date"), last=Max("start_date"))
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


def today() -> dt.date:
    return timezone.localdate()


def related_news(event: Event, limit: int = 5) -> list:
    """Published news that points at this event (news may point at events; events never import news).

    Looks for a reverse relation from the news app; shows nothing unless its queryset offers published().
    """
    for rel in Event._meta.related_objects:
        if rel.related_model._meta.app_label != "news" or not (rel.one_to_many or rel.many_to_many):
            continue
        queryset = getattr(event, rel.get_accessor_name()).all()
        if callable(getattr(queryset, "published", None)):
            queryset = queryset.published()
            if callable(getattr(queryset, "titles", None)):  # a list of titles: those columns only
                queryset = queryset.titles()
            return list(queryset[:limit])
    return []
