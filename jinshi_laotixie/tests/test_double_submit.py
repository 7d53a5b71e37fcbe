"""A double-clicked submit creates one row (issue 10 item 5): the same portal form sent twice in a
row, with the same data and the same CSRF token, as a browser whose script did not stop the
second tap would send it. The browser test with a real double-click is in test_browser_double_submit.py."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from common.identity import make_id_number
from events.models import Entry, EntryMember
from events.tests.helpers import make_event, make_item
from grassroots.models import Person
from training.models import Nomination
from training.tests.factories import make_course

pytestmark = pytest.mark.django_db


def csrf_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def token_of(page) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)


@pytest.fixture
def open_item(db):
    return make_item(make_event(title="双击测试赛事", quota=3), team_min=1, team_max=4, name="集体项目")


def test_the_entry_form_sent_twice_makes_one_entry(zezhou_coordinator, zezhou, make_person, open_item):
    people = [make_person(zezhou, birth=dt.date(1952, 1, 1 + i)) for i in range(2)]
    client = csrf_client(zezhou_coordinator)
    url = reverse("events_portal:entry_create", args=[open_item.event_id])
    data = {"item": open_item.pk, "team_name": "泽州双击队", "members": [p.pk for p in people],
            "csrfmiddlewaretoken": token_of(client.get(url))}
    first, second = client.post(url, data), client.post(url, data)
    entry = Entry.objects.get()
    detail = reverse("events_portal:entry_detail", args=[entry.pk])
    # both answers lead to the one entry: the second tap is not an error to the coordinator
    assert (first.status_code, first["Location"]) == (302, detail)
    assert (second.status_code, second["Location"]) == (302, detail)
    assert EntryMember.objects.filter(entry=entry).count() == 2


def test_the_entry_form_with_a_new_member_sent_twice_makes_one_entry_and_one_person(zezhou_coordinator, zezhou, open_item):
    client = csrf_client(zezhou_coordinator)
    url = reverse("events_portal:entry_create", args=[open_item.event_id])
    id_number = make_id_number("140502", dt.date(1953, 6, 1), 456, "F")
    data = {"item": open_item.pk, "team_name": "泽州新队员队", "new_name": "新来的", "new_id_number": id_number,
            "csrfmiddlewaretoken": token_of(client.get(url))}
    first, second = client.post(url, data), client.post(url, data)
    entry = Entry.objects.get()
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert Person.objects.filter(id_number=id_number).count() == 1
    assert list(entry.members.values_list("person__name", flat=True)) == ["新来的"]


def test_the_nomination_form_sent_twice_makes_one_nomination(zezhou_coordinator, zezhou, make_person):
    course = make_course(title="双击测试培训班")
    person = make_person(zezhou, name="被推荐人")
    client = csrf_client(zezhou_coordinator)
    url = reverse("training_portal:nominate", args=[course.pk])
    data = {"people": [person.pk], "csrfmiddlewaretoken": token_of(client.get(url))}
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == 302
    assert second.status_code in (200, 302)  # the person is no longer offered: nothing to add
    assert Nomination.objects.filter(course=course, person=person).count() == 1
