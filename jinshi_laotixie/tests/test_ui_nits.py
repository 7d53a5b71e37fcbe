"""Small things seen in the screenshots: member rows big enough to tap, no stray comma for a person
without an ID number, the registration start date with its year."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from events.forms import MemberChoiceField
from events.tests.helpers import make_event, make_item


@pytest.mark.django_db
def test_a_person_without_id_number_has_no_stray_comma(zezhou, make_person):
    person = make_person(zezhou, name="无证人", birth=dt.date(1955, 1, 9), with_id=False)
    label = MemberChoiceField(queryset=None).label_from_instance(person)
    assert label == "无证人（女，1955年01月）"
    with_id = make_person(zezhou, name="有证人", birth=dt.date(1955, 1, 9))
    assert MemberChoiceField(queryset=None).label_from_instance(with_id).startswith("有证人（女，1955年01月，")


@pytest.mark.django_db
def test_the_event_page_gives_the_registration_start_with_its_year(client):
    event = make_event(title="年份测试赛事")
    opens = timezone.localtime(event.registration_opens)
    html = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert f"{opens.year}年{opens.month}月{opens.day}日—" in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_member_rows_are_44px_touch_targets(live_server, phone_page, browser_login, screenshot, zezhou_coordinator, zezhou, make_person):
    event = make_event(title="触控测试赛事")
    make_item(event, name="门球团体")
    make_person(zezhou, name="甲队员", birth=dt.date(1954, 2, 2))
    make_person(zezhou, name="乙队员", birth=dt.date(1954, 3, 3), with_id=False)
    page = phone_page
    browser_login(page, live_server.url, zezhou_coordinator.username)
    page.goto(live_server.url + reverse("events_portal:entry_create", args=[event.pk]))
    rows = page.locator(".member-choices label")
    assert rows.count() == 2
    for i in range(2):
        box = rows.nth(i).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 300, box
        assert rows.nth(i).locator("input").bounding_box()["height"] >= 20  # a box an old eye can see
    # a tap anywhere on the row, even far from the box, ticks it
    row = rows.filter(has_text="乙队员")
    row.scroll_into_view_if_needed()
    box = row.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 10, box["y"] + box["height"] / 2)
    assert row.locator("input").is_checked()
    assert "乙队员（女，1954年03月）" in row.inner_text()
    screenshot(page, "entry-form-members-390")
