"""The done-when of the issue, in a real browser: a reader finds 门球 on a phone; menqiu edits only its committee."""

import os

import pytest

from committees.models import Committee, Officer, OfficerRole

SHOTS = "/tmp/committees-shots"


@pytest.fixture
def shots_dir():
    os.makedirs(SHOTS, exist_ok=True)
    return SHOTS


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reader_finds_menqiu_on_a_phone(transactional_db, live_server, phone_page, appoint, menqiu, shots_dir):
    appoint(menqiu, OfficerRole.DIRECTOR, name="冯国栋")
    page = phone_page
    page.goto(f"{live_server.url}/")
    page.click("button.btn-menu")
    page.click("#site-nav >> text=专委会")
    page.wait_for_load_state()
    page.click("text=门球专项委员会")
    page.wait_for_load_state()
    assert page.url.endswith("/committees/menqiu/")
    assert page.locator("dl.officer-list").inner_text().startswith("主任")
    assert "冯国栋" in page.locator("dl.officer-list").inner_text()
    # Nothing wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=f"{shots_dir}/test-reader-menqiu-390.png", full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_menqiu_account_edits_own_committee_only(
    transactional_db, live_server, desktop_page, committee_officer, browser_login, menqiu, pingpang, make_person, zezhou, shots_dir
):
    person = make_person(zezhou, name="郭新委员")
    page = desktop_page
    browser_login(page, live_server.url, "menqiu")
    page.goto(f"{live_server.url}/admin/committees/committee/")
    page.screenshot(path=f"{shots_dir}/admin-menqiu-changelist.png", full_page=True)
    assert page.locator("#result_list tbody tr").count() == 1
    page.goto(f"{live_server.url}/admin/committees/committee/{menqiu.pk}/change/")
    page.fill("textarea[name=introduction]", "门球专委会负责全市门球运动。")
    page.screenshot(path=f"{shots_dir}/admin-menqiu-change.png", full_page=True)
    page.click("input[name=_save]")
    page.wait_for_load_state()
    assert Committee.objects.get(pk=menqiu.pk).introduction == "门球专委会负责全市门球运动。"
    page.goto(f"{live_server.url}/admin/committees/officer/add/")
    page.screenshot(path=f"{shots_dir}/admin-menqiu-officer-add.png", full_page=True)
    assert page.locator("select[name=committee] option").all_inner_texts() == ["门球专委会"]
    page.click(".field-person .select2-selection")
    page.keyboard.type("郭新")
    page.click(".select2-results__option >> text=郭新委员")
    page.select_option("select[name=role]", label="委员")
    page.fill("input[name=term]", str(menqiu.current_term))
    page.fill("input[name=started_on]", "2023-03-01")
    page.screenshot(path=f"{shots_dir}/admin-menqiu-officer-add.png", full_page=True)
    page.click("input[name=_save]")
    page.wait_for_load_state()
    assert Officer.objects.get(person=person).committee == menqiu
    response = page.goto(f"{live_server.url}/admin/committees/committee/{pingpang.pk}/change/")
    assert response.status == 404
