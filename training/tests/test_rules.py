"""Rules of nominations, results and qualifications (services and model validation)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from common.choices import Level
from grassroots.models import Project
from training.models import CourseKind, Grade, Nomination, NominationStatus, Qualification, QualificationKind
from training.services import nomination_record_result, nominations_create, nominations_set_status, qualification_grant

from .factories import TODAY, make_course, make_past_course, nominate

pytestmark = pytest.mark.django_db


def people(make_person, org, n, **kw):
    return [make_person(org, name=f"人员{org.slug}{i}", **kw) for i in range(n)]


def test_coordinator_nominates_within_window_and_quota(make_person, zezhou, zezhou_coordinator):
    course = make_course(quota_per_unit=3)
    created = nominations_create(course=course, people=people(make_person, zezhou, 3), user=zezhou_coordinator)
    assert len(created) == 3
    assert all(n.unit_id == zezhou.pk and n.status == NominationStatus.NOMINATED for n in created)


def test_over_quota_is_refused_and_nothing_is_saved(make_person, zezhou, zezhou_coordinator):
    course = make_course(quota_per_unit=2)
    with pytest.raises(ValidationError) as exc:
        nominations_create(course=course, people=people(make_person, zezhou, 3), user=zezhou_coordinator)
    assert "超出名额" in str(exc.value)
    assert Nomination.objects.count() == 0


def test_declined_nomination_frees_its_place(make_person, zezhou, zezhou_coordinator):
    course = make_course(quota_per_unit=1)
    first, second = people(make_person, zezhou, 2)
    nominate(course, first, NominationStatus.DECLINED)
    nominations_create(course=course, people=[second], user=zezhou_coordinator)
    assert course.nominations.count() == 2


def test_quota_is_per_unit(make_person, zezhou, gaoping, zezhou_coordinator, gaoping_coordinator):
    course = make_course(quota_per_unit=1)
    nominations_create(course=course, people=people(make_person, zezhou, 1), user=zezhou_coordinator)
    nominations_create(course=course, people=people(make_person, gaoping, 1), user=gaoping_coordinator)
    assert course.nominations.count() == 2


@pytest.mark.parametrize(("opens", "closes", "message"), [(-10, -1, "截止"), (2, 9, "尚未开始")])
def test_outside_the_window_is_refused(make_person, zezhou, zezhou_coordinator, opens, closes, message):
    course = make_course(nomination_opens=TODAY + dt.timedelta(days=opens), nomination_closes=TODAY + dt.timedelta(days=closes))
    with pytest.raises(ValidationError) as exc:
        nominations_create(course=course, people=people(make_person, zezhou, 1), user=zezhou_coordinator)
    assert message in str(exc.value)


def test_staff_may_record_outside_the_window(make_person, zezhou, staff_user):
    course = make_past_course()
    nominations_create(course=course, people=people(make_person, zezhou, 1), user=staff_user)
    assert course.nominations.get().unit == zezhou


def test_person_of_another_unit_is_refused(make_person, gaoping, zezhou_coordinator):
    course = make_course()
    with pytest.raises(ValidationError) as exc:
        nominations_create(course=course, people=people(make_person, gaoping, 1), user=zezhou_coordinator)
    assert "不是本单位的人员" in str(exc.value)


def test_same_person_twice_is_refused(make_person, zezhou, zezhou_coordinator):
    course = make_course()
    person = make_person(zezhou, name="李秀英")
    nominations_create(course=course, people=[person], user=zezhou_coordinator)
    with pytest.raises(ValidationError) as exc:
        nominations_create(course=course, people=[person], user=zezhou_coordinator)
    assert "李秀英已被推荐" in str(exc.value)
    with pytest.raises(IntegrityError):
        nominate(course, person)


def test_correspondent_and_plain_user_cannot_nominate(make_person, zezhou, plain_user):
    course = make_course()
    with pytest.raises(PermissionDenied):
        nominations_create(course=course, people=people(make_person, zezhou, 1), user=plain_user)


def test_bulk_admit_and_decline(make_person, zezhou):
    course = make_course()
    rows = [nominate(course, p) for p in people(make_person, zezhou, 3)]
    nominations_set_status(nominations=Nomination.objects.filter(pk__in=[rows[0].pk, rows[1].pk]), status=NominationStatus.ADMITTED)
    nominations_set_status(nominations=Nomination.objects.filter(pk=rows[2].pk), status=NominationStatus.DECLINED)
    assert sorted(Nomination.objects.values_list("status", flat=True)) == ["admitted", "admitted", "declined"]


def test_passing_gives_unique_certificate_numbers_and_grants_qualification(make_person, zezhou):
    course = make_past_course(kind=CourseKind.REFEREE, grants_kind=QualificationKind.REFEREE, grants_grade=Grade.THIRD)
    a, b = (nominate(course, p, NominationStatus.ATTENDED) for p in people(make_person, zezhou, 2))
    nomination_record_result(nomination=a, status=NominationStatus.PASSED)
    nomination_record_result(nomination=b, status=NominationStatus.PASSED)
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.certificate_number and b.certificate_number and a.certificate_number != b.certificate_number
    assert a.certificate_date == course.ends_on
    qualification = Qualification.objects.get(person=a.person)
    assert (qualification.kind, qualification.grade, qualification.project) == ("referee", "3", course.project)
    assert a.new_grade == "柔力球三级裁判员" and a.previous_grade == "无"


def test_passing_raises_instructor_after_two_years(make_person, zezhou):
    person = make_person(zezhou)
    Qualification.objects.create(person=person, kind="instructor", grade=Grade.THIRD, issuer="晋城市体育局", issued_on=dt.date(2019, 10, 1))
    course = make_past_course(kind=CourseKind.INSTRUCTOR, project=None, grants_kind="instructor", grants_grade=Grade.SECOND)
    nomination = nominate(course, person, NominationStatus.ATTENDED)
    nomination_record_result(nomination=nomination, status=NominationStatus.PASSED)
    qualification = Qualification.objects.get(person=person)
    assert qualification.grade == Grade.SECOND and qualification.course == course
    assert [h.grade for h in qualification.history.order_by("history_date")] == ["3", "2"]
    nomination.refresh_from_db()
    assert nomination.previous_grade == "三级社会体育指导员" and nomination.new_grade == "二级社会体育指导员"


def test_ladder_needs_years_held(make_person, zezhou):
    person = make_person(zezhou)
    qualification_grant(person=person, kind="instructor", grade=Grade.THIRD, issued_on=dt.date(2021, 9, 1), issuer="市体育局")
    with pytest.raises(ValidationError) as exc:
        qualification_grant(person=person, kind="instructor", grade=Grade.SECOND, issued_on=dt.date(2022, 8, 26), issuer="市体育局")
    assert "满2年" in str(exc.value)
    assert Qualification.objects.get(person=person).grade == Grade.THIRD


def test_third_straight_to_first_is_refused_without_override(make_person, zezhou):
    person = make_person(zezhou)
    qualification_grant(person=person, kind="instructor", grade=Grade.THIRD, issued_on=dt.date(2010, 1, 1), issuer="市体育局")
    with pytest.raises(ValidationError) as exc:
        qualification_grant(person=person, kind="instructor", grade=Grade.FIRST, issued_on=dt.date(2022, 1, 1), issuer="省体育局")
    assert "不能越级" in str(exc.value)


def test_staff_override_with_reason_is_kept_in_history(make_person, zezhou):
    person = make_person(zezhou)
    qualification_grant(person=person, kind="instructor", grade=Grade.THIRD, issued_on=dt.date(2010, 1, 1), issuer="市体育局")
    q = qualification_grant(person=person, kind="instructor", grade=Grade.FIRST, issued_on=dt.date(2022, 1, 1), issuer="省体育局",
                            override_reason="省体育局特批：全国比赛获奖")
    assert q.grade == Grade.FIRST
    assert q.history.filter(grade=Grade.FIRST, override_reason="省体育局特批：全国比赛获奖").exists()


def test_old_override_reason_does_not_wave_the_next_raise_through(make_person, zezhou):
    person = make_person(zezhou)
    q = Qualification.objects.create(person=person, kind="instructor", grade=Grade.SECOND, issuer="x", issued_on=dt.date(2022, 1, 1),
                                     override_reason="特批")
    q.grade = Grade.FIRST
    q.issued_on = dt.date(2022, 6, 1)
    with pytest.raises(ValidationError):
        q.full_clean()


def test_qualification_issued_before_course_ended_is_refused(make_person, zezhou):
    course = make_past_course()
    q = Qualification(person=make_person(zezhou), kind="coach", project=course.project, grade=Grade.THIRD, issuer="x",
                      issued_on=course.ends_on - dt.timedelta(days=1), course=course)
    with pytest.raises(ValidationError) as exc:
        q.full_clean()
    assert "早于培训班结束日期" in str(exc.value.message_dict["issued_on"])


def test_referee_needs_project_instructor_has_none(make_person, zezhou):
    person = make_person(zezhou)
    with pytest.raises(ValidationError):
        Qualification(person=person, kind="referee", grade="3", issuer="x", issued_on=TODAY).full_clean()
    with pytest.raises(ValidationError):
        Qualification(person=person, kind="instructor", project=Project.objects.first(), grade="3", issuer="x", issued_on=TODAY).full_clean()


def test_grant_is_idempotent_and_never_lowers(make_person, zezhou):
    person = make_person(zezhou)
    qualification_grant(person=person, kind="instructor", grade=Grade.THIRD, issued_on=dt.date(2015, 1, 1), issuer="x")
    qualification_grant(person=person, kind="instructor", grade=Grade.SECOND, issued_on=dt.date(2018, 1, 1), issuer="x")
    again = qualification_grant(person=person, kind="instructor", grade=Grade.THIRD, issued_on=dt.date(2020, 1, 1), issuer="x")
    assert again.grade == Grade.SECOND and Qualification.objects.count() == 1


def test_course_dates_and_window_are_checked():
    from training.models import Course

    bad = Course(title="x", kind="coach", level=Level.CITY, organiser="x", starts_on=TODAY, ends_on=TODAY - dt.timedelta(days=1),
                 nomination_opens=TODAY, nomination_closes=TODAY - dt.timedelta(days=2))
    with pytest.raises(ValidationError) as exc:
        bad.full_clean()
    assert {"ends_on", "nomination_closes"} <= set(exc.value.message_dict)


def test_expiring_lists_only_the_next_90_days(make_person, zezhou):
    person = make_person(zezhou)
    project = Project.objects.get(slug="menqiu")
    soon = Qualification.objects.create(person=person, kind="referee", project=project, grade="3", issuer="x",
                                        issued_on=dt.date(2020, 1, 1), expires_on=TODAY + dt.timedelta(days=30))
    Qualification.objects.create(person=person, kind="coach", project=project, grade="3", issuer="x",
                                 issued_on=dt.date(2020, 1, 1), expires_on=TODAY + dt.timedelta(days=120))
    assert list(Qualification.objects.expiring()) == [soon]
