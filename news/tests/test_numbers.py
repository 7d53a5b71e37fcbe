import pytest
from django.core.exceptions import ValidationError

from news.forms import DocumentForm
from news.numbers import DocumentNumber, parse_number

from . import factories


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("晋市老体字〔2023〕1号", ("晋市老体字", 2023, 1)),
        ("晋市老体字﹝2023﹞1号", ("晋市老体字", 2023, 1)),
        ("晋市老体字[2020]1号", ("晋市老体字", 2020, 1)),
        ("晋市老体字［2020］12号", ("晋市老体字", 2020, 12)),
        ("晋市老体字(2023)3号", ("晋市老体字", 2023, 3)),
        ("晋市老体字（2023）第3号", ("晋市老体字", 2023, 3)),
        ("晋市老体字【2023】第 15 号", ("晋市老体字", 2023, 15)),
        (" 晋市老体字 〔2023〕 7 ", ("晋市老体字", 2023, 7)),
        ("晋市老体函〔２０２３〕２号", ("晋市老体函", 2023, 2)),
    ],
)
def test_parse_number(typed, expected):
    assert parse_number(typed) == DocumentNumber(*expected)
    assert str(parse_number(typed)) == f"{expected[0]}〔{expected[1]}〕{expected[2]}号"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "晋市老体字2023年1号",
        "〔2023〕1号",
        "晋市老体字〔23〕1号",
        "晋市老体字〔2023〕",
        "晋市老体字〔2023〕0号",
        "晋市老体字〔1800〕1号",
        "abc",
    ],
)
def test_parse_number_refuses(typed):
    with pytest.raises(ValidationError):
        parse_number(typed)


def _form_data(number, **extra):
    return {
        "number": number,
        "title": "关于举办培训班的通知",
        "addressees": "各县（市、区）老体协",
        "signing_body": "晋城市老年人体育协会",
        "signed_on": "2023-03-03",
        "body": "<p>正文</p>",
        "is_published": "on",
        "published_at": "2023-03-03 09:00:00",
        **extra,
    }


@pytest.mark.django_db
def test_document_form_parses_number_and_shows_it_with_standard_brackets():
    form = DocumentForm(data=_form_data("晋市老体字[2023]第2号"))
    assert form.is_valid(), form.errors
    document = form.save()
    assert (document.prefix, document.year, document.serial) == ("晋市老体字", 2023, 2)
    assert document.number == "晋市老体字〔2023〕2号"
    assert document.signed_on_chinese == "二〇二三年三月三日"


@pytest.mark.django_db
def test_document_form_refuses_unparsable_number():
    form = DocumentForm(data=_form_data("二〇二三年一号文"))
    assert not form.is_valid()
    assert "无法识别" in form.errors["number"][0]


@pytest.mark.django_db
def test_document_form_refuses_duplicate_number_in_same_year_but_not_next_year():
    factories.document(prefix="晋市老体字", year=2023, serial=1)
    form = DocumentForm(data=_form_data("晋市老体字(2023)1号"))
    assert not form.is_valid()
    assert "已经用过" in form.errors["number"][0]
    assert DocumentForm(data=_form_data("晋市老体字〔2024〕1号", signed_on="2024-01-05")).is_valid()


@pytest.mark.django_db
def test_database_refuses_duplicate_number():
    from django.db import IntegrityError, transaction

    factories.document(prefix="晋市老体字", year=2022, serial=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.document(prefix="晋市老体字", year=2022, serial=5)
