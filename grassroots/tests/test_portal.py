"""Portal pages per role, every bad input of the issue, scoping by URL, and query budgets."""

import datetime as dt
import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from common.identity import make_id_number
from grassroots.models import Organisation, OrgLevel, OrgStatus, Person, SelfCheck, SelfCheckStatus, Team, Venue

from . import factories as f

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def png_bytes(size=(20, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def pixel_bomb_png(width=20000, height=20000):
    """A tiny file whose header claims 20000×20000 pixels."""
    data = bytearray(png_bytes((1, 1)))
    ihdr_start = 8 + 8  # signature, then length + type of IHDR
    data[ihdr_start:ihdr_start + 8] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[12:12 + 4 + 13])) & 0xFFFFFFFF
    data[ihdr_start + 13:ihdr_start + 17] = struct.pack(">I", crc)
    return bytes(data)


@pytest.fixture
def zz(zezhou):
    township = f.township(zezhou, "巴公镇")
    village = f.village(township, "巴公一村")
    return {"township": township, "village": village}


@pytest.fixture
def gp(gaoping):
    township = f.township(gaoping, "米山镇")
    return {"township": township, "village": f.village(township, "米西村")}


LIST_PAGES = ["home", "organisation_list", "person_list", "venue_list", "team_list", "selfcheck_list", "dashboard",
              "organisation_add", "person_add", "venue_add", "team_add"]


class TestAccess:
    @pytest.mark.parametrize("name", LIST_PAGES)
    def test_roles(self, client, name, zezhou_coordinator, correspondent, staff_user, committee_officer):
        url = reverse(f"grassroots_portal:{name}")
        assert client.get(url).status_code == 302
        for user, expected in ((zezhou_coordinator, 200), (staff_user, 200), (correspondent, 403), (committee_officer, 403)):
            client.force_login(user)
            assert client.get(url).status_code == expected, user
            client.logout()

    def test_coordinator_sees_only_own_rows(self, client, zz, gp, zezhou_coordinator, staff_user):
        client.force_login(zezhou_coordinator)
        body = client.get(reverse("grassroots_portal:organisation_list")).content.decode()
        assert "巴公一村" in body and "米西村" not in body
        client.force_login(staff_user)
        body = client.get(reverse("grassroots_portal:organisation_list")).content.decode()
        assert "巴公一村" in body and "米西村" in body

    def test_other_county_objects_answer_404_and_nothing_changes(self, client, gp, make_person, zezhou_coordinator):
        campaign = f.campaign()
        person = make_person(gp["township"], name="高平人")
        venue = f.venue(gp["township"], "高平广场")
        team = f.team(gp["township"], "高平队", venue=venue)
        client.force_login(zezhou_coordinator)
        urls = [
            reverse("grassroots_portal:organisation_edit", args=[gp["village"].pk]),
            reverse("grassroots_portal:organisation_detail", args=[gp["village"].pk]),
            reverse("grassroots_portal:organisation_dissolve", args=[gp["village"].pk]),
            reverse("grassroots_portal:person_edit", args=[person.pk]),
            reverse("grassroots_portal:venue_edit", args=[venue.pk]),
            reverse("grassroots_portal:team_edit", args=[team.pk]),
            reverse("grassroots_portal:selfcheck_fill", args=[campaign.year, gp["village"].pk]),
        ]
        for url in urls:
            assert client.get(url).status_code == 404, url
            assert client.post(url, {"name": "改了", "dissolved_on": "2023-01-01", "confirm": "on", "action": "draft"}).status_code == 404, url
        gp["village"].refresh_from_db()
        person.refresh_from_db()
        assert gp["village"].status == OrgStatus.ACTIVE and person.name == "高平人"
        assert not SelfCheck.objects.exists()


