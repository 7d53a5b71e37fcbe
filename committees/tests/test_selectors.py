"""The committee page reads events and news through reverse relations that later apps install.

Those apps are built in parallel, so here a stand-in relation (any model with a date) proves that the
page uses whatever manager is there, splits it by date and keeps working without it.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from committees import selectors
from committees.models import Committee, Officer, OfficerRole
from grassroots.models import Person


@pytest.fixture
def stand_in_events(monkeypatch):
    # Person has created_at (a DateTimeField): a stand-in for Event with a start date.
    monkeypatch.setattr(Committee, "events", property(lambda self: Person.objects.filter(note=f"event:{self.slug}")), raising=False)


@pytest.fixture
def stand_in_articles(monkeypatch):
    monkeypatch.setattr(Committee, "articles", property(lambda self: Officer.objects.filter(committee=self)), raising=False)


def test_events_split_by_date(stand_in_events, menqiu, make_person, city):
    past = make_person(city, name="往期活动", note="event:menqiu")
    future = make_person(city, name="近期活动", note="event:menqiu")
    Person.objects.filter(pk=past.pk).update(created_at=timezone.now() - dt.timedelta(days=30))
    Person.objects.filter(pk=future.pk).update(created_at=timezone.now() + dt.timedelta(days=30))
    make_person(city, name="别的专委会", note="event:pingpangqiu")
    events = selectors.committee_events(menqiu)
    assert events["available"] is True
    assert [e.name for e in events["upcoming"]] == ["近期活动"]
    assert [e.name for e in events["past"]] == ["往期活动"]


def test_detail_page_lists_events_and_news_when_installed(client, stand_in_events, stand_in_articles, menqiu, make_person, city, appoint):
    make_person(city, name="门球交流赛", note="event:menqiu")
    Person.objects.filter(name="门球交流赛").update(created_at=timezone.now() - dt.timedelta(days=3))
    appoint(menqiu, OfficerRole.MEMBER, name="新闻替身")
    html = client.get(reverse("committees:committee_detail", kwargs={"slug": "menqiu"})).content.decode()
    assert "往期活动" in html and "门球交流赛" in html
    assert "相关新闻" in html and "新闻替身" in html
    assert "暂无近期活动" in html


def test_item_date_reads_dates_and_datetimes(make_person, city):
    person = make_person(city)
    assert selectors.item_date(person) == timezone.localtime(person.created_at).date()
