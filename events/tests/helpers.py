"""Small builders for events tests."""

import datetime as dt

from django.utils import timezone

from events.models import AgeGroup, Event, EventKind, Item

_counter = {"n": 0}


def make_event(*, open_now=True, quota=None, kind=EventKind.FESTIVAL, committee=None, project=None,
               start=None, published=True, **extra) -> Event:
    _counter["n"] += 1
    now = timezone.now()
    start = start or (timezone.localdate() + dt.timedelta(days=30))
    window = {}
    if open_now is True:
        window = {"registration_opens": now - dt.timedelta(days=1), "registration_closes": now + dt.timedelta(days=10)}
    elif open_now is False:
        window = {"registration_opens": now - dt.timedelta(days=20), "registration_closes": now - dt.timedelta(days=1)}
    return Event.objects.create(
        title=extra.pop("title", f"测试赛事{_counter['n']}"), kind=kind, venue="晋城市体育中心", start_date=start,
        end_date=start + dt.timedelta(days=1), quota_per_unit=quota, committee=committee, project=project,
        is_published=published, **window, **extra,
    )


def make_item(event, *, team_min=1, team_max=12, min_age=None, max_age=None, gender="", **extra) -> Item:
    group = None
    if min_age is not None or max_age is not None or gender:
        group = AgeGroup.objects.create(
            event=event, label=f"组{AgeGroup.objects.count() + 1}", min_age=min_age, max_age=max_age, gender=gender,
            reference_date=event.start_date,
        )
    return Item.objects.create(event=event, team_min=team_min, team_max=team_max, age_group=group,
                               name=extra.pop("name", "集体项目"), **extra)
