"""The events app's rows of the authorization matrix (issue 10). See BRIEF.md."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

ALL_200 = {"anonymous": 200, "no_role": 200, "zezhou": 200, "gaoping": 200, "correspondent": 200, "committee": 200, "staff": 200}
COORDINATOR_PAGE = {"anonymous": 302, "no_role": 403, "zezhou": 200, "gaoping": 200, "correspondent": 403, "committee": 403, "staff": 403}
EXPORT = {"anonymous": 302, "no_role": 403, "zezhou": 403, "gaoping": 403, "correspondent": 403, "committee": 200, "staff": 200}
OWN_ENTRY = {"anonymous": 302, "no_role": 403, "zezhou": 200, "gaoping": 404, "correspondent": 403, "committee": 403, "staff": 200}
OWN_DRAFT_EDIT = {**OWN_ENTRY, "staff": 403}
POST_ONLY = {"anonymous": 302, "no_role": 405, "zezhou": 405, "gaoping": 405, "correspondent": 405, "committee": 405, "staff": 405}
# POST by the owner changes the entry and redirects back to it (302, not the login page).
OWN_ENTRY_POST = {"anonymous": 302, "no_role": 403, "zezhou": "redirect", "gaoping": 404, "correspondent": 403, "committee": 403, "staff": 403}
AWARD_PDF = {"anonymous": 302, "no_role": 404, "zezhou": 200, "gaoping": 404, "correspondent": 404, "committee": 200, "staff": 200}


def make_world(world: dict) -> None:
    from committees.models import Committee
    from events.models import AgeGroup, Award, AwardType, Entry, EntryMember, EntryStatus, Event, EventKind, Festival, Item
    from grassroots.models import Person

    now = timezone.now()
    festival = Festival.objects.create(edition=99, year=2023, title="测试艺术节", theme="主题")
    event = Event.objects.create(
        title="矩阵门球赛", kind=EventKind.FESTIVAL, venue="门球场", festival=festival,
        committee=Committee.objects.get(slug="menqiu"), start_date=dt.date(2023, 6, 1), end_date=dt.date(2023, 6, 2),
        registration_opens=now - dt.timedelta(days=1), registration_closes=now + dt.timedelta(days=10),
        is_published=True, results_released=True,
    )
    group = AgeGroup.objects.create(event=event, label="甲组", reference_date=event.start_date)
    item = Item.objects.create(event=event, name="团体", team_min=1, team_max=5, age_group=group)
    item2 = Item.objects.create(event=event, name="双人", team_min=1, team_max=5, sort_order=2)

    def entry(unit, team, status, person, on_item=item):
        e = Entry.objects.create(event=event, item=on_item, unit=unit, team_name=team, status=status)
        EntryMember.objects.create(entry=e, person=person)
        return e

    pz = world["person_zezhou"]
    extra = [Person.objects.create(organisation=world["zezhou"], name=f"矩阵{n}", gender="F", birth_date=dt.date(1955, 1, n + 1))
             for n in range(3)]
    world["event"] = event
    world["festival"] = festival
    world["entry_zezhou"] = entry(world["zezhou"], "泽州草稿队", EntryStatus.DRAFT, pz)
    world["entry_zezhou_to_submit"] = entry(world["zezhou"], "泽州待交队", EntryStatus.DRAFT, extra[0])
    world["entry_zezhou_to_withdraw"] = entry(world["zezhou"], "泽州待撤队", EntryStatus.SUBMITTED, extra[1])
    world["entry_zezhou_accepted"] = entry(world["zezhou"], "泽州确认队", EntryStatus.ACCEPTED, extra[2], on_item=item2)
    world["entry_gaoping"] = entry(world["gaoping"], "高平队", EntryStatus.SUBMITTED, world["person_gaoping"])
    world["award_zezhou"] = Award.objects.create(event=event, entry=world["entry_zezhou_accepted"], award_type=AwardType.FIRST)


AUTHZ_ROWS = {
    # The results import of one event (custom admin URL): an empty POST re-shows the form.
    "admin:events_event_import_results": {"kwargs": lambda w: {"pk": w["event"].pk}, "get": {"anonymous": 302, "no_role": 302, "zezhou": 302, "gaoping": 302, "correspondent": 302, "committee": 200, "staff": 200}, "post": {"anonymous": 302, "no_role": 302, "zezhou": 302, "gaoping": 302, "correspondent": 302, "committee": 200, "staff": 200}},
    "events:event_list": {"kwargs": lambda w: {}, "get": ALL_200, "post": None},
    "events:event_detail": {"kwargs": lambda w: {"pk": w["event"].pk}, "get": ALL_200, "post": None},
    "events:event_calendar": {"kwargs": lambda w: {"pk": w["event"].pk}, "get": ALL_200, "post": None},
    "events:calendar": {"kwargs": lambda w: {}, "get": ALL_200, "post": None},
    "events:festival_list": {"kwargs": lambda w: {}, "get": ALL_200, "post": None},
    "events:festival_detail": {"kwargs": lambda w: {"edition": w["festival"].edition}, "get": ALL_200, "post": None},
    "events:outreach": {"kwargs": lambda w: {}, "get": ALL_200, "post": None},
    "events_portal:entry_index": {
        "kwargs": lambda w: {},
        "get": {**COORDINATOR_PAGE, "staff": 200}, "post": None,
    },
    # An empty POST to the entry form shows the form again with its errors (200) for a coordinator.
    "events_portal:entry_create": {"kwargs": lambda w: {"event_pk": w["event"].pk}, "get": COORDINATOR_PAGE, "post": None},
    "events_portal:entry_sheet": {"kwargs": lambda w: {"event_pk": w["event"].pk}, "get": COORDINATOR_PAGE, "post": None},
    "events_portal:export_entries": {"kwargs": lambda w: {"event_pk": w["event"].pk}, "get": EXPORT, "post": None},
    "events_portal:export_results": {"kwargs": lambda w: {"event_pk": w["event"].pk}, "get": EXPORT, "post": None},
    "events_portal:entry_detail": {"kwargs": lambda w: {"pk": w["entry_zezhou"].pk}, "get": OWN_ENTRY, "post": None},
    "events_portal:entry_edit": {"kwargs": lambda w: {"pk": w["entry_zezhou"].pk}, "get": OWN_DRAFT_EDIT, "post": None},
    "events_portal:entry_submit": {
        "kwargs": lambda w: {"pk": w["entry_zezhou_to_submit"].pk}, "get": POST_ONLY, "post": OWN_ENTRY_POST,
    },
    "events_portal:entry_withdraw": {
        "kwargs": lambda w: {"pk": w["entry_zezhou_to_withdraw"].pk}, "get": POST_ONLY, "post": OWN_ENTRY_POST,
    },
    "events_portal:participation_certificate": {
        "kwargs": lambda w: {"pk": w["entry_zezhou_accepted"].pk}, "get": OWN_ENTRY, "post": None,
    },
    "events_portal:award_certificate": {"kwargs": lambda w: {"pk": w["award_zezhou"].pk}, "get": AWARD_PDF, "post": None},
}


# Free text that the public event page shows (the XSS corpus goes through each, test_xss.py).
XSS_TARGETS = [
    {
        "object": "event", "fields": ["title", "host", "organiser", "venue", "description"],
        "urls": [lambda w: reverse("events:event_detail", args=[w["event"].pk])], "role": "anonymous",
    },
    {
        "object": "entry_zezhou", "fields": ["team_name"],
        "urls": [lambda w: reverse("events_portal:entry_detail", args=[w["entry_zezhou"].pk])], "role": "zezhou",
    },
]