class TestOrganisationForm:
    def post(self, client, **data):
        base = {"level": OrgLevel.TOWNSHIP, "name": "新镇", "team_count": 0, "activist_count": 0, "funding_mode": ""}
        base.update(data)
        return client.post(reverse("grassroots_portal:organisation_add"), base)

    def test_registers_village(self, client, zz, zezhou_coordinator):
        client.force_login(zezhou_coordinator)
        response = self.post(client, level=OrgLevel.VILLAGE, parent=zz["township"].pk, name="巴公三村", contact_phone="139 1234 5678")
        assert response.status_code == 302
        org = Organisation.objects.get(name="巴公三村")
        assert org.member_unit.slug == "zezhou" and org.contact_phone == "13912345678"

    def test_village_under_county_refused_and_input_kept(self, client, zezhou, zezhou_coordinator):
        client.force_login(zezhou_coordinator)
        response = self.post(client, level=OrgLevel.VILLAGE, parent=zezhou.pk, name="错层村", address="某路1号")
        assert response.status_code == 200
        body = response.content.decode()
        assert "上级组织层级不对" in body and "某路1号" in body
        assert not Organisation.objects.filter(name="错层村").exists()

    def test_duplicate_name_under_parent(self, client, zz, zezhou_coordinator):
        client.force_login(zezhou_coordinator)
        response = self.post(client, level=OrgLevel.VILLAGE, parent=zz["township"].pk, name="巴公一村")
        assert "已有名为“巴公一村”的组织" in response.content.decode()

    def test_phone_with_letters(self, client, zz, zezhou_coordinator):
        client.force_login(zezhou_coordinator)
        response = self.post(client, parent=zz["township"].member_unit_id, contact_phone="1391234abcd")
        assert "11位大陆手机号码" in response.content.decode()

    def test_cannot_pick_other_county_parent(self, client, gp, zezhou_coordinator):
        client.force_login(zezhou_coordinator)
        response = self.post(client, level=OrgLevel.VILLAGE, parent=gp["township"].pk, name="渗透村")
        assert response.status_code == 200
        assert not Organisation.objects.filter(name="渗透村").exists()

    def test_dissolve(self, client, zz, zezhou_coordinator):
        client.force_login(zezhou_coordinator)
        url = reverse("grassroots_portal:organisation_dissolve", args=[zz["village"].pk])
        assert client.post(url, {"dissolved_on": "2023-06-01"}).status_code == 200  # not confirmed
        assert client.post(url, {"dissolved_on": "2023-06-01", "confirm": "on"}).status_code == 302
        zz["village"].refresh_from_db()
        assert zz["village"].status == OrgStatus.DISSOLVED


class TestPersonForm:
    def data(self, org, **extra):
        birth = dt.date(1956, 3, 8)
        base = {"name": "李桂兰", "gender": "F", "birth_date": birth.isoformat(), "id_number": make_id_number("140525", birth, 22, "F"),
                "phone": "13912345678", "organisation": org.pk, "role": "activist", "is_active": "on"}
        base.update(extra)
        return base

    def test_add_and_masked_in_list(self, client, zz, zezhou_coordinator):
        client.force_login(zezhou_coordinator)
        data = self.data(zz["village"])
        assert client.post(reverse("grassroots_portal:person_add"), data).status_code == 302
        body = client.get(reverse("grassroots_portal:person_list")).content.decode()
        assert data["id_number"] not in body and data["id_number"][-4:] in body

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("id_number", "140525195603080221", "校验位"),
            ("birth_date", "1957-03-08", "出生日期与身份证号不一致"),
            ("gender", "M", "性别与身份证号不一致"),
            ("phone", "1391234abcd", "11位大陆手机号码"),
        ],
    )
    def test_bad_input(self, client, zz, zezhou_coordinator, field, value, message):
        client.force_login(zezhou_coordinator)
        data = self.data(zz["village"])
        if field == "id_number" and value == data["id_number"]:
            value = value[:-1] + "0"
        data[field] = value
        response = client.post(reverse("grassroots_portal:person_add"), data)
        assert response.status_code == 200
        body = response.content.decode()
        assert message in body and "李桂兰" in body
        assert not Person.objects.exists()

    def test_duplicate_in_other_unit_says_which_unit_only(self, client, zz, gp, zezhou_coordinator):
        data = self.data(zz["village"])
        Person.objects.create(organisation=gp["village"], name="高平李", gender="F", birth_date=dt.date(1956, 3, 8), id_number=data["id_number"])
        client.force_login(zezhou_coordinator)
        body = client.post(reverse("grassroots_portal:person_add"), data).content.decode()
        assert "高平市老年人体育协会" in body and "高平李" not in body and "米西村" not in body

    def test_edit_keeps_hidden_id(self, client, zz, zezhou_coordinator, make_person):
        person = make_person(zz["village"], name="张大爷", birth=dt.date(1950, 1, 2), gender="M")
        client.force_login(zezhou_coordinator)
        url = reverse("grassroots_portal:person_edit", args=[person.pk])
        page = client.get(url).content.decode()
        assert person.id_number not in page and person.masked_id_number in page
        data = {"name": "张大爷", "gender": "M", "birth_date": "1950-01-02", "id_number": "", "phone": "",
                "organisation": zz["village"].pk, "role": "member", "is_active": "on"}
        assert client.post(url, data).status_code == 302
        person.refresh_from_db()
        assert len(person.id_number) == 18


