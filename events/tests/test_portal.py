"""The coordinator's entry flow per role, the entry form (报名表), certificates and exports."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from events import services
from events.models import AwardType, Entry, EntryStatus
from events.tests.helpers import make_event, make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_item(db):
    return make_item(make_event(title="第六届艺术节柔力球", quota=3), team_min=2, team_max=3, min_age=60, name="单拍集体规定套路")


def _elders(make_person, unit, n=2):
    return [make_person(unit, birth=dt.date(1950, 1, 1 + i)) for i in range(n)]


def test_coordinator_enters_a_team_and_submits(client, zezhou_coordinator, zezhou, make_person, open_item):
    people = _elders(make_person, zezhou)
    client.force_login(zezhou_coordinator)
    url = reverse("events_portal:entry_create", args=[open_item.event_id])
    page = client.get(url).content.decode()
    assert people[0].name in page and people[0].id_number not in page  # masked
    response = client.post(url, {"item": open_item.pk, "team_name": "泽州一队", "members": [p.pk for p in people], "submit": "1"})
    entry = Entry.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("events_portal:entry_detail", args=[entry.pk])
    assert entry.status == EntryStatus.SUBMITTED and entry.unit == zezhou and entry.members.count() == 2
    # The same POST again (a double tap) creates nothing new.
    client.post(url, {"item": open_item.pk, "team_name": "泽州一队", "members": [p.pk for p in people], "submit": "1"})
    assert Entry.objects.count() == 1


def test_bad_input_keeps_what_was_typed_and_names_the_field(client, zezhou_coordinator, zezhou, make_person, open_item):
    young = make_person(zezhou, name="年轻人", birth=dt.date(1990, 1, 1))
    client.force_login(zezhou_coordinator)
    url = reverse("events_portal:entry_create", args=[open_item.event_id])
    response = client.post(url, {"item": open_item.pk, "team_name": "我的队名", "members": [young.pk], "leader_name": "王领队"})
    html = response.content.decode()
    assert response.status_code == 200 and not Entry.objects.exists()
    assert "每队 2 至 3 人，现在选了 1 人" in html and "不满本组最小年龄 60 岁" in html
    assert 'value="我的队名"' in html and 'value="王领队"' in html
    assert response.context["form"].errors["members"]


def test_another_units_person_cannot_be_picked(client, zezhou_coordinator, gaoping, make_person, open_item):
    other = make_person(gaoping)
    client.force_login(zezhou_coordinator)
    response = client.post(reverse("events_portal:entry_create", args=[open_item.event_id]),
                           {"item": open_item.pk, "team_name": "队", "members": [other.pk]})
    assert response.status_code == 200 and "members" in response.context["form"].errors
    assert not Entry.objects.exists()


def test_another_units_entry_answers_404_and_nothing_changes(client, zezhou_coordinator, gaoping_coordinator, gaoping, make_person, open_item):
    entry = services.entry_save(user=gaoping_coordinator, unit=gaoping, item=open_item, team_name="高平队",
                                members=_elders(make_person, gaoping))
    client.force_login(zezhou_coordinator)
    for name in ("entry_detail", "entry_edit"):
        assert client.get(reverse(f"events_portal:{name}", args=[entry.pk])).status_code == 404
    for name in ("entry_submit", "entry_withdraw"):
        assert client.post(reverse(f"events_portal:{name}", args=[entry.pk])).status_code == 404
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DRAFT


def test_roles_on_the_entry_pages(client, correspondent, plain_user, staff_user, committee_officer, open_item):
    url = reverse("events_portal:entry_create", args=[open_item.event_id])
    assert client.get(url).status_code == 302
    for user in (correspondent, plain_user, committee_officer):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(staff_user)
    assert client.get(reverse("events_portal:entry_index")).status_code == 200


def test_draft_edit_submit_and_withdraw(client, zezhou_coordinator, zezhou, make_person, open_item):
    people = _elders(make_person, zezhou, 3)
    client.force_login(zezhou_coordinator)
    client.post(reverse("events_portal:entry_create", args=[open_item.event_id]),
                {"item": open_item.pk, "team_name": "草稿队", "members": [p.pk for p in people[:2]], "save_as_draft": "1"})
    entry = Entry.objects.get()
    assert entry.status == EntryStatus.DRAFT
    client.post(reverse("events_portal:entry_edit", args=[entry.pk]),
                {"item": open_item.pk, "team_name": "改名队", "members": [p.pk for p in people]})
    entry.refresh_from_db()
    assert entry.team_name == "改名队" and entry.members.count() == 3
    client.post(reverse("events_portal:entry_submit", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED
    client.post(reverse("events_portal:entry_withdraw", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WITHDRAWN and not entry.members.filter(is_active=True).exists()


def test_entry_form_printable_and_excel(client, zezhou_coordinator, zezhou, make_person, open_item):
    people = _elders(make_person, zezhou)
    services.entry_save(user=zezhou_coordinator, unit=zezhou, item=open_item, team_name="泽州一队", members=people)
    client.force_login(zezhou_coordinator)
    url = reverse("events_portal:entry_sheet", args=[open_item.event_id])
    html = client.get(url).content.decode()
    assert "报名表" in html and "泽州一队" in html and people[0].name in html and people[0].id_number not in html
    response = client.get(url, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "泽州一队" in values


def _awarded_entry(zezhou_coordinator, zezhou, make_person, item):
    entry = services.entry_save(user=zezhou_coordinator, unit=zezhou, item=item, team_name="泽州一队",
                                members=_elders(make_person, zezhou), submit=True)
    services.entry_review(entry=entry, accept=True)
    return services.award_set(entry=entry, award_type=AwardType.FIRST)


def test_certificate_pdf_carries_its_number_and_is_scoped(client, zezhou_coordinator, gaoping_coordinator, staff_user,
                                                          zezhou, make_person, open_item):
    award = _awarded_entry(zezhou_coordinator, zezhou, make_person, open_item)
    url = reverse("events_portal:award_certificate", args=[award.pk])
    client.force_login(zezhou_coordinator)
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert award.certificate_number in text and "一等奖" in text and "泽州一队" in text
    client.force_login(staff_user)
    assert client.get(url).status_code == 200
    client.force_login(gaoping_coordinator)
    assert client.get(url).status_code == 404
    client.force_login(zezhou_coordinator)
    participation = client.get(reverse("events_portal:participation_certificate", args=[award.entry_id]))
    assert participation.status_code == 200 and participation.content.startswith(b"%PDF")


def test_staff_exports_entries_and_results(client, staff_user, zezhou_coordinator, zezhou, make_person, open_item, committee_officer):
    award = _awarded_entry(zezhou_coordinator, zezhou, make_person, open_item)
    client.force_login(staff_user)
    entries = load_workbook(io.BytesIO(client.get(reverse("events_portal:export_entries", args=[open_item.event_id])).content)).active
    assert any("泽州一队" in [c for c in row if c] for row in entries.iter_rows(values_only=True))
    results = load_workbook(io.BytesIO(client.get(reverse("events_portal:export_results", args=[open_item.event_id])).content)).active
    assert any(award.certificate_number in [c for c in row if c] for row in results.iter_rows(values_only=True))
    client.force_login(committee_officer)  # not this committee's event
    assert client.get(reverse("events_portal:export_entries", args=[open_item.event_id])).status_code == 404
    client.force_login(zezhou_coordinator)
    assert client.get(reverse("events_portal:export_entries", args=[open_item.event_id])).status_code == 403


@pytest.mark.parametrize("rows", [3, 30])
def test_portal_pages_query_budget(client, zezhou_coordinator, zezhou, make_person, rows, django_assert_max_num_queries):
    event = make_event(quota=None)
    item = make_item(event, team_min=1, team_max=1)
    for n in range(rows):
        services.entry_save(user=zezhou_coordinator, unit=zezhou, item=item, team_name=f"队{n}",
                            members=[make_person(zezhou)])
    client.force_login(zezhou_coordinator)
    entry = Entry.objects.first()
    for url in (reverse("events_portal:entry_index"), reverse("events_portal:entry_sheet", args=[event.pk]),
                reverse("events_portal:entry_detail", args=[entry.pk]), reverse("events_portal:entry_create", args=[event.pk])):
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200
