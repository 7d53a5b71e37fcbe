"""Training's rows for the authorization matrix (issue 10)."""

import datetime as dt

from django.urls import reverse

from common.choices import Level
from grassroots.models import Project
from training.models import Course, Nomination, NominationStatus, Qualification

ALL_200 = {"anonymous": 200, "no_role": 200, "zezhou": 200, "gaoping": 200, "correspondent": 200, "committee": 200, "staff": 200}
# Portal pages: coordinators and the secretariat only; correspondents and committee officers are refused.
PORTAL = {"anonymous": 302, "no_role": 403, "zezhou": 200, "gaoping": 200, "correspondent": 403, "committee": 403, "staff": 200}
# A zezhou-owned object under /portal/: the other county's coordinator gets 404.
ZEZHOU_OWNED = {**PORTAL, "gaoping": 404}


def make_world(world: dict) -> None:
    """A course open for nomination, a past course, and a passed (certificated) nomination for
    world["person_zezhou"] and one for world["person_gaoping"]."""
    today = dt.date.today()
    project = Project.objects.get(slug="rouliqiu")
    world["course_open"] = Course.objects.create(
        title="矩阵测试：柔力球教练员培训班", project=project, kind="coach", level=Level.CITY, organiser="晋城市老年人体育协会",
        starts_on=today + dt.timedelta(days=30), ends_on=today + dt.timedelta(days=32), quota_per_unit=3,
        nomination_opens=today - dt.timedelta(days=1), nomination_closes=today + dt.timedelta(days=10), is_published=True,
    )
    world["course_past"] = Course.objects.create(
        title="矩阵测试：门球裁判员培训班", project=Project.objects.get(slug="menqiu"), kind="referee", level=Level.COUNTY,
        organiser="泽州县老年人体育协会", starts_on=dt.date(2022, 5, 10), ends_on=dt.date(2022, 5, 12), is_published=True,
    )
    for key in ("zezhou", "gaoping"):
        person = world[f"person_{key}"]
        world[f"nomination_{key}"] = Nomination.objects.create(
            course=world["course_past"], person=person, unit_id=person.member_unit_id, status=NominationStatus.PASSED,
            certificate_number=f"AUTHZ-{key}", certificate_issuer="泽州县老年人体育协会", certificate_date=dt.date(2022, 5, 12),
        )
    world["qualification_zezhou"] = Qualification.objects.create(
        person=world["person_zezhou"], kind="referee", project=Project.objects.get(slug="menqiu"), grade="3",
        certificate_number="AUTHZ-Q1", issuer="泽州县老年人体育协会", issued_on=dt.date(2022, 5, 12),
    )


AUTHZ_ROWS = {
    # The admin's roster import (a custom admin URL): staff only; the committee officer cannot change courses.
    "admin:training_course_import_roster": {"kwargs": lambda w: {}, "get": {"anonymous": 302, "no_role": 302, "zezhou": 302, "gaoping": 302, "correspondent": 302, "committee": 403, "staff": 200}, "post": {"anonymous": 302, "no_role": 302, "zezhou": 302, "gaoping": 302, "correspondent": 302, "committee": 403, "staff": 200}},
    "training:course_list": {"kwargs": lambda w: {}, "get": ALL_200, "post": None},
    "training:course_detail": {"kwargs": lambda w: {"pk": w["course_past"].pk}, "get": ALL_200, "post": None},
    "training_portal:index": {"kwargs": lambda w: {}, "get": PORTAL, "post": None},
    # An empty POST re-shows the form with "请至少选择一名人员" (200), never saves.
    "training_portal:nominate": {"kwargs": lambda w: {"pk": w["course_open"].pk}, "get": PORTAL, "post": PORTAL},
    "training_portal:person_detail": {"kwargs": lambda w: {"pk": w["person_zezhou"].pk}, "get": ZEZHOU_OWNED, "post": None},
    "training_portal:figures": {"kwargs": lambda w: {"year": 2022}, "get": PORTAL, "post": None},
    "training_portal:figures_xlsx": {"kwargs": lambda w: {"year": 2022}, "get": PORTAL, "post": None},
    "training_portal:reminders": {"kwargs": lambda w: {}, "get": PORTAL, "post": None},
    "training_portal:certificate": {"kwargs": lambda w: {"pk": w["nomination_zezhou"].pk}, "get": ZEZHOU_OWNED, "post": None},
}


# Free text that the public course page shows (the XSS corpus goes through each, test_xss.py).
XSS_TARGETS = [
    {
        "object": "course_past", "fields": ["title", "organiser", "venue", "description"],
        "urls": [lambda w: reverse("training:course_detail", args=[w["course_past"].pk])], "role": "anonymous",
    },
]