class TestVenueTeam:
    def test_add_venue_and_team(self, client, zz, zezhou_coordinator):
        from grassroots.models import Project

        client.force_login(zezhou_coordinator)
        menqiu = Project.objects.get(name="门球")
        response = client.post(reverse("grassroots_portal:venue_add"), {
            "organisation": zz["village"].pk, "name": "村委会广场", "address": "巴公一村", "kind": "outdoor",
            "projects": [menqiu.pk], "opening_hours": "每天 6:00—21:00", "is_public": "on",
        })
        assert response.status_code == 302
        venue = Venue.objects.get(name="村委会广场")
        response = client.post(reverse("grassroots_portal:team_add"), {
            "organisation": zz["village"].pk, "project": menqiu.pk, "name": "巴公门球队", "member_count": 12,
            "venue": venue.pk, "weekdays": ["1", "3", "5"], "start_time": "08:00", "end_time": "07:00", "is_active": "on",
        })
        assert "结束时间必须晚于开始时间" in response.content.decode()
        response = client.post(reverse("grassroots_portal:team_add"), {
            "organisation": zz["village"].pk, "project": menqiu.pk, "name": "巴公门球队", "member_count": 12,
            "venue": venue.pk, "weekdays": ["1", "3", "5"], "start_time": "08:00", "end_time": "10:00", "is_active": "on",
        })
        assert response.status_code == 302
        assert Team.objects.get().schedule_display == "周一、周三、周五 08:00—10:00"

    def test_cannot_use_other_county_venue(self, client, zz, gp, zezhou_coordinator):
        from grassroots.models import Project

        other = f.venue(gp["village"], "高平场地")
        client.force_login(zezhou_coordinator)
        response = client.post(reverse("grassroots_portal:team_add"), {
            "organisation": zz["village"].pk, "project": Project.objects.get(name="门球").pk, "name": "队",
            "member_count": 1, "venue": other.pk,
        })
        assert response.status_code == 200 and not Team.objects.exists()


class TestSelfCheckForm:
    def url(self, campaign, org):
        return reverse("grassroots_portal:selfcheck_fill", args=[campaign.year, org.pk])

    def full(self, campaign, **extra):
        data = {f"met_{item.pk}": "yes" for item in campaign.standard.items.all()}
        data.update({"has_annual_plan": "yes", "committee_complete": "yes", "regular_activities": "5", "holiday_events": "3",
                     "activists_trained": "4", "records_archived": "no", "summary": "全部达标"})
        data.update(extra)
        return data

    def test_draft_then_submit_with_photo_then_locked(self, client, zz, zezhou_coordinator):
        campaign = f.campaign()
        client.force_login(zezhou_coordinator)
        first = campaign.standard.items.first()
        url = self.url(campaign, zz["village"])
        response = client.post(url, {f"met_{first.pk}": "yes", f"note_{first.pk}": "已挂牌", "action": "draft"})
        assert response.status_code == 302
        sc = SelfCheck.objects.get()
        assert sc.status == SelfCheckStatus.DRAFT
        # Submitting with gaps: refused, but the draft keeps what was typed.
        response = client.post(url, {f"met_{first.pk}": "yes", f"note_{first.pk}": "已挂牌", "summary": "写了一半", "action": "submit"})
        assert response.status_code == 200 and "未选择是否达标" in response.content.decode()
        sc.refresh_from_db()
        assert sc.status == SelfCheckStatus.DRAFT and sc.summary == "写了一半"
        photo = SimpleUploadedFile("挂牌.png", png_bytes(), content_type="image/png")
        response = client.post(url, {**self.full(campaign), f"photos_{first.pk}": photo, "action": "submit"})
        assert response.status_code == 302
        sc.refresh_from_db()
        assert sc.status == SelfCheckStatus.SUBMITTED and sc.photos.count() == 1 and sc.records_archived is False
        # Editing a submitted self-check: a clear message, nothing changes.
        response = client.post(url, {**self.full(campaign, summary="改过"), "action": "draft"}, follow=True)
        assert "不能再修改" in response.content.decode()
        sc.refresh_from_db()
        assert sc.summary == "全部达标"

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("照片.jpg", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "不是有效的图片"),
            ("大图.png", None, "像素过大"),
        ],
    )
    def test_bad_photos(self, client, zz, zezhou_coordinator, name, content, message):
        campaign = f.campaign()
        client.force_login(zezhou_coordinator)
        first = campaign.standard.items.first()
        upload = SimpleUploadedFile(name, content if content is not None else pixel_bomb_png(), content_type="image/jpeg")
        response = client.post(self.url(campaign, zz["village"]), {**self.full(campaign), f"photos_{first.pk}": upload, "action": "draft"})
        assert response.status_code == 200
        body = response.content.decode()
        assert message in body and "全部达标" in body
        assert not SelfCheck.objects.filter(status=SelfCheckStatus.SUBMITTED).exists()
        assert not SelfCheck.objects.filter(summary="全部达标").exists()

    def test_after_deadline_locked(self, client, zz, zezhou_coordinator):
        today = dt.date.today()
        campaign = f.campaign(deadline=today - dt.timedelta(days=1), inspection_start=today, inspection_end=today)
        client.force_login(zezhou_coordinator)
        url = self.url(campaign, zz["village"])
        assert "截止" in client.get(url).content.decode()
        client.post(url, {**self.full(campaign), "action": "draft"})
        assert not SelfCheck.objects.exists()

    def test_member_unit_has_no_selfcheck(self, client, zezhou, zezhou_coordinator):
        campaign = f.campaign()
        client.force_login(zezhou_coordinator)
        assert client.get(self.url(campaign, zezhou)).status_code == 404


