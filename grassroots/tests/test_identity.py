import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from common.identity import age_on, make_id_number, mask_id_number, parse_id_number, validate_mobile
from grassroots.models import Person


def test_valid_id_number_gives_birth_date_and_gender():
    facts = parse_id_number("11010519491231002X")
    assert facts.birth_date == dt.date(1949, 12, 31)
    assert facts.gender == "F"


@pytest.mark.parametrize(
    "value, code",
    [
        ("110105194912310021", "id_checksum"),
        ("11010519491331002X", "id_birth"),
        ("1101051949123100", "id_format"),
        ("11010519491231002Y", "id_format"),
    ],
)
def test_bad_id_numbers_are_refused(value, code):
    with pytest.raises(ValidationError) as excinfo:
        parse_id_number(value)
    assert excinfo.value.code == code


def test_masking_keeps_first_three_and_last_four():
    assert mask_id_number("11010519491231002X") == "110***********002X"


@pytest.mark.parametrize("value", ["1391234567a", "12345678901", "139123456789", "abc"])
def test_bad_mobiles_are_refused(value):
    with pytest.raises(ValidationError):
        validate_mobile(value)


def test_age_on_reference_date():
    assert age_on(dt.date(1963, 6, 1), dt.date(2023, 5, 31)) == 59
    assert age_on(dt.date(1963, 6, 1), dt.date(2023, 6, 1)) == 60


def test_person_whose_birth_date_disagrees_with_id_is_refused(zezhou):
    number = make_id_number("140525", dt.date(1958, 3, 9), 11, "M")
    person = Person(organisation=zezhou, name="张三", gender="M", birth_date=dt.date(1958, 3, 10), id_number=number)
    with pytest.raises(ValidationError) as excinfo:
        person.full_clean()
    assert "出生日期与身份证号不一致" in excinfo.value.message_dict["birth_date"][0]
    person.birth_date, person.gender = dt.date(1958, 3, 9), "F"
    with pytest.raises(ValidationError) as excinfo:
        person.full_clean()
    assert "性别与身份证号不一致" in excinfo.value.message_dict["gender"][0]
