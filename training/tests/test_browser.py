"""A coordinator, as a new user would: logs in, opens the course, ticks three people, submits."""

import os

import pytest
from django.urls import reverse

from training.models import Nomination

from .factories import make_course

SHOTS = os.environ.get("TRAINING_SHOTS", "/tmp/training-shots")


@pytest.mark.django_db(transaction=True)
def test_coordinator_nominates_three_in_a_browser(transactional_db, browser, live_server, browser_login, zezhou_coordinator, zezhou, make_person):
    os.makedirs(SHOTS, exist_ok=True)
    course = make_course(title="柔力球教练员培训班", quota_per_unit=3)
    names = ["王秀英", "李建国", "张玉兰", "赵满仓"]
    for name in names:
        make_person(zezhou, name=name)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    browser_login(page, live_server.url, "zezhou")
    page.goto(live_server.url + reverse("training_portal:index"))
    page.click("text=推荐人员")
    page.wait_for_load_state()
    page.screenshot(path=f"{SHOTS}/nominate-form-390.png", full_page=True)
    for name in names[:3]:
        page.get_by_label(name, exact=False).check()
    page.click("button:has-text('提交推荐')")
    page.wait_for_load_state()
    assert "已推荐3人" in page.content()
    page.screenshot(path=f"{SHOTS}/nominate-done-390.png", full_page=True)
    assert sorted(Nomination.objects.filter(course=course).values_list("person__name", flat=True)) == sorted(names[:3])
    # The fourth is over the quota: the error shows on the field, nothing is added.
    page.get_by_label("赵满仓", exact=False).check()
    page.click("button:has-text('提交推荐')")
    page.wait_for_load_state()
    assert "超出名额" in page.content()
    page.screenshot(path=f"{SHOTS}/nominate-quota-390.png", full_page=True)
    assert Nomination.objects.filter(course=course).count() == 3
    context.close()
