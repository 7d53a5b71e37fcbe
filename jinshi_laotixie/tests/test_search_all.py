"""Search across every app with Chinese queries, grouped by kind with counts, highlighted."""

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from events.models import EventKind
from events.tests.helpers import make_event
from grassroots.tests import factories as gf
from news.tests import factories as nf
from training.tests.factories import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def things(zezhou):
    bagong = gf.township(zezhou, name="巴公镇")
    venue = gf.venue(bagong, name="巴公镇文化广场", projects=("门球", "柔力球"), is_public=True)
    gf.team(bagong, name="巴公夕阳红门球队", project="门球", venue=venue)
    nf.article(section_slug="jiceng", title="巴公镇老体协开展柔力球展示活动", body="<p>柔力球队员齐聚巴公镇文化广场。</p>")
    nf.document(title="关于举办第六届老年文体艺术节的通知", body="<p>艺术节设柔力球、门球等项目。</p>")
    make_event(title="晋城市第六届老年文体艺术节门球交流赛", kind=EventKind.FESTIVAL)
    make_course(title="柔力球教练员培训班")


def _groups(client, q):
    response = client.get(reverse("search"), {"q": q})
    assert response.status_code == 200
    return {g.kind: g for g in response.context["groups"]}, response.content.decode()


def test_rouliqiu_finds_news_venues_courses_and_committee(client, things):
    groups, html = _groups(client, "柔力球")
    assert {"新闻", "培训", "专委会", "文件"} <= set(groups)
    assert any("巴公镇老体协开展" in strip_tags(str(h.title)) for h in groups["新闻"].hits)
    assert any(h.title == "柔力球教练员培训班" for h in groups["培训"].hits)
    assert "<mark>柔力球</mark>" in html
    assert f'{groups["培训"].kind} {len(groups["培训"].hits)}' in html  # the kind with its count


def test_yishujie_finds_events_and_documents(client, things):
    groups, html = _groups(client, "艺术节")
    assert any("第六届老年文体艺术节门球交流赛" in h.title for h in groups["赛事活动"].hits)
    assert any("艺术节" in strip_tags(str(h.title)) for h in groups["文件"].hits)
    assert "<mark>艺术节</mark>" in html


def test_menqiu_finds_committee_team_and_event(client, things):
    groups, _ = _groups(client, "门球")
    assert any("门球" in h.title for h in groups["专委会"].hits)
    assert any("巴公夕阳红门球队" in h.title for h in groups["健身场地"].hits)
    assert any("门球交流赛" in h.title for h in groups["赛事活动"].hits)


def test_bagong_finds_the_place(client, things):
    groups, html = _groups(client, "巴公")
    assert any("巴公镇文化广场" in h.title for h in groups["健身场地"].hits)
    assert any("巴公镇" in strip_tags(str(h.title)) for h in groups["新闻"].hits)
    assert "<mark>巴公</mark>" in html


def test_nothing_found_and_markup_in_query_is_escaped(client, things):
    groups, html = _groups(client, "<b>没有这个词</b>")
    assert groups == {}
    assert "<b>没有这个词</b>" not in html and "没有找到" in html


def test_like_wildcards_in_the_query_are_plain_characters(client, things):
    # "_" is any one character to LIKE: unescaped, 柔力_ would find 柔力球 in every title search.
    groups, _ = _groups(client, "柔力_")
    assert not {"培训", "健身场地", "赛事活动", "专委会"} & set(groups)
    groups, _ = _groups(client, "%%")
    assert groups == {}


@pytest.mark.parametrize("rows", [3, 30])
def test_search_page_query_budget_holds_for_3_and_30_rows(client, zezhou, rows, django_assert_max_num_queries):
    """Every kind has matches; the page asks the same few statements whatever their number."""
    bagong = gf.township(zezhou, name="巴公镇")
    for n in range(rows):
        venue = gf.venue(bagong, name=f"柔力球广场{n}", projects=("柔力球",), is_public=True)
        gf.team(bagong, name=f"柔力球队{n}", project="柔力球", venue=venue)
        nf.article(section_slug="jiceng", title=f"柔力球展示第{n}场", body="<p>柔力球队在广场表演。</p>")
        nf.document(title=f"柔力球培训通知{n}", body="<p>柔力球裁判员培训。</p>")
        make_event(title=f"柔力球交流赛{n}", kind=EventKind.FESTIVAL)
        make_course(title=f"柔力球教练员培训班{n}")
    # Two per kind at most (festivals and events, venues and teams, committees and their
    # projects; news' full-text statement and its substring fallback on SQLite).
    with django_assert_max_num_queries(12):
        groups, _ = _groups(client, "柔力球")
    assert {"新闻", "文件", "赛事活动", "健身场地", "培训", "专委会"} <= set(groups)
    for kind in ("新闻", "文件", "培训"):
        assert len(groups[kind].hits) == min(rows, 5) and groups[kind].more == (rows > 5)
