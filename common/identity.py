"""Mainland China resident ID numbers (GB 11643-1999) and mobile numbers."""

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CODES = "10X98765432"
_ID_PATTERN = re.compile(r"^\d{17}[\dX]$")
_MOBILE_PATTERN = re.compile(r"^1[3-9]\d{9}$")


@dataclass(frozen=True)
class IdFacts:
    birth_date: dt.date
    gender: str  # "M" or "F", as in common.choices.Gender


def normalise_id_number(value: str) -> str:
    return (value or "").strip().upper().replace(" ", "")


def id_check_code(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CODES[total % 11]


def parse_id_number(value: str) -> IdFacts:
    """Validate an 18-digit ID number and return the birth date and gender it encodes."""
    number = normalise_id_number(value)
    if not _ID_PATTERN.match(number):
        raise ValidationError(_("身份证号应为18位，前17位为数字，最后一位为数字或X。"), code="id_format")
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(_("身份证号中的出生日期不存在。"), code="id_birth") from None
    if birth.year < 1900 or birth > dt.date.today():
        raise ValidationError(_("身份证号中的出生日期不合理。"), code="id_birth")
    if id_check_code(number[:17]) != number[17]:
        raise ValidationError(_("身份证号校验位不正确，请核对后重新输入。"), code="id_checksum")
    gender = "M" if int(number[16]) % 2 == 1 else "F"
    return IdFacts(birth_date=birth, gender=gender)


def validate_id_number(value: str) -> None:
    parse_id_number(value)


def mask_id_number(value: str) -> str:
    """110***********1234: enough to tell people apart, not enough to misuse."""
    number = normalise_id_number(value)
    if len(number) < 8:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def normalise_mobile(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "").removeprefix("+86")


def validate_mobile(value: str) -> None:
    number = normalise_mobile(value)
    if not _MOBILE_PATTERN.match(number):
        raise ValidationError(_("请输入11位大陆手机号码，例如 13912345678（只能包含数字）。"), code="mobile")


def mask_mobile(value: str) -> str:
    number = normalise_mobile(value)
    if len(number) != 11:
        return "*" * len(number)
    return number[:3] + "****" + number[-4:]


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Whole years of age on a date (the reference date of an age group)."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def make_id_number(region: str, birth_date: dt.date, sequence: int, gender: str) -> str:
    """Build a valid ID number (for demo and test data only)."""
    seq = sequence % 1000
    if (seq % 2 == 1) != (gender == "M"):
        seq = (seq + 1) % 1000
    first17 = f"{region[:6]:0>6}{birth_date:%Y%m%d}{seq:03d}"
    return first17 + id_check_code(first17)
