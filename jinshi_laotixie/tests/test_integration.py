"""The apps together: pages of one app that show another app's records through reverse relations."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from committees.models import Committee
from common.choices import Level
from events.models import Event, EventKind
from grassroots.models import Project


def _event(title, committee, start, published=True):
    return Event.objects.create(
        title=title, kind=EventKind.HOLIDAY, level=Level.CITY, project=Project.objects.get(slug="menqiu"),
        committee=committee, start_date=start, end_date=start, is_published=published,
    )


def test_committee_page_lists_its_real_events(client, db):
    menqiu = Committee.objects.get(slug="menqiu")
    today = timezone.localdate()
    _event("庆元旦门球比赛", menqiu, today - dt.timedelta(days=40))
    _event("庆七一门球比赛", menqiu, today + dt.timedelta(days=20))
    _event("未发布的门球比赛", menqiu, today + dt.timedelta(days=5), published=False)
    _event("乒乓球友谊赛", Committee.objects.get(slug="pingpangqiu"), today)
    html = client.get(reverse("committees:committee_detail", kwargs={"slug": "menqiu"})).content.decode()
    assert "庆元旦门球比赛" in html and "庆七一门球比赛" in html
    assert "未发布的门球比赛" not in html and "乒乓球友谊赛" not in html
