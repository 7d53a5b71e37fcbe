"""send_reminders with the apps' real workbench providers and demo-like records."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from events.models import EventKind
from events.tests.helpers import make_event
from grassroots.tests import factories as gf
from jinshi_laotixie.models import ReminderLog
from training.models import Grade, Qualification
from training.tests.factories import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(zezhou, gaoping, make_person):
    today = timezone.localdate()
    now = timezone.now()
    gf.campaign(year=today.year + 1, deadline=today + dt.timedelta(days=5))
    gf.village(gf.township(zezhou, name="巴公镇"), name="南村")
    make_event(title="“七一”门球比赛", kind=EventKind.HOLIDAY, registration_opens=now - dt.timedelta(days=2),
               registration_closes=now + dt.timedelta(days=3), open_now=None)
    make_event(title="远期赛事", kind=EventKind.HOLIDAY, registration_opens=now - dt.timedelta(days=2),
               registration_closes=now + dt.timedelta(days=25), open_now=None)
    make_course(title="柔力球裁判员培训班", nomination_closes=today + dt.timedelta(days=4))
    person = make_person(zezhou, name="李秀英")
    Qualification.objects.create(person=person, kind="instructor", grade=Grade.SECOND, issuer="晋城市体育局",
                                 issued_on=dt.date(2020, 1, 1), expires_on=today + dt.timedelta(days=6))
    return today


def test_real_tasks_have_dates_and_are_mailed_once(records, zezhou_coordinator, gaoping_coordinator, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    zezhou_coordinator.email = "zezhou@example.org"
    zezhou_coordinator.save()
    gaoping_coordinator.email = "gaoping@example.org"
    gaoping_coordinator.save()

    call_command("send_reminders", stdout=io.StringIO())
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {"zezhou@example.org", "gaoping@example.org"}
    zezhou_mail = by_to["zezhou@example.org"].body
    for expected in ("“六有”自查", "报名：“七一”门球比赛", "推荐人员参加：柔力球裁判员培训班", "资格证书将在90天内到期"):
        assert expected in zezhou_mail, expected
    assert "远期赛事" not in zezhou_mail
    gaoping_mail = by_to["gaoping@example.org"].body
    assert "资格证书" not in gaoping_mail  # the expiring certificate is 泽州县's
    assert "报名：“七一”门球比赛" in gaoping_mail
    logged = ReminderLog.objects.filter(user=zezhou_coordinator).count()
    assert logged == 4

    mail.outbox.clear()
    call_command("send_reminders", stdout=io.StringIO())
    assert mail.outbox == []
    assert ReminderLog.objects.filter(user=zezhou_coordinator).count() == logged
