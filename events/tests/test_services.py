"""Eligibility and quota rules of entries, each bad input with its Chinese message on its field."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from events import services
from events.models import Award, AwardType, Entry, EntryMember, EntryStatus, Event
from events.tests.helpers import make_event, make_item

pytestmark = pytest.mark.django_db


def _save(user, unit, item, members, team="一队", **kw):
    return services.entry_save(user=user, unit=unit, item=item, team_name=team, members=members, **kw)


def _errors(exc) -> dict:
    return exc.value.message_dict


def test_entry_with_eligible_members_is_saved_and_submitted(zezhou_coordinator, zezhou, make_person):
    event = make_event()
    item = make_item(event, team_min=2, team_max=3, min_age=60)
    people = [make_person(zezhou, birth=dt.date(1950, 1, 1)) for _ in range(2)]
    entry = _save(zezhou_coordinator, zezhou, item, people, submit=True)
    assert entry.status == EntryStatus.SUBMITTED and entry.submitted_at
    assert set(entry.members.values_list("person_id", flat=True)) == {p.pk for p in people}
    assert entry.history.count() == 1


def test_entering_after_the_window_closed_is_refused(zezhou_coordinator, zezhou, make_person):
    item = make_item(make_event(open_now=False))
    with pytest.raises(ValidationError) as exc:
        _save(zezhou_coordinator, zezhou, item, [make_person(zezhou)])
    assert "报名已于" in _errors(exc)["item"][0] and "截止" in _errors(exc)["item"][0]
    assert not Entry.objects.exists()


def test_an_eleventh_team_over_a_quota_of_ten_is_refused(zezhou_coordinator, zezhou, make_person):
    event = make_event(quota=10)
    item = make_item(event, team_min=1, team_max=1)
    for n in range(10):
        _save(zezhou_coordinator, zezhou, item, [make_person(zezhou)], team=f"队{n}", submit=True)
    with pytest.raises(ValidationError) as exc:
        _save(zezhou_coordinator, zezhou, item, [make_person(zezhou)], team="第十一队")
    assert _errors(exc)["item"] == ["本单位在本赛事最多可报 10 队，已经报了 10 队。"]
    assert Entry.objects.filter(unit=zezhou).count() == 10


def test_quota_is_per_unit_and_withdrawn_entries_free_their_place(zezhou_coordinator, gaoping_coordinator, zezhou, gaoping, make_person):
    item = make_item(make_event(quota=1), team_min=1, team_max=1)
    first = _save(zezhou_coordinator, zezhou, item, [make_person(zezhou)], team="甲")
    _save(gaoping_coordinator, gaoping, item, [make_person(gaoping)], team="乙")  # another unit: its own quota
    services.entry_withdraw(entry=first)
    _save(zezhou_coordinator, zezhou, item, [make_person(zezhou)], team="丙")
    assert Entry.objects.active().filter(unit=zezhou).count() == 1


def test_a_54_year_old_in_a_60_and_over_group_is_refused(zezhou_coordinator, zezhou, make_person):
    event = make_event(start=dt.date(2030, 6, 1))
    item = make_item(event, min_age=60)
    young = make_person(zezhou, name="年轻人", birth=dt.date(1975, 7, 1))  # 54 on 2030-06-01
    with pytest.raises(ValidationError) as exc:
        _save(zezhou_coordinator, zezhou, item, [young])
    assert "年轻人 在 2030-06-01 时 54 岁，不满本组最小年龄 60 岁。" in _errors(exc)["members"]


def test_a_man_in_a_womens_item_is_refused(zezhou_coordinator, zezhou, make_person):
    item = make_item(make_event(), gender="F")
    man = make_person(zezhou, name="老张", gender="M")
    with pytest.raises(ValidationError) as exc:
        _save(zezhou_coordinator, zezhou, item, [man])
    assert "老张 是男性，本组只限女性。" in _errors(exc)["members"]


def test_the_same_person_twice_in_one_item_is_refused(zezhou_coordinator, zezhou, make_person):
    item = make_item(make_event(), team_min=1, team_max=3)
    person = make_person(zezhou, name="李秀英")
    _save(zezhou_coordinator, zezhou, item, [person], team="一队")
    with pytest.raises(ValidationError) as exc:
        _save(zezhou_coordinator, zezhou, item, [person, make_person(zezhou)], team="二队")
    assert "李秀英 已经报在本项目的“一队”队中" in _errors(exc)["members"][0]
    # The same person may enter another item.
    _save(zezhou_coordinator, zezhou, make_item(item.event, name="另一项"), [person], team="一队")


def test_the_database_itself_keeps_one_team_per_person_per_item(zezhou, make_person):
    from django.db import IntegrityError, transaction

    item = make_item(make_event(), team_max=3)
    person = make_person(zezhou)
    a = Entry.objects.create(event=item.event, item=item, unit=zezhou, team_name="a")
    b = Entry.objects.create(event=item.event, item=item, unit=zezhou, team_name="b")
    EntryMember.objects.create(entry=a, person=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        EntryMember.objects.create(entry=b, person=person)


def test_a_team_of_three_in_an_item_for_10_to_12_is_refused(zezhou_coordinator, zezhou, make_person):
    item = make_item(make_event(), team_min=10, team_max=12, name="集体规定套路")
    with pytest.raises(ValidationError) as exc:
        _save(zezhou_coordinator, zezhou, item, [make_person(zezhou) for _ in range(3)])
    assert _errors(exc)["members"] == ["“集体规定套路”每队 10 至 12 人，现在选了 3 人。"]


def test_another_units_person_is_refused(zezhou_coordinator, zezhou, gaoping, make_person):
    item = make_item(make_event())
    other = make_person(gaoping, name="高平人")
    with pytest.raises(ValidationError) as exc:
        _save(zezhou_coordinator, zezhou, item, [other])
    assert "高平人 不是本单位的人员。" in _errors(exc)["members"]
    assert not Entry.objects.exists()


def test_a_double_submit_creates_no_duplicate(zezhou_coordinator, zezhou, make_person):
    item = make_item(make_event(quota=5))
    people = [make_person(zezhou)]
    first = _save(zezhou_coordinator, zezhou, item, people, submit=True)
    second = _save(zezhou_coordinator, zezhou, item, people, submit=True)
    assert first.pk == second.pk and Entry.objects.count() == 1 and EntryMember.objects.count() == 1


def test_same_team_name_with_other_members_is_refused_on_the_team_name(zezhou_coordinator, zezhou, make_person):
    item = make_item(make_event())
    _save(zezhou_coordinator, zezhou, item, [make_person(zezhou)])
    with pytest.raises(ValidationError) as exc:
        _save(zezhou_coordinator, zezhou, item, [make_person(zezhou)])
    assert "已有名为“一队”的队伍" in _errors(exc)["team_name"][0]


def test_person_added_on_the_spot_is_validated_and_rolled_back_with_the_entry(zezhou_coordinator, zezhou, make_person):
    from common.identity import make_id_number
    from grassroots.models import Person

    item = make_item(make_event(), team_min=2, team_max=2, min_age=60)
    bad = services.NewPerson(name="新人", id_number="140525195801011234")
    with pytest.raises(ValidationError) as exc:
        _save(zezhou_coordinator, zezhou, item, [make_person(zezhou, birth=dt.date(1950, 1, 1))], new_person=bad)
    assert "校验位" in _errors(exc)["new_id_number"][0]
    # A valid ID of someone too young: the entry fails, so the new person is not kept either.
    young = services.NewPerson(name="小王", id_number=make_id_number("140525", dt.date(1980, 1, 1), 11, "F"))
    with pytest.raises(ValidationError):
        _save(zezhou_coordinator, zezhou, item, [make_person(zezhou, birth=dt.date(1950, 1, 1))], new_person=young)
    assert not Person.objects.filter(name="小王").exists()
    good = services.NewPerson(name="老李", id_number=make_id_number("140525", dt.date(1952, 3, 4), 13, "M"))
    entry = _save(zezhou_coordinator, zezhou, item, [make_person(zezhou, birth=dt.date(1950, 1, 1))], new_person=good)
    person = Person.objects.get(name="老李")
    assert person.member_unit_id == zezhou.pk and person.birth_date == dt.date(1952, 3, 4) and person.gender == "M"
    assert entry.members.filter(person=person).exists()


def test_reject_needs_a_reason_and_frees_the_members(zezhou_coordinator, zezhou, make_person):
    item = make_item(make_event())
    person = make_person(zezhou)
    entry = _save(zezhou_coordinator, zezhou, item, [person], submit=True)
    with pytest.raises(ValidationError) as exc:
        services.entry_review(entry=entry, accept=False, reason=" ")
    assert _errors(exc)["reason"] == ["退回报名时请写明原因。"]
    entry = services.entry_review(entry=entry, accept=False, reason="人数不符")
    assert entry.status == EntryStatus.REJECTED and entry.reject_reason == "人数不符"
    _save(zezhou_coordinator, zezhou, item, [person], team="重报")  # the person is free again


def test_only_drafts_can_be_changed(zezhou_coordinator, zezhou, make_person):
    item = make_item(make_event())
    entry = _save(zezhou_coordinator, zezhou, item, [make_person(zezhou)], submit=True)
    with pytest.raises(ValidationError):
        _save(zezhou_coordinator, zezhou, item, [make_person(zezhou)], entry=entry)


def test_an_award_on_an_entry_of_another_event_is_refused(zezhou, make_person):
    item_a, item_b = make_item(make_event(title="甲赛事")), make_item(make_event(title="乙赛事"))
    entry = Entry.objects.create(event=item_a.event, item=item_a, unit=zezhou, team_name="队")
    award = Award(event=item_b.event, entry=entry, award_type=AwardType.WINNER)
    with pytest.raises(ValidationError) as exc:
        award.full_clean()
    assert "不是本赛事的队伍" in exc.value.message_dict["entry"][0]


def test_award_labels_and_unique_certificate_numbers(zezhou):
    item = make_item(make_event(start=dt.date(2022, 9, 6)))
    a = Entry.objects.create(event=item.event, item=item, unit=zezhou, team_name="甲")
    b = Entry.objects.create(event=item.event, item=item, unit=zezhou, team_name="乙")
    first = services.award_set(entry=a, award_type=AwardType.WINNER, rank=1)
    shared = services.award_set(entry=b, award_type=AwardType.WINNER)  # banded award shared by several teams
    fifth = services.award_set(entry=b, award_type=AwardType.RANK_ONLY, rank=5)
    assert (first.label, shared.label, fifth.label) == ("优胜奖第一名", "优胜奖", "第五名")
    numbers = {first.certificate_number, shared.certificate_number, fifth.certificate_number}
    assert len(numbers) == 3 and all(n.startswith("JCLT-2022-") for n in numbers)
    assert services.award_set(entry=a, award_type=AwardType.WINNER, rank=1).pk == first.pk


def test_results_import_is_all_or_nothing_and_names_the_rows(zezhou):
    item = make_item(make_event(), name="集体规定套路")
    Entry.objects.create(event=item.event, item=item, unit=zezhou, team_name="泽州一队")
    rows = [
        {"项目": "集体规定套路", "单位": "泽州县", "队名": "泽州一队", "奖项": "一等奖", "名次": "", "成绩": "9.5"},
        {"项目": "集体规定套路", "单位": "泽州县", "队名": "不存在的队", "奖项": "二等奖", "名次": None, "成绩": None},
        {"项目": "集体规定套路", "单位": "泽州县", "队名": "泽州一队", "奖项": "优胜奖", "名次": "第x名", "成绩": None},
    ]
    with pytest.raises(ValidationError) as exc:
        services.results_import(event=item.event, rows=rows)
    messages = exc.value.messages
    assert any(m.startswith("第 3 行") and "不存在的队" in m for m in messages)
    assert any(m.startswith("第 4 行") and "名次" in m for m in messages)
    assert not Award.objects.exists()
    assert services.results_import(event=item.event, rows=rows[:1]) == 1
    award = Award.objects.get()
    assert award.award_type == AwardType.FIRST and str(award.score) == "9.50"


def test_an_entry_must_name_an_item_of_its_own_event(zezhou):
    item_a, item_b = make_item(make_event()), make_item(make_event())
    entry = Entry(event=item_a.event, item=item_b, unit=zezhou, team_name="队")
    with pytest.raises(ValidationError) as exc:
        entry.full_clean()
    assert exc.value.message_dict["item"] == ["只能选择本赛事的比赛项目。"]


def test_staff_record_the_city_delegations_external_entry_without_a_window(staff_user, city):
    from events.models import EventKind

    event = make_event(kind=EventKind.EXTERNAL, open_now=None, level="national", is_online=True)
    item = make_item(event, team_min=1, team_max=30, name="健身秧歌集体规定套路 第八套")
    entry = services.entry_save(user=staff_user, unit=city, item=item, team_name="晋城市老体协健身秧歌队",
                                participants_text="24 人", submit=True)
    award = services.award_set(entry=entry, award_type=AwardType.FIRST)
    assert entry.unit == city and entry.members.count() == 0 and award.label == "一等奖"
    assert not Event.objects.registration_open().filter(pk=event.pk).exists()  # never offered to coordinators
