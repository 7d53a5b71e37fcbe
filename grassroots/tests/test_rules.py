"""Model and service rules: the tree, people, the standard's versions, self-checks, inspections."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from common.identity import make_id_number
from grassroots import services
from grassroots.models import (
    InspectionResult,
    Organisation,
    OrgLevel,
    OrgStatus,
    Person,
    Rectification,
    RectificationStatus,
    SelfCheckStatus,
    Standard,
    StandardItem,
)

from . import factories as f

pytestmark = pytest.mark.django_db


class TestTree:
    def test_village_under_county_is_refused_with_message(self, zezhou):
        org = Organisation(parent=zezhou, name="错村", level=OrgLevel.VILLAGE)
        with pytest.raises(ValidationError) as exc:
            org.full_clean()
        assert "上级组织层级不对" in str(exc.value.message_dict["parent"])

    def test_database_also_refuses_wrong_level(self, zezhou):
        with pytest.raises(IntegrityError), transaction.atomic():
            Organisation.objects.create(parent=zezhou, name="错村", level=OrgLevel.VILLAGE)

    def test_duplicate_name_under_same_parent(self, zezhou):
        f.township(zezhou, "巴公镇")
        dup = Organisation(parent=zezhou, name="巴公镇", level=OrgLevel.TOWNSHIP)
        with pytest.raises(ValidationError) as exc:
            dup.full_clean()
        assert "__all__" in exc.value.message_dict or "name" in exc.value.message_dict

    def test_same_name_under_other_parent_allowed(self, zezhou, gaoping):
        f.township(zezhou, "新镇")
        Organisation(parent=gaoping, name="新镇", level=OrgLevel.TOWNSHIP).full_clean()

    def test_member_unit_kept_at_depth(self, zezhou):
        t = f.township(zezhou)
        v = f.village(t)
        assert v.member_unit_id == zezhou.pk

    def test_dissolve_is_status_change(self, zezhou):
        t = f.township(zezhou)
        v = f.village(t)
        with pytest.raises(ValidationError):
            services.organisation_dissolve(organisation=t)
        services.organisation_dissolve(organisation=v, on=dt.date(2023, 5, 1))
        v.refresh_from_db()
        assert v.status == OrgStatus.DISSOLVED and v.dissolved_on == dt.date(2023, 5, 1)
        services.organisation_dissolve(organisation=v)  # idempotent
        assert Organisation.objects.filter(pk=v.pk).exists()

    def test_member_unit_cannot_be_dissolved_here(self, zezhou):
        with pytest.raises(ValidationError):
            services.organisation_dissolve(organisation=zezhou)


class TestPeople:
    def test_bad_checksum(self, zezhou):
        good = make_id_number("140502", dt.date(1955, 5, 1), 101, "M")
        bad = good[:17] + ("0" if good[17] != "0" else "1")
        p = Person(organisation=zezhou, name="张三", gender="M", birth_date=dt.date(1955, 5, 1), id_number=bad)
        with pytest.raises(ValidationError) as exc:
            p.full_clean()
        assert "校验位" in str(exc.value.message_dict["id_number"])

    def test_birth_date_must_agree(self, zezhou):
        number = make_id_number("140502", dt.date(1955, 5, 1), 101, "M")
        p = Person(organisation=zezhou, name="张三", gender="M", birth_date=dt.date(1956, 5, 1), id_number=number)
        with pytest.raises(ValidationError) as exc:
            p.full_clean()
        assert "1955-05-01" in str(exc.value.message_dict["birth_date"])

    def test_phone_with_letters(self, zezhou):
        p = Person(organisation=zezhou, name="张三", gender="M", birth_date=dt.date(1955, 5, 1), phone="1391234abcd")
        with pytest.raises(ValidationError) as exc:
            p.full_clean()
        assert "phone" in exc.value.message_dict

    def test_duplicate_message_for_other_unit_names_only_the_unit(self, gaoping, zezhou, make_person, zezhou_coordinator):
        other = make_person(f.township(gaoping, "米山镇"), name="李四")
        message = services.duplicate_id_message(id_number=other.id_number, user=zezhou_coordinator)
        assert "高平市老年人体育协会" in message
        assert "李四" not in message and "米山镇" not in message

    def test_duplicate_message_for_own_unit_and_staff(self, zezhou, make_person, zezhou_coordinator, staff_user):
        other = make_person(f.township(zezhou, "巴公镇"), name="王五")
        assert "巴公镇" in services.duplicate_id_message(id_number=other.id_number, user=zezhou_coordinator)
        assert "王五" in services.duplicate_id_message(id_number=other.id_number, user=staff_user)
        assert services.duplicate_id_message(id_number=other.id_number, user=staff_user, exclude_pk=other.pk) is None

    def test_database_refuses_duplicate_id(self, zezhou, make_person):
        p = make_person(zezhou)
        with pytest.raises(IntegrityError), transaction.atomic():
            Person.objects.create(organisation=zezhou, name="重复", gender=p.gender, birth_date=p.birth_date, id_number=p.id_number)


class TestStandardVersions:
    def test_seeded_six_haves(self):
        standard = Standard.objects.get(code="liuyou", version=1)
        assert [i.title for i in standard.items.all()] == ["有组织", "有场地", "有经费", "有骨干", "有活动", "有制度"]
        assert standard.max_total == Decimal("60")

    def test_frozen_once_used_and_new_version_leaves_past_alone(self):
        campaign = f.campaign(2022)
        item = campaign.standard.items.get(code="org")
        item.title = "改名"
        with pytest.raises(ValidationError) as exc:
            item.full_clean()
        assert "新建一个版本" in str(exc.value)
        v2 = services.standard_new_version(standard=campaign.standard)
        assert v2.version == 2 and v2.items.count() == 6
        new_item = v2.items.get(code="org")
        new_item.title = "有组织机构"
        new_item.full_clean()
        new_item.save()
        assert campaign.standard.items.get(code="org").title == "有组织"
        assert StandardItem.objects.filter(code="org").count() == 2


class TestSelfCheck:
    def answers(self, campaign, met=True):
        return {item.pk: {"met": met, "note": ""} for item in campaign.standard.items.all()}

    questionnaire = {
        "has_annual_plan": True, "committee_complete": True, "regular_activities": 5,
        "holiday_events": 3, "activists_trained": 4, "records_archived": True,
    }

    def test_draft_with_gaps_allowed_submit_not(self, zezhou, zezhou_coordinator):
        campaign = f.campaign()
        t = f.township(zezhou)
        sc = services.selfcheck_get_or_start(campaign=campaign, organisation=t)
        partial = {next(iter(self.answers(campaign))): {"met": True, "note": "已挂牌"}}
        services.selfcheck_save(selfcheck=sc, user=zezhou_coordinator, questionnaire={"has_annual_plan": True}, answers=partial)
        with pytest.raises(ValidationError) as exc:
            services.selfcheck_save(selfcheck=sc, user=zezhou_coordinator, questionnaire={}, answers=partial, submit=True)
        assert "有场地" in " ".join(exc.value.messages)
        sc.refresh_from_db()
        assert sc.status == SelfCheckStatus.DRAFT and sc.has_annual_plan is True
        assert sc.answers.get().note == "已挂牌"  # partial work kept

    def test_submit_then_locked(self, zezhou, zezhou_coordinator):
        campaign = f.campaign()
        sc = services.selfcheck_get_or_start(campaign=campaign, organisation=f.township(zezhou))
        services.selfcheck_save(selfcheck=sc, user=zezhou_coordinator, questionnaire=self.questionnaire, answers=self.answers(campaign), submit=True)
        sc.refresh_from_db()
        assert sc.status == SelfCheckStatus.SUBMITTED and sc.submitted_by == zezhou_coordinator
        with pytest.raises(ValidationError) as exc:
            services.selfcheck_save(selfcheck=sc, user=zezhou_coordinator, questionnaire={"summary": "改"}, answers={})
        assert "已于" in exc.value.messages[0]
        sc.refresh_from_db()
        assert sc.summary == ""

    def test_locked_after_deadline(self, zezhou, zezhou_coordinator):
        campaign = f.campaign(deadline=dt.date.today() - dt.timedelta(days=1), inspection_start=dt.date.today(), inspection_end=dt.date.today())
        sc = services.selfcheck_get_or_start(campaign=campaign, organisation=f.township(zezhou))
        with pytest.raises(ValidationError) as exc:
            services.selfcheck_save(selfcheck=sc, user=zezhou_coordinator, questionnaire={"summary": "x"}, answers={})
        assert "截止" in exc.value.messages[0]

    def test_only_township_and_village(self, zezhou):
        with pytest.raises(ValidationError):
            services.selfcheck_get_or_start(campaign=f.campaign(), organisation=zezhou)


class TestInspection:
    @pytest.mark.parametrize(
        ("scores", "expected"),
        [
            ([(Decimal(10), True)] * 6, InspectionResult.EXCELLENT),
            ([(Decimal(9), True)] * 5 + [(Decimal(9), False)], InspectionResult.PASS),
            ([(Decimal(8), True)] * 6, InspectionResult.PASS),
            ([(Decimal(10), True)] * 4 + [(Decimal(5), False)] * 2, InspectionResult.FAIL),
            ([(Decimal(5), True)] * 6, InspectionResult.FAIL),
        ],
    )
    def test_proposal(self, scores, expected):
        assert services.propose_result(scores=scores, max_total=Decimal(60)) == expected

    def test_score_over_max_refused(self, zezhou):
        campaign = f.campaign()
        scores = f.full_scores(campaign)
        scores[next(iter(scores))] = (Decimal("11"), True)
        with pytest.raises(ValidationError):
            services.inspection_record(campaign=campaign, organisation=f.township(zezhou), inspected_on=dt.date(2023, 3, 20), inspectors="王", scores=scores)

    def test_member_unit_not_inspected(self, zezhou):
        campaign = f.campaign()
        with pytest.raises(ValidationError):
            services.inspection_record(campaign=campaign, organisation=zezhou, inspected_on=dt.date(2023, 3, 20), inspectors="王", scores=f.full_scores(campaign))

    def test_fail_opens_rectification_and_passing_reinspection_closes_it(self, zezhou, staff_user):
        campaign = f.campaign()
        org = f.township(zezhou)
        inspection = services.inspection_record(
            campaign=campaign, organisation=org, inspected_on=dt.date(2023, 3, 20), inspectors="王秘书",
            scores=f.full_scores(campaign, unmet_codes=("funds", "rules")),
        )
        assert inspection.proposed_result == InspectionResult.FAIL and inspection.result == ""
        assert not Rectification.objects.exists()
        services.inspection_confirm(inspection=inspection, user=staff_user, due_on=dt.date(2023, 4, 20))
        services.inspection_confirm(inspection=inspection, user=staff_user)  # idempotent
        rect = Rectification.objects.get()
        assert rect.status == RectificationStatus.OPEN and rect.due_on == dt.date(2023, 4, 20)
        assert "有经费" in rect.requirements and "有制度" in rect.requirements
        services.rectification_report(rectification=rect, report="已落实经费，制度已上墙。")
        rect.refresh_from_db()
        assert rect.status == RectificationStatus.REPORTED
        # A failing re-inspection keeps it open.
        services.reinspection_close(
            rectification=rect, user=staff_user, inspected_on=dt.date(2023, 4, 10), inspectors="王秘书",
            scores=f.full_scores(campaign, unmet_codes=("funds", "rules")),
        )
        rect.refresh_from_db()
        assert rect.status == RectificationStatus.OPEN
        again = services.reinspection_close(
            rectification=rect, user=staff_user, inspected_on=dt.date(2023, 4, 25), inspectors="王秘书", scores=f.full_scores(campaign),
        )
        rect.refresh_from_db()
        assert again.result == InspectionResult.EXCELLENT
        assert rect.status == RectificationStatus.CLOSED and rect.closed_on == dt.date(2023, 4, 25)
        assert Rectification.objects.count() == 1
        assert org.inspections.count() == 3  # the whole history stays

    def test_closed_rectification_cannot_be_reported(self, zezhou, staff_user):
        campaign = f.campaign()
        org = f.township(zezhou)
        inspection = services.inspection_record(
            campaign=campaign, organisation=org, inspected_on=dt.date(2023, 3, 20), inspectors="王", scores=f.full_scores(campaign, score=2, met=False),
        )
        services.inspection_confirm(inspection=inspection, user=staff_user)
        rect = Rectification.objects.get()
        with pytest.raises(ValidationError):
            services.rectification_report(rectification=rect, report="  ")
        services.reinspection_close(rectification=rect, user=staff_user, inspected_on=dt.date(2023, 4, 1), inspectors="王", scores=f.full_scores(campaign))
        with pytest.raises(ValidationError):
            services.rectification_report(rectification=rect, report="再报")
