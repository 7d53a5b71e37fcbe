"""The committee pages' reads: events and news through the reverse relations the higher apps
install (Event.committee, Article.committee), and the compiled queries behind them."""

import datetime as dt

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from committees import selectors
from committees.models import Committee, Officer, OfficerRole
from common.choices import Level
from common.compiled import CompiledQuery
from grassroots.models import Person, Project


@pytest.fixture
def make_event(db):
    from events.models import Event, EventKind

    def make(title, committee, start, published=True):
        return Event.objects.create(
            title=title, kind=EventKind.HOLIDAY, level=Level.CITY, project=Project.objects.get(slug="menqiu"),
            committee=committee, start_date=start, end_date=start, is_published=published,
        )

    return make


@pytest.fixture
def make_article(staff_user):
    from news.models import Article, ArticleStatus, Section

    def make(title, committee, *, published_at=None, status=ArticleStatus.PUBLISHED, pinned=False):
        return Article.objects.create(
            title=title, section=Section.objects.get(slug="saishi"), body="<p>正文</p>", committee=committee,
            status=status, published_at=published_at or timezone.now(), author=staff_user, pinned=pinned,
        )

    return make


def test_events_split_by_date_published_only(menqiu, pingpang, make_event):
    today = timezone.localdate()
    make_event("往期甲", menqiu, today - dt.timedelta(days=30))
    make_event("往期乙", menqiu, today - dt.timedelta(days=3))
    make_event("今天", menqiu, today)
    make_event("近期", menqiu, today + dt.timedelta(days=30))
    make_event("未发布", menqiu, today + dt.timedelta(days=5), published=False)
    make_event("别的专委会", pingpang, today)
    events = selectors.committee_events(menqiu)
    assert events["available"] is True
    assert [e.title for e in events["upcoming"]] == ["今天", "近期"]  # soonest first
    assert [e.title for e in events["past"]] == ["往期乙", "往期甲"]  # latest first
    first = events["upcoming"][0]
    assert first.url == reverse("events:event_detail", args=[Committee.objects.get(slug="menqiu").events.get(title="今天").pk])


def test_events_are_limited(menqiu, make_event):
    today = timezone.localdate()
    for i in range(selectors.RELATED_LIMIT + 2):
        make_event(f"近期{i:02d}", menqiu, today + dt.timedelta(days=i))
    upcoming = selectors.committee_events(menqiu)["upcoming"]
    assert [e.title for e in upcoming] == [f"近期{i:02d}" for i in range(selectors.RELATED_LIMIT)]


def test_articles_are_published_and_due_in_news_order(menqiu, pingpang, make_article):
    from news.models import ArticleStatus

    now = timezone.now()
    make_article("旧闻", menqiu, published_at=now - dt.timedelta(days=9))
    make_article("新闻", menqiu, published_at=now - dt.timedelta(days=1))
    make_article("置顶", menqiu, published_at=now - dt.timedelta(days=20), pinned=True)
    make_article("定时发布", menqiu, published_at=now + dt.timedelta(days=1))
    make_article("待审", menqiu, status=ArticleStatus.PENDING)
    make_article("别的专委会", pingpang)
    items = selectors.committee_articles(menqiu)["items"]
    assert [a.title for a in items] == ["置顶", "新闻", "旧闻"]
    assert items[0].url.startswith("/news/")


def test_detail_page_lists_events_and_news(client, menqiu, make_event, make_article):
    make_event("门球交流赛", menqiu, timezone.localdate() - dt.timedelta(days=3))
    make_article("门球专委会换届", menqiu)
    html = client.get(reverse("committees:committee_detail", kwargs={"slug": "menqiu"})).content.decode()
    assert "往期活动" in html and "门球交流赛" in html
    assert "相关新闻" in html and "门球专委会换届" in html
    assert "暂无近期活动" in html


def test_detail_selector_reads_projects_and_officers_in_rank_order(menqiu, appoint):
    appoint(menqiu, OfficerRole.MEMBER, name="委员甲", sort_order=2)
    appoint(menqiu, OfficerRole.MEMBER, name="委员乙", sort_order=1)
    appoint(menqiu, OfficerRole.DIRECTOR, name="主任")
    appoint(menqiu, OfficerRole.DEPUTY_DIRECTOR, name="卸任", ended_on=dt.date(2022, 1, 1))
    committee = selectors.committee_detail("menqiu")
    assert committee.pk == menqiu.pk and committee.name == menqiu.name and committee.term_label == menqiu.term_label
    assert [p.name for p in committee.active_projects] == list(menqiu.projects.filter(is_active=True).values_list("name", flat=True))
    assert [(g["label"], [o.person.name for o in g["officers"]]) for g in committee.officer_groups] == [
        ("主任", ["主任"]), ("委员", ["委员乙", "委员甲"])
    ]


