"""common.excel (streamed .xlsx out, lazy rows in) and the people import the benchmark times."""

import datetime as dt
import io
import zipfile

from django.core.management import call_command
from openpyxl import load_workbook

from bench.people_io import HEADERS, export_people, make_import_file, people_import
from common.excel import XLSX_CONTENT_TYPE, iter_xlsx, read_xlsx_rows, xlsx_response
from common.identity import make_id_number
from grassroots.models import Organisation, OrgLevel, Person


def test_iter_xlsx_round_trip_is_lazy_about_rows():
    consumed = []

    def rows():
        for index in range(3):
            consumed.append(index)
            yield [f"姓名{index}", index, dt.date(1950, 1, index + 1)]

    chunks = iter_xlsx(["姓名", "序号", "日期"], rows(), sheet_title="名单")
    assert consumed == []  # nothing is built until the response is iterated
    data = b"".join(chunks)
    assert consumed == [0, 1, 2]
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "名单"
    assert [cell.value for cell in sheet[1]] == ["姓名", "序号", "日期"]
    assert sheet["A1"].font.bold
    assert sheet["A4"].value == "姓名2"
    assert list(read_xlsx_rows(io.BytesIO(data)))[1] == (3, {"姓名": "姓名1", "序号": 1, "日期": dt.datetime(1950, 1, 2)})


def test_xlsx_response_streams_with_a_chinese_filename():
    response = xlsx_response("人员名单.xlsx", ["a"], [[1]])
    assert response.streaming
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith('attachment; filename="export.xlsx"; ')
    assert "filename*=UTF-8''%E4%BA%BA%E5%91%98" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"PK")


def test_cells_of_every_type_survive_and_bad_characters_do_not_break_the_file():
    when = dt.datetime(2023, 3, 3, 8, 30, 15)
    rows = [["a<&>\x01\"b", dt.date(1950, 1, 2), 3.5, when, True, None, 12]]
    data = b"".join(iter_xlsx(["文本", "日期", "小数", "时间", "是否", "空", "整数"], rows, sheet_title="人员/名单[1]"))
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "人员名单1"
    assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[2]] == ['a<&>"b', dt.datetime(1950, 1, 2), 3.5, when, True, None, 12]
    assert sheet["B2"].number_format == "yyyy-mm-dd"


def test_a_large_export_streams_in_many_small_chunks():
    rows = ([f"姓名{i}", i, dt.date(1950, 1, 1)] for i in range(30_000))
    sizes = [len(chunk) for chunk in iter_xlsx(["姓名", "序号", "日期"], rows, flush_bytes=16 * 1024)]
    assert len(sizes) > 5
    assert max(sizes) < 256 * 1024  # never the whole file at once


def test_export_people_has_one_row_per_person(db):
    call_command("seed_bulk", "--scale", "0.002", "--force", "--quiet-progress", stdout=io.StringIO())
    sheet = load_workbook(io.BytesIO(b"".join(export_people(Person.objects.all())))).active
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet.max_row == Person.objects.count() + 1
    assert sheet["B2"].value in ("男", "女")


def _village(zezhou):
    township = Organisation.objects.create(name="巴公镇", level=OrgLevel.TOWNSHIP, parent=zezhou)
    return Organisation.objects.create(name="巴公一村", level=OrgLevel.VILLAGE, parent=township)


def _sheet(rows):
    return io.BytesIO(b"".join(iter_xlsx(HEADERS, rows)))


def test_import_reports_row_errors_and_imports_nothing_by_default(db, zezhou):
    village = _village(zezhou)
    good = make_id_number("140525", dt.date(1955, 3, 3), 11, "M")
    Person.objects.create(name="已登记", gender="M", birth_date=dt.date(1955, 3, 3), id_number=good, organisation=village)
    other = make_id_number("140525", dt.date(1956, 4, 4), 12, "F")
    rows = [
        ["王秀英", "女", dt.date(1956, 4, 4), other, "13912345678", "泽州县/巴公镇/巴公一村"],
        ["李建国", "男", dt.date(1955, 3, 3), good, "", "泽州县/巴公镇/巴公一村"],  # already registered
        ["", "男", None, other[:17] + ("0" if other[17] != "0" else "1"), "1234", "泽州县/巴公镇/不存在村"],
        ["赵六", "女", dt.date(1956, 4, 4), other, "", "泽州县/巴公镇/巴公一村"],  # same ID as row 2
    ]
    result = people_import(source=_sheet(rows))
    assert result.created == 0
    assert Person.objects.count() == 1
    messages = [str(error) for error in result.errors]
    assert "第 3 行「身份证号」：这个身份证号已经登记过。" in messages
    assert any(m.startswith("第 4 行「姓名」") for m in messages)
    assert any(m.startswith("第 4 行「身份证号」：身份证号校验位不正确") for m in messages)
    assert any(m.startswith("第 4 行「手机号」") for m in messages)
    assert any(m.startswith("第 4 行「所属组织」") for m in messages)
    assert "第 5 行「身份证号」：与第 2 行重复。" in messages


def test_import_skipping_errors_creates_the_good_rows_with_history(db, zezhou):
    village = _village(zezhou)
    rows = [
        ["王秀英", "女", dt.date(1956, 4, 4), make_id_number("140525", dt.date(1956, 4, 4), 12, "F"), "13912345678", "泽州县/巴公镇/巴公一村"],
        ["李建国", "男", dt.date(1950, 1, 1), make_id_number("140525", dt.date(1955, 3, 3), 11, "M"), "", "泽州县/巴公镇/巴公一村"],
    ]
    result = people_import(source=_sheet(rows), skip_errors=True, note="导入")
    assert result.created == 1
    assert [str(error) for error in result.errors] == ["第 3 行「出生日期」：与身份证号不一致：身份证号显示为 1955-03-03。"]
    person = Person.objects.get(note="导入")
    assert (person.organisation, person.member_unit, person.phone) == (village, zezhou, "13912345678")
    assert person.history.count() == 1


def test_benchmark_import_file_has_the_bad_rows_it_promises(db, tmp_path):
    call_command("seed_bulk", "--scale", "0.002", "--force", "--quiet-progress", stdout=io.StringIO())
    path = tmp_path / "people.xlsx"
    make_import_file(path, count=200, bad=8)
    result = people_import(source=path, skip_errors=True, note="bench")
    assert (result.created, len(result.errors)) == (192, 8)
