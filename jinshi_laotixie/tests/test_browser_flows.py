"""The issue's two real-browser journeys (issue 10 item 7), under the real CSP:
a coordinator enters a team into an open event and finds it on the workbench (/portal/);
a correspondent sends a draft, staff publish it in the admin, and it is on /news/."""

import datetime as dt

import pytest
from django.urls import reverse

from events.models import Entry, EntryStatus
from events.tests.helpers import make_event, make_item
from news.models import Article, ArticleStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_enters_a_team_and_finds_it_on_the_workbench(
    live_server, phone_page, browser_login, screenshot, zezhou_coordinator, zezhou, make_person
):
    event = make_event(title="晋城市老年人门球邀请赛", quota=3)
    item = make_item(event, team_min=2, team_max=3, min_age=60, name="门球团体")
    people = [make_person(zezhou, name=name, birth=dt.date(1955, 4, 1 + n)) for n, name in enumerate(("赵秀兰", "钱玉珍"))]
    page = phone_page
    browser_login(page, live_server.url, "zezhou")
    page.goto(live_server.url + reverse("events_portal:entry_create", args=[event.pk]))
    page.select_option("select[name=item]", str(item.pk))
    page.fill("input[name=team_name]", "泽州县门球一队")
    for person in people:
        page.get_by_label(person.name, exact=False).check()
    page.get_by_role("button", name="提交报名").click()
    page.wait_for_load_state()
    assert "报名已提交" in page.content()
    entry = Entry.objects.get()
    assert entry.status == EntryStatus.SUBMITTED and entry.unit == zezhou and entry.members.count() == 2
    page.goto(live_server.url + reverse("portal"))
    page.wait_for_load_state()
    screenshot(page, "flow-coordinator-workbench")
    # the workbench shows the event with the team entered (its entries link leads to the entry)
    assert "晋城市老年人门球邀请赛" in page.content()
    page.goto(live_server.url + reverse("events_portal:entry_index"))
    assert "泽州县门球一队" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_correspondent_sends_a_draft_staff_publish_in_the_admin(
    live_server, phone_page, desktop_page, browser_login, screenshot, correspondent, staff_user
):
    page = phone_page
    browser_login(page, live_server.url, "tongxun")
    page.goto(live_server.url + reverse("news_portal:draft_create"))
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.wait_for(timeout=10000)
    assert editor.get_attribute("aria-label")  # named for screen readers (static/news/editor-label.js)
    page.fill("#id_title", "高都镇门球队参加市级邀请赛")
    page.select_option("#id_section", label="基层风采")
    editor.click()
    page.keyboard.type("高都镇门球队十二名队员参加了市级邀请赛。")
    page.get_by_role("button", name="保存并送审").click()
    page.wait_for_load_state()
    article = Article.objects.get(title="高都镇门球队参加市级邀请赛")
    assert article.status == ArticleStatus.PENDING

    staff = desktop_page
    staff.goto(live_server.url + reverse("admin:login"))
    staff.fill("input[name=username]", "mishu")
    staff.fill("input[name=password]", "pw-Jincheng-2023")
    staff.click("input[type=submit], button[type=submit]")
    staff.wait_for_load_state()
    staff.goto(live_server.url + reverse("admin:news_article_changelist") + "?status__exact=pending")
    staff.locator(f"input[name=_selected_action][value='{article.pk}']").check()
    staff.select_option("select[name=action]", "publish_selected")
    staff.click("button[name=index]")
    staff.wait_for_load_state()
    screenshot(staff, "flow-staff-published-in-admin")
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED

    reader = page.context.browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN").new_page()
    reader.goto(live_server.url + reverse("news:article_list"))
    assert "高都镇门球队参加市级邀请赛" in reader.content()
    screenshot(reader, "flow-news-list-with-published-article")
    reader.context.close()