def test_detail_selector_refuses_unknown_and_inactive(menqiu):
    Committee.objects.filter(pk=menqiu.pk).update(is_active=False)
    for slug in ("menqiu", "no-such"):
        with pytest.raises(Committee.DoesNotExist):
            selectors.committee_detail(slug)


def test_list_selector_reads_directors_only(menqiu, appoint):
    appoint(menqiu, OfficerRole.DIRECTOR, name="主任")
    appoint(menqiu, OfficerRole.DEPUTY_DIRECTOR, name="副主任")
    card = next(c for c in selectors.committee_list() if c.slug == "menqiu")
    assert [o.person.name for o in card.leaders] == ["主任"]
    assert card.get_absolute_url() == "/committees/menqiu/"
    assert [p.name for p in card.active_projects] == ["门球"]


# ---- CompiledQuery ------------------------------------------------------------------------------------------


def test_compiled_query_binds_new_values_into_the_same_sql(menqiu, pingpang, django_assert_num_queries):
    query = CompiledQuery(lambda slug: Committee.objects.filter(slug=slug).values_list("pk", "name"))
    with django_assert_num_queries(2) as captured:
        assert query(slug="menqiu") == [(menqiu.pk, menqiu.name)]
        assert query(slug="pingpangqiu") == [(pingpang.pk, pingpang.name)]
    first, second = (q["sql"] for q in captured.captured_queries)
    assert "menqiu" in first and "pingpangqiu" in second


def test_compiled_query_binds_values_inside_like_patterns_escaped(menqiu, pingpang):
    query = CompiledQuery(lambda text: Committee.objects.filter(name__icontains=text).order_by("slug").values_list("slug"))
    assert query(text="门球") == [("menqiu",)]
    assert query(text="乒乓") == [("pingpangqiu",)]
    # A LIKE wildcard in the value is a character like any other, as in the queryset itself.
    assert query(text="%") == [] == list(Committee.objects.filter(name__icontains="%"))
    assert query(text="门_") == []
    starts = CompiledQuery(lambda text: Committee.objects.filter(name__startswith=text).values_list("slug"))
    assert starts(text="门球") == [("menqiu",)] and starts(text="球") == []


def test_compiled_query_converts_dates(menqiu, appoint):
    officer = appoint(menqiu, OfficerRole.DIRECTOR, started_on=dt.date(2021, 9, 1))
    query = CompiledQuery(lambda after: Officer.objects.filter(started_on__gte=after).values_list("pk", "started_on"))
    assert query(after=dt.date(2021, 1, 1)) == [(officer.pk, dt.date(2021, 9, 1))]
    assert query(after=dt.date(2022, 1, 1)) == []


def test_compiled_query_refuses_a_hidden_clock(db):
    query = CompiledQuery(lambda: Person.objects.filter(created_at__lte=timezone.now()).values_list("pk"))
    with pytest.raises(ValueError, match="changes with more than its arguments"):
        query()


def test_compiled_query_refuses_values_that_do_not_reach_the_sql(db):
    # A value used to choose the query's shape, not inside it, would be compiled in for good.
    query = CompiledQuery(lambda active: Committee.objects.filter(is_active=active == "yes").values_list("pk"))
    with pytest.raises(ValueError, match="do not reach the SQL"):
        query(active="yes")
    with pytest.raises(TypeError):
        CompiledQuery(lambda: Committee.objects.all())()


def test_list_keeps_a_committee_whose_projects_are_retired_once(menqiu):
    project = menqiu.projects.get()
    other = Project.objects.exclude(pk=project.pk).filter(is_active=True).order_by("sort_order", "name").first()
    menqiu.projects.add(other)
    Project.objects.filter(pk=project.pk).update(is_active=False)
    cards = [c for c in selectors.committee_list() if c.slug == "menqiu"]
    assert len(cards) == 1 and [p.name for p in cards[0].active_projects] == [other.name]
    assert [p.name for p in selectors.committee_detail("menqiu").active_projects] == [other.name]
    Project.objects.filter(pk=other.pk).update(is_active=False)
    cards = [c for c in selectors.committee_list() if c.slug == "menqiu"]
    assert len(cards) == 1 and cards[0].active_projects == []
    assert selectors.committee_detail("menqiu").active_projects == []


def test_compiled_query_reads_where_the_router_sends_it(menqiu, settings):
    asked = []

    class Router:
        def db_for_read(self, model, **hints):
            asked.append(model)
            return "default"

    query = CompiledQuery(lambda slug: Committee.objects.filter(slug=slug).values_list("pk"))
    settings.DATABASE_ROUTERS = [Router()]
    assert query(slug="menqiu") == [(menqiu.pk,)] and query.db() == "default"
    assert Committee in asked


