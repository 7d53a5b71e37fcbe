"""Excel import (all-or-nothing, row-by-row Chinese errors) and export (masked ID for non-staff)."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from common.identity import make_id_number
from grassroots.excel import ORG_HEADER, PERSON_HEADER
from grassroots.models import Organisation, Person

from . import factories as f

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def xlsx(header, rows, name="data.xlsx"):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def bad_checksum(number):
    return number[:17] + ("1" if number[17] != "1" else "2")


def org_row(parent, name, level="行政村/社区", phone=""):
    return [parent, name, level, "", "", phone, "否", "2021-05-01", 30, "定额划拨", "是", "是", 2, 10]


@pytest.fixture
def bagong(zezhou):
    return f.township(zezhou, "巴公镇")


class TestImportOrganisations:
    url = reverse("grassroots_portal:import", args=["organisations"])

    def test_all_good_rows_import_including_new_parent(self, client, bagong, zezhou_coordinator):
        client.force_login(zezhou_coordinator)
        upload = xlsx(ORG_HEADER[:-1], [
            org_row("泽州县", "大东沟镇", level="乡镇/街道"),
            org_row("大东沟镇", "东沟村"),
            org_row("巴公镇", "巴公四村", phone="13912345678"),
        ])
        response = client.post(self.url, {"file": upload})
        assert response.status_code == 302
        assert Organisation.objects.get(name="东沟村").parent.name == "大东沟镇"
        assert Organisation.objects.get(name="巴公四村").funding_mode == "quota"

    def test_one_bad_row_writes_nothing_and_says_why(self, client, bagong, gaoping, zezhou_coordinator):
        f.township(gaoping, "米山镇")
        f.village(bagong, "巴公一村")
        client.force_login(zezhou_coordinator)
        upload = xlsx(ORG_HEADER[:-1], [
            org_row("巴公镇", "好村"),
            org_row("泽州县", "县下村"),            # village under a county
            org_row("巴公镇", "巴公一村"),           # duplicate under the same parent
            org_row("米山镇", "外县村"),             # another county's township
            org_row("巴公镇", "坏电话村", phone="1391234abcd"),
        ])
        response = client.post(self.url, {"file": upload})
        assert response.status_code == 200
        errors = dict(response.context["result"].errors)
        assert set(errors) == {3, 4, 5, 6}
        assert "上级组织层级不对" in " ".join(errors[3])
        assert "已有“巴公一村”" in " ".join(errors[4])
        assert "找不到" in " ".join(errors[5])
        assert "手机号码" in " ".join(errors[6])
        body = response.content.decode()
        assert "第 3 行" in body and "没有导入任何数据" in body
        assert not Organisation.objects.filter(name__in=["好村", "县下村", "外县村", "坏电话村"]).exists()

    def test_not_an_excel_file(self, client, zezhou_coordinator):
        client.force_login(zezhou_coordinator)
        fake = SimpleUploadedFile("orgs.xlsx", b"%PDF-1.4 not excel", content_type="application/pdf")
        response = client.post(self.url, {"file": fake})
        body = response.content.decode()
        assert response.status_code == 200 and ("内容不符" in body or "扩展名不符" in body)

    def test_missing_columns(self, client, zezhou_coordinator):
        client.force_login(zezhou_coordinator)
        response = client.post(self.url, {"file": xlsx(["名称"], [["x"]])})
        assert "表头缺少这些列" in response.content.decode()


class TestImportPeople:
    url = reverse("grassroots_portal:import", args=["people"])

    def row(self, name, birth, seq, gender="女", org="巴公镇", id_number=None, phone="13912345678"):
        g = "F" if gender == "女" else "M"
        return [name, gender, birth.isoformat(), id_number if id_number is not None else make_id_number("140525", birth, seq, g), phone, org, "健身骨干", ""]

    def test_good(self, client, bagong, zezhou_coordinator):
        client.force_login(zezhou_coordinator)
        upload = xlsx(PERSON_HEADER, [self.row("甲", dt.date(1955, 1, 1), 2), self.row("乙", dt.date(1956, 2, 2), 3, gender="男")])
        assert client.post(self.url, {"file": upload}).status_code == 302
        assert Person.objects.count() == 2

    def test_bad_rows_write_nothing(self, client, bagong, zezhou_coordinator):
        client.force_login(zezhou_coordinator)
        good = self.row("甲", dt.date(1955, 1, 1), 2)
        upload = xlsx(PERSON_HEADER, [
            good,
            self.row("乙", dt.date(1956, 2, 2), 4, id_number=good[3]),              # same ID as row 2
            self.row("丙", dt.date(1957, 3, 3), 6, id_number=bad_checksum(make_id_number("140525", dt.date(1957, 3, 3), 6, "F"))),
            [*self.row("丁", dt.date(1958, 4, 4), 8)[:2], "1959-04-04", *self.row("丁", dt.date(1958, 4, 4), 8)[3:]],
            self.row("戊", dt.date(1950, 5, 5), 10, phone="abc"),
        ])
        response = client.post(self.url, {"file": upload})
        errors = dict(response.context["result"].errors)
        assert "与第 2 行重复" in " ".join(errors[3])
        assert "校验位" in " ".join(errors[4])
        assert 5 in errors and "出生日期" in " ".join(errors[5])
        assert "手机号" in " ".join(errors[6])
        assert not Person.objects.exists()


class TestExport:
    def test_people_masked_for_coordinator_full_for_staff(self, client, bagong, make_person, zezhou_coordinator, staff_user):
        person = make_person(bagong)
        client.force_login(zezhou_coordinator)
        sheet = load_workbook(io.BytesIO(body(client.get(reverse("grassroots_portal:export", args=["people"]))))).worksheets[0]
        assert sheet.cell(2, 4).value == person.masked_id_number
        client.force_login(staff_user)
        sheet = load_workbook(io.BytesIO(body(client.get(reverse("grassroots_portal:export", args=["people"]))))).worksheets[0]
        assert sheet.cell(2, 4).value == person.id_number

    @pytest.mark.parametrize("kind", ["organisations", "venues", "teams"])
    def test_other_exports_scoped(self, client, bagong, gaoping, zezhou_coordinator, kind):
        mishan = f.township(gaoping, "米山镇")
        for org in (bagong, mishan):
            venue = f.venue(org, f"{org.name}广场")
            f.team(org, f"{org.name}队", venue=venue)
        client.force_login(zezhou_coordinator)
        response = client.get(reverse("grassroots_portal:export", args=[kind]))
        values = [c for row in load_workbook(io.BytesIO(body(response))).worksheets[0].iter_rows(values_only=True) for c in row]
        text = " ".join(str(v) for v in values if v)
        assert "巴公镇" in text and "米山镇" not in text

    def test_unknown_kind_404(self, client, zezhou_coordinator):
        client.force_login(zezhou_coordinator)
        assert client.get(reverse("grassroots_portal:export", args=["secrets"])).status_code == 404
        assert client.get(reverse("grassroots_portal:import", args=["venues"])).status_code == 404
