"""The site app's objects for the authorization matrix and the XSS corpus (issue 10)."""

import datetime as dt


def make_world(world: dict) -> None:
    from jinshi_laotixie.models import ReminderLog, SitePage

    world["site_page"] = SitePage.objects.published().order_by("sort_order").first()
    world["reminder_log"] = ReminderLog.objects.create(
        user=world["zezhou_coord"], key="authz:matrix", title="矩阵测试提醒", due=dt.date(2099, 1, 31),
    )


XSS_TARGETS = []
