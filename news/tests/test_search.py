"""Chinese search on both databases: jieba segmentation, FTS on PostgreSQL, fallback elsewhere."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from common.search import highlight, query_terms, run_query, segment, snippet
from news.models import Article, ArticleStatus

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    return {
        "festival": factories.article(title="晋城市第五届老年文体艺术节圆满落幕", body="<p>各项交流比赛成功举办。</p>"),
        "roulì": factories.article(title="巴公镇健身队展示", body="<p>泽州县巴公镇柔力球队在广场表演柔力球。</p>"),
        "gateball": factories.article(title="老兵门球赛举行", body="<p>门球专委会举办比赛。</p>"),
        "draft": factories.article(title="柔力球草稿", body="<p>柔力球</p>", status=ArticleStatus.DRAFT),
    }


def test_user_dictionary_keeps_our_words_whole():
    assert "柔力球队" in segment("巴公镇柔力球队") or "柔力球" in segment("巴公镇柔力球队")
    assert "巴公" in segment("巴公镇柔力球队")
    assert "艺术节" in segment("第五届老年文体艺术节")
    assert "健身秧歌" in segment("健身秧歌队")


def test_rouliqiu_finds_articles_about_it(corpus):
    found = list(run_query(Article.objects.published(), "柔力球"))
    assert corpus["roulì"] in found
    assert corpus["gateball"] not in found and corpus["draft"] not in found


def test_yishujie_finds_the_fifth_festival(corpus):
    found = list(run_query(Article.objects.published(), "艺术节"))
    assert found == [corpus["festival"]]


def test_place_name_and_short_query(corpus):
    assert corpus["roulì"] in run_query(Article.objects.published(), "巴公")
    assert corpus["gateball"] in run_query(Article.objects.published(), "门球")
    assert not run_query(Article.objects.published(), "   ").exists()
    assert not run_query(Article.objects.published(), "篮球联赛").exists()


def test_postgres_uses_ranked_full_text_search_and_sqlite_the_fallback(corpus):
    found = run_query(Article.objects.published(), "文体艺术节")
    sql = str(found.query)
    if connection.vendor == "postgresql":
        assert "@@" in sql and "websearch_to_tsquery" in sql and "ts_rank" in sql
        assert found.first().rank > 0
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'news_article'")
            names = {row[0] for row in cursor.fetchall()}
        assert {"news_article_search_vector_gin", "news_article_search_text_trgm"} <= names
        article = Article.objects.get(pk=corpus["festival"].pk)
        assert article.search_vector is not None
    else:
        assert "LIKE" in sql.upper()
    assert list(found) == [corpus["festival"]]


def test_title_match_ranks_above_body_match_on_postgres_or_both_found():
    in_body = factories.article(title="活动简讯", body="<p>今天举行了门球友谊赛。</p>")
    in_title = factories.article(title="门球友谊赛开幕", body="<p>今天开幕。</p>")
    found = list(run_query(Article.objects.published(), "门球友谊赛"))
    assert set(found) == {in_body, in_title}
    if connection.vendor == "postgresql":
        assert found[0] == in_title


def test_highlight_escapes_first_then_marks():
    html = highlight('<b>柔力球</b> & "柔力球队"', "柔力球")
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html
    assert html.count("<mark>") == 2
    assert "<mark>" in snippet("很长的前文" * 30 + "巴公镇柔力球队" + "后文" * 30, "柔力球")
    assert query_terms("文体 艺术节")


def test_search_page_groups_and_highlights(client, corpus):
    factories.document(title="关于举办柔力球培训班的通知", body="<p>柔力球裁判员培训。</p>")
    response = client.get(reverse("search"), {"q": "柔力球"})
    html = response.content.decode()
    assert "新闻" in html and "文件" in html
    assert "<mark>柔力球</mark>" in html
    assert "柔力球草稿" not in html
    hostile = client.get(reverse("search"), {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in hostile


@pytest.mark.parametrize("rows", [3, 30])
def test_search_providers_query_budget(rf, django_assert_max_num_queries, rows):
    """The page joins every app's provider; news' own share stays fixed whatever the row count."""
    from news.search import search_articles, search_documents

    for n in range(rows):
        factories.article(title=f"柔力球展示第{n}场", body="<p>柔力球队在广场表演。</p>")
        factories.document(title=f"柔力球培训通知{n}", body="<p>柔力球裁判员培训。</p>")
    request = rf.get("/search/", {"q": "柔力球"})
    for provider in (search_articles, search_documents):
        with django_assert_max_num_queries(3):
            hits = provider(request, "柔力球", 20)
        assert len(hits) == min(rows, 20) and all("<mark>" in str(hit.title) for hit in hits)


def test_title_first_orders_by_words_in_the_title_then_keeps_the_newest_first():
    from common.search import title_first

    rows = [(1, "活动简讯"), (2, "门球友谊赛开幕"), (3, "门球新闻"), (4, "友谊赛门球场")]  # newest first
    ordered = title_first(rows, "门球友谊赛", lambda row: row[1])
    assert [pk for pk, _title in ordered] == [2, 4, 3, 1]


@pytest.mark.parametrize("limit", [6, 21])
def test_overview_and_kind_page_put_the_title_match_first_on_postgres(rf, limit):
    """The overview (6) orders its newest candidates by their titles, a kind's own page (21)
    ranks them with ts_rank: both put the title match above newer body matches."""
    from news.search import search_articles

    in_title = factories.article(title="门球友谊赛开幕", body="<p>今天开幕。</p>", published_at=timezone.now() - timezone.timedelta(days=3))
    newer = [factories.article(title=f"活动简讯{n}", body="<p>今天举行了门球友谊赛。</p>") for n in range(3)]
    hits = search_articles(rf.get("/search/"), "门球友谊赛", limit)
    assert {hit.url for hit in hits} == {f"/news/{a.pk}/" for a in [in_title, *newer]}
    if connection.vendor == "postgresql":
        assert hits[0].url == f"/news/{in_title.pk}/"
        # among equals, newest first
        assert [hit.url for hit in hits[1:]] == [f"/news/{a.pk}/" for a in newer]


@pytest.mark.parametrize("limit", [6, 21])
def test_a_hits_date_is_the_local_day_of_its_publication(rf, limit):
    """23:30 UTC on New Year's Eve is 07:30 on New Year's Day in Jincheng: the date the site shows
    (worked out by the database for the overview, the kind's page and the fallback alike)."""
    import datetime as dt

    from news.search import search_articles

    factories.article(title="门球迎新赛", body="<p>新年第一场门球赛。</p>", published_at=dt.datetime(2022, 12, 31, 23, 30, tzinfo=dt.UTC))
    for query in ("门球迎新赛", "迎新"):  # full text, and (for a word jieba splits otherwise) the fallback
        hits = search_articles(rf.get("/search/"), query, limit)
        assert [hit.date for hit in hits] == [dt.date(2023, 1, 1)], query


@pytest.mark.parametrize("text", [
    "巴公镇\u3000柔力球队\xa0在广场\t表演\n\n柔力球。", "  柔力球  ", "", None, "<b>柔力球 & \"门球\"</b>", "没有要找的词",
    "前" * 80 + "柔力球" + "后" * 80,
])
def test_snippet_joins_whitespace_marks_words_and_escapes(text):
    """The snippet is a window around the first match with every run of whitespace (ideographic and
    no-break spaces too) as one space, escaped, the words marked, as the regular expression it
    replaced wrote it."""
    import re

    from django.utils.safestring import SafeString

    from common.search import highlight, snippet

    got = snippet(text, "柔力球")
    assert isinstance(got, SafeString)
    plain = re.sub(r"\s+", " ", text or "").strip()
    assert got.replace("<mark>", "").replace("</mark>", "").strip("…") in str(highlight(plain, "xyz"))
    if text and "柔力球" in text:
        assert "<mark>柔力球</mark>" in got
    assert "<b>" not in got
