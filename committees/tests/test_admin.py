"""Committee officers in the admin, tried through the admin's own URLs."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from committees.models import Committee, Officer, OfficerRole
from grassroots.models import Project


def change_url(obj):
    return reverse(f"admin:committees_{obj._meta.model_name}_change", args=[obj.pk])


def delete_url(obj):
    return reverse(f"admin:committees_{obj._meta.model_name}_delete", args=[obj.pk])


def history_url(obj):
    return reverse(f"admin:committees_{obj._meta.model_name}_history", args=[obj.pk])


def committee_post_data(committee, **changes):
    data = {
        "name": committee.name, "short_name": committee.short_name, "slug": committee.slug,
        "projects": [p.pk for p in committee.projects.all()], "introduction": committee.introduction,
        "founded_on": "", "current_term": committee.current_term, "contact_person": committee.contact_person,
        "contact_phone": committee.contact_phone, "sort_order": committee.sort_order, "is_active": "on",
        "officers-TOTAL_FORMS": "0", "officers-INITIAL_FORMS": "0", "officers-MIN_NUM_FORMS": "0", "officers-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def officer_post_data(officer, **changes):
    data = {
        "person": officer.person_id, "committee": officer.committee_id or "", "role": officer.role, "term": officer.term,
        "started_on": officer.started_on.isoformat(), "ended_on": "", "sort_order": officer.sort_order, "note": officer.note,
    }
    data.update(changes)
    return data


@pytest.fixture
def officer_client(client, committee_officer):
    client.force_login(committee_officer)
    return client


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


# ---- a committee officer sees and edits only their committee --------------------------------------------------


def test_officer_changelist_shows_only_own_committee(officer_client, menqiu, pingpang):
    response = officer_client.get(reverse("admin:committees_committee_changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [menqiu]


def test_officer_changes_own_committee(officer_client, menqiu):
    response = officer_client.post(change_url(menqiu), committee_post_data(menqiu, introduction="门球专委会新简介"))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    menqiu.refresh_from_db()
    assert menqiu.introduction == "门球专委会新简介"
    assert menqiu.history.first().history_user.username == "menqiu"


def test_officer_cannot_rename_or_hide_own_committee(officer_client, menqiu):
    officer_client.post(change_url(menqiu), committee_post_data(menqiu, name="改名", slug="other", is_active=""))
    menqiu.refresh_from_db()
    assert (menqiu.name, menqiu.slug, menqiu.is_active) == ("门球专项委员会", "menqiu", True)


def test_officer_cannot_open_or_change_another_committee(officer_client, pingpang):
    assert officer_client.get(change_url(pingpang)).status_code == 404
    before = pingpang.introduction
    response = officer_client.post(change_url(pingpang), committee_post_data(pingpang, introduction="被篡改"))
    assert response.status_code == 404
    pingpang.refresh_from_db()
    assert pingpang.introduction == before


def test_officer_cannot_delete_any_committee(officer_client, menqiu, pingpang):
    assert officer_client.get(delete_url(pingpang)).status_code in (403, 404)
    assert officer_client.post(delete_url(pingpang), {"post": "yes"}).status_code in (403, 404)
    assert officer_client.post(delete_url(menqiu), {"post": "yes"}).status_code == 403
    assert Committee.objects.filter(pk__in=[menqiu.pk, pingpang.pk]).count() == 2


def test_officer_cannot_add_committees(officer_client):
    assert officer_client.get(reverse("admin:committees_committee_add")).status_code == 403


def test_officer_cannot_read_another_committees_history(officer_client, pingpang):
    assert officer_client.get(history_url(pingpang)).status_code in (403, 404)


def test_officer_officers_changelist_is_scoped(officer_client, menqiu_officers, pingpang_officer, appoint):
    chairman = appoint(None, OfficerRole.CHAIRMAN, term=7)
    response = officer_client.get(reverse("admin:committees_officer_changelist"))
    shown = set(response.context["cl"].result_list)
    assert shown == set(menqiu_officers.values())
    assert pingpang_officer not in shown and chairman not in shown


def test_officer_cannot_change_or_delete_another_committees_officer(officer_client, pingpang_officer):
    assert officer_client.get(change_url(pingpang_officer)).status_code == 404
    response = officer_client.post(change_url(pingpang_officer), officer_post_data(pingpang_officer, note="被篡改"))
    assert response.status_code == 404
    assert officer_client.post(delete_url(pingpang_officer), {"post": "yes"}).status_code == 404
    pingpang_officer.refresh_from_db()
    assert pingpang_officer.note == ""


def test_officer_cannot_touch_the_association_leadership(officer_client, appoint):
    chairman = appoint(None, OfficerRole.CHAIRMAN, term=7)
    assert officer_client.get(change_url(chairman)).status_code == 404
    assert officer_client.post(delete_url(chairman), {"post": "yes"}).status_code == 404
    assert Officer.objects.filter(pk=chairman.pk).exists()


def test_officer_adds_officer_only_to_own_committee(officer_client, make_person, city, menqiu, pingpang):
    person = make_person(city, name="新委员")
    url = reverse("admin:committees_officer_add")
    form = officer_client.get(url).context["adminform"].form
    assert list(form.fields["committee"].queryset) == [menqiu]
    assert form.initial["committee"] == menqiu.pk
    data = {"person": person.pk, "committee": pingpang.pk, "role": OfficerRole.MEMBER, "term": 4,
            "started_on": "2022-01-01", "ended_on": "", "sort_order": 0, "note": ""}
    response = officer_client.post(url, data)
    assert response.status_code == 200
    assert "committee" in response.context["adminform"].form.errors
    # Leaving the committee empty would make an association post: refused too.
    response = officer_client.post(url, {**data, "committee": ""})
    assert "committee" in response.context["adminform"].form.errors
    assert not Officer.objects.filter(person=person).exists()
    response = officer_client.post(url, {**data, "committee": menqiu.pk})
    assert response.status_code == 302
    assert Officer.objects.get(person=person).committee == menqiu


def test_officer_bulk_delete_only_reaches_own_rows(officer_client, menqiu_officers, pingpang_officer):
    url = reverse("admin:committees_officer_changelist")
    officer_client.post(url, {"action": "delete_selected", "_selected_action": [pingpang_officer.pk, menqiu_officers["deputy"].pk], "post": "yes"})
    assert Officer.objects.filter(pk=pingpang_officer.pk).exists()
    assert not Officer.objects.filter(pk=menqiu_officers["deputy"].pk).exists()


def test_user_without_committee_account_sees_nothing(client, make_user, menqiu):
    from accounts.roles import Role

    user = make_user("lonely", role=Role.COMMITTEE_OFFICER, is_staff=True)
    client.force_login(user)
    assert list(client.get(reverse("admin:committees_committee_changelist")).context["cl"].result_list) == []
    assert client.get(change_url(menqiu)).status_code == 404


def test_coordinator_has_no_committee_admin(client, zezhou_coordinator, menqiu):
    zezhou_coordinator.is_staff = True
    zezhou_coordinator.save()
    client.force_login(zezhou_coordinator)
    assert client.get(change_url(menqiu)).status_code in (403, 404)
    assert client.get(reverse("admin:committees_committee_changelist")).status_code == 403


# ---- staff ---------------------------------------------------------------------------------------------------------


def test_staff_sees_every_committee_and_officer(staff_client, menqiu_officers, pingpang_officer):
    response = staff_client.get(reverse("admin:committees_committee_changelist"))
    assert len(response.context["cl"].result_list) == Committee.objects.count()
    response = staff_client.get(reverse("admin:committees_officer_changelist"))
    assert pingpang_officer in response.context["cl"].result_list
    assert staff_client.get(change_url(pingpang_officer)).status_code == 200


def test_retired_project_refused_in_the_admin_form(staff_client, menqiu):
    retired = Project.objects.create(name="钓鱼停用", slug="diaoyu-retired", is_active=False)
    data = committee_post_data(menqiu, projects=[*menqiu.projects.values_list("pk", flat=True), retired.pk], introduction="新简介")
    response = staff_client.post(change_url(menqiu), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "已停用" in form.errors["projects"][0]
    # What the user typed is still in the form.
    assert form.data["introduction"] == "新简介"
    assert retired not in menqiu.projects.all()


def test_unknown_project_refused_in_the_admin_form(staff_client, menqiu):
    response = staff_client.post(change_url(menqiu), committee_post_data(menqiu, projects=[987654]))
    assert response.status_code == 200
    assert "项目库中没有“987654”" in response.context["adminform"].form.errors["projects"][0]


def test_second_director_refused_in_the_admin(staff_client, menqiu_officers, make_person, city, menqiu):
    person = make_person(city)
    response = staff_client.post(reverse("admin:committees_officer_add"), {
        "person": person.pk, "committee": menqiu.pk, "role": OfficerRole.DIRECTOR, "term": menqiu.current_term,
        "started_on": "2022-01-01", "ended_on": "", "sort_order": 0, "note": "",
    })
    assert response.status_code == 200
    assert "本届已有一位在任主任" in str(response.context["adminform"].form.errors)
    assert Officer.objects.filter(committee=menqiu, role=OfficerRole.DIRECTOR).count() == 1


def test_end_term_action_keeps_records(staff_client, menqiu_officers):
    staff_client.post(reverse("admin:committees_officer_changelist"), {
        "action": "end_term", "_selected_action": [o.pk for o in menqiu_officers.values()],
    })
    assert Officer.objects.filter(pk__in=[o.pk for o in menqiu_officers.values()], ended_on=dt.date.today()).count() == 2


def test_export_committees_and_officers_to_excel(staff_client, menqiu_officers):
    response = staff_client.post(reverse("admin:committees_officer_export"), {"format": "0", "resource": "0",
                                 **{f"officerresource_{name}": "on" for name in ("body", "person", "unit", "role", "term", "started_on", "ended_on", "note")}})
    assert response.status_code == 200, response.content[:500]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("所属", "姓名", "所属单位", "职务")
    assert ("门球专委会", "冯国栋") in {row[:2] for row in rows[1:]}
    response = staff_client.post(reverse("admin:committees_committee_export"), {"format": "0", "resource": "0",
                                 **{f"committeeresource_{name}": "on" for name in ("name", "short_name", "projects", "term")}})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "名称" and len(rows) == Committee.objects.count() + 1


def test_officer_export_holds_only_own_committee(officer_client, menqiu_officers, pingpang_officer):
    response = officer_client.post(reverse("admin:committees_officer_export"), {"format": "0", "resource": "0",
                                   **{f"officerresource_{name}": "on" for name in ("body", "person")}})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert {row[1] for row in rows[1:]} == {"冯国栋", "秦永红"}


def test_staff_reverts_a_change_from_history(staff_client, menqiu):
    menqiu.introduction = "旧简介"
    menqiu.save()
    old = menqiu.history.first()
    staff_client.post(change_url(menqiu), committee_post_data(menqiu, introduction="新简介"))
    menqiu.refresh_from_db()
    assert menqiu.introduction == "新简介"
    url = reverse("admin:committees_committee_simple_history", args=[menqiu.pk, old.history_id])
    page = staff_client.get(url)
    assert page.status_code == 200
    data = committee_post_data(menqiu, introduction=page.context["adminform"].form.initial["introduction"])
    response = staff_client.post(url, data)
    assert response.status_code == 302
    menqiu.refresh_from_db()
    assert menqiu.introduction == "旧简介"


# ---- the person picker --------------------------------------------------------------------------------------------


def test_person_picker_returns_names_units_and_masked_ids(officer_client, make_person, zezhou):
    person = make_person(zezhou, name="郭选手")
    make_person(zezhou, name="郭停用", is_active=False)
    response = officer_client.get(reverse("admin:committees_officer_person_autocomplete"), {"term": "郭"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == [str(person.pk)]
    assert results[0]["text"].startswith("郭选手 · 泽州县")
    assert person.id_number not in response.content.decode()
    assert person.masked_id_number in results[0]["text"]


def test_person_picker_is_not_for_other_roles(client, make_user, zezhou_coordinator):
    url = reverse("admin:committees_officer_person_autocomplete")
    assert client.get(url, {"term": "郭"}).status_code == 302  # to the login page
    zezhou_coordinator.is_staff = True
    zezhou_coordinator.save()
    client.force_login(zezhou_coordinator)
    assert client.get(url, {"term": "郭"}).status_code == 403


def test_officer_form_uses_the_person_picker(officer_client):
    html = officer_client.get(reverse("admin:committees_officer_add")).content.decode()
    assert "person-autocomplete/" in html


# ---- logo or photo --------------------------------------------------------------------------------------------------


def _png_bytes(size=(300, 200)):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (159, 26, 31)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_photo_that_is_not_an_image_refused(officer_client, menqiu):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = officer_client.post(change_url(menqiu), {**committee_post_data(menqiu, introduction="保留我"), "photo": fake})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["photo"]
    assert any("图片" in e for e in errors)
    menqiu.refresh_from_db()
    assert not menqiu.photo


def test_photo_upload_shows_a_thumbnail_on_public_pages(officer_client, client, menqiu):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("logo.png", _png_bytes(), content_type="image/png")
    response = officer_client.post(change_url(menqiu), {**committee_post_data(menqiu), "photo": upload})
    assert response.status_code == 302
    menqiu.refresh_from_db()
    assert menqiu.photo.name.startswith("committees/")
    client.logout()
    html = client.get(reverse("committees:committee_detail", kwargs={"slug": "menqiu"})).content.decode()
    assert 'class="committee-logo"' in html and 'width="176"' in html
    html = client.get(reverse("committees:committee_list")).content.decode()
    assert 'class="committee-logo"' in html and 'width="128"' in html


def test_photo_with_too_many_pixels_refused_by_upload_check(officer_client, menqiu, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.IMAGE_UPLOAD_MAX_PIXELS = 10_000
    upload = SimpleUploadedFile("big.png", _png_bytes((300, 200)), content_type="image/png")
    response = officer_client.post(change_url(menqiu), {**committee_post_data(menqiu), "photo": upload})
    assert response.status_code == 200
    assert "图片像素过大（300×200）" in response.context["adminform"].form.errors["photo"][0]


def test_staff_opens_committee_with_officer_inline(staff_client, menqiu, menqiu_officers):
    response = staff_client.get(change_url(menqiu))
    assert response.status_code == 200
    html = response.content.decode()
    assert "冯国栋" in html and "person-autocomplete/" in html
    assert "slug" in response.context["adminform"].form.fields
