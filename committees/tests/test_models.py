import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from committees.models import Committee, Officer, OfficerRole
from committees.services import committee_set_projects, officer_appoint, officer_end_term
from grassroots.models import Project


def test_second_current_director_refused_by_database(appoint, menqiu):
    appoint(menqiu, OfficerRole.DIRECTOR)
    with pytest.raises(IntegrityError), transaction.atomic():
        appoint(menqiu, OfficerRole.DIRECTOR)
    assert Officer.objects.filter(committee=menqiu, role=OfficerRole.DIRECTOR).count() == 1


def test_second_current_director_refused_by_full_clean_in_chinese(appoint, make_person, menqiu, city):
    appoint(menqiu, OfficerRole.DIRECTOR)
    second = Officer(person=make_person(city), committee=menqiu, role=OfficerRole.DIRECTOR, term=menqiu.current_term,
                     started_on=dt.date(2022, 1, 1))
    with pytest.raises(ValidationError) as exc:
        second.full_clean()
    assert "本届已有一位在任主任" in str(exc.value)


def test_directors_of_different_committees_or_terms_are_fine(appoint, menqiu, pingpang):
    appoint(menqiu, OfficerRole.DIRECTOR)
    appoint(pingpang, OfficerRole.DIRECTOR)
    appoint(menqiu, OfficerRole.DIRECTOR, term=menqiu.current_term + 1)
    # Several deputies are normal.
    appoint(menqiu, OfficerRole.DEPUTY_DIRECTOR)
    appoint(menqiu, OfficerRole.DEPUTY_DIRECTOR)
    assert Officer.objects.filter(role=OfficerRole.DIRECTOR).count() == 3


def test_second_current_chairman_of_the_association_refused(appoint):
    appoint(None, OfficerRole.CHAIRMAN, term=7)
    with pytest.raises(IntegrityError), transaction.atomic():
        appoint(None, OfficerRole.CHAIRMAN, term=7)


def test_ending_a_term_keeps_the_record_and_frees_the_post(appoint, menqiu):
    first = appoint(menqiu, OfficerRole.DIRECTOR, started_on=dt.date(2020, 1, 1))
    officer_end_term(officer=first, ended_on=dt.date(2022, 6, 30))
    successor = appoint(menqiu, OfficerRole.DIRECTOR, started_on=dt.date(2022, 7, 1))
    first.refresh_from_db()
    assert first.ended_on == dt.date(2022, 6, 30)
    assert list(Officer.objects.of_committee(menqiu).current()) == [successor]
    assert Officer.objects.of_committee(menqiu).count() == 2
    # Ending twice changes nothing.
    officer_end_term(officer=first, ended_on=dt.date(2023, 1, 1))
    first.refresh_from_db()
    assert first.ended_on == dt.date(2022, 6, 30)


def test_chairman_of_previous_term_may_stay_on_record(appoint):
    appoint(None, OfficerRole.CHAIRMAN, term=6, started_on=dt.date(2016, 6, 1), ended_on=dt.date(2021, 6, 1))
    appoint(None, OfficerRole.CHAIRMAN, term=7)
    assert Officer.objects.association().current().get().term == 7


def test_term_ending_before_it_starts_refused(make_person, menqiu, city):
    officer = Officer(person=make_person(city), committee=menqiu, role=OfficerRole.MEMBER, term=5,
                      started_on=dt.date(2022, 5, 1), ended_on=dt.date(2022, 4, 30))
    with pytest.raises(ValidationError) as exc:
        officer.full_clean()
    assert "卸任日期（2022-04-30）不能早于任职日期（2022-05-01）" in exc.value.message_dict["ended_on"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        officer.save()


def test_end_in_the_future_refused(make_person, menqiu, city):
    officer = Officer(person=make_person(city), committee=menqiu, role=OfficerRole.MEMBER, term=5,
                      started_on=dt.date(2022, 5, 1), ended_on=dt.date.today() + dt.timedelta(days=30))
    with pytest.raises(ValidationError) as exc:
        officer.full_clean()
    assert "仍在任请留空" in exc.value.message_dict["ended_on"][0]


@pytest.mark.parametrize(
    ("committee_slug", "role", "message"),
    [(None, OfficerRole.DIRECTOR, "是专委会的职务"), ("menqiu", OfficerRole.CHAIRMAN, "是协会的职务")],
)
def test_role_must_fit_the_body(make_person, city, committee_slug, role, message):
    committee = Committee.objects.get(slug=committee_slug) if committee_slug else None
    officer = Officer(person=make_person(city), committee=committee, role=role, term=1, started_on=dt.date(2022, 1, 1))
    with pytest.raises(ValidationError) as exc:
        officer.full_clean()
    assert message in exc.value.message_dict["role"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        officer.save()


def test_inactive_person_cannot_be_appointed(make_person, menqiu, city):
    person = make_person(city, is_active=False)
    with pytest.raises(ValidationError) as exc:
        officer_appoint(person=person, committee=menqiu, role=OfficerRole.MEMBER, term=5, started_on=dt.date(2022, 1, 1))
    assert "不在册" in exc.value.message_dict["person"][0]


def test_appoint_twice_creates_one_position(make_person, menqiu, city):
    person = make_person(city)
    kwargs = {"person": person, "committee": menqiu, "role": OfficerRole.MEMBER, "term": 5, "started_on": dt.date(2022, 1, 1)}
    first = officer_appoint(**kwargs)
    second = officer_appoint(**kwargs)
    assert first.pk == second.pk
    assert Officer.objects.filter(person=person).count() == 1


def test_unknown_project_refused_in_chinese(menqiu):
    with pytest.raises(ValidationError) as exc:
        committee_set_projects(committee=menqiu, project_ids=[999999])
    assert "没有编号为 999999 的项目" in exc.value.message_dict["projects"][0]


def test_retired_project_refused_but_active_ones_saved(menqiu):
    retired = Project.objects.create(name="地掷球测试", slug="dizhiqiu-test", is_active=False)
    active = Project.objects.get(name="门球")
    with pytest.raises(ValidationError) as exc:
        committee_set_projects(committee=menqiu, project_ids=[active.pk, retired.pk])
    assert "项目“地掷球测试”已停用" in exc.value.message_dict["projects"][0]
    assert retired not in menqiu.projects.all()
    committee_set_projects(committee=menqiu, project_ids=[active.pk])
    assert list(menqiu.projects.all()) == [active]


def test_project_retired_after_assignment_stays_on_the_committee(menqiu):
    project = Project.objects.get(name="门球")
    project.is_active = False
    project.save()
    # Saving the committee with its old (now retired) project is not a new assignment.
    committee_set_projects(committee=menqiu, project_ids=[project.pk])
    assert project in menqiu.projects.all()


def test_history_records_who_changed_what(menqiu, staff_user):
    menqiu.introduction = "新的简介"
    menqiu._history_user = staff_user
    menqiu.save()
    latest = menqiu.history.first()
    assert latest.introduction == "新的简介"
    assert latest.history_user == staff_user


def test_term_labels(menqiu, appoint):
    menqiu.current_term = 5
    assert menqiu.term_label == "第五届"
    assert appoint(None, OfficerRole.SECRETARY_GENERAL, term=7).term_label == "第七届"
