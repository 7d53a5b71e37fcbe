"""Bulk benchmark data for courses and nominations (see seed_bulk).

Marker: bulk courses' ``organiser`` ends with a zero-width space (``MARK``); every nomination hangs
under such a course and names one of grassroots' bulk people of the nominating member unit.
"""

import datetime as dt
import random

from django.utils import timezone

from grassroots.bulk import MARKER as GRASSROOTS_MARKER
from grassroots.bulk import _batched_create
from grassroots.models import Organisation, Person, Project

from .models import Course, Nomination
from .models.courses import CourseKind
from .models.nominations import NominationStatus

MARK = "\u200b"
BASE_COUNTS = {"courses": 500, "nominations": 50_000}
KIND_TITLES = {
    CourseKind.REFEREE: "{project}裁判员培训班",
    CourseKind.COACH: "{project}教练员培训班",
    CourseKind.NEW_ROUTINE: "{project}新编套路培训班",
    CourseKind.NEW_RULES: "{project}新规则培训班",
    CourseKind.INSTRUCTOR: "社会体育指导员培训班",
    CourseKind.ACTIVIST: "基层老体协骨干培训班",
}


def counts(scale: float) -> dict[str, int]:
    return {key: max(1, round(value * scale)) for key, value in BASE_COUNTS.items()}


def _courses():
    return Course.objects.filter(organiser__endswith=MARK)


def has_data() -> bool:
    return _courses().exists()


def bulk_counts() -> dict[str, int]:
    return {"courses": _courses().count(), "nominations": Nomination.objects.filter(course__in=_courses().values("pk")).count()}


def reset(*, stdout) -> None:
    db = Course.objects.db
    Nomination.objects.filter(course__in=_courses().values("pk"))._raw_delete(db)
    _courses()._raw_delete(db)
    stdout.write("  training: 已删除批量数据")


def seed(*, scale: float, rng: random.Random, stdout) -> None:
    wanted = counts(scale)
    units = list(Organisation.objects.member_units().order_by("pk"))
    projects = list(Project.objects.active().order_by("pk"))
    people_by_unit: dict[int, list[int]] = {}
    for pk, unit_id in Person.objects.filter(organisation__slug__startswith=GRASSROOTS_MARKER).values_list(
        "pk", "member_unit_id"
    ):
        people_by_unit.setdefault(unit_id, []).append(pk)
    today = timezone.localdate()
    first = dt.date(today.year - 9, 1, 1)
    kinds = list(KIND_TITLES)

    courses = []
    for _ in range(wanted["courses"]):
        kind = rng.choice(kinds)
        project = rng.choice(projects)
        start = first + dt.timedelta(days=rng.randint(0, 365 * 10 + 60))
        courses.append(
            Course(
                title=f"{start.year}年晋城市老年人{KIND_TITLES[kind].format(project=project.name)}",
                project_id=project.pk,
                kind=kind,
                level="city",
                organiser="晋城市老年人体育协会" + MARK,
                starts_on=start,
                ends_on=start + dt.timedelta(days=rng.choice((1, 2, 3, 4))),
                venue="晋城市老年活动中心",
                quota_per_unit=rng.choice((None, 5, 10, 20)),
                nomination_opens=start - dt.timedelta(days=30),
                nomination_closes=start - dt.timedelta(days=7),
                description="培训内容：规则讲解、技术示范、实际操作和考核。",
                is_published=rng.random() < 0.97,
            )
        )
    courses = _batched_create(Course, courses, stdout=stdout, label="培训班")

    per_course = [0] * len(courses)
    for _ in range(wanted["nominations"]):
        per_course[rng.randrange(len(courses))] += 1
    nominations, serial = [], 0
    for course, count in zip(courses, per_course, strict=True):
        past = course.ends_on < today
        taken: set[int] = set()
        for _ in range(count):
            unit = rng.choice(units)
            pool = people_by_unit.get(unit.pk)
            if not pool:
                continue
            person = rng.choice(pool)
            if person in taken:
                continue
            taken.add(person)
            status = (
                rng.choice((NominationStatus.PASSED,) * 6 + (NominationStatus.FAILED,)) if past else NominationStatus.NOMINATED
            )
            certificate = ""
            if status == NominationStatus.PASSED:
                serial += 1
                certificate = f"JCPX-{course.starts_on.year}-B{serial:07d}"
            nominations.append(
                Nomination(
                    course_id=course.pk,
                    person_id=person,
                    unit_id=unit.pk,
                    status=status,
                    certificate_number=certificate,
                    certificate_date=course.ends_on if certificate else None,
                )
            )
    _batched_create(Nomination, nominations, stdout=stdout, label="推荐名单")
