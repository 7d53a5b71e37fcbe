"""The public pages read lean rows (events.selectors): they show what the model-backed pages
showed, in the same order, with few queries."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from icalendar.parser import Contentline

from events import calendar, selectors, services
from events.models import Award, AwardType, Entry, Event, EventKind, Festival
from events.tests.helpers import make_event, make_item
from grassroots.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def _titles(html: str) -> list[str]:
    return re.findall(r'<li>\s*<a href="/events/\d+/">([^<]+)</a>', html)


def test_list_pages_run_upcoming_soonest_first_then_past_newest_first(client):
    today = timezone.localdate()
    for n in range(25):  # 12 upcoming (day 1..12), 13 past (day -2..-14)
        start = today + dt.timedelta(days=n + 1) if n < 12 else today - dt.timedelta(days=n - 10)
        make_event(title=f"赛事{n:02d}", start=start)
    expected = [f"赛事{n:02d}" for n in range(25)]
    url = reverse("events:event_list")
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert _titles(first) + _titles(second) == expected
    assert 'rel="next"' in first and 'rel="next"' not in second
    assert client.get(url, {"page": 3}).status_code == 404


def test_list_page_past_the_upcoming_events_reads_the_past_ones_at_the_right_offset(client, monkeypatch):
    monkeypatch.setattr("events.views.PER_PAGE", 3)
    today = timezone.localdate()
    for n in range(4):
        make_event(title=f"近期{n}", start=today + dt.timedelta(days=n + 1))
    for n in range(6):
        make_event(title=f"往期{n}", start=today - dt.timedelta(days=10 * (n + 1)))
    url = reverse("events:event_list")
    pages = [_titles(client.get(url, {"page": p}).content.decode()) for p in (1, 2, 3, 4)]
    assert pages == [["近期0", "近期1", "近期2"], ["近期3", "往期0", "往期1"], ["往期2", "往期3", "往期4"], ["往期5"]]


def test_list_card_shows_kind_level_project_dates_and_badges(client):
    today = timezone.localdate()
    menqiu = Project.objects.get(slug="menqiu")
    make_event(title="门球邀请赛", kind=EventKind.HOLIDAY, level="provincial", project=menqiu,
               start=today + dt.timedelta(days=5))
    make_event(title="线上健步走", kind=EventKind.SHOW, is_online=True, open_now=None, start=today - dt.timedelta(days=40))
    html = client.get(reverse("events:event_list")).content.decode()
    card = html[html.index("门球邀请赛"):html.index("</li>", html.index("门球邀请赛"))]
    start = today + dt.timedelta(days=5)
    end = start + dt.timedelta(days=1)
    assert '<span class="event-badge">节日赛事</span>' in card and '<span class="event-badge is-open">报名中</span>' in card
    assert f"{start.year}年{start.month}月{start.day}日—{end.month}月{end.day}日" in card
    assert "· 省级 · 门球" in card and "· 晋城市体育中心" in card
    past = html[html.index("线上健步走"):html.index("</li>", html.index("线上健步走"))]
    assert '<span class="event-badge is-past">展示活动</span>' in past and "报名中" not in past and "· 线上" in past


def test_list_year_select_spans_the_published_years_whatever_the_filter(client):
    make_event(title="早", start=dt.date(2019, 3, 1))
    make_event(title="晚", start=dt.date(2023, 3, 1))
    make_event(title="未发布", start=dt.date(2030, 3, 1), published=False)
    url = reverse("events:event_list")
    for params in ({}, {"year": 2019}, {"year": 1990}, {"kind": "bogus"}):
        html = client.get(url, params).content.decode()
        assert re.findall(r'<option value="(\d{4})"', html) == ["2023", "2022", "2021", "2020", "2019"], params
    assert '<option value="2019" selected>' in client.get(url, {"year": 2019}).content.decode()
    empty = client.get(url, {"kind": "bogus"}).content.decode()
    assert "没有符合条件的赛事活动。" in empty and _titles(empty) == []


def test_list_project_select_lists_active_projects_and_keeps_the_choice(client):
    html = client.get(reverse("events:event_list"), {"project": "menqiu"}).content.decode()
    select = html[html.index('<select class="form-select" id="id_project"'):]
    select = select[: select.index("</select>")]
    assert '<option value="">全部项目</option>' in select and '<option value="menqiu" selected>门球</option>' in select
    Project.objects.filter(slug="menqiu").update(is_active=False)
    assert '"menqiu"' not in client.get(reverse("events:event_list")).content.decode()


def test_event_page_orders_results_by_item_award_rank_and_team_and_names_the_person(client, zezhou, make_person):
    event = make_event(results_released=True)
    second = make_item(event, name="第二项", sort_order=2)
    first = make_item(event, name="第一项", sort_order=1)

    def award(item, team, award_type, **kw):
        entry = Entry.objects.create(event=event, item=item, unit=zezhou, team_name=team, routine_title=kw.pop("routine", ""))
        return services.award_set(entry=entry, award_type=award_type, **kw)

    award(second, "乙队", AwardType.FIRST)
    award(first, "丙队", AwardType.WINNER, rank=2)
    award(first, "甲队", AwardType.WINNER, rank=1, score=Decimal("9.50"))
    award(first, "乙队", AwardType.FIRST, routine="《兵哥哥》")
    award(first, "丁队", AwardType.OTHER, other_name="最佳风采")
    champion = award(first, "戊队", AwardType.RANK_ONLY, rank=3)
    person = make_person(zezhou, name="李秀英")
    champion.entry.members.create(person=person)
    services.award_set(entry=champion.entry, award_type=AwardType.RANK_ONLY, rank=3, person=person)
    html = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    rows = re.findall(r'<span class="award-label">([^<]*)</span></td>\s*<td data-label="单位">([^<]*)</td>\s*'
                      r'<td data-label="队伍">([^<]*)</td>\s*<td data-label="成绩">([^<]*)</td>', html)
    assert re.findall(r"<h3>([^<]+)</h3>", html) == ["第一项", "第二项"]
    assert [(label, team, score) for label, _unit, team, score in rows] == [
        ("一等奖", "乙队 《兵哥哥》", "—"), ("优胜奖第一名", "甲队", "9.50"), ("优胜奖第二名", "丙队", "—"),
        ("第三名", "李秀英", "—"), ("最佳风采", "丁队", "—"), ("一等奖", "乙队", "—"),
    ]
    assert {unit for _label, unit, _team, _score in rows} == {zezhou.display_name}


def test_released_results_group_like_the_model_ordering(zezhou):
    """The Python ordering agrees with the database ordering it replaced (Award.for_results)."""
    event = make_event(results_released=True)
    items = [make_item(event, name=f"项{n}", sort_order=n % 2) for n in range(4)]
    kinds = [AwardType.THIRD, AwardType.FIRST, AwardType.WINNER, AwardType.OTHER, AwardType.RANK_ONLY]
    for n in range(20):
        entry = Entry.objects.create(event=event, item=items[n % 4], unit=zezhou, team_name=f"队{(n * 7) % 20:02d}")
        kind = kinds[n % 5]
        services.award_set(entry=entry, award_type=kind, rank=(n % 3) + 1 if kind in (AwardType.WINNER, AwardType.RANK_ONLY) else None,
                           other_name="特别奖" if kind == AwardType.OTHER else "")
    expected = []
    for award in Award.objects.filter(event=event).annotate_sort().for_results():
        if not expected or expected[-1][0] != award.entry.item_id:
            expected.append((award.entry.item_id, []))
        expected[-1][1].append((award.label, award.entry.team_name))
    event, items, _groups = selectors.event_for_page(event.pk)
    got = [(item.pk, [(row.label, row.team) for row in rows]) for item, rows in selectors.released_results(event, items)]
    assert got == expected


def test_event_page_items_show_their_age_groups(client):
    event = make_event()
    make_item(event, name="", min_age=60, max_age=69, gender="F", team_min=6, team_max=6)
    make_item(event, name="双人项目", team_min=2, team_max=4)
    html = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert "组1集体" in html and "每队 6 人" in html and "组1（女，60—69岁）" in html
    assert "双人项目" in html and "每队 2—4 人" in html and "年龄按" in html


def test_festival_page_counts_released_awards_only(client, zezhou):
    festival = Festival.objects.create(edition=8, year=2025, title="第八届")
    shown = make_event(title="已公布", festival=festival, results_released=True, start=dt.date(2025, 5, 2))
    hidden = make_event(title="未公布成绩", festival=festival, start=dt.date(2025, 5, 1), is_online=True)
    for event in (shown, hidden):
        item = make_item(event)
        for n in range(2):
            entry = Entry.objects.create(event=event, item=item, unit=zezhou, team_name=f"队{n}")
            Award.objects.create(event=event, entry=entry, award_type=AwardType.FIRST)
    html = client.get(festival.get_absolute_url()).content.decode()
    assert festival.get_absolute_url() == "/events/festivals/8/"
    assert html.index("未公布成绩") < html.index("已公布")
    assert f'<a href="/events/{shown.pk}/#results">2 个奖项</a>' in html
    assert '<td data-label="地点">线上</td>' in html and "<td data-label=\"成绩\">未公布</td>" in html


@pytest.mark.parametrize("host", ["a.cn", "a" * 60 + ".cn", "晋城" * 12 + ".cn"])
def test_calendar_url_line_folds_only_when_long_and_as_icalendar_does(host):
    url = f"http://{host}/events/12/"
    component = calendar.vevent_text(Event(pk=12, title="赛", start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 1, 1)))
    expected = Contentline(f"URL:{url}").to_ical().decode("utf-8")
    assert calendar._with_url(component, url).endswith(expected + "\r\nEND:VEVENT\r\n")


@pytest.mark.parametrize("rows", [3, 30])
def test_list_query_budget_on_every_page(client, rows, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr("events.views.PER_PAGE", 5)
    today = timezone.localdate()
    for n in range(rows):
        make_event(title=f"赛事{n}", start=today + dt.timedelta(days=(n - rows // 2) * 3))
    url = reverse("events:event_list")
    for page in range(1, (rows + 4) // 5 + 1):
        with django_assert_max_num_queries(4):
            assert client.get(url, {"page": page}).status_code == 200
    with django_assert_max_num_queries(5):  # nothing matches: the years take a query of their own
        assert client.get(url, {"year": 1990}).status_code == 200


def test_event_page_names_its_project_committee_and_festival_from_the_compiled_row(client):
    from committees.models import Committee

    project = Project.objects.create(name="柔力球X", slug="rouliqiu-x")
    committee = Committee.objects.create(name="柔力球专业委员会", short_name="柔力球专委会", slug="rouliqiu-x")
    festival = Festival.objects.create(edition=9, year=2026, title="第九届艺术节")
    event = make_event(title="柔力球交流赛", project=project, festival=festival)
    Event.objects.filter(pk=event.pk).update(committee=committee)
    html = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert '<a href="/events/festivals/9/">第九届艺术节</a>' in html
    assert "<dd>柔力球X</dd>" in html and "<dd>柔力球专委会</dd>" in html
    Event.objects.filter(pk=event.pk).update(is_published=False)
    cache.clear()  # the public page cache
    assert client.get(reverse("events:event_detail", args=[event.pk])).status_code == 404


def test_unfiltered_list_reads_the_same_rows_as_the_filtered_path(client):
    today = timezone.localdate()
    for n in range(25):
        make_event(title=f"赛事{n}", start=today + dt.timedelta(days=n - 12))
    for page in (1, 2):
        compiled, years = selectors.event_list_page(None, page, 20, today=today)
        orm, orm_years = selectors.event_list_page(Event.objects.published(), page, 20, today=today)
        assert [c.pk for c in compiled.object_list] == [c.pk for c in orm.object_list] and years == orm_years
