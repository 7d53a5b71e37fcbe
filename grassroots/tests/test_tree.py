"""The organisation tree's level rules and the one scoping method every app relies on."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from grassroots.models import Organisation, OrgLevel, Person


def township(parent, name="巴公镇"):
    return Organisation.objects.create(parent=parent, name=name, level=OrgLevel.TOWNSHIP)


def test_migrate_creates_city_and_eight_member_units(db):
    city = Organisation.objects.get(level=OrgLevel.CITY)
    assert city.name == "晋城市老年人体育协会"
    units = list(Organisation.objects.member_units().values_list("short_name", flat=True))
    assert units == ["城区", "泽州县", "高平市", "阳城县", "陵川县", "沁水县", "金融分会", "晋能装备"]
    assert all(unit.parent_id == city.pk for unit in Organisation.objects.member_units())
    assert Organisation.objects.counties().count() == 6


def test_good_parents_pass_and_member_unit_is_kept(zezhou):
    town = township(zezhou)
    village = Organisation(parent=town, name="巴公一村", level=OrgLevel.VILLAGE)
    village.full_clean()
    village.save()
    assert town.member_unit_id == zezhou.pk
    assert village.member_unit_id == zezhou.pk
    assert zezhou.member_unit_id == zezhou.pk
    assert [a.name for a in village.ancestors()] == ["晋城市老年人体育协会", "泽州县老年人体育协会", "巴公镇"]


def test_village_under_county_is_rejected_with_a_clear_message(zezhou):
    village = Organisation(parent=zezhou, name="错挂村", level=OrgLevel.VILLAGE)
    with pytest.raises(ValidationError) as excinfo:
        village.full_clean()
    message = " ".join(excinfo.value.message_dict["parent"])
    assert "上级组织层级不对" in message and "乡镇/街道" in message


def test_database_refuses_a_wrong_parent_too(zezhou):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(parent=zezhou, name="错挂村", level=OrgLevel.VILLAGE)
    assert not Organisation.objects.filter(name="错挂村").exists()


def test_database_refuses_moving_a_township_under_another_township(zezhou):
    first, second = township(zezhou, "巴公镇"), township(zezhou, "金村镇")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=second.pk).update(parent=first)


def test_member_unit_needs_the_city_as_parent(zezhou, city):
    branch = Organisation(parent=zezhou, name="某分会", level=OrgLevel.MEMBER_UNIT, unit_kind="sector")
    with pytest.raises(ValidationError) as excinfo:
        branch.full_clean()
    assert "parent" in excinfo.value.message_dict
    ok = Organisation(parent=city, name="市老体协教育分会", level=OrgLevel.MEMBER_UNIT, unit_kind="sector")
    ok.full_clean()


def test_second_city_and_orphan_are_refused(db):
    with pytest.raises(ValidationError):
        Organisation(name="另一个市", level=OrgLevel.CITY).full_clean()
    with pytest.raises(ValidationError) as excinfo:
        Organisation(name="无上级镇", level=OrgLevel.TOWNSHIP).full_clean()
    assert "parent" in excinfo.value.message_dict


def test_duplicate_name_under_same_parent_is_refused(zezhou, gaoping):
    township(zezhou, "南村镇")
    with pytest.raises(ValidationError) as excinfo:
        Organisation(parent=zezhou, name="南村镇", level=OrgLevel.TOWNSHIP).full_clean()
    assert excinfo.value.messages
    # The same name under another county is fine.
    Organisation(parent=gaoping, name="南村镇", level=OrgLevel.TOWNSHIP).full_clean()


def test_coordinator_scope_is_own_unit_and_everything_below(zezhou_coordinator, zezhou, gaoping, make_person):
    zezhou_town = township(zezhou)
    zezhou_village = Organisation.objects.create(parent=zezhou_town, name="巴公一村", level=OrgLevel.VILLAGE)
    gaoping_town = township(gaoping, "米山镇")
    visible = set(Organisation.objects.for_user(zezhou_coordinator))
    assert {zezhou, zezhou_town, zezhou_village} <= visible
    assert gaoping not in visible and gaoping_town not in visible
    assert all(org.member_unit_id == zezhou.pk for org in visible)
    mine, theirs = make_person(zezhou_village), make_person(gaoping_town)
    people = set(Person.objects.for_user(zezhou_coordinator))
    assert mine in people and theirs not in people


def test_staff_see_everything_and_others_nothing(staff_user, plain_user, correspondent, zezhou, committee_officer):
    assert Organisation.objects.for_user(staff_user).count() == Organisation.objects.count()
    assert not Organisation.objects.for_user(plain_user).exists()
    assert not Organisation.objects.for_user(committee_officer).exists()
    # A correspondent acts for their unit, like its coordinator.
    assert set(Organisation.objects.for_user(correspondent)) == set(Organisation.objects.filter(member_unit=zezhou))


def test_anonymous_sees_nothing(db):
    from django.contrib.auth.models import AnonymousUser

    assert not Organisation.objects.for_user(AnonymousUser()).exists()
