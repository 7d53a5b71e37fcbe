"""The photo and attachment counts kept on articles and documents (news.models.counters): every
way of adding, changing and removing a photo or attachment keeps them right, and the migration
fills them for the rows that existed before."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from news.models import Article, ArticleAttachment, ArticlePhoto, Document, DocumentAttachment
from news.models.counters import recount

from . import factories

pytestmark = pytest.mark.django_db


def _counts(article):
    return tuple(Article.objects.filter(pk=article.pk).values_list("photo_count", "attachment_count").get())


def test_create_and_delete_update_the_counts_and_the_instance_in_hand():
    article = factories.article()
    assert _counts(article) == (0, 0)
    photo = ArticlePhoto.objects.create(article=article, image=factories.image_upload("p.jpg"))
    ArticlePhoto.objects.create(article=article, image=factories.image_upload("q.jpg"))
    attachment = ArticleAttachment.objects.create(article=article, file=factories.pdf_upload())
    assert _counts(article) == (2, 1)
    assert (article.photo_count, article.attachment_count) == (2, 1)  # the caller's object sees it at once
    photo.delete()
    attachment.delete()
    assert _counts(article) == (1, 0)


def test_queryset_delete_updates_the_counts():
    article = factories.article()
    for name in ("a.pdf", "b.pdf"):
        ArticleAttachment.objects.create(article=article, file=factories.pdf_upload(name))
    ArticleAttachment.objects.filter(article=article).delete()
    assert _counts(article) == (0, 0)


def test_an_article_saved_from_an_old_instance_keeps_the_counts():
    article = factories.article()
    stale = Article.objects.get(pk=article.pk)  # loaded before the photo came
    ArticlePhoto.objects.create(article=article, image=factories.image_upload())
    stale.title = "改过的标题"
    stale.save()
    assert _counts(article) == (1, 0)
    assert Article.objects.get(pk=article.pk).title == "改过的标题"


def test_an_attachment_moved_to_another_article_counts_on_both():
    first, second = factories.article(), factories.article()
    attachment = ArticleAttachment.objects.create(article=first, file=factories.pdf_upload())
    attachment = ArticleAttachment.objects.get(pk=attachment.pk)
    attachment.article = second
    attachment.save()
    assert _counts(first) == (0, 0) and _counts(second) == (0, 1)


def test_document_attachments_are_counted():
    document = factories.document()
    attachment = DocumentAttachment.objects.create(document=document, file=factories.pdf_upload())
    assert Document.objects.get(pk=document.pk).attachment_count == 1
    document.title = "新标题"
    document.save()
    assert Document.objects.get(pk=document.pk).attachment_count == 1
    attachment.delete()
    assert Document.objects.get(pk=document.pk).attachment_count == 0


def test_portal_photo_formset_counts(client, correspondent):
    client.force_login(correspondent)
    data = {
        "title": "带照片的稿件", "section": factories.section().pk, "summary": "", "body": "<p>正文</p>", "byline": "",
        "cover_caption": "",
        "photos-TOTAL_FORMS": "1", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0", "photos-MAX_NUM_FORMS": "8",
        "photos-0-caption": "合影", "photos-0-image": factories.image_upload("合影.jpg"),
    }
    response = client.post(reverse("news_portal:draft_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(title="带照片的稿件")
    assert article.photo_count == 1 == article.photos.count()


def test_an_article_restored_from_the_recycle_bin_counts_what_came_back(client, staff_user):
    article = factories.article(title="将被误删的稿件")
    ArticleAttachment.objects.create(article=article, file=factories.pdf_upload())
    ArticlePhoto.objects.create(article=article, image=factories.image_upload())
    client.force_login(staff_user)
    response = client.post(reverse("admin:news_article_delete", args=[article.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Article.objects.filter(pk=article.pk).exists()
    client.post("/admin/recycle-bin/", {"model": "news.article", "pk": article.pk}, follow=True)
    assert _counts(article) == (1, 1)


def test_recount_repairs_a_wrong_count():
    article = factories.article()
    ArticlePhoto.objects.create(article=article, image=factories.image_upload())
    Article.objects.filter(pk=article.pk).update(photo_count=7)
    assert recount(ArticlePhoto, article.pk) == 1 and _counts(article) == (1, 0)


def test_the_migration_fills_the_counts_of_existing_rows():
    with_children = factories.article()
    ArticlePhoto.objects.create(article=with_children, image=factories.image_upload())
    for name in ("a.pdf", "b.pdf"):
        ArticleAttachment.objects.create(article=with_children, file=factories.pdf_upload(name))
    without = factories.article()
    document = factories.document()
    DocumentAttachment.objects.create(document=document, file=factories.pdf_upload())
    # As the rows were before the migration: every count at its default.
    Article.objects.update(photo_count=0, attachment_count=0)
    Document.objects.update(attachment_count=0)
    migration = importlib.import_module("news.migrations.0009_photo_and_attachment_counts")
    migration.fill_counts(django_apps, None)
    assert _counts(with_children) == (1, 2) and _counts(without) == (0, 0)
    assert Document.objects.get(pk=document.pk).attachment_count == 1