class TestDashboard:
    def test_counts_and_scoping(self, client, zz, gp, zezhou_coordinator, staff_user):
        from grassroots import services

        campaign = f.campaign()
        SelfCheck.objects.create(campaign=campaign, organisation=zz["village"], status="submitted", submitted_at=dt.datetime.now(dt.UTC))
        inspection = services.inspection_record(campaign=campaign, organisation=zz["village"], inspected_on=dt.date(2023, 3, 1),
                                                inspectors="王", scores=f.full_scores(campaign, score=2, met=False))
        services.inspection_confirm(inspection=inspection, user=staff_user, due_on=dt.date(2023, 3, 31))
        client.force_login(staff_user)
        response = client.get(reverse("grassroots_portal:dashboard"))
        rows = {row.label: row for row in response.context["rows"]}
        assert rows["泽州县"].registered == 2 and rows["泽州县"].submitted == 1 and rows["泽州县"].failed == 1
        assert rows["泽州县"].overdue == 1 and rows["泽州县"].pass_rate == 0.0
        assert rows["高平市"].registered == 2 and rows["高平市"].inspected == 0
        client.force_login(zezhou_coordinator)
        response = client.get(reverse("grassroots_portal:dashboard"))
        assert [row.label for row in response.context["rows"]] == ["巴公镇"]
        assert response.context["rows"][0].failed == 1
        xlsx = client.get(reverse("grassroots_portal:dashboard_xlsx"))
        assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(body(xlsx))).worksheets[0]
        assert [c.value for c in sheet[2]][:7] == ["巴公镇", 2, 1, 1, 0, 0, 1]


class TestQueryBudgets:
    def make_rows(self, zezhou, n):
        township = f.township(zezhou, "预算镇")
        for i in range(n):
            village = f.village(township, f"预算村{i}")
            venue = f.venue(village, f"场地{i}", projects=("门球", "柔力球"))
            f.team(village, f"队伍{i}", venue=venue)
            Person.objects.create(organisation=village, name=f"人{i}", gender="F", birth_date=dt.date(1955, 1, 1),
                                  id_number=make_id_number("140525", dt.date(1955, 1, 1), 2 * i, "F"))

    @pytest.mark.parametrize("n", [3, 30])
    @pytest.mark.parametrize("name", ["organisation_list", "person_list", "venue_list", "team_list", "selfcheck_list", "dashboard"])
    def test_budget(self, client, zezhou, zezhou_coordinator, django_assert_max_num_queries, n, name):
        f.campaign()
        self.make_rows(zezhou, n)
        client.force_login(zezhou_coordinator)
        with django_assert_max_num_queries(14):
            assert client.get(reverse(f"grassroots_portal:{name}")).status_code == 200


class TestDetailBudgets:
    @pytest.mark.parametrize("n", [3, 30])
    def test_organisation_detail_selfcheck_and_rectification(self, client, zz, zezhou_coordinator, staff_user, django_assert_max_num_queries, n):
        from grassroots import services
        from grassroots.models import EvidencePhoto

        campaign = f.campaign()
        org = zz["township"]
        for i in range(n):
            f.village(org, f"下级村{i}")
        sc = services.selfcheck_get_or_start(campaign=campaign, organisation=org)
        first = campaign.standard.items.first()
        for i in range(n):
            EvidencePhoto.objects.create(selfcheck=sc, item=first, image=SimpleUploadedFile(f"p{i}.png", png_bytes()))
        rect = None
        for i in range(n):
            inspection = services.inspection_record(campaign=campaign, organisation=org, inspected_on=dt.date(2023, 3, 1) + dt.timedelta(days=i),
                                                    inspectors="王", scores=f.full_scores(campaign, score=1, met=False),
                                                    rectification=rect)
            services.inspection_confirm(inspection=inspection, user=staff_user)
            rect = rect or inspection.opened_rectification
        client.force_login(zezhou_coordinator)
        for url in (
            reverse("grassroots_portal:organisation_detail", args=[org.pk]),
            reverse("grassroots_portal:selfcheck_fill", args=[campaign.year, org.pk]),
            reverse("grassroots_portal:rectification_report", args=[rect.pk]),
        ):
            with django_assert_max_num_queries(14):
                assert client.get(url).status_code == 200
