"""The secretariat's roster work in the admin: admit, results, certificates, Excel out and in."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from training.models import Nomination, NominationStatus, Qualification
from training.roster import COLUMNS, roster_export

from .factories import make_past_course, nominate

pytestmark = pytest.mark.django_db


@pytest.fixture
def roster(make_person, zezhou):
    course = make_past_course(title="门球裁判员培训班", kind="referee", grants_kind="referee", grants_grade="3")
    rows = [nominate(course, make_person(zezhou, name=n)) for n in ("王秀英", "李建国", "张玉兰")]
    return course, rows


def test_staff_admits_two_records_results_prints_and_exports(client, staff_user, roster):
    course, rows = roster
    client.force_login(staff_user)
    url = reverse("admin:training_nomination_changelist")
    assert client.get(url, {"course__id__exact": course.pk}).status_code == 200
    client.post(url, {"action": "admit", "_selected_action": [rows[0].pk, rows[1].pk]})
    client.post(url, {"action": "decline", "_selected_action": [rows[2].pk]})
    assert [n.status for n in Nomination.objects.order_by("pk")] == ["admitted", "admitted", "declined"]
    client.post(url, {"action": "mark_passed", "_selected_action": [rows[0].pk]})
    client.post(url, {"action": "mark_failed", "_selected_action": [rows[1].pk]})
    passed = Nomination.objects.get(pk=rows[0].pk)
    assert passed.status == NominationStatus.PASSED and passed.certificate_number
    assert Qualification.objects.get(person=passed.person).grade == "3"
    assert client.get(reverse("training_portal:certificate", args=[passed.pk]))["Content-Type"] == "application/pdf"
    response = client.post(reverse("admin:training_course_changelist"), {"action": "export_roster", "_selected_action": [course.pk]})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]] == COLUMNS
    assert [r[13] for r in sheet.iter_rows(min_row=3, values_only=True)] == ["合格", "不合格", "未录取"]
    assert "person__id__exact" in client.get(url).content.decode()


def test_admin_pages_open(client, superuser, roster):
    course, rows = roster
    client.force_login(superuser)
    for url in (
        reverse("admin:training_course_changelist"), reverse("admin:training_course_change", args=[course.pk]),
        reverse("admin:training_nomination_change", args=[rows[0].pk]), reverse("admin:training_qualification_changelist"),
        reverse("admin:training_qualification_add"), reverse("admin:training_course_import_roster"),
    ):
        assert client.get(url).status_code == 200, url


def test_import_view_lists_bad_rows_and_changes_nothing(client, staff_user, roster):
    course, rows = roster
    client.force_login(staff_user)
    book = load_workbook(io.BytesIO(roster_export(course)))
    book.active.cell(row=3, column=5, value="123")
    book.active.cell(row=4, column=14, value="很好")
    out = io.BytesIO()
    book.save(out)
    response = client.post(reverse("admin:training_course_import_roster"),
                           {"file": SimpleUploadedFile("r.xlsx", out.getvalue())})
    html = response.content.decode()
    assert response.status_code == 200 and "第3行（王秀英）" in html and "第4行（李建国）" in html and "整个文件未导入" in html
    assert set(Nomination.objects.values_list("status", flat=True)) == {"nominated"}


def test_committee_officer_and_coordinator_have_no_training_admin(client, committee_officer, zezhou_coordinator):
    client.force_login(committee_officer)
    assert client.get(reverse("admin:training_nomination_changelist")).status_code == 403
    client.force_login(zezhou_coordinator)
    assert client.get(reverse("admin:training_nomination_changelist")).status_code == 302


def test_inlines_attach_to_a_grassroots_person_admin():
    from django.contrib import admin

    from grassroots.models import Person
    from training import admin as training_admin

    site = admin.AdminSite(name="t")
    site.register(Person, type("PersonAdmin", (admin.ModelAdmin,), {"search_fields": ("name",)}))
    site.register(Nomination, training_admin.NominationAdmin)
    site.register(Qualification, training_admin.QualificationAdmin)
    assert training_admin.attach_person_inlines(site)
    assert {training_admin.QualificationInline, training_admin.NominationInline} <= set(site._registry[Person].inlines)
    assert site._registry[Nomination].autocomplete_fields == ("person",)
    assert not training_admin.attach_person_inlines(admin.AdminSite(name="empty"))
