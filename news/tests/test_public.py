"""Public pages: lists, article and document pages, sharing meta, downloads, cache, query budgets."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from news import services
from news.models import ArticleAttachment, ArticlePhoto, ArticleStatus, DocumentAttachment

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_list_newest_first_pinned_on_top_only_published(client, correspondent):
    old = factories.article(title="旧的置顶新闻", pinned=True)
    new = factories.article(title="最新的新闻")
    factories.article(title="还是草稿", status=ArticleStatus.DRAFT)
    factories.article(title="待审核的", status=ArticleStatus.PENDING)
    html = client.get(reverse("news:article_list")).content.decode()
    assert html.index(old.title) < html.index(new.title)
    assert "还是草稿" not in html and "待审核的" not in html


def test_every_section_from_the_navigation_exists_and_filters(client):
    for slug in ("dongtai", "tongzhi", "saishi", "jiceng", "peixun", "dangjian"):
        assert client.get(reverse("news:section", args=[slug])).status_code == 200
    factories.article(title="赛事报道", section_slug="saishi")
    factories.article(title="党建报道", section_slug="dangjian")
    html = client.get(reverse("news:section", args=["saishi"])).content.decode()
    assert "赛事报道" in html and "党建报道" not in html
    assert client.get(reverse("news:section", args=["nope"])).status_code == 404


def test_staff_can_add_a_section(client):
    from news.models import Section

    Section.objects.create(name="健身科普", slug="kepu")
    factories.article(title="科普文章", section_slug="kepu")
    assert "科普文章" in client.get("/news/section/kepu/").content.decode()


def test_list_paginates(client):
    for _ in range(17):
        factories.article()
    first = client.get(reverse("news:article_list")).content.decode()
    # No total: the list is not counted (common/paging.py)
    assert "第 1 页" in first and "共" not in first.split("第 1 页")[1][:10] and 'rel="next"' in first
    second = client.get(reverse("news:article_list") + "?page=2")
    assert second.status_code == 200 and 'rel="prev"' in second.content.decode() and 'rel="next"' not in second.content.decode()
    assert len(second.context["page_obj"]) == 2
    assert client.get(reverse("news:article_list") + "?page=3").status_code == 404
    assert client.get(reverse("news:article_list") + "?page=abc").status_code == 200


def test_article_page_has_everything_and_wechat_meta(client, zezhou, correspondent):
    older = factories.article(title="上一篇文章")
    article = factories.article(title="柔力球展示", unit=zezhou, cover=factories.image_upload(), summary="巴公镇柔力球队展示。")
    newer = factories.article(title="下一篇文章")
    ArticleAttachment.objects.create(article=article, title="报名表", file=factories.pdf_upload())
    ArticlePhoto.objects.create(article=article, image=factories.image_upload("p.jpg"), caption="队员合影")
    # Publication times: older < article < newer (factories count minutes back; fix explicitly).
    from django.utils import timezone

    now = timezone.now()
    for offset, row in ((-3, older), (-2, article), (-1, newer)):
        row.published_at = now + timezone.timedelta(hours=offset)
        row.save()
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert "柔力球展示" in html and "泽州县" in html and "协会动态" in html and "报名表" in html
    assert "上一篇文章" in html and "下一篇文章" in html and "队员合影" in html
    assert '<meta property="og:title" content="柔力球展示">' in html
    assert '<meta property="og:description" content="巴公镇柔力球队展示。">' in html
    assert '<meta property="og:image" content="http://testserver/media/cache/' in html
    assert 'width="1200" height="675"' in html  # no layout shift: the cover has its size


def test_short_url_redirects(client):
    article = factories.article()
    response = client.get(f"/a/{article.pk}/")
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    draft = factories.article(status=ArticleStatus.DRAFT)
    assert client.get(f"/a/{draft.pk}/").status_code == 404


def test_documents_list_and_page_and_download(client):
    document = factories.document(
        prefix="晋市老体字", year=2023, serial=1, title="2022年工作总结及2023年工作要点", addressees="各县（市、区）老体协"
    )
    import datetime as dt

    document.signed_on = dt.date(2023, 3, 3)
    document.save()
    attachment = DocumentAttachment.objects.create(document=document, title="附件一", file=factories.pdf_upload())
    listing = client.get(reverse("news:document_list")).content.decode()
    assert "晋市老体字〔2023〕1号" in listing and "二〇二三年三月三日" in listing
    page = client.get(document.get_absolute_url()).content.decode()
    assert "晋市老体字〔2023〕1号" in page and "各县（市、区）老体协" in page and "二〇二三年三月三日" in page
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert "attachment" in download["Content-Disposition"]
    document.is_published = False
    document.save()
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_draft_attachment_not_downloadable(client):
    draft = factories.article(status=ArticleStatus.DRAFT)
    attachment = ArticleAttachment.objects.create(article=draft, file=factories.pdf_upload())
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_published_change_shows_at_once_despite_the_cache(client, staff_user, correspondent):
    article = factories.article(title="原来的标题")
    url = article.get_absolute_url()
    assert "原来的标题" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get(reverse("news:article_list"))["X-Page-Cache"] == "miss"
    assert client.get(reverse("news:article_list"))["X-Page-Cache"] == "hit"
    article.title = "改过的标题"
    article.save()
    assert "改过的标题" in client.get(url).content.decode()
    # Publishing a new article shows on the cached list and home page at once.
    assert "新发布的稿件" not in client.get("/").content.decode()
    draft = factories.article(title="新发布的稿件", status=ArticleStatus.DRAFT, author=correspondent, published_at=None)
    services.article_submit(article=draft, user=correspondent)
    services.article_publish(article=draft, user=staff_user)
    assert "新发布的稿件" in client.get(reverse("news:article_list")).content.decode()
    assert "新发布的稿件" in client.get("/").content.decode()
    services.article_withdraw(article=draft, user=staff_user)
    assert "新发布的稿件" not in client.get(reverse("news:article_list")).content.decode()


# ---- query budgets: the same number with 3 rows and with 30 -----------------------------------


def _rows(n, *, covers=True):
    document_rows = []
    for i in range(n):
        article = factories.article(cover=factories.image_upload() if covers and i < 3 else "")
        ArticleAttachment.objects.create(article=article, file=factories.pdf_upload())
        if i < 3:
            ArticlePhoto.objects.create(article=article, image=factories.image_upload("p.jpg"))
        document = factories.document(serial=1000 + i)
        DocumentAttachment.objects.create(document=document, file=factories.pdf_upload())
        document_rows.append(document)
    return document_rows


@pytest.mark.parametrize("rows", [3, 30])
@pytest.mark.parametrize(
    ("name", "budget"),
    [
        ("article_list", 2),  # sections, the page's rows
        ("section", 2),
        ("article_detail", 4),  # the article; previous, next and related; its photos; its attachments
        ("document_list", 1),  # the attachment counts are on the rows
        ("document_detail", 2),  # the document; its attachments
        ("feed", 2),
        ("home", 8),  # the site home page (issue 8): notices, documents, news, upcoming (2: see events.selectors.upcoming_soonest), results, 基层风采, festival
    ],
)
def test_query_budget(client, django_assert_max_num_queries, rows, name, budget):
    documents = _rows(rows)
    from news.models import Article

    article = Article.objects.published().first()
    urls = {
        "article_list": reverse("news:article_list"),
        "section": reverse("news:section", args=["dongtai"]),
        "article_detail": article.get_absolute_url(),
        "document_list": reverse("news:document_list"),
        "document_detail": documents[0].get_absolute_url(),
        "feed": reverse("news:feed"),
        "home": "/",
    }
    client.get(urls[name])  # thumbnails are generated and recorded once; readers see the steady state
    from common.cache import bump

    bump("news")  # so the measured request renders the page rather than reading the page cache
    with django_assert_max_num_queries(budget):
        assert client.get(urls[name]).status_code == 200


@pytest.mark.parametrize("rows", [3, 30])
def test_query_budget_portal_draft_list(client, correspondent, django_assert_max_num_queries, rows):
    for _ in range(rows):
        factories.article(status=ArticleStatus.DRAFT, author=correspondent, published_at=None)
    client.force_login(correspondent)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("news_portal:draft_list")).status_code == 200
