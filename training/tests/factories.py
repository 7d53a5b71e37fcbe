"""Small builders for training tests."""

import datetime as dt

from common.choices import Level
from grassroots.models import Project
from training.models import Course, CourseKind, Nomination, NominationStatus

TODAY = dt.date.today()


def make_course(**extra) -> Course:
    defaults = {
        "title": "柔力球教练员培训班", "project": Project.objects.get(slug="rouliqiu"), "kind": CourseKind.COACH,
        "level": Level.CITY, "organiser": "晋城市老年人体育协会", "starts_on": TODAY + dt.timedelta(days=30),
        "ends_on": TODAY + dt.timedelta(days=32), "venue": "晋城市全民健身中心", "quota_per_unit": 3,
        "nomination_opens": TODAY - dt.timedelta(days=3), "nomination_closes": TODAY + dt.timedelta(days=10),
        "is_published": True,
    }
    defaults.update(extra)
    return Course.objects.create(**defaults)


def make_past_course(**extra) -> Course:
    start = extra.pop("starts_on", dt.date(2022, 8, 22))
    return make_course(starts_on=start, ends_on=extra.pop("ends_on", start + dt.timedelta(days=4)),
                       nomination_opens=None, nomination_closes=None, **extra)


def nominate(course, person, status=NominationStatus.NOMINATED, **extra) -> Nomination:
    return Nomination.objects.create(course=course, person=person, unit_id=person.member_unit_id, status=status, **extra)
