"""Home, workbench and dashboard: content per role and query budgets with 3 and 30 rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jinshi_laotixie.tests.site_rows import make_rows
from news.models import ArticleStatus
from news.tests import factories as nf

pytestmark = pytest.mark.django_db

# Three article lists (one UNION on PostgreSQL, three queries on SQLite), documents, upcoming
# events (two), results, festival.
HOME_BUDGET = 8
WORKBENCH_BUDGET = 40
DASHBOARD_BUDGET = 30


@pytest.fixture
def rows(zezhou, gaoping, make_person, correspondent):
    def build(n):
        person = make_person(zezhou)
        return make_rows(n, zezhou=zezhou, gaoping=gaoping, person_zezhou=person, writer=correspondent)

    return build


def _count(client, url) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("n", [3, 30])
def test_home_budget_and_sections(client, rows, n, django_assert_max_num_queries):
    rows(n)
    with django_assert_max_num_queries(HOME_BUDGET):
        response = client.get("/")
    html = response.content.decode()
    for heading in ("通知公告", "协会动态", "近期赛事活动", "最新成绩", "基层风采", "健身去哪儿", "专委会", "培训", "下载"):
        assert heading in html, heading
    # Notices come before the news in the page (first on a phone), newest first.
    assert html.index("通知公告") < html.index("协会动态")
    assert html.index(f"tongzhi稿件{0}") < html.index("tongzhi稿件1")
    assert "报名中的赛事0" in html and "已发布成绩的赛事0" in html and "jiceng稿件0" in html


def test_home_lists_are_each_sections_newest_with_pinned_news_first(client, db):
    now = timezone.now()
    hour = dt.timedelta(hours=1)
    for slug in ("tongzhi", "dongtai", "jiceng"):
        for i in range(8):
            nf.article(section_slug=slug, title=f"{slug}-{i}", published_at=now - i * hour)
    nf.article(section_slug="dongtai", title="置顶的旧动态", published_at=now - 100 * hour, pinned=True)
    nf.article(section_slug="dongtai", title="定时发布的动态", published_at=now + hour)
    nf.article(section_slug="jiceng", title="草稿", status=ArticleStatus.DRAFT, published_at=None)
    context = client.get("/").context
    # The pinned article heads the news (no cover anywhere: the first is the headline).
    assert context["headline"].title == "置顶的旧动态"
    assert [a.title for a in context["news"]] == [f"dongtai-{i}" for i in range(5)]
    assert [a.title for a in context["grassroots_news"]] == [f"jiceng-{i}" for i in range(4)]
    assert [n.title for n in context["notices"] if n.kind == "通知"] == [f"tongzhi-{i}" for i in range(6)]
    html = client.get("/").content.decode()
    assert context["headline"].url in html and "定时发布的动态" not in html and "草稿" not in html


def test_home_is_cached_and_cleared_when_news_changes(client, rows):
    rows(3)
    first = client.get("/").content.decode()
    assert "全新的通知" not in first
    # Published now: the factory's default (minutes back by a global counter) can fall on yesterday
    # after a few hundred articles, and then today's documents push it off the list.
    nf.article(section_slug="tongzhi", title="全新的通知", published_at=timezone.now())
    assert "全新的通知" in client.get("/").content.decode()


def test_home_lists_every_namespace_it_shows():
    from jinshi_laotixie import views

    namespaces = views.home.public_namespaces if hasattr(views.home, "public_namespaces") else None
    with open(views.__file__, encoding="utf-8") as handle:
        source = handle.read()
    decorator = source[source.index("@public_page("):source.index("def home")]
    for ns in ("news", "events", "training", "grassroots", "committees", "site"):
        assert f'"{ns}"' in decorator
    assert namespaces is None or set(namespaces) >= {"news", "events"}


@pytest.mark.parametrize("n", [3, 30])
def test_workbench_budget_and_scope(client, rows, n, zezhou_coordinator, django_assert_max_num_queries):
    rows(n)
    client.force_login(zezhou_coordinator)
    with django_assert_max_num_queries(WORKBENCH_BUDGET):
        response = client.get(reverse("portal"))
    html = response.content.decode()
    assert "提交草稿：泽州队" in html and "高平机密队" not in html
    assert "报名：报名中的赛事" in html and "推荐人员参加：预算培训班" in html
    assert "“六有”自查" in html
    assert "本单位" in html and "赛事报名" in html
    dates = [task.due for task in response.context["tasks"] if task.due]
    from jinshi_laotixie.reminders import _as_date

    assert [_as_date(d) for d in dates] == sorted(_as_date(d) for d in dates)
    figures = dict(response.context["figures"])
    assert figures["赛事报名"] == 2 * n and figures["获奖"] == n and figures["培训推荐"] == n


def test_workbench_other_unit_sees_nothing_of_zezhou(client, rows, gaoping_coordinator):
    rows(3)
    client.force_login(gaoping_coordinator)
    html = client.get(reverse("portal")).content.decode()
    assert "高平机密队0" in html and "泽州队" not in html and "获奖队" not in html
    assert dict(client.get(reverse("portal")).context["figures"])["获奖"] == 0


def test_workbench_correspondent_sees_their_drafts(client, rows, correspondent):
    rows(3)
    mine = nf.article(section_slug="dongtai", title="我的草稿", status=ArticleStatus.DRAFT, author=correspondent, published_at=None)
    client.force_login(correspondent)
    html = client.get(reverse("portal")).content.decode()
    assert mine.title in html and "稿件被退回：退回稿0" in html and "请补充照片" in html
    assert "泽州队0" not in html  # entries are the coordinator's business


def test_workbench_staff_sees_the_secretariat_view(client, rows, staff_user, correspondent):
    rows(3)
    pending = nf.article(section_slug="dongtai", title="等待审核的稿件", status=ArticleStatus.PENDING, author=correspondent,
                         published_at=None, submitted_at=timezone.now())
    client.force_login(staff_user)
    response = client.get(reverse("portal"))
    html = response.content.decode()
    assert f"待审核稿件：{pending.title}" in html and "秘书处待办" in html and reverse("dashboard") in html
    assert response.context["figures"] == []


@pytest.mark.parametrize("n", [3, 30])
def test_dashboard_budget_and_links(client, rows, n, staff_user, django_assert_max_num_queries):
    rows(n)
    client.force_login(staff_user)
    year = timezone.localdate().year
    with django_assert_max_num_queries(DASHBOARD_BUDGET):
        response = client.get(reverse("dashboard"), {"year": year})
    html = response.content.decode()
    panels = {p.key: p for p in response.context["panels"]}
    assert set(panels) == {"events", "entries", "training", "inspections", "news", "outreach"}
    assert "chart.umd.min.js" in html and 'data-chart-json="events"' in html
    holiday = next(r for r in panels["events"].rows if r["label"] == "节日赛事")
    assert holiday["values"] == [n]
    assert holiday["url"].startswith("/admin/events/event/?kind__exact=holiday")
    # The changelist link answers with the filtered rows (no "invalid filter" redirect).
    changelist = client.get(holiday["url"])
    assert changelist.status_code == 200 and changelist.context["cl"].result_count == n
    news = next(r for r in panels["news"].rows if r["label"] == "通知公告")
    assert news["values"] == [n]
    assert client.get(news["url"]).context["cl"].result_count == n


def test_dashboard_is_staff_only_and_bad_year_falls_back(client, zezhou_coordinator, committee_officer, staff_user):
    assert client.get(reverse("dashboard")).status_code == 302
    for user in (zezhou_coordinator, committee_officer):
        client.force_login(user)
        assert client.get(reverse("dashboard")).status_code == 403
    client.force_login(staff_user)
    response = client.get(reverse("dashboard"), {"year": "abc"})
    assert response.status_code == 200 and response.context["year"] == timezone.localdate().year


def test_admin_index_links_to_dashboard(client, superuser):
    client.force_login(superuser)
    html = client.get(reverse("admin:index")).content.decode()
    assert reverse("dashboard") in html and reverse("report_index") in html
    assert "site-dashboard-links" in html and "auth" in html.lower()


def test_report_index_redirects_to_last_year(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("report_index"))
    assert response["Location"] == reverse("report", args=[timezone.localdate().year - 1])
    _ = dt


def test_about_lists_pages_member_units_and_hides_private_phones(client, zezhou, gaoping):
    from jinshi_laotixie import demo

    demo.seed(stdout=__import__("io").StringIO(), password="x")
    zezhou.contact_person, zezhou.contact_phone, zezhou.phone_public = "张主任", "13903561234", True
    zezhou.save()
    gaoping.contact_person, gaoping.contact_phone, gaoping.phone_public = "李秘书", "13903565678", False
    gaoping.save()
    html = client.get(reverse("about")).content.decode()
    assert "协会章程" in html and reverse("about_page", args=["zhangcheng"]) in html
    assert zezhou.name in html and gaoping.name in html
    assert "13903561234" in html and "张主任" in html
    assert "13903565678" not in html and "李秘书" not in html
    page = client.get(reverse("about_page", args=["zhangcheng"])).content.decode()
    assert "第一章 总则" in page
