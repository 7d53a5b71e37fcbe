"""In a real browser: a coordinator double-clicks 提交报名 and gets one entry. The page's script
(site.js, form[data-once]) sends the form once; the server would also answer a second send with
the first entry (test_double_submit.py)."""

import datetime as dt
import time

import pytest
from django.urls import reverse

from events.models import Entry, EntryMember
from events.tests.helpers import make_event, make_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_double_clicked_entry_form_makes_one_entry(live_server, phone_page, browser_login, zezhou_coordinator, zezhou, make_person):
    event = make_event(title="双击报名赛事", quota=3)
    item = make_item(event, team_min=1, team_max=3, name="门球团体")
    person = make_person(zezhou, name="双击队员", birth=dt.date(1954, 2, 2))
    page = phone_page
    browser_login(page, live_server.url, zezhou_coordinator.username)
    url = reverse("events_portal:entry_create", args=[event.pk])
    page.goto(live_server.url + url)
    page.select_option("select[name=item]", str(item.pk))
    page.fill("input[name=team_name]", "双击一队")
    page.get_by_label(person.name, exact=False).check()
    # A slow line: the answer to the POST comes late (the route handler holds it), so the second
    # tap of the double-click lands while the first send is still on its way.
    posts = []

    def slow(route):
        if route.request.method == "POST":
            posts.append(route.request.url)
            time.sleep(0.6)
        route.continue_()

    page.route("**" + url, slow)
    with page.expect_navigation():
        page.get_by_role("button", name="提交报名").dblclick(delay=150, no_wait_after=True)
    page.wait_for_load_state()
    assert len(posts) == 1, f"第二次点击又发出了 {len(posts) - 1} 个请求"
    assert "报名已提交" in page.content()
    assert len(posts) == 1, posts  # the second click sent nothing
    entry = Entry.objects.get()
    assert entry.team_name == "双击一队" and EntryMember.objects.filter(entry=entry).count() == 1
