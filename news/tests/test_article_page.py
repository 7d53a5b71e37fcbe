"""The news pages' hand-written reads (news.selectors) give what the ORM querysets they replace
gave: the same article and fields, the same neighbours and related articles, the same list rows in
the same order, published and due only. Leads are cut as Django's Truncator cut them."""

import datetime as dt

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from news import selectors
from news.models import Article, ArticleAttachment, ArticlePhoto, ArticleStatus, Section
from news.models.articles import cut_lead

from . import factories

pytestmark = pytest.mark.django_db


# ---- the article --------------------------------------------------------------------------------


def test_article_for_page_reads_what_the_orm_reads(zezhou):
    article = factories.article(
        title="柔力球展示", unit=zezhou, summary="摘要", byline="通讯员", cover=factories.image_upload(), cover_caption="合影"
    )
    ArticlePhoto.objects.create(article=article, image=factories.image_upload("p.jpg"))
    read = selectors.article_for_page(article.pk)
    expected = Article.objects.select_related("section", "unit").get(pk=article.pk)
    for name in selectors.ARTICLE_PAGE_FIELDS:
        assert getattr(read, name) == getattr(expected, name), name
    assert read.cover.name == expected.cover.name and read.photo_count == 1
    assert read.published_at.tzinfo is not None
    assert (read.section.name, read.section.get_absolute_url()) == (expected.section.name, expected.section.get_absolute_url())
    assert read.unit.display_name == expected.unit.display_name == "泽州县"
    assert read.get_absolute_url() == expected.get_absolute_url() and read.lead == expected.lead


def test_article_for_page_without_unit_and_with_committee():
    from committees.models import Committee

    committee = Committee.objects.order_by("pk").first()
    article = factories.article(committee=committee)
    read = selectors.article_for_page(article.pk)
    assert read.unit is None and str(read.committee) == str(committee)


@pytest.mark.parametrize(
    "state",
    [{"status": ArticleStatus.DRAFT}, {"status": ArticleStatus.PENDING}, {"published_at": "future"}],
)
def test_article_for_page_is_404_unless_published_and_due(state):
    if state.get("published_at") == "future":
        state = {"published_at": timezone.now() + dt.timedelta(hours=1)}
    article = factories.article(**state)
    with pytest.raises(Http404):
        selectors.article_for_page(article.pk)
    with pytest.raises(Http404):
        selectors.article_for_page(article.pk + 1000)


# ---- previous, next, related --------------------------------------------------------------------


def _orm_links(article):
    """What news.selectors.neighbours and related_articles answered with the ORM."""
    from django.db.models import Q

    base = Article.objects.published()
    previous = (
        base.filter(Q(published_at__lt=article.published_at) | Q(published_at=article.published_at, pk__lt=article.pk))
        .order_by("-published_at", "-pk").first()
    )
    following = (
        base.filter(Q(published_at__gt=article.published_at) | Q(published_at=article.published_at, pk__gt=article.pk))
        .order_by("published_at", "pk").first()
    )
    condition = Q(section_id=article.section_id)
    if article.committee_id:
        condition |= Q(committee_id=article.committee_id)
    related = list(base.filter(condition).exclude(pk=article.pk).order_by("-published_at", "-pk")[:4])
    return previous, following, related


def test_links_match_the_orm_with_ties_sections_committees_and_unpublished_rows():
    from committees.models import Committee

    committee = Committee.objects.order_by("pk").first()
    now = timezone.now()
    same_time = now - dt.timedelta(hours=5)
    rows = [
        factories.article(published_at=same_time),
        factories.article(published_at=same_time),  # a tie: the pk decides
        factories.article(published_at=same_time, section_slug="saishi", committee=committee),
        factories.article(published_at=now - dt.timedelta(hours=7), section_slug="saishi"),
        factories.article(published_at=now - dt.timedelta(hours=3), section_slug="jiceng", committee=committee),
        factories.article(published_at=now - dt.timedelta(hours=1)),
        factories.article(published_at=now - dt.timedelta(days=3)),
    ]
    factories.article(status=ArticleStatus.DRAFT, published_at=now - dt.timedelta(hours=2))
    factories.article(published_at=now + dt.timedelta(hours=2))  # scheduled: not yet
    for row in rows:
        article = selectors.article_for_page(row.pk)
        previous, following, related = selectors.article_links(article)
        want_previous, want_following, want_related = _orm_links(row)
        assert (previous and previous.pk) == (want_previous and want_previous.pk), row.pk
        assert (following and following.pk) == (want_following and want_following.pk), row.pk
        assert [r.pk for r in related] == [r.pk for r in want_related], row.pk
        assert [r.published_at for r in related] == [r.published_at for r in want_related]
        assert all(link.get_absolute_url() == reverse("news:article_detail", args=[link.pk]) for link in related)


def test_the_oldest_and_newest_have_no_neighbour_on_one_side():
    older = factories.article(published_at=timezone.now() - dt.timedelta(days=2))
    newer = factories.article(published_at=timezone.now() - dt.timedelta(days=1))
    assert selectors.article_links(older)[0] is None and selectors.article_links(older)[1].pk == newer.pk
    assert selectors.article_links(newer)[1] is None and selectors.article_links(newer)[0].title == older.title


# ---- list rows ----------------------------------------------------------------------------------


