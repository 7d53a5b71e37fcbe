"""Public pages: list order and filters, detail with released results only, festival, iCal, 走基层."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from committees.models import Committee
from events import services
from events.models import Award, AwardType, Entry, Event, EventKind, Festival
from events.tests.helpers import make_event, make_item
from grassroots.models import Organisation, Project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def _event_with_award(zezhou, released, **kw):
    event = make_event(results_released=released, **kw)
    item = make_item(event, name="集体规定套路")
    entry = Entry.objects.create(event=event, item=item, unit=zezhou, team_name="泽州县柔力球一队")
    services.award_set(entry=entry, award_type=AwardType.FIRST)
    return event


def test_list_shows_upcoming_first_then_past_and_hides_unpublished(client):
    today = dt.date.today()
    past = make_event(title="往期赛事", start=today - dt.timedelta(days=100))
    soon = make_event(title="近期赛事", start=today + dt.timedelta(days=3))
    later = make_event(title="远期赛事", start=today + dt.timedelta(days=60))
    make_event(title="未发布赛事", published=False)
    html = client.get(reverse("events:event_list")).content.decode()
    assert html.index(soon.title) < html.index(later.title) < html.index(past.title)
    assert "未发布赛事" not in html


def test_list_filters_by_year_project_kind_level(client):
    menqiu = Project.objects.get(slug="menqiu")
    make_event(title="门球赛", project=menqiu, kind=EventKind.HOLIDAY, start=dt.date(2022, 1, 1))
    make_event(title="省级赛", kind=EventKind.EXTERNAL, level="provincial", start=dt.date(2023, 8, 1))
    url = reverse("events:event_list")
    assert "门球赛" in client.get(url, {"project": "menqiu"}).content.decode()
    assert "省级赛" not in client.get(url, {"project": "menqiu"}).content.decode()
    assert "省级赛" in client.get(url, {"level": "provincial"}).content.decode()
    assert "门球赛" not in client.get(url, {"kind": "external"}).content.decode()
    assert "门球赛" in client.get(url, {"year": 2022}).content.decode()
    assert "门球赛" not in client.get(url, {"year": 2023}).content.decode()


def test_results_hidden_until_released(client, zezhou):
    event = _event_with_award(zezhou, released=False)
    url = reverse("events:event_detail", args=[event.pk])
    html = client.get(url).content.decode()
    assert "成绩尚未公布" in html and "泽州县柔力球一队" not in html
    services.event_release_results(event=event)
    html = client.get(url).content.decode()
    assert "一等奖" in html and "泽州县柔力球一队" in html and "table-stack" in html


def test_detail_has_no_personal_data(client, zezhou, make_person):
    event = _event_with_award(zezhou, released=True)
    entry = Entry.objects.get(event=event)
    person = make_person(zezhou, name="李秀英", phone="13912345678")
    entry.members.create(person=person)
    html = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert person.id_number not in html and "13912345678" not in html and "1955" not in html


def test_unpublished_event_is_404(client):
    event = make_event(published=False)
    assert client.get(reverse("events:event_detail", args=[event.pk])).status_code == 404


def test_page_cache_is_bumped_when_results_are_released(client, zezhou):
    event = _event_with_award(zezhou, released=False)
    url = reverse("events:event_detail", args=[event.pk])
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    services.event_release_results(event=event)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "一等奖" in response.content.decode()


def test_festival_page_lists_its_contests(client):
    festival = Festival.objects.create(edition=5, year=2022, title="晋城市第五届老年文体艺术节", theme="喜迎二十大，银辉添新彩")
    make_event(title="艺术节柔力球", festival=festival)
    html = client.get(reverse("events:festival_detail", args=[5])).content.decode()
    assert "喜迎二十大，银辉添新彩" in html and "艺术节柔力球" in html and "第五届" in html


def test_calendar_feed_is_valid_icalendar_and_filters(client):
    menqiu_committee = Committee.objects.get(slug="menqiu")
    a = make_event(title="门球赛", project=Project.objects.get(slug="menqiu"), committee=menqiu_committee)
    b = make_event(title="柔力球赛", project=Project.objects.get(slug="rouliqiu"), is_online=True)
    make_event(title="未发布", published=False)
    response = client.get(reverse("events:calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    assert {str(e["SUMMARY"]) for e in events} == {"门球赛", "柔力球赛"}
    for e in events:
        assert e["UID"] and e["DTSTAMP"] and e["DTSTART"].dt < e["DTEND"].dt
    by_project = Calendar.from_ical(client.get(reverse("events:calendar"), {"project": "rouliqiu"}).content)
    assert [str(e["SUMMARY"]) for e in by_project.walk("VEVENT")] == ["柔力球赛"]
    by_committee = Calendar.from_ical(client.get(reverse("events:calendar"), {"committee": "menqiu"}).content)
    assert [str(e["SUMMARY"]) for e in by_committee.walk("VEVENT")] == ["门球赛"]
    one = Calendar.from_ical(client.get(reverse("events:event_calendar", args=[b.pk])).content)
    (only,) = one.walk("VEVENT")
    assert str(only["SUMMARY"]) == "柔力球赛" and str(only["LOCATION"]) == "线上"
    assert only["DTSTART"].dt == b.start_date and a.pk != b.pk


def test_calendar_feed_follows_edits_and_project_renames_and_links_each_event(client):
    """The feed joins VEVENTs stored on save (events/calendar.py): an edit, a project's new name
    and an event saved with update_fields all show at once, and every event has its absolute URL."""
    project = Project.objects.get(slug="rouliqiu")
    event = make_event(title="旧名称", project=project)
    long_title = "晋城市第六届老年文体艺术节暨庆祝中华人民共和国成立七十五周年柔力球展示交流大赛（决赛）"

    def feed():
        (vevent,) = Calendar.from_ical(client.get(reverse("events:calendar")).content).walk("VEVENT")
        return vevent

    assert str(feed()["URL"]) == "http://testserver" + event.get_absolute_url()
    event.title = long_title  # longer than one 75-octet line: folded, and unfolded by readers
    event.save(update_fields=["title"])
    assert str(feed()["SUMMARY"]) == long_title
    project.name = "柔力球（新）"
    project.save()
    assert "柔力球（新）" in str(feed()["DESCRIPTION"])


def test_outreach_table_marks_counties_that_still_owe_one(client):
    zezhou = Organisation.objects.get(slug="zezhou")
    make_event(title="走基层·泽州站", kind=EventKind.OUTREACH, host_unit=zezhou, start=dt.date(2023, 5, 18))
    html = client.get(reverse("events:outreach"), {"year": 2023}).content.decode()
    assert "走基层·泽州站" in html
    assert "还有 5 个县（市、区）尚未安排" in html


@pytest.mark.parametrize("rows", [3, 30])
def test_list_query_budget(client, rows, django_assert_max_num_queries):
    festival = Festival.objects.create(edition=9, year=2030, title="节")
    for n in range(rows):
        make_event(title=f"赛事{n}", project=Project.objects.get(slug="menqiu"), committee=Committee.objects.get(slug="menqiu"),
                   festival=festival)
    # The upcoming count, their rows (with the years' bounds), the past rows (3 upcoming do not
    # fill a page; 30 do, and skip it) and the project select's options.
    with django_assert_max_num_queries(4):
        assert client.get(reverse("events:event_list")).status_code == 200


@pytest.mark.parametrize("rows", [3, 30])
def test_detail_query_budget(client, zezhou, rows, django_assert_max_num_queries):
    event = make_event(results_released=True)
    for n in range(rows):
        item = make_item(event, name=f"项目{n}", min_age=60)
        entry = Entry.objects.create(event=event, item=item, unit=zezhou, team_name=f"队{n}")
        Award.objects.create(event=event, entry=entry, award_type=AwardType.WINNER)
    with django_assert_max_num_queries(5):  # the event, its age groups, items, awards and related news
        response = client.get(reverse("events:event_detail", args=[event.pk]))
    assert response.content.decode().count("award-label") == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_festival_and_outreach_query_budget(client, rows, django_assert_max_num_queries):
    festival = Festival.objects.create(edition=7, year=2024, title="第七届")
    zezhou = Organisation.objects.get(slug="zezhou")
    for n in range(rows):
        make_event(title=f"赛事{n}", festival=festival, project=Project.objects.get(slug="menqiu"))
        make_event(title=f"走基层{n}", kind=EventKind.OUTREACH, host_unit=zezhou, start=dt.date(2024, 5, 1))
    with django_assert_max_num_queries(2):  # the festival, its events with their award counts
        assert client.get(reverse("events:festival_detail", args=[7])).status_code == 200
    with django_assert_max_num_queries(2):  # the counties, the year's 走基层 events
        assert client.get(reverse("events:outreach"), {"year": 2024}).status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get(reverse("events:festival_list")).status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get(reverse("events:calendar")).status_code == 200


def test_search_and_sitemap_and_workbench_registrations(client, zezhou_coordinator):
    from common.registry import registry

    make_event(title="柔力球交流赛")
    assert {"events"} <= set(registry.search_providers) and "events" in registry.workbench_providers
    found = client.get("/search/", {"q": "柔力球"}).content.decode()
    assert "柔力球交流赛" in found.replace("<mark>", "").replace("</mark>", "")  # matches come back highlighted
    assert "/events/" in client.get("/sitemap.xml").content.decode()
    client.force_login(zezhou_coordinator)
    assert "报名：柔力球交流赛" in client.get(reverse("portal")).content.decode()


def test_event_page_lists_its_published_news_only(client, db):

    from news.models import ArticleStatus
    from news.tests import factories as nf

    event = make_event(title="门球邀请赛")
    other = make_event(title="象棋赛")
    shown = nf.article(title="门球邀请赛开幕", event=event)
    nf.article(title="门球邀请赛草稿", event=event, status=ArticleStatus.DRAFT)
    nf.article(title="门球邀请赛预告", event=event, published_at=timezone.now() + dt.timedelta(days=1))
    nf.article(title="象棋赛开幕", event=other)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "相关新闻" in html
    assert f'<a href="{shown.get_absolute_url()}">门球邀请赛开幕</a>' in html
    assert "草稿" not in html and "预告" not in html and "象棋赛开幕" not in html
    # Without news, no heading.
    assert "相关新闻" not in client.get(make_event(title="空赛").get_absolute_url()).content.decode()


def test_event_search_matches_any_case_and_reads_chinese_without_upper(rf, db, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from events.hooks import search_events

    event = make_event(title="ABC 柔力球邀请赛")
    Event.objects.filter(pk=event.pk).update(venue="晋城 Gym 馆")
    request = rf.get("/search/")
    titles = lambda hits: [str(hit.title) for hit in hits]  # noqa: E731
    assert titles(search_events(request, "abc", 6)) == ["ABC 柔力球邀请赛"]
    assert titles(search_events(request, "gYM", 6)) == ["ABC 柔力球邀请赛"]
    with CaptureQueriesContext(connection) as captured:
        assert titles(search_events(request, "柔力球邀请", 6)) == ["ABC 柔力球邀请赛"]
    event_sql = next(q["sql"] for q in captured.captured_queries if "events_event" in q["sql"])
    assert 'UPPER("events_event"."title"' not in event_sql


def test_event_search_puts_festivals_first_then_the_newest_events_in_one_statement(rf, db, django_assert_num_queries):
    from events.hooks import search_events

    Festival.objects.create(edition=77, year=2031, title="健步走艺术节", theme="健步走", start_date=dt.date(2031, 5, 1))
    today = timezone.localdate()
    for days in (30, 10, 20, 40):
        make_event(title=f"健步走比赛{days}", start=today + dt.timedelta(days=days))
    make_event(title="健步走未发布", published=False)
    with django_assert_num_queries(1):
        hits = search_events(rf.get("/search/"), "健步走", 4)
    assert [str(hit.title) for hit in hits] == ["健步走艺术节", "健步走比赛40", "健步走比赛30", "健步走比赛20"]
    assert hits[0].url == "/events/festivals/77/" and hits[1].url.startswith("/events/")