def test_compiled_query_pages_and_counts(db):
    query = CompiledQuery(lambda: Committee.objects.order_by("slug").values_list("slug"))
    slugs = list(Committee.objects.order_by("slug").values_list("slug", flat=True))
    assert query.count() == len(slugs) >= 4
    assert [s for (s,) in query.slice(1, 3)] == slugs[1:3]
    assert query.slice(len(slugs), len(slugs) + 20) == []
    with pytest.raises(TypeError, match="not sliced"):
        CompiledQuery(lambda: Committee.objects.values_list("slug")[:2]).slice(0, 1)


def test_compiled_query_unprepared_is_counted_and_leaves_the_connection_as_it_was(menqiu, django_assert_num_queries):
    from django.db import connection

    query = CompiledQuery(lambda slug: Committee.objects.filter(slug=slug).values_list("pk"), prepared=False)
    connection.ensure_connection()
    before = getattr(connection.connection, "prepare_threshold", None)
    with django_assert_num_queries(6):
        for _ in range(6):  # more than psycopg's threshold: it would have prepared the statement
            assert query(slug="menqiu") == [(menqiu.pk,)]
    assert getattr(connection.connection, "prepare_threshold", None) == before
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%committees_committee%slug%"])
            assert cursor.fetchone()[0] == 0


def test_compiled_query_first_writes_the_count_into_the_sql(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    query = CompiledQuery(lambda text: Committee.objects.filter(name__icontains=text).order_by("slug").values_list("slug"))
    slugs = list(Committee.objects.filter(name__icontains="委员会").order_by("slug").values_list("slug", flat=True))
    assert len(slugs) >= 4
    with CaptureQueriesContext(connection) as captured:
        assert [s for (s,) in query.first(2, text="委员会")] == slugs[:2]
        assert [s for (s,) in query.first(3, text="委员会")] == slugs[:3]
        assert [s for (s,) in query.first(2, text="没有这个")] == []
    sqls = [q["sql"] for q in captured.captured_queries]
    assert sqls[0].rstrip().endswith("LIMIT 2") and sqls[1].rstrip().endswith("LIMIT 3")
    assert "OFFSET" not in sqls[0]
    with pytest.raises(TypeError, match="not sliced"):
        CompiledQuery(lambda: Committee.objects.values_list("slug")[:2]).first(1)


def test_search_hit_names_the_committees_projects_in_catalogue_order_in_one_statement(menqiu, pingpang, rf, django_assert_num_queries):
    from committees.search import search_committees

    extra = Project.objects.create(name="测试甲球", slug="ceshi-jiaqiu", sort_order=0)
    menqiu.projects.add(extra)
    pingpang.projects.clear()
    pingpang.introduction = "乒乓球专项委员会负责全市老年人乒乓球活动。"
    pingpang.save()
    with django_assert_num_queries(1):
        hits = {hit.title: hit for hit in search_committees(rf.get("/search/"), "委员会", 20)}
    names = list(Project.objects.filter(committees=menqiu).order_by("sort_order", "name").values_list("name", flat=True))
    assert names[0] == "测试甲球" and len(names) >= 2
    assert hits[menqiu.name].snippet == "负责项目：" + "、".join(names)
    assert hits[pingpang.name].snippet == pingpang.introduction[:80]


def test_compiled_query_writes_its_constants_into_the_sql_on_postgresql(menqiu, pingpang):
    """Constants become literals (so a prepared statement's generic plan sees them), arguments stay
    parameters; a constant holding a quote or a percent sign is written in safely."""
    from django.db import connection

    Committee.objects.filter(pk=pingpang.pk).update(name="乒乓%'委员会")
    query = CompiledQuery(
        lambda slug: Committee.objects.filter(Q(slug=slug) | Q(name="乒乓%'委员会"), is_active=True)
        .order_by("slug")
        .values_list("slug")
    )
    assert query(slug="menqiu") == [("menqiu",), ("pingpangqiu",)]
    assert query(slug="none") == [("pingpangqiu",)]
    sql, params, slots, _converters = query._compiled["default"]
    if connection.vendor == "postgresql":
        assert params == ("\ue000slug-1\ue000",) and [name for _position, name, _around in slots] == ["slug"]
        assert sql.count("%s") == 1 and "= '乒乓%%''委员会'" in sql  # the driver reads %% as one %
    else:  # SQLite plans every statement anew: nothing to gain, the values stay parameters
        assert len(params) == 2