def test_list_rows_match_the_orm_rows(zezhou):
    factories.article(title="置顶的", pinned=True, published_at=timezone.now() - dt.timedelta(days=9))
    factories.article(unit=zezhou, body="<p>第一段 &amp; <strong>加粗</strong></p><p>" + "很长的正文。" * 40 + "</p>")
    factories.article(section_slug="saishi", summary="有摘要", cover=factories.image_upload())
    factories.article(status=ArticleStatus.DRAFT)
    factories.article(published_at=timezone.now() + dt.timedelta(hours=1))
    hidden = Section.objects.create(name="停用栏目", slug="tingyong", is_active=False)
    factories.article(section_slug="tingyong")
    for _ in range(14):
        factories.article()
    tabs, section_map = selectors.sections()
    assert hidden not in tabs and section_map[hidden.pk] == hidden
    for section in (None, Section.objects.get(slug="dongtai"), Section.objects.get(slug="saishi")):
        for number in (1, 2):
            expected = list(selectors.public_articles(section)[(number - 1) * 15 : number * 15])
            if not expected:
                with pytest.raises(Http404):  # a page past the end
                    selectors.article_page(number, 15, section_map, section)
                continue
            page = selectors.article_page(number, 15, section_map, section)
            assert [r.pk for r in page] == [a.pk for a in expected]
            for row, article in zip(page, expected, strict=True):
                assert (row.title, row.pinned, row.published_at, row.section.name) == (
                    article.title, article.pinned, article.published_at, article.section.name
                )
                assert row.cover == article.cover.name and row.lead == article.lead
                assert (row.unit and row.unit.display_name) == (article.unit and article.unit.display_name)
    page = selectors.article_page(1, 15, section_map)
    assert page.has_next() and not selectors.article_page(2, 15, section_map).has_next()
    with pytest.raises(Http404):
        selectors.article_page(9, 15, section_map)


def test_an_inactive_section_answers_404(client):
    Section.objects.create(name="停用栏目", slug="tingyong", is_active=False)
    assert client.get(reverse("news:section", args=["tingyong"])).status_code == 404


# ---- leads --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "", "短", "一" * 89, "一" * 90, "一" * 91, "一" * 300, "a" * 95, "老年人体育 " * 30,
        "e\u0301" * 60,  # combining accents: Truncator counts them differently, and is asked
        "Cafe\u0301 " + "字" * 100,  # composed by NFC
    ],
)
def test_cut_lead_is_what_truncator_gave(text):
    assert cut_lead(text) == Truncator(text).chars(90)


@pytest.mark.parametrize(
    "body",
    [
        "<p>" + "协会召开<strong>重阳节</strong>健身活动总结会，" * 20 + "</p><p>第二段。</p>",
        "<p>短的第一段。</p>" * 3 + "<h2>小标题</h2><ul><li>一条</li><li>两条 &amp; 三条</li></ul>" + "<p>长段落。</p>" * 40,
        "<p>" + "字" * 300 + "</p>",
        "<p>只有一段，很短。</p>",
        "",
    ],
)
def test_the_article_page_lead_is_the_body_start_as_before(body):
    from common.html import html_to_text

    article = factories.article(body=body)
    assert selectors.article_for_page(article.pk).lead == Truncator(" ".join(html_to_text(article.body).split())).chars(90)


# ---- pages --------------------------------------------------------------------------------------


def test_article_page_shows_photos_and_attachments_only_when_it_has_some(client, django_assert_num_queries):
    plain = factories.article(title="没有附件的文章")
    with django_assert_num_queries(2):  # the article; previous, next and related
        html = client.get(plain.get_absolute_url()).content.decode()
    assert "没有附件的文章" in html and "attachment-list" not in html and "photo-gallery" not in html
    rich = factories.article(title="有附件的文章")
    ArticleAttachment.objects.create(article=rich, title="报名表", file=factories.pdf_upload())
    html = client.get(rich.get_absolute_url()).content.decode()
    assert "报名表（PDF）" in html and "photo-gallery" not in html


def test_document_list_shows_the_number_of_attachments(client):
    from news.models import DocumentAttachment

    document = factories.document(title="通知甲")
    for name in ("a.pdf", "b.pdf"):
        DocumentAttachment.objects.create(document=document, file=factories.pdf_upload(name))
    factories.document(title="通知乙")
    html = client.get(reverse("news:document_list")).content.decode()
    assert html.count("个附件") == 1 and " · 2 个附件</p>" in html


def test_pages_escape_what_writers_type(client):
    from news.models import DocumentAttachment

    payload = '<script>alert("x")</script>'
    article = factories.article(title=payload, byline=payload, summary=payload, cover=factories.image_upload(),
                                cover_caption=payload)
    ArticleAttachment.objects.create(article=article, title=payload, file=factories.pdf_upload())
    ArticlePhoto.objects.create(article=article, image=factories.image_upload("p.jpg"), caption=payload)
    document = factories.document(title=payload, addressees=payload)
    DocumentAttachment.objects.create(document=document, title=payload, file=factories.pdf_upload())
    for url in (reverse("news:article_list"), reverse("news:section", args=["dongtai"]), article.get_absolute_url(),
                reverse("news:document_list"), document.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "&lt;script&gt;alert" in html, url
