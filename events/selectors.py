"""Reads across the events models, shaped for the pages that show them."""

import datetime as dt
import functools
from collections import defaultdict
from functools import partial
from operator import itemgetter

from django.db.models import Count, Min, Prefetch, Q, Subquery, Value
from django.utils import timezone

from committees.models import Committee
from common.choices import Level, labels
from common.compiled import CompiledQuery
from common.paths import object_path
from grassroots.models import Organisation, Project

from .models import AgeGroup, Award, Entry, EntryMember, Event, EventKind, Festival, Item
from .models.entries import ACTIVE_STATUSES
from .models.results import AWARD_ORDER, award_label


def public_events():
    return Event.objects.published().for_list()


def _columns(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


_EVENT_COLUMNS = _columns(Event)
_GROUP_COLUMNS = _columns(AgeGroup)
_ITEM_COLUMNS = _columns(Item)
# The event with what the page shows of its project, committee and festival (the names, the link).
_RELATED_COLUMNS = ("project__name", "committee__name", "committee__short_name", "festival__title", "festival__edition")
_event_row = CompiledQuery(
    lambda pk: Event.objects.published().filter(pk=pk).values_list(*_EVENT_COLUMNS, *_RELATED_COLUMNS)
)
_event_groups = CompiledQuery(lambda event_id: AgeGroup.objects.filter(event_id=event_id).order_by("label", "pk").values_list(*_GROUP_COLUMNS))
_event_items = CompiledQuery(lambda event_id: Item.objects.filter(event_id=event_id).order_by("sort_order", "pk").values_list(*_ITEM_COLUMNS))


def _partial(model, db: str, **values):
    """An instance with only these columns loaded (from_db wants them in the model's field order)."""
    names = [field.attname for field in model._meta.concrete_fields if field.attname in values]
    return model.from_db(db, names, [values[name] for name in names])


def event_for_page(pk: int) -> tuple[Event, list[Item], list[AgeGroup]]:
    """One published event with its items and age groups, in three compiled queries
    (common/compiled.py): the instances are made from the rows, the event's project, committee
    and festival carry the columns the page shows, and the items' age groups are put in from the
    event's own list (no join). Raises Event.DoesNotExist."""
    rows = _event_row(pk=pk)
    if not rows:
        raise Event.DoesNotExist
    db = _event_row.db()
    values = rows[0]
    event = Event.from_db(db, _EVENT_COLUMNS, values[: len(_EVENT_COLUMNS)])
    project_name, committee_name, committee_short, festival_title, festival_edition = values[len(_EVENT_COLUMNS) :]
    if event.project_id is not None:
        event.project = _partial(Project, db, id=event.project_id, name=project_name)
    if event.committee_id is not None:
        event.committee = _partial(Committee, db, id=event.committee_id, name=committee_name, short_name=committee_short)
    if event.festival_id is not None:
        event.festival = _partial(Festival, db, id=event.festival_id, title=festival_title, edition=festival_edition)
    groups = [AgeGroup.from_db(db, _GROUP_COLUMNS, row) for row in _event_groups(event_id=event.pk)]
    by_id = {group.pk: group for group in groups}
    items = []
    for row in _event_items(event_id=event.pk):
        item = Item.from_db(db, _ITEM_COLUMNS, row)
        if item.age_group_id in by_id:
            item.age_group = by_id[item.age_group_id]
        items.append(item)
    return event, items, groups


class ResultRow:
    """One line of a results table: an award, its team and unit, from a values_list() row."""

    __slots__ = ("label", "unit", "team", "routine_title", "score")


RESULT_COLUMNS = (
    "entry__item_id", "award_type", "other_name", "rank", "score", "entry__team_name", "entry__routine_title",
    "entry__unit__short_name", "entry__unit__name", "person__name",
)


_event_awards = CompiledQuery(
    lambda event_id: Award.objects.filter(event_id=event_id).order_by("entry__team_name", "pk").values_list(*RESULT_COLUMNS)
)


def released_results(event: Event, items: list[Item]) -> list[tuple[Item, list[ResultRow]]]:
    """The released awards of ``event``, grouped by its ``items`` (in their order): by award, then
    rank, then team name. Nothing before the results are released.

    One query of the columns shown: the award order (a 13-way CASE) is applied here, with a stable
    sort over rows the database ordered by team name, so names keep the database's collation."""
    if not event.results_released:
        return []
    rows = _event_awards(event_id=event.pk)
    groups: dict[int, list[tuple[tuple[int, int], ResultRow]]] = {}
    for item_id, award_type, other_name, rank, score, team_name, routine_title, unit_short, unit_name, person in rows:
        row = ResultRow()
        row.label = award_label(award_type, other_name, rank)
        row.unit = unit_short or unit_name  # Organisation.display_name
        row.team = team_name if person is None else person  # an individual award names the person
        row.routine_title, row.score = routine_title, score
        groups.setdefault(item_id, []).append(((AWARD_ORDER.get(award_type, 99), 999 if rank is None else rank), row))
    position = {item.pk: n for n, item in enumerate(items)}
    by_id = {item.pk: item for item in items}
    # An entry of an item outside the event's list (not expected) still shows, after the rest.
    order = sorted(groups, key=lambda item_id: (position.get(item_id, len(items)), item_id))
    return [
        (by_id.get(item_id) or Item.objects.get(pk=item_id), [row for _key, row in sorted(groups[item_id], key=itemgetter(0))])
        for item_id in order
    ]


def festival_events(festival: Festival) -> list[dict]:
    """The festival's published events, first day first, as dicts of the columns its table shows,
    with ``url`` and ``award_count`` (the released awards): 185 model instances with three joined
    rows each cost a festival page 10 ms."""
    rows = list(
        festival.events.published().order_by("start_date", "pk")
        .annotate(award_count=Count("awards", filter=Q(results_released=True)))
        .values("pk", "title", "start_date", "is_online", "venue", "results_released", "award_count")
    )
    for row in rows:
        row["url"] = object_path("events:event_detail", row["pk"])
    return rows


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
    # Only what the table, the dashboard and the annual report show: a county's name, an event's link, title and day.
    counties = list(Organisation.objects.counties().active().order_by("sort_order").only("pk", "name", "short_name"))
    events = (
        Event.objects.published()
        .filter(kind=EventKind.OUTREACH, start_date__year=year, host_unit__isnull=False)
        .only("pk", "title", "start_date", "host_unit_id")
        .order_by("start_date")
    )
    by_county = defaultdict(list)
    for event in events:
        by_county[event.host_unit_id].append(event)
    return [{"county": c, "events": by_county.get(c.pk, []), "owes": not by_county.get(c.pk)} for c in counties]


def _upcoming_span(events):
    """One row: how many of ``events`` end on or after ``today``, the earliest start among them.
    COUNT(*) (not of the key) with MIN(start_date) is an index-only scan of event_public_by_end,
    in a custom and in a generic plan; COUNT(id) read 100 heap pages."""
    return events.order_by().annotate(one=Value(1)).values("one").annotate(total=Count("*"), first_start=Min("start_date"))


def _upcoming(events, today: dt.date):
    """(number of upcoming or running events, those events bounded for the index).

    The earliest start among them bounds the start_date range: without it PostgreSQL walked the
    start_date index from the oldest event, filtering 4,700 past ones to find a few (5 ms). With
    the count beside it, the aggregate itself reads the few upcoming events by the end_date index
    (MIN alone walked the start_date index too)."""
    upcoming = events.filter(end_date__gte=today)
    span = list(_upcoming_span(upcoming).values_list("total", "first_start"))  # none for events.none()
    total, first_start = span[0] if span else (0, None)
    # Bounded even when nothing is upcoming: the same queries whatever the data (bench.querycount).
    return total, upcoming.filter(start_date__gte=first_start or today).order_by("start_date", "pk")


def upcoming_soonest(events, today: dt.date, limit: int) -> list:
    """The first ``limit`` upcoming or running events, soonest first, in two indexed queries."""
    return list(_upcoming(events, today)[1][:limit])


class EventCard:
    """An event as a list card shows it (events/includes/event_card.html), from a values_list()
    row: building a model instance per row cost twice the CPU, for columns a card never shows."""

    __slots__ = ("pk", "title", "url", "kind", "level", "project_name", "is_online", "venue",
                 "start_date", "end_date", "is_past", "is_open")

    def __str__(self):
        return self.title


# The columns of a card; the year bounds may follow them in a row (event_list_page).
CARD_COLUMNS = (
    "pk", "title", "kind", "level", "project__name", "is_online", "venue", "start_date", "end_date",
    "registration_opens", "registration_closes",
)


def _cards(rows, today: dt.date, now: dt.datetime) -> list[EventCard]:
    kinds, levels = labels(EventKind), labels(Level)
    cards = []
    for pk, title, kind, level, project_name, is_online, venue, start, end, opens, closes, *_extra in rows:
        card = EventCard()
        card.pk, card.title, card.url = pk, title, object_path("events:event_detail", pk)
        card.kind, card.level = kinds.get(kind, kind), levels.get(level, level)
        card.project_name, card.is_online, card.venue = project_name, is_online, venue
        card.start_date, card.end_date, card.is_past = start, end, end < today
        card.is_open = bool(opens and closes and opens <= now <= closes)  # Event.registration_is_open
        cards.append(card)
    return cards


def _year_bounds() -> dict:
    """The first and last start dates of all published events (two index lookups as subqueries)."""
    published = Event.objects.published()
    return {
        "first_day": Subquery(published.order_by("start_date").values("start_date")[:1]),
        "last_day": Subquery(published.order_by("-start_date").values("start_date")[:1]),
    }


# The unfiltered list (most requests): the same reads as _upcoming and event_list_page make of a
# filtered queryset, compiled once per process (common/compiled.py); pages bind LIMIT and OFFSET.
_list_span = CompiledQuery(
    lambda today: _upcoming_span(Event.objects.published().filter(end_date__gte=today)).values_list("total", "first_start")
)
_list_upcoming = CompiledQuery(
    lambda today, first_start: Event.objects.published()
    .filter(end_date__gte=today, start_date__gte=first_start)
    .order_by("start_date", "pk")
    .annotate(**_year_bounds())
    .values_list(*CARD_COLUMNS, "first_day", "last_day")
)
_list_past_with_bounds = CompiledQuery(
    lambda today: Event.objects.published()
    .filter(end_date__lt=today)
    .order_by("-start_date", "-pk")
    .annotate(**_year_bounds())
    .values_list(*CARD_COLUMNS, "first_day", "last_day")
)
_list_past = CompiledQuery(
    lambda today: Event.objects.published().filter(end_date__lt=today).order_by("-start_date", "-pk").values_list(*CARD_COLUMNS)
)


def event_list_page(events, number, per_page: int, *, today: dt.date, now: dt.datetime | None = None):
    """(one page of ``events`` as EventCards, the years for the filter, newest first); ``events``
    None: every published event, read by queries compiled once per process.

    Upcoming and running events first, soonest first, then past ones, newest first. As one ORDER
    BY this needs a CASE over every event, which PostgreSQL sorted in full on every page (5,000
    events at scale, 10 ms). Here: the count of upcoming events, then LIMITed, indexed queries of
    the upcoming and of the past events, the past one only when the upcoming ones leave room on the
    page (on a first page at scale they fill it).
    The first query of rows also carries the first and last start dates of all published events
    (two index lookups as subqueries) for the years, which cost a query of their own only when no
    row comes back. No total count of the list (common/paging.py).

    One window query (the rows with COUNT(*) OVER ()) would save the count, but with prepared
    statements PostgreSQL settles on a generic plan for it that walks every published event (2-7 ms)."""
    from common.paging import page_from_rows, requested_page

    number = requested_page(number)
    now = now or timezone.now()
    offset = (number - 1) * per_page
    if events is None:  # every published event: the compiled queries, built once per process
        upcoming_total, first_start = _list_span(today=today)[0]
        upcoming_rows = partial(_list_upcoming.slice, today=today, first_start=first_start or today)
        past_rows_with_bounds = partial(_list_past_with_bounds.slice, today=today)
        past_rows = partial(_list_past.slice, today=today)
    else:
        bounds = _year_bounds()
        upcoming_total, upcoming = _upcoming(events, today)
        past = events.filter(end_date__lt=today).order_by("-start_date", "-pk")

        def upcoming_rows(start, stop):
            return list(upcoming.annotate(**bounds).values_list(*CARD_COLUMNS, *bounds)[start:stop])

        def past_rows_with_bounds(start, stop):
            return list(past.annotate(**bounds).values_list(*CARD_COLUMNS, *bounds)[start:stop])

        def past_rows(start, stop):
            return list(past.values_list(*CARD_COLUMNS)[start:stop])

    # Read even when no upcoming event is on this page, so that a page's queries do not grow with
    # the data (bench.querycount: a first page with no upcoming events would issue one fewer).
    rows = upcoming_rows(offset, offset + per_page + 1)
    years_row = rows[0] if rows else None
    wanted = per_page + 1 - len(rows)
    if wanted > 0:
        past_offset = max(0, offset - upcoming_total)
        if years_row is None:
            rows = past_rows_with_bounds(past_offset, past_offset + wanted)
            years_row = rows[0] if rows else None
        else:
            rows += past_rows(past_offset, past_offset + wanted)
    if years_row is not None:
        first, last = years_row[-2], years_row[-1]
        years = list(range(last.year, first.year - 1, -1))
    else:
        years = event_years()
    return page_from_rows(_cards(rows, today, now), number, per_page), years


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


@functools.cache
def _news_pointing_at_events():
    """The compiled read of published news by event (news may point at events; events never import
    news): found once per process through the reverse relation, None if the news app has none."""
    for rel in Event._meta.related_objects:
        model = rel.related_model
        if model._meta.app_label != "news" or not rel.one_to_many:
            continue
        if not callable(getattr(model._default_manager.all(), "published", None)):
            continue

        def build(event_id, now, model=model, column=rel.field.attname):
            return model._default_manager.published(now).filter(**{column: event_id}).values_list("pk", "title")

        return model, CompiledQuery(build)
    return None


def related_news(event: Event, limit: int = 5) -> list:
    """Published news that points at this event, in the news' own order, as instances with only
    their id and title (one compiled query; as an ORM query built per request it cost the page
    2-3 ms of CPU)."""
    found = _news_pointing_at_events()
    if found is None:
        return []
    model, query = found
    rows = query.slice(0, limit, event_id=event.pk, now=timezone.now())
    return [model.from_db(query.db(), ["id", "title"], row) for row in rows]
