"""Issue 10 item 4 across the apps: staff restore an earlier version of a record from its admin
history (one model per app), and deleting what other records depend on is blocked with a message."""

import pytest
from django.test import Client
from django.urls import reverse

from .authz_support import build_world
from .test_history_revert import _revert_data

# (world key, field to change and then restore)
REVERTIBLE = [
    ("venue_zezhou", "name"),
    ("event", "title"),
    ("course_past", "title"),
]


@pytest.mark.parametrize("key, field", REVERTIBLE, ids=[k for k, _ in REVERTIBLE])
def test_staff_restore_an_earlier_version_from_the_admin(key, field, db):
    world = build_world()
    obj = world[key]
    model = type(obj)
    obj.save()  # a version with the original value
    original = getattr(obj, field)
    old = model.history.filter(**{model._meta.pk.attname: obj.pk}).order_by("-history_id").first()
    setattr(obj, field, "改错了的内容")
    obj.save()
    client = Client()
    client.force_login(world["staff"])
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_simple_history", args=[obj.pk, old.history_id])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, _revert_data(page))
    assert response.status_code == 302, response.content.decode()[:2000]
    obj.refresh_from_db()
    assert getattr(obj, field) == original


def test_a_person_with_records_cannot_be_deleted_and_the_page_says_why(db):
    from grassroots.models import Person

    world = build_world()
    person = world["person_zezhou"]  # holds a qualification and training records (make_world)
    client = Client()
    client.force_login(world["staff"])
    url = reverse("admin:grassroots_person_delete", args=[person.pk])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code in (200, 403)
    if page.status_code == 200:
        assert "受保护" in html or "无法删除" in html or "不能删除" in html, html[:3000]
    client.post(url, {"post": "yes"})
    assert Person.objects.filter(pk=person.pk).exists()


def test_an_organisation_is_never_deleted_in_the_admin(db):
    from grassroots.models import Organisation

    world = build_world()
    client = Client()
    client.force_login(world["staff"])
    url = reverse("admin:grassroots_organisation_delete", args=[world["org_zezhou"].pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Organisation.objects.filter(pk=world["org_zezhou"].pk).exists()


