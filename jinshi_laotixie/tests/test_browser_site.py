"""In a real browser: the home page puts the notices first on a phone and beside the news on a
desktop; the coordinator's workbench fits a phone."""

import pytest

from news.tests import factories as nf

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def news_rows(db):
    for i in range(3):
        nf.article(section_slug="tongzhi", title=f"浏览器通知{i}")
        nf.article(section_slug="dongtai", title=f"浏览器动态{i}")


def test_home_notices_first_on_phone_and_beside_news_on_desktop(live_server, news_rows, phone_page, desktop_page, screenshot):
    phone_page.goto(live_server.url + "/")
    notices = phone_page.locator(".home-notices").bounding_box()
    news = phone_page.locator(".home-news").bounding_box()
    assert notices["y"] < news["y"]
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "site-home-390")
    desktop_page.goto(live_server.url + "/")
    notices = desktop_page.locator(".home-notices").bounding_box()
    news = desktop_page.locator(".home-news").bounding_box()
    assert notices["x"] > news["x"] and abs(notices["y"] - news["y"]) < 5
    screenshot(desktop_page, "site-home-1280")


def test_workbench_on_phone(live_server, zezhou_coordinator, phone_page, browser_login, screenshot):
    browser_login(phone_page, live_server.url, zezhou_coordinator.username)
    phone_page.goto(live_server.url + "/portal/")
    assert phone_page.locator("h1").inner_text().startswith("我的工作台")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "site-workbench-390")
