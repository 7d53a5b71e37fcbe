"""The coordinator's story on a phone-sized screen, in a real browser: register a village, add a
venue and a team, fill in and submit a self-check with a photo; then the finder shows the team,
and the dashboard counts the submission. Screenshots go to SCREENSHOT_DIR for a person to look at."""

import datetime as dt

import pytest

from grassroots.models import Organisation, SelfCheck, SelfCheckStatus, Team

from . import factories as f
from .test_portal import png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def test_coordinator_story_on_a_phone(live_server, phone_page, desktop_page, browser_login, screenshot, zezhou_coordinator, staff_user, tmp_path):
    page = phone_page
    township = f.township(Organisation.objects.get(slug="zezhou"), "巴公镇")
    f.campaign(dt.date.today().year + 1)
    browser_login(page, live_server.url, "zezhou")

    page.goto(f"{live_server.url}/portal/grassroots/organisations/add/")
    page.select_option("select[name=level]", "4")
    page.select_option("select[name=parent]", str(township.pk))
    page.fill("input[name=name]", "巴公五村")
    page.fill("input[name=contact_person]", "李会长")
    page.fill("input[name=contact_phone]", "13912345678")
    page.check("input[name=phone_public]")
    submit(page, "form[data-once] button[type=submit]")
    village = Organisation.objects.get(name="巴公五村")
    assert "已保存" in page.content()

    page.goto(f"{live_server.url}/portal/grassroots/venues/add/")
    page.select_option("select[name=organisation]", str(village.pk))
    page.fill("input[name=name]", "五村健身广场")
    page.fill("input[name=address]", "巴公五村村委会东")
    page.get_by_label("柔力球").check()
    submit(page, "form[data-once] button[type=submit]")
    page.goto(f"{live_server.url}/portal/grassroots/teams/add/")
    page.select_option("select[name=organisation]", str(village.pk))
    page.select_option("select[name=project]", label="柔力球")
    page.fill("input[name=name]", "五村柔力球队")
    page.fill("input[name=member_count]", "16")
    page.select_option("select[name=venue]", label="五村健身广场")
    for day in ("周二", "周四"):
        page.get_by_label(day, exact=True).check()
    page.fill("input[name=start_time]", "08:00")
    page.fill("input[name=end_time]", "09:30")
    submit(page, "form[data-once] button[type=submit]")
    assert Team.objects.filter(name="五村柔力球队").exists()

    campaign_year = dt.date.today().year + 1
    page.goto(f"{live_server.url}/portal/grassroots/selfchecks/{campaign_year}/{village.pk}/")
    photo = tmp_path / "挂牌.png"
    photo.write_bytes(png_bytes((640, 480)))
    for section in page.locator("section.selfcheck-item").all()[:6]:
        section.locator("label.choice", has_text="达标").first.click()
    page.locator("input[type=file]").first.set_input_files(str(photo))
    page.locator("input[name=regular_activities]").fill("5")
    screenshot(page, "grassroots-selfcheck-390")
    submit(page, "button[value=draft]")
    assert "草稿已保存" in page.content()
    for name in ("has_annual_plan", "committee_complete", "records_archived"):
        page.locator(f"input[name={name}][value=yes]").check()
    page.locator("input[name=holiday_events]").fill("3")
    page.locator("input[name=activists_trained]").fill("4")
    submit(page, "button[value=submit]")
    assert "自查已提交" in page.content()
    selfcheck = SelfCheck.objects.get(organisation=village)
    assert selfcheck.status == SelfCheckStatus.SUBMITTED and selfcheck.photos.count() == 1
    screenshot(page, "grassroots-selfcheck-submitted-390")

    page.goto(f"{live_server.url}/portal/grassroots/dashboard/")
    assert page.locator("canvas[data-chart-json]").count() == 1
    screenshot(page, "grassroots-dashboard-390")

    page.goto(f"{live_server.url}/find/?county=zezhou&project=rouliqiu")
    assert "五村柔力球队" in page.content() and "13912345678" in page.content()

    desktop = desktop_page
    browser_login(desktop, live_server.url, "mishu")
    desktop.goto(f"{live_server.url}/portal/grassroots/dashboard/")
    screenshot(desktop, "grassroots-dashboard-1280")
    desktop.goto(f"{live_server.url}/portal/grassroots/selfchecks/{campaign_year}/{village.pk}/")
    screenshot(desktop, "grassroots-selfcheck-1280")
