"""Deadline reminders: each coordinator's workbench tasks due in the next days, mailed once."""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from common.registry import WorkbenchTask, registry

from .models import ReminderLog

logger = logging.getLogger("jinshi.reminders")


@dataclass
class ReminderResult:
    user_id: int
    username: str
    sent: list[WorkbenchTask]


def _as_date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def tasks_for(user) -> list[WorkbenchTask]:
    """The user's workbench tasks, asked of every app through the registry."""
    request = RequestFactory().get("/portal/")
    request.user = user
    tasks: list[WorkbenchTask] = []
    for provider in registry.workbench_providers.values():
        tasks.extend(provider(request))
    return tasks


def reminder_key(task: WorkbenchTask) -> str:
    return f"{task.kind}|{task.url}|{_as_date(task.due)}"[:300]


def due_soon(tasks: list[WorkbenchTask], today: dt.date, days: int) -> list[WorkbenchTask]:
    horizon = today + dt.timedelta(days=days)
    return [task for task in tasks if (due := _as_date(task.due)) is not None and today <= due <= horizon]


def recipients():
    """Coordinators and correspondents with an e-mail address: the people who have deadlines."""
    return (
        get_user_model()
        .objects.filter(is_active=True, unit_assignment__isnull=False)
        .exclude(email="")
        .select_related("unit_assignment__organisation")
        .order_by("pk")
    )


def send_reminders(*, today: dt.date | None = None, days: int = 7, dry_run: bool = False) -> list[ReminderResult]:
    today = today or timezone.localdate()
    results = []
    for user in recipients():
        fresh = []
        for task in due_soon(tasks_for(user), today, days):
            if not ReminderLog.objects.filter(user=user, key=reminder_key(task)).exists():
                fresh.append(task)
        if not fresh:
            continue
        if not dry_run:
            body = render_to_string("portal/reminder_email.txt", {"user": user, "tasks": fresh, "days": days, "site_url": settings.SITE_URL})
            subject = f"【市老体协】您有 {len(fresh)} 项工作将在 {days} 天内截止"
            # Log first, inside one transaction with the mail: a crash before the commit sends nothing twice
            # because the unique key refuses the second log row of a concurrent run.
            try:
                with transaction.atomic():
                    for task in fresh:
                        ReminderLog.objects.create(user=user, key=reminder_key(task), title=task.title[:200], due=_as_date(task.due))
                    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            except IntegrityError:
                logger.warning("reminders for %s were sent by a concurrent run; skipped", user.username)
                continue
        logger.info("reminded %s of %d task(s): %s", user.username, len(fresh), "; ".join(t.title for t in fresh))
        results.append(ReminderResult(user_id=user.pk, username=user.username, sent=fresh))
    return results
