"""Every path that saves a body sanitises it: objects.create, save(), the portal form, the admin."""

import pytest

from common.html import sanitize_rich_text
from news.forms import ArticleDraftForm
from news.models import Article, ArticleStatus

from . import factories

NASTY = (
    '<p>正文<script>alert("x")</script></p>'
    '<p><img src="x" onerror="alert(1)">图片</p>'
    '<p><a href="javascript:alert(1)">点我</a></p>'
    '<p style="display:none">隐藏的字</p><p><span style="font-size:0">看不见</span></p>'
    '<iframe src="https://evil.example/"></iframe>'
    '<p onclick="steal()">好的段落</p>'
)


def _assert_clean(html):
    lowered = html.lower()
    for bad in ("<script", "alert(", "onerror", "javascript:", "style=", "<iframe", "onclick", "evil.example"):
        assert bad not in lowered, (bad, html)
    assert "正文" in html and "好的段落" in html and "点我" in html


def test_clean_html_strips_every_attack():
    _assert_clean(sanitize_rich_text(NASTY))


def test_clean_html_keeps_ordinary_formatting():
    html = '<h2>标题</h2><p><strong>粗</strong><em>斜</em><a href="https://example.org/">链接</a></p><ul><li>一</li></ul>'
    cleaned = sanitize_rich_text(html)
    assert "<h2>标题</h2>" in cleaned and "<strong>粗</strong>" in cleaned and 'href="https://example.org/"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


@pytest.mark.django_db
def test_objects_create_sanitises():
    article = Article.objects.create(title="t", section=factories.section(), body=NASTY)
    article.refresh_from_db()
    _assert_clean(article.body)


@pytest.mark.django_db
def test_save_after_assignment_sanitises_and_document_too():
    article = factories.article()
    article.body = NASTY
    article.save()
    article.refresh_from_db()
    _assert_clean(article.body)
    document = factories.document(body=NASTY)
    document.refresh_from_db()
    _assert_clean(document.body)


@pytest.mark.django_db
def test_portal_form_sanitises():
    form = ArticleDraftForm(data={"title": "标题", "section": factories.section().pk, "body": NASTY})
    assert form.is_valid(), form.errors
    article = form.save(commit=False)
    article.save()
    _assert_clean(Article.objects.get(pk=article.pk).body)


@pytest.mark.django_db
def test_admin_save_sanitises(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/admin/news/article/add/",
        {
            "title": "后台稿件",
            "section": factories.section().pk,
            "body": NASTY,
            "status": ArticleStatus.DRAFT,
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    _assert_clean(Article.objects.get(title="后台稿件").body)


@pytest.mark.django_db
def test_published_page_shows_sanitised_body(client):
    article = factories.article(body=NASTY)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "javascript:alert" not in html and "隐藏的字" in html


@pytest.mark.django_db
def test_import_from_a_spreadsheet_sanitises():
    import tablib

    from news.admin import ArticleResource

    dataset = tablib.Dataset(headers=["id", "title", "section", "body", "status"])
    dataset.append(["", "导入的稿件", factories.section().pk, NASTY, "draft"])
    result = ArticleResource().import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_errors()
    _assert_clean(Article.objects.get(title="导入的稿件").body)
