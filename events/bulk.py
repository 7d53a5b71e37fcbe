"""Bulk benchmark data for festivals, events, items, entries, members and results (see seed_bulk).

Marker: bulk festivals have an edition of 1001 or more; bulk events' ``organiser`` ends with a
zero-width space (``MARK``), and every item, entry, member and award hangs under such an event.
Members are grassroots' bulk people of the entry's member unit. ``reset()`` deletes exactly that.
"""

import datetime as dt
import random

from django.utils import timezone

from grassroots.bulk import MARKER as GRASSROOTS_MARKER
from grassroots.bulk import _batched_create, _progress
from grassroots.models import Organisation, Person, Project

from .models import Award, Entry, EntryMember, Event, EventKind, Festival, Item
from .models.entries import EntryStatus
from .models.events import TeamSize
from .models.results import AwardType

MARK = "\u200b"
FIRST_EDITION = 1001
BASE_COUNTS = {"festivals": 10, "events": 5000, "entries": 100_000}
THEMES = ["喜迎二十大，银辉添新彩", "健康老龄化，快乐老年人", "全民健身，共享美好", "银龄风采，幸福晋城", "强身健体，乐享晚年"]
KIND_WEIGHTS = [
    (EventKind.FESTIVAL, 40),
    (EventKind.HOLIDAY, 25),
    (EventKind.OUTREACH, 20),
    (EventKind.SHOW, 10),
    (EventKind.EXTERNAL, 5),
]
EVENT_WORDS = ["比赛", "展演", "交流赛", "邀请赛", "联赛", "展示活动"]
HOLIDAYS = ["春节", "元宵节", "重阳节", "国庆", "端午节", "中秋节", "老年节"]
SIZES = [
    ("集体规定套路", TeamSize.GROUP, 6, 12),
    ("集体自选套路", TeamSize.GROUP, 6, 12),
    ("男子单打", TeamSize.SINGLE, 1, 1),
    ("女子单打", TeamSize.SINGLE, 1, 1),
    ("混合双打", TeamSize.PAIR, 2, 2),
    ("团体赛", TeamSize.GROUP, 3, 6),
]
AWARD_TYPES = [AwardType.FIRST, AwardType.SECOND, AwardType.THIRD, AwardType.EXCELLENT]


def counts(scale: float) -> dict[str, int]:
    return {key: max(1, round(value * scale)) for key, value in BASE_COUNTS.items()}


def _events():
    return Event.objects.filter(organiser__endswith=MARK)


def has_data() -> bool:
    return _events().exists() or Festival.objects.filter(edition__gte=FIRST_EDITION).exists()


def bulk_counts() -> dict[str, int]:
    events = _events()
    return {
        "festivals": Festival.objects.filter(edition__gte=FIRST_EDITION).count(),
        "events": events.count(),
        "entries": Entry.objects.filter(event__in=events.values("pk")).count(),
        "members": EntryMember.objects.filter(entry__event__in=events.values("pk")).count(),
        "awards": Award.objects.filter(event__in=events.values("pk")).count(),
    }


def reset(*, stdout) -> None:
    db = Event.objects.db
    event_ids = _events().values("pk")
    Award.objects.filter(event__in=event_ids)._raw_delete(db)
    EntryMember.objects.filter(entry__event__in=event_ids)._raw_delete(db)
    Entry.objects.filter(event__in=event_ids)._raw_delete(db)
    Item.objects.filter(event__in=event_ids)._raw_delete(db)
    _events()._raw_delete(db)
    Festival.objects.filter(edition__gte=FIRST_EDITION)._raw_delete(db)
    stdout.write("  events: 已删除批量数据")


