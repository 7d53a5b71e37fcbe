"""Roster (花名册) Excel export and all-or-nothing import."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from grassroots.models import Person
from training.models import Nomination, NominationStatus
from training.roster import COLUMNS, roster_export, roster_import
from training.services import nomination_record_result

from .factories import make_past_course, nominate

pytestmark = pytest.mark.django_db

DOMAIN_COLUMNS = ["序号", "姓名", "性别", "出生年月", "身份证号", "所属单位", "项目", "类别", "原等级", "培训后等级", "证书编号", "发证机构", "发证日期", "考核结果", "联系电话", "备注"]


@pytest.fixture
def course_with_roster(make_person, zezhou, gaoping):
    course = make_past_course(title="柔力球裁判员培训班", kind="referee")
    a = nominate(course, make_person(zezhou, name="王秀英", phone="13912345678"), NominationStatus.ATTENDED, remark="组长")
    nominate(course, make_person(gaoping, name="李建国", gender="M", birth=dt.date(1952, 3, 4)), NominationStatus.FAILED)
    nominate(course, make_person(zezhou, name="张玉兰"), NominationStatus.DECLINED)
    nomination_record_result(nomination=a, status=NominationStatus.PASSED)
    return course


def sheet_rows(data):
    return [list(r) for r in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]


def test_export_has_exactly_the_domain_columns(course_with_roster):
    rows = sheet_rows(roster_export(course_with_roster))
    assert COLUMNS == DOMAIN_COLUMNS
    assert rows[1] == DOMAIN_COLUMNS
    assert f"培训班编号：{course_with_roster.pk}" in rows[0][0]
    first = dict(zip(DOMAIN_COLUMNS, rows[2], strict=True))
    assert first["序号"] == 1 and first["姓名"] == "王秀英" and first["考核结果"] == "合格"
    assert len(first["身份证号"]) == 18 and first["证书编号"].startswith("JCPX2022-")
    assert first["联系电话"] == "13912345678" and first["出生年月"] == "1955-05" and first["项目"] == "柔力球"
    assert len(rows) == 5


def snapshot():
    return (
        sorted(Nomination.objects.values_list("pk", "person_id", "status", "certificate_number", "certificate_date", "remark", "updated_at")),
        sorted(Person.objects.values_list("pk", "name", "id_number", "updated_at")),
        Nomination.history.count(),
    )


def test_round_trip_changes_nothing(course_with_roster):
    data = roster_export(course_with_roster)
    before = snapshot()
    report = roster_import(data)
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged, report.people_created) == (0, 0, 3, 0)
    assert snapshot() == before
    assert roster_export(course_with_roster) is not None and sheet_rows(roster_export(course_with_roster)) == sheet_rows(data)


def _edit(data, edits):
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    for (row, column), value in edits.items():
        sheet.cell(row=row, column=DOMAIN_COLUMNS.index(column) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_bad_id_number_refuses_the_whole_file_and_names_rows(course_with_roster):
    data = _edit(roster_export(course_with_roster), {
        (3, "备注"): "改过的备注",  # a good change that must not be applied either
        (4, "身份证号"): "14052519550501123",
        (5, "所属单位"): "不存在的乡镇",
    })
    before = snapshot()
    report = roster_import(data)
    assert not report.ok
    text = "\n".join(report.errors)
    assert "第4行（张玉兰）" in text and "身份证号" in text
    assert "第5行（李建国）" in text and "不存在的乡镇" in text
    assert "第3行" not in text
    assert snapshot() == before


def test_unknown_course_refuses_the_whole_file(course_with_roster):
    data = _edit(roster_export(course_with_roster), {(1, "序号"): "培训班编号：999999 不存在的培训班"})
    report = roster_import(data)
    assert not report.ok and "第1行" in report.errors[0] and "找不到培训班" in report.errors[0]


def test_import_adds_new_people_and_updates_results(course_with_roster, zezhou):
    import datetime as dt

    from common.identity import make_id_number

    new_id = make_id_number("140525", dt.date(1950, 2, 2), 333, "M")
    data = _edit(roster_export(course_with_roster), {
        (5, "考核结果"): "合格", (5, "证书编号"): "SX-2022-001", (5, "发证日期"): "2022-09-01",
        (6, "序号"): 4, (6, "姓名"): "赵满仓", (6, "性别"): "男", (6, "出生年月"): "1950-02", (6, "身份证号"): new_id,
        (6, "所属单位"): "泽州县老年人体育协会", (6, "项目"): "柔力球", (6, "类别"): "裁判员", (6, "考核结果"): "已参训",
    })
    report = roster_import(data)
    assert report.ok, report.errors
    assert (report.created, report.updated, report.people_created) == (1, 1, 1)
    person = Person.objects.get(id_number=new_id)
    assert person.member_unit.slug == "zezhou" and person.gender == "M"
    assert Nomination.objects.get(course=course_with_roster, person__name="李建国").certificate_number == "SX-2022-001"


def test_not_an_excel_file():
    report = roster_import(b"not a workbook")
    assert not report.ok and "Excel" in report.errors[0]
