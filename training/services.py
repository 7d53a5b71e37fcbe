"""Writes of training: nominations within window and quota, results, qualifications."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_secretariat
from common.cache import bump
from grassroots.models import Person
from grassroots.models.organisations import acting_unit

from .models import Course, Grade, Nomination, NominationStatus, Qualification
from .models.qualifications import GRADE_RANK


def _nomination_unit(*, user, person: Person):
    if is_secretariat(user):
        return person.member_unit
    unit = acting_unit(user)
    if unit is None:
        raise PermissionDenied(_("只有联络员和秘书处可以推荐人员。"))
    return unit


@transaction.atomic
def nominations_create(*, course: Course, people: Iterable[Person], user, today: dt.date | None = None) -> list[Nomination]:
    """Nominate people for a course, all or none.

    The course row is locked first (select_for_update), then the unit's counted nominations, so
    that simultaneous submits from one unit queue up and the last place is given exactly once.
    """
    today = today or timezone.localdate()
    people = list(people)
    if not people:
        raise ValidationError({"people": _("请至少选择一名人员。")})
    course = Course.objects.select_for_update().get(pk=course.pk)
    staff = is_secretariat(user)
    if not staff and not course.nomination_open_on(today):
        if course.nomination_opens and today < course.nomination_opens:
            message = _("推荐尚未开始：%(day)s起可以推荐。") % {"day": course.nomination_opens.isoformat()}
        elif course.nomination_closes:
            message = _("推荐已于%(day)s截止，不能再推荐。") % {"day": course.nomination_closes.isoformat()}
        else:
            message = _("这个培训班不接受各单位推荐。")
        raise ValidationError({"people": message})
    created = []
    by_unit: dict[int, list[Person]] = {}
    for person in people:
        unit = _nomination_unit(user=user, person=person)
        if unit is None or person.member_unit_id != unit.pk:
            raise ValidationError({"people": _("%(name)s不是本单位的人员，不能推荐。") % {"name": person.name}})
        by_unit.setdefault(unit.pk, []).append(person)
    already = set(
        Nomination.objects.filter(course=course, person__in=people).values_list("person__name", flat=True)
    )
    if already:
        raise ValidationError({"people": _("%(names)s已被推荐参加这个培训班，不能重复推荐。") % {"names": "、".join(sorted(already))}})
    for unit_id, unit_people in by_unit.items():
        if course.quota_per_unit is not None:
            counted = list(
                Nomination.objects.select_for_update().filter(course=course, unit_id=unit_id).counting_quota().values_list("pk", flat=True)
            )
            left = course.quota_per_unit - len(counted)
            if len(unit_people) > left:
                raise ValidationError({"people": _(
                    "超出名额：每单位限%(quota)d人，本单位已推荐%(used)d人，还可推荐%(left)d人，本次选了%(chosen)d人。"
                ) % {"quota": course.quota_per_unit, "used": len(counted), "left": max(left, 0), "chosen": len(unit_people)}})
        for person in unit_people:
            nomination = Nomination(course=course, person=person, unit_id=unit_id, nominated_by=user if user.is_authenticated else None)
            nomination.full_clean(validate_unique=False)
            try:
                with transaction.atomic():
                    nomination.save()
            except IntegrityError:
                raise ValidationError({"people": _("%(name)s已被推荐参加这个培训班，不能重复推荐。") % {"name": person.name}}) from None
            created.append(nomination)
    return created


def certificate_number_for(nomination: Nomination) -> str:
    """Unique because it embeds the nomination's primary key; readable because of course and year."""
    return f"JCPX{nomination.course.starts_on:%Y}-{nomination.course_id:04d}-{nomination.pk:06d}"


@transaction.atomic
def nominations_set_status(*, nominations: Iterable[Nomination], status: str, user=None) -> int:
    """Admit, decline or mark attendance for many nominations at once (admin bulk actions)."""
    if status == NominationStatus.PASSED:
        count = 0
        for nomination in nominations:
            nomination_record_result(nomination=nomination, status=status)
            count += 1
        return count
    count = 0
    for nomination in nominations:
        if nomination.status != status:
            nomination.status = status
            nomination.save(update_fields=["status", "updated_at"])
            count += 1
    bump("training")
    return count


@transaction.atomic
def nomination_record_result(
    *, nomination: Nomination, status: str, certificate_date: dt.date | None = None, override_reason: str = ""
) -> Nomination:
    """Record the assessment. Passing gives a certificate number and, where the course grants one,
    creates or raises the person's qualification (the ladder rules apply)."""
    nomination.status = status
    course = nomination.course
    if status == NominationStatus.PASSED:
        if not nomination.certificate_number:
            nomination.certificate_number = certificate_number_for(nomination)
        nomination.certificate_issuer = nomination.certificate_issuer or course.issuer
        nomination.certificate_date = certificate_date or nomination.certificate_date or course.ends_on
        if course.grants_kind:
            existing = Qualification.objects.filter(
                person=nomination.person, kind=course.grants_kind,
                project=course.project if course.grants_kind != "instructor" else None,
            ).first()
            if not nomination.previous_grade:
                nomination.previous_grade = existing.title if existing else _("无")
            qualification = qualification_grant(
                person=nomination.person, kind=course.grants_kind, grade=course.grants_grade,
                project=course.project if course.grants_kind != "instructor" else None,
                issued_on=nomination.certificate_date, issuer=nomination.certificate_issuer,
                certificate_number=nomination.certificate_number, course=course, override_reason=override_reason,
            )
            nomination.new_grade = qualification.title
    nomination.full_clean()
    nomination.save()
    bump("training")
    return nomination


@transaction.atomic
def qualification_grant(
    *, person: Person, kind: str, grade: str, project=None, issued_on: dt.date, issuer: str,
    certificate_number: str = "", course: Course | None = None, expires_on: dt.date | None = None, override_reason: str = "",
) -> Qualification:
    """Create the qualification, or raise the held one; never lowers it (idempotent on repeat)."""
    qualification = (
        Qualification.objects.select_for_update().filter(person=person, kind=kind, project=project).order_by("pk").first()
    )
    if qualification is not None and GRADE_RANK[Grade(qualification.grade)] >= GRADE_RANK[Grade(grade)]:
        return qualification
    if qualification is None:
        qualification = Qualification(person=person, kind=kind, project=project)
    qualification.grade = grade
    qualification.issued_on = issued_on
    qualification.issuer = issuer
    qualification.certificate_number = certificate_number
    qualification.course = course
    qualification.expires_on = expires_on
    qualification.override_reason = override_reason
    qualification.full_clean()
    qualification.save()
    return qualification
