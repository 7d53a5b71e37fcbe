"""In a real browser: staff find a deleted team in the 回收站 on a phone and on a desktop, and
bring it back with one button."""

import pytest

from events.models import Entry, EntryMember, EntryStatus
from events.tests.helpers import make_event, make_item
from news.tests import factories as nf

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def deleted(zezhou, make_person, staff_user):
    item = make_item(make_event(title="浏览器回收站赛事"))
    entry = Entry.objects.create(event=item.event, item=item, unit=zezhou, team_name="泽州柔力球队", status=EntryStatus.SUBMITTED)
    for i in range(2):
        EntryMember.objects.create(entry=entry, person=make_person(zezhou, name=f"回收站队员{i}"))
    pk = entry.pk
    entry._history_user = staff_user  # as the admin's delete would record it
    entry.delete()
    article = nf.article(section_slug="dongtai", title="一篇被删除的新闻稿件")
    article._history_user = staff_user
    article.delete()
    return pk


def test_staff_restore_a_team_from_the_bin(live_server, staff_user, deleted, phone_page, desktop_page, browser_login, screenshot):
    for page, width in ((phone_page, 390), (desktop_page, 1280)):
        browser_login(page, live_server.url, staff_user.username)
        page.goto(live_server.url + "/admin/")
        page.click("text=回收站")
        assert page.locator("h1").inner_text() == "回收站"
        assert "泽州柔力球队" in page.content() and "参赛人员 2 条" in page.content()
        if width == 390:  # one card per record, nothing wider than the phone
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, f"recycle-bin-{width}")
    desktop_page.click("button[aria-label='恢复“泽州柔力球队（集体项目）”']")
    desktop_page.wait_for_load_state()
    assert "已恢复报名" in desktop_page.content()
    screenshot(desktop_page, "recycle-bin-restored-1280")
    assert Entry.objects.get(pk=deleted).members.count() == 2
