"""Correspondents write and send; staff publish or return with a note; writers see only their own."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from news import services
from news.models import Article, ArticleStatus

from . import factories

pytestmark = pytest.mark.django_db


NO_PHOTOS = {"photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0", "photos-MAX_NUM_FORMS": "8"}


def _draft(user, **extra):
    return factories.article(status=ArticleStatus.DRAFT, author=user, published_at=None, **extra)


def test_submit_return_resubmit_publish(correspondent, staff_user):
    article = _draft(correspondent)
    services.article_submit(article=article, user=correspondent)
    article.refresh_from_db()
    assert article.status == ArticleStatus.PENDING and article.submitted_at
    with pytest.raises(ValidationError):
        services.article_return(article=article, user=staff_user, note="  ")
    services.article_return(article=article, user=staff_user, note="请补充参加人数。")
    article.refresh_from_db()
    assert article.status == ArticleStatus.RETURNED and article.review_note == "请补充参加人数。"
    services.article_submit(article=article, user=correspondent)
    services.article_publish(article=article, user=staff_user)
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED and article.is_live
    # Every version is kept.
    assert article.history.count() >= 5
    assert [h.status for h in article.history.order_by("history_date")][-4:] == ["pending", "returned", "pending", "published"]


def test_only_staff_review(correspondent, zezhou_coordinator, committee_officer):
    article = _draft(correspondent)
    for user in (correspondent, zezhou_coordinator, committee_officer):
        with pytest.raises(PermissionDenied):
            services.article_publish(article=article, user=user)
        with pytest.raises(PermissionDenied):
            services.article_return(article=article, user=user, note="x")


def test_only_the_author_submits(correspondent, zezhou_coordinator):
    article = _draft(correspondent)
    with pytest.raises(PermissionDenied):
        services.article_submit(article=article, user=zezhou_coordinator)


def test_submit_twice_is_harmless_and_published_cannot_be_resubmitted(correspondent, staff_user):
    article = _draft(correspondent)
    services.article_submit(article=article, user=correspondent)
    services.article_submit(article=article, user=correspondent)
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.PENDING
    services.article_publish(article=article, user=staff_user)
    with pytest.raises(ValidationError):
        services.article_submit(article=article, user=correspondent)


def test_empty_body_cannot_be_sent(correspondent):
    article = _draft(correspondent, body="<p></p>")
    with pytest.raises(ValidationError):
        services.article_submit(article=article, user=correspondent)


def test_scheduled_article_not_shown_before_its_time(client, staff_user, correspondent):
    article = _draft(correspondent, title="定时发布的稿件")
    future = timezone.now() + dt.timedelta(days=2)
    services.article_publish(article=article, user=staff_user, published_at=future)
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "定时发布的稿件" not in client.get(reverse("news:article_list")).content.decode()
    assert Article.objects.published(now=future + dt.timedelta(seconds=1)).filter(pk=article.pk).exists()


def test_withdraw_takes_article_off_the_site(client, staff_user):
    article = factories.article(title="要撤下的新闻")
    assert "要撤下的新闻" in client.get(reverse("news:article_list")).content.decode()
    services.article_withdraw(article=article, user=staff_user)
    assert "要撤下的新闻" not in client.get(reverse("news:article_list")).content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404


# ---- the portal ---------------------------------------------------------------------------


def test_correspondent_writes_with_photo_and_sends(client, correspondent, zezhou):
    client.force_login(correspondent)
    response = client.post(
        reverse("news_portal:draft_create"),
        {
            "title": "巴公镇柔力球队参加展示",
            "section": factories.section("jiceng").pk,
            "summary": "",
            "body": "<p>巴公镇柔力球队在广场展示。</p>",
            "cover": factories.image_upload(),
            "submit": "1",
            **NO_PHOTOS,
            "photos-TOTAL_FORMS": "2",
            "photos-0-image": factories.image_upload("second.png", fmt="PNG"),
            "photos-0-caption": "队员合影",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(title="巴公镇柔力球队参加展示")
    assert article.status == ArticleStatus.PENDING
    assert article.author == correspondent and article.unit == zezhou and article.cover
    assert [p.caption for p in article.photos.all()] == ["队员合影"]
    listing = client.get(reverse("news_portal:draft_list")).content.decode()
    assert "巴公镇柔力球队参加展示" in listing and "待审核" in listing


def test_writer_sees_note_edits_and_resends(client, correspondent, staff_user):
    article = _draft(correspondent, title="需要修改的稿件")
    services.article_submit(article=article, user=correspondent)
    services.article_return(article=article, user=staff_user, note="请补一张现场照片。")
    client.force_login(correspondent)
    assert "请补一张现场照片。" in client.get(reverse("news_portal:draft_list")).content.decode()
    assert "请补一张现场照片。" in client.get(reverse("news_portal:draft_edit", args=[article.pk])).content.decode()
    response = client.post(
        reverse("news_portal:draft_edit", args=[article.pk]),
        {
            "title": "需要修改的稿件",
            "section": article.section_id,
            "body": "<p>改好了。</p>",
            "cover": factories.image_upload(),
            "submit": "1",
            **NO_PHOTOS,
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == ArticleStatus.PENDING and article.cover and "改好了" in article.body


def test_another_writers_draft_answers_404(client, correspondent, zezhou_coordinator, make_user, zezhou):
    from accounts.roles import Role

    other = make_user("tongxun2", role=Role.CORRESPONDENT, unit=zezhou)
    article = _draft(other)
    for user in (correspondent, zezhou_coordinator):
        client.force_login(user)
        assert client.get(reverse("news_portal:draft_edit", args=[article.pk])).status_code == 404
        assert client.get(reverse("news_portal:draft_preview", args=[article.pk])).status_code == 404
        assert client.post(reverse("news_portal:draft_submit", args=[article.pk])).status_code == 404
        assert article.title not in client.get(reverse("news_portal:draft_list")).content.decode()
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.DRAFT


def test_portal_refuses_people_without_a_writer_role(client, plain_user):
    assert client.get(reverse("news_portal:draft_list")).status_code == 302
    client.force_login(plain_user)
    assert client.get(reverse("news_portal:draft_list")).status_code == 403
    assert client.get(reverse("news_portal:draft_create")).status_code == 403


def test_bad_cover_keeps_what_was_typed(client, correspondent):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(correspondent)
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 this is an exe", content_type="image/jpeg")
    response = client.post(
        reverse("news_portal:draft_create"),
        {"title": "保留我的标题", "section": factories.section().pk, "body": "<p>保留我的正文</p>", "cover": fake, **NO_PHOTOS},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "有效的图片" in html and "保留我的标题" in html and "保留我的正文" in html
    assert not Article.objects.filter(title="保留我的标题").exists()


def test_bad_extra_photo_refused_and_nothing_saved(client, correspondent):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(correspondent)
    data = {
        "title": "带坏照片的稿件",
        "section": factories.section().pk,
        "body": "<p>正文</p>",
        **NO_PHOTOS,
        "photos-TOTAL_FORMS": "1",
        "photos-0-image": SimpleUploadedFile("a.jpg", b"GIF89a not really", content_type="image/jpeg"),
    }
    response = client.post(reverse("news_portal:draft_create"), data)
    assert response.status_code == 200 and "有效的图片" in response.content.decode()
    assert not Article.objects.filter(title="带坏照片的稿件").exists()


def test_send_for_review_via_formaction(client, correspondent):
    client.force_login(correspondent)
    data = {"title": "用按钮送审", "section": factories.section().pk, "body": "<p>正文</p>", **NO_PHOTOS}
    client.post(reverse("news_portal:draft_create") + "?send=1", data)
    assert Article.objects.get(title="用按钮送审").status == ArticleStatus.PENDING
    data["title"] = "只保存"
    client.post(reverse("news_portal:draft_create"), data)
    assert Article.objects.get(title="只保存").status == ArticleStatus.DRAFT


def test_pixel_bomb_cover_refused(settings):
    from django.core.exceptions import ValidationError as DjangoValidationError

    settings.IMAGE_UPLOAD_MAX_PIXELS = 1_000_000
    article = Article(title="t", section=factories.section(), cover=factories.image_upload(size=(2000, 2000), fmt="PNG"))
    with pytest.raises(DjangoValidationError) as error:
        article.full_clean()
    assert "像素过大" in str(error.value)


def test_exe_attachment_claiming_pdf_refused():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from news.models import DocumentAttachment

    document = factories.document()
    fake = SimpleUploadedFile("通知.pdf", b"MZ\x90\x00\x03\x00\x00\x00PE\x00\x00", content_type="application/pdf")
    attachment = DocumentAttachment(document=document, file=fake)
    with pytest.raises(ValidationError) as error:
        attachment.full_clean()
    assert "PDF" in str(error.value)
    good = DocumentAttachment(document=document, file=factories.pdf_upload("报名表.pdf"))
    good.full_clean()


def test_admin_publish_and_return_actions(client, staff_user, correspondent):
    first, second = _draft(correspondent, title="稿件甲"), _draft(correspondent, title="稿件乙")
    for article in (first, second):
        services.article_submit(article=article, user=correspondent)
    client.force_login(staff_user)
    url = reverse("admin:news_article_changelist")
    response = client.post(url, {"action": "publish_selected", "_selected_action": [first.pk]})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == ArticleStatus.PUBLISHED
    # Returning asks for the note first, then applies it.
    response = client.post(url, {"action": "return_selected", "_selected_action": [second.pk]})
    assert response.status_code == 200 and "审核意见" in response.content.decode()
    assert Article.objects.get(pk=second.pk).status == ArticleStatus.PENDING
    response = client.post(url, {"action": "return_selected", "_selected_action": [second.pk], "review_note": "标题太长"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == ArticleStatus.RETURNED and second.review_note == "标题太长"


@pytest.mark.parametrize("where", ["portal", "admin_article", "admin_document"])
def test_editor_pages_allow_exactly_their_import_map(client, correspondent, superuser, where):
    """The editor's inline import map runs under script-src 'self' because its hash is allowed."""
    import base64
    import hashlib
    import re

    user, url = {
        "portal": (correspondent, reverse("news_portal:draft_create")),
        "admin_article": (superuser, reverse("admin:news_article_add")),
        "admin_document": (superuser, reverse("admin:news_document_add")),
    }[where]
    client.force_login(user)
    response = client.get(url)
    script_src = response["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    assert "'unsafe-inline'" not in script_src
    maps = re.findall(r'<script type="importmap">(.*?)</script>', response.content.decode(), re.S)
    assert maps
    for content in maps:
        digest = base64.b64encode(hashlib.sha256(content.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src


def test_workbench_shows_returned_drafts_to_writer_and_pending_to_staff(client, correspondent, staff_user):
    returned = _draft(correspondent, title="被退回的稿件")
    services.article_submit(article=returned, user=correspondent)
    services.article_return(article=returned, user=staff_user, note="请补充照片")
    pending = _draft(correspondent, title="等审核的稿件")
    services.article_submit(article=pending, user=correspondent)
    client.force_login(correspondent)
    html = client.get(reverse("portal")).content.decode()
    assert "被退回的稿件" in html and "等审核的稿件" not in html
    client.force_login(staff_user)
    html = client.get(reverse("portal")).content.decode()
    assert "等审核的稿件" in html
