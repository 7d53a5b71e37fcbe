"""Pages per role, scoping, query budgets (3 and 30 rows), certificates, figures download."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from common.registry import registry
from training.models import Nomination, NominationStatus, Qualification

from . import authz
from .factories import TODAY, make_course, make_past_course, nominate

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(city, zezhou, gaoping, staff_user, zezhou_coordinator, gaoping_coordinator, correspondent, committee_officer, plain_user, make_person):
    w = {
        "city": city, "zezhou": zezhou, "gaoping": gaoping, "staff": staff_user, "zezhou_coord": zezhou_coordinator,
        "gaoping_coord": gaoping_coordinator, "correspondent": correspondent, "committee_officer": committee_officer,
        "no_role": plain_user, "person_zezhou": make_person(zezhou, name="泽州人"), "person_gaoping": make_person(gaoping, name="高平人"),
    }
    authz.make_world(w)
    return w


ROLE_USERS = {"no_role": "no_role", "zezhou": "zezhou_coord", "gaoping": "gaoping_coord", "correspondent": "correspondent",
              "committee": "committee_officer", "staff": "staff"}


def client_for(world, role):
    client = Client()
    if role != "anonymous":
        client.force_login(world[ROLE_USERS[role]])
    return client


def test_public_pages_show_no_personal_data(world, client):
    for url in (reverse("training:course_list"), reverse("training:course_detail", args=[world["course_past"].pk])):
        html = client.get(url).content.decode()
        for person in (world["person_zezhou"], world["person_gaoping"]):
            assert person.name not in html and person.id_number not in html
        assert "AUTHZ-" not in html


def test_unpublished_course_is_404_for_the_public(world, client):
    course = make_course(title="草稿培训班", is_published=False)
    assert client.get(reverse("training:course_detail", args=[course.pk])).status_code == 404
    assert "草稿培训班" not in client.get(reverse("training:course_list")).content.decode()


def test_course_list_filters_and_sections(world, client):
    html = client.get(reverse("training:course_list")).content.decode()
    assert "即将举办" in html and "往期培训" in html and "矩阵测试：柔力球" in html
    html = client.get(reverse("training:course_list"), {"level": "county"}).content.decode()
    assert "矩阵测试：门球" in html and "矩阵测试：柔力球" not in html
    html = client.get(reverse("training:course_list"), {"when": "past"}).content.decode()
    assert "矩阵测试：柔力球" not in html


def test_course_list_is_cached_and_bumped(world, client):
    url = reverse("training:course_list")
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    make_course(title="新发布的培训班")
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "新发布的培训班" in response.content.decode()


def test_coordinator_nominates_three_through_the_form(world, make_person, zezhou):
    client = client_for(world, "zezhou")
    chosen = [make_person(zezhou, name=f"推荐{i}") for i in range(3)]
    other = make_person(world["gaoping"], name="外单位")
    url = reverse("training_portal:nominate", args=[world["course_open"].pk])
    page = client.get(url).content.decode()
    assert "推荐0" in page and "外单位" not in page
    response = client.post(url, {"people": [p.pk for p in chosen]})
    assert response.status_code == 302
    assert Nomination.objects.filter(course=world["course_open"], unit=zezhou).count() == 3
    # The same people again (a double submit): refused on the field, nothing added.
    response = client.post(url, {"people": [p.pk for p in chosen]})
    assert response.status_code == 200 and "不在可推荐名单中" in response.content.decode()
    # Over the quota of 3.
    response = client.post(url, {"people": [make_person(zezhou, name="第四人").pk]})
    assert "超出名额" in response.content.decode()
    # A person of another unit is not a valid choice.
    response = client.post(url, {"people": [other.pk]})
    assert "不在可推荐名单中" in response.content.decode()
    assert Nomination.objects.filter(course=world["course_open"]).count() == 3


def test_closed_window_shows_message_and_refuses(world, make_person, zezhou):
    course = make_course(title="已截止", nomination_opens=TODAY - dt.timedelta(days=9), nomination_closes=TODAY - dt.timedelta(days=1))
    client = client_for(world, "zezhou")
    url = reverse("training_portal:nominate", args=[course.pk])
    assert "不在推荐时间内" in client.get(url).content.decode()
    response = client.post(url, {"people": [make_person(zezhou).pk]})
    assert "截止" in response.content.decode()
    assert not Nomination.objects.filter(course=course).exists()


def test_coordinator_sees_only_own_units_nominations(world):
    html = client_for(world, "zezhou").get(reverse("training_portal:index")).content.decode()
    assert "泽州人" in html and "高平人" not in html
    html = client_for(world, "staff").get(reverse("training_portal:index")).content.decode()
    assert "泽州人" in html and "高平人" in html


def test_person_page_masks_id_for_coordinator(world):
    person = world["person_zezhou"]
    html = client_for(world, "zezhou").get(reverse("training_portal:person_detail", args=[person.pk])).content.decode()
    assert person.masked_id_number in html and person.id_number not in html and "矩阵测试：门球" in html
    html = client_for(world, "staff").get(reverse("training_portal:person_detail", args=[person.pk])).content.decode()
    assert person.id_number in html


def test_certificate_pdf_carries_name_and_unique_number(world):
    response = client_for(world, "zezhou").get(reverse("training_portal:certificate", args=[world["nomination_zezhou"].pk]))
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "结业证书" in text and "泽州人" in text and "AUTHZ-zezhou" in text and "矩阵测试：门球裁判员培训班" in text


def test_no_certificate_for_a_nomination_that_did_not_pass(world, make_person, zezhou):
    n = nominate(world["course_past"], make_person(zezhou), NominationStatus.FAILED, certificate_number="X-1")
    assert client_for(world, "staff").get(reverse("training_portal:certificate", args=[n.pk])).status_code == 404


def test_figures_scope_and_excel(world):
    html = client_for(world, "zezhou").get(reverse("training_portal:figures", args=[2022])).content.decode()
    assert 'data-total="local">1<' in html and "高平市" not in html
    html = client_for(world, "staff").get(reverse("training_portal:figures", args=[2022])).content.decode()
    assert 'data-total="local">2<' in html and "高平市" in html and 'data-chart-json="training-figures-chart"' in html
    response = client_for(world, "staff").get(reverse("training_portal:figures_xlsx", args=[2022]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["按单位", "按项目", "按类别"]
    last = list(book["按单位"].iter_rows(values_only=True))[-1]
    assert last[0] == "合计" and last[-1] == 2


def test_reminders_for_staff_and_the_persons_coordinator(world):
    soon = Qualification.objects.create(
        person=world["person_zezhou"], kind="coach", project=world["course_past"].project, grade="3", issuer="x",
        issued_on=dt.date(2022, 6, 1), expires_on=TODAY + dt.timedelta(days=20),
    )
    url = reverse("training_portal:reminders")
    assert "泽州人" in client_for(world, "zezhou").get(url).content.decode()
    assert "泽州人" not in client_for(world, "gaoping").get(url).content.decode()
    assert "泽州人" in client_for(world, "staff").get(url).content.decode()
    rf_request = type("R", (), {"user": world["zezhou_coord"]})()
    titles = [t.title for t in registry.workbench_providers["training"](rf_request)]
    assert any("1项资格证书" in t for t in titles) and any("推荐人员参加" in t for t in titles)
    rf_request = type("R", (), {"user": world["gaoping_coord"]})()
    assert not any("资格证书" in t.title for t in registry.workbench_providers["training"](rf_request))
    assert soon.pk


def test_search_and_sitemap(world, client):
    hits = list(registry.search_providers["training"](None, "矩阵测试", 10))
    assert {h.title for h in hits} == {"矩阵测试：柔力球教练员培训班", "矩阵测试：门球裁判员培训班"}
    xml = client.get("/sitemap.xml").content.decode()
    assert reverse("training:course_detail", args=[world["course_past"].pk]) in xml


# ---- query budgets: the same number of queries for 3 rows and for 30 ------------------------

def _many_courses(n):
    for i in range(n):
        make_past_course(title=f"往期{i}", starts_on=dt.date(2022, 3, 1) + dt.timedelta(days=i))
        make_course(title=f"即将{i}", starts_on=TODAY + dt.timedelta(days=20 + i), ends_on=TODAY + dt.timedelta(days=21 + i))


def _many_nominations(n, zezhou, make_person, course):
    for i in range(n):
        person = make_person(zezhou, name=f"批量{i}")
        nominate(course, person, NominationStatus.PASSED, certificate_number=f"B-{course.pk}-{i}")
        Qualification.objects.create(person=person, kind="coach", project=course.project, grade="3", issuer="x",
                                     issued_on=dt.date(2022, 9, 1), expires_on=TODAY + dt.timedelta(days=10))


@pytest.mark.parametrize("rows", [3, 30])
def test_public_list_and_detail_budget(world, client, django_assert_max_num_queries, rows):
    _many_courses(rows)
    # The filter's projects, the upcoming courses, the past ones counted and their first page.
    with django_assert_max_num_queries(4):
        assert client.get(reverse("training:course_list")).status_code == 200
    # A later page has no upcoming section (with 3 rows, page 2 is page 1 again).
    with django_assert_max_num_queries(4):
        assert client.get(reverse("training:course_list"), {"page": 2, "kind": "coach"}).status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get(reverse("training:course_detail", args=[world["course_past"].pk])).status_code == 200


@pytest.mark.parametrize("rows", [3, 30])
def test_portal_pages_budget(world, django_assert_max_num_queries, make_person, zezhou, rows):
    _many_nominations(rows, zezhou, make_person, world["course_past"])
    for i in range(rows):
        make_course(title=f"开放{i}")
    client = client_for(world, "zezhou")
    pages = [
        (reverse("training_portal:index"), 12),
        (reverse("training_portal:nominate", args=[world["course_open"].pk]), 12),
        (reverse("training_portal:person_detail", args=[world["person_zezhou"].pk]), 10),
        (reverse("training_portal:figures", args=[2022]), 14),
        (reverse("training_portal:reminders"), 10),
    ]
    for url, budget in pages:
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200, url


def test_certificate_embeds_the_chinese_font_and_renders(world, tmp_path):
    import subprocess

    from PIL import Image

    response = client_for(world, "staff").get(reverse("training_portal:certificate", args=[world["nomination_zezhou"].pk]))
    reader = PdfReader(io.BytesIO(response.content))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [f.get_object()["/FontDescriptor"].get_object() for f in fonts.values() if "/FontDescriptor" in f.get_object()]
    assert any("/FontFile2" in d and "WenQuanYi" in d["/FontName"] for d in descriptors)
    (tmp_path / "c.pdf").write_bytes(response.content)
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-singlefile", str(tmp_path / "c.pdf"), str(tmp_path / "c")], check=True)
    image = Image.open(tmp_path / "c.png").convert("L")
    # The red border and the black text make a page that is far from blank.
    assert sum(1 for px in image.getdata() if px < 128) > 500
