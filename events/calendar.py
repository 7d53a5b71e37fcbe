"""The iCalendar feed of published events (RFC 5545, via the icalendar library)."""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as VEvent

from .models import Event

SITE_HOST = "jcltx.example.cn"


def calendar_bytes(events: Iterable[Event], base_url: str = "") -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//晋城市老年人体育协会//赛事活动//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "晋城市老年人体育协会 赛事活动")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    base = base_url.rstrip("/")
    for event in events:
        vevent = VEvent()
        vevent.add("uid", f"event-{event.pk}@{SITE_HOST}")
        vevent.add("dtstamp", event.updated_at or dt.datetime.now(dt.UTC))
        vevent.add("summary", event.title)
        # All-day events: DTEND is exclusive, so the day after the last day.
        vevent.add("dtstart", event.start_date)
        vevent.add("dtend", event.end_date + dt.timedelta(days=1))
        vevent.add("location", event.place_display)
        description = [event.get_kind_display(), event.get_level_display()]
        if event.project_id:
            description.append(event.project.name)
        vevent.add("description", " · ".join(str(d) for d in description))
        if base:
            vevent.add("url", base + event.get_absolute_url())
        cal.add_component(vevent)
    return cal.to_ical()
