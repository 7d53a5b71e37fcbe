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
    ("committee_menqiu", "contact_person"),
    ("article_zezhou", "title"),
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
    org = world["org_zezhou"]
    url = reverse("admin:grassroots_organisation_delete", args=[org.pk])
    change = reverse("admin:grassroots_organisation_change", args=[org.pk])
    for response in (client.get(url, follow=True), client.post(url, {"post": "yes"}, follow=True)):
        # not a bare 403: the organisation's page, saying how to dissolve it instead
        assert response.redirect_chain[-1][0] == change
        assert "组织不能删除" in response.content.decode() and "撤销" in response.content.decode()
    assert Organisation.objects.filter(pk=org.pk).exists()
    officer = Client()
    officer.force_login(world["committee_officer"])  # may not even look at organisations
    assert officer.get(url).status_code == 403




def test_a_revert_keeps_the_uploaded_cover(db):
    """The revert form of a record with a file: the browser sends no file, the old one stays."""
    from news.tests.factories import image_upload

    world = build_world()
    article = world["article_zezhou"]
    article.cover = image_upload("cover.jpg")
    article.save()
    cover = article.cover.name
    old = article.history.order_by("-history_id").first()
    article.title = "改错了的标题"
    article.save()
    client = Client()
    client.force_login(world["staff"])
    url = reverse("admin:news_article_simple_history", args=[article.pk, old.history_id])
    response = client.post(url, _revert_data(client.get(url)))
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.title == old.title and article.cover.name == cover
