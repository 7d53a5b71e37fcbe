import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from common.registry import WorkbenchTask, registry
from jinshi_laotixie.models import ReminderLog, SitePage

TODAY = dt.date(2023, 3, 1)


@pytest.fixture
def deadlines(zezhou):
    """A workbench provider like the apps register: each unit's coordinator has three dated tasks."""

    def provider(request):
        from grassroots.models.organisations import acting_unit

        unit = acting_unit(request.user)
        if unit is None:
            return []
        return [
            WorkbenchTask(title=f"{unit.short_name}自查表", url=f"/portal/x/{unit.pk}/", due=TODAY + dt.timedelta(days=3), kind="selfcheck"),
            WorkbenchTask(title="下月报名", url="/portal/y/", due=TODAY + dt.timedelta(days=30), kind="entry"),
            WorkbenchTask(title="已过期", url="/portal/z/", due=TODAY - dt.timedelta(days=1), kind="entry"),
        ]

    registry.register_workbench("test-deadlines", provider)
    yield
    registry.workbench_providers.pop("test-deadlines")


def test_reminders_are_sent_once_and_only_for_the_next_days(deadlines, zezhou_coordinator, gaoping_coordinator, staff_user):
    zezhou_coordinator.email = "zezhou@example.org"
    zezhou_coordinator.save()
    gaoping_coordinator.email = "gaoping@example.org"
    gaoping_coordinator.save()
    out = io.StringIO()
    call_command("send_reminders", today=TODAY, stdout=out)
    assert len(mail.outbox) == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    body = by_recipient["zezhou@example.org"].body
    assert "泽州县自查表" in body and "2023年3月4日" in body
    assert "下月报名" not in body and "已过期" not in body
    assert "高平市" not in body  # nothing of another unit
    assert ReminderLog.objects.count() == 2
    # The daily timer runs again: nothing new is sent.
    call_command("send_reminders", today=TODAY, stdout=io.StringIO())
    assert len(mail.outbox) == 2
    assert ReminderLog.objects.count() == 2
    assert "已提醒 2 人" in out.getvalue()


def test_dry_run_sends_nothing(deadlines, zezhou_coordinator):
    zezhou_coordinator.email = "zezhou@example.org"
    zezhou_coordinator.save()
    out = io.StringIO()
    call_command("send_reminders", today=TODAY, dry_run=True, stdout=out)
    assert mail.outbox == [] and not ReminderLog.objects.exists()
    assert "将提醒 1 人" in out.getvalue()


def test_about_pages_exist_after_migrate_and_render(client, db):
    assert set(SitePage.objects.values_list("slug", flat=True)) >= {"jianjie", "lianxi"}
    response = client.get("/about/jianjie/")
    assert response.status_code == 200
    assert "六有" in response.content.decode()
    assert client.get("/about/no-such-page/").status_code == 404


def test_about_page_body_is_sanitised_on_every_save_path(client, db):
    page = SitePage.objects.create(
        slug="test", title="测试", body='<p onclick="x()">正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a></p><iframe src="/"></iframe>'
    )
    page.refresh_from_db()
    assert "script" not in page.body and "onclick" not in page.body and "javascript:" not in page.body and "iframe" not in page.body
    assert "正文" in page.body and "链接" in page.body


def test_editing_an_about_page_shows_at_once(client, db):
    page = SitePage.objects.get(slug="lianxi")
    assert client.get("/about/lianxi/").status_code == 200
    page.body = "<p>新的电话号码 0356-1234567</p>"
    page.save()
    assert "0356-1234567" in client.get("/about/lianxi/").content.decode()


def test_unpublished_about_page_answers_404(client, db):
    assert client.get("/about/lianxi/").status_code == 200
    page = SitePage.objects.get(slug="lianxi")
    page.is_published = False
    page.save()
    assert client.get("/about/lianxi/").status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_about_page_query_budget(client, db, count, django_assert_max_num_queries):
    for n in range(count):
        SitePage.objects.create(slug=f"p{n}", title=f"页面{n}")
    with django_assert_max_num_queries(3):
        assert client.get("/about/jianjie/").status_code == 200