def seed(*, scale: float, rng: random.Random, stdout) -> None:
    from committees.models import Committee

    wanted = counts(scale)
    units = list(Organisation.objects.member_units().order_by("pk"))
    projects = list(Project.objects.active().order_by("pk"))
    committee_of_project = dict(Committee.projects.through.objects.values_list("project_id", "committee_id"))
    people_by_unit: dict[int, list[int]] = {}
    for pk, unit_id in Person.objects.filter(organisation__slug__startswith=GRASSROOTS_MARKER).values_list(
        "pk", "member_unit_id"
    ):
        people_by_unit.setdefault(unit_id, []).append(pk)
    today = timezone.localdate()
    first_year = today.year - 9

    festivals = []
    for n in range(wanted["festivals"]):
        year = first_year + n % 10
        festivals.append(
            Festival(
                edition=FIRST_EDITION + n,
                year=year,
                title=f"晋城市老年文体艺术节（{year}年·{n + 1}）",
                theme=rng.choice(THEMES),
                start_date=dt.date(year, 4, 1),
                end_date=dt.date(year, 10, 31),
                organisers="市老体协、市委老干部局、市体育局、市卫健委",
                description="全市老年人文体艺术节，各会员单位组队参加。",
            )
        )
    festivals = _batched_create(Festival, festivals, stdout=stdout, label="艺术节")

    events = []
    kinds, weights = zip(*KIND_WEIGHTS, strict=True)
    for n in range(wanted["events"]):
        kind = rng.choices(kinds, weights)[0]
        project = rng.choice(projects)
        start = dt.date(first_year, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 10 + 60))
        end = start + dt.timedelta(days=rng.choice((0, 0, 1, 2)))
        unit = rng.choice(units)
        festival = rng.choice([f for f in festivals if f.year == start.year] or [None]) if kind == EventKind.FESTIVAL else None
        if kind == EventKind.HOLIDAY:
            title = f"{start.year}年晋城市老年人庆{rng.choice(HOLIDAYS)}{project.name}{rng.choice(EVENT_WORDS)}"
        elif kind == EventKind.OUTREACH:
            title = f"{start.year}年老体协走基层·{unit.short_name or unit.name}{project.name}{rng.choice(EVENT_WORDS)}"
        else:
            title = f"{start.year}年晋城市老年人{project.name}{rng.choice(EVENT_WORDS)}（第{n + 1}场）"
        opens = timezone.make_aware(dt.datetime.combine(start - dt.timedelta(days=30), dt.time(9)))
        events.append(
            Event(
                title=title[:150],
                kind=kind,
                project_id=project.pk,
                committee_id=committee_of_project.get(project.pk),
                festival_id=festival.pk if festival else None,
                host="晋城市老年人体育协会",
                organiser="市老体协" + MARK,
                host_unit_id=unit.pk,
                venue=f"{unit.short_name or unit.name}全民健身中心",
                start_date=start,
                end_date=end,
                registration_opens=opens,
                registration_closes=opens + dt.timedelta(days=20),
                quota_per_unit=rng.choice((None, 2, 3, 5)),
                is_published=rng.random() < 0.97,
                results_released=end < today and rng.random() < 0.9,
                description="一、比赛时间和地点\n二、参赛单位\n三、比赛办法：按国家老年人体育协会最新规则执行。\n四、录取名次和奖励",
            )
        )
    events = _batched_create(Event, events, stdout=stdout, label="赛事")
    # bulk_create skips Event.save(): render the stored calendar components here.
    from .calendar import vevent_text

    project_by_pk = {project.pk: project for project in projects}
    for event in events:
        event.project = project_by_pk[event.project_id]
        event.ical_vevent = vevent_text(event)
    Event.objects.bulk_update(events, ["ical_vevent"], batch_size=1000)

    items = []
    for event in events:
        for order, (name, size, team_min, team_max) in enumerate(rng.sample(SIZES, k=rng.randint(1, 3)), start=1):
            items.append(
                Item(
                    event_id=event.pk,
                    project_id=event.project_id,
                    name=name,
                    size=size,
                    team_min=team_min,
                    team_max=team_max,
                    sort_order=order,
                )
            )
    items = _batched_create(Item, items, stdout=stdout, label="比赛项目")
    items_by_event: dict[int, list[Item]] = {}
    for item in items:
        items_by_event.setdefault(item.event_id, []).append(item)

    # Entries: spread over the events, each from a member unit, with members from that unit.
    per_event = [0] * len(events)
    for _ in range(wanted["entries"]):
        per_event[rng.randrange(len(events))] += 1
    entries, member_specs = [], []
    unit_name = {u.pk: u.short_name or u.name for u in units}
    for event, count in zip(events, per_event, strict=True):
        status_pool = (
            (EntryStatus.ACCEPTED,) * 9 + (EntryStatus.WITHDRAWN,)
            if event.end_date < today
            else (EntryStatus.DRAFT, EntryStatus.SUBMITTED, EntryStatus.ACCEPTED)
        )
        taken: dict[int, set[int]] = {}
        for n in range(count):
            item = rng.choice(items_by_event[event.pk])
            unit = rng.choice(units)
            status = rng.choice(status_pool)
            entries.append(
                Entry(
                    event_id=event.pk,
                    item_id=item.pk,
                    unit_id=unit.pk,
                    team_name=f"{unit_name[unit.pk]}代表队{n + 1}",
                    leader_name="领队",
                    status=status,
                    submitted_at=timezone.now() if status != EntryStatus.DRAFT else None,
                )
            )
            pool = people_by_unit.get(unit.pk) or []
            used = taken.setdefault(item.pk, set())
            chosen = []
            for _ in range(rng.randint(item.team_min, min(item.team_max, 8))):
                if not pool:
                    break
                person = rng.choice(pool)
                if person not in used:
                    used.add(person)
                    chosen.append(person)
            member_specs.append((item.pk, status != EntryStatus.WITHDRAWN, chosen))
    entries = _batched_create(Entry, entries, stdout=stdout, label="报名")

    members = [
        EntryMember(entry_id=entry.pk, person_id=person, item_id=item_id, is_active=active)
        for entry, (item_id, active, chosen) in zip(entries, member_specs, strict=True)
        for person in chosen
    ]
    _batched_create(EntryMember, members, stdout=stdout, label="参赛人员")

    event_year = {e.pk: e.start_date.year for e in events}
    released = {e.pk for e in events if e.results_released}
    awards, serial = [], 0
    for entry in entries:
        if entry.event_id in released and entry.status == EntryStatus.ACCEPTED and rng.random() < 0.45:
            serial += 1
            awards.append(
                Award(
                    event_id=entry.event_id,
                    entry_id=entry.pk,
                    award_type=rng.choice(AWARD_TYPES),
                    rank=rng.choice((None, None, 1, 2, 3, 4, 5, 6)),
                    certificate_number=f"JCLT-{event_year[entry.event_id]}-B{serial:07d}",
                )
            )
    _batched_create(Award, awards, stdout=stdout, label="成绩")
    _progress(stdout, "赛事完成", 1, 1)
