"""Reads across models for the news pages, each with a fixed number of queries."""

from django.db.models import Prefetch, Q

from .models import Article, ArticleAttachment, ArticlePhoto, Document, DocumentAttachment, Section


def public_articles(section: Section | None = None):
    articles = Article.objects.published().for_list().newest_first()
    if section is not None:
        articles = articles.filter(section=section)
    return articles


def article_for_page(pk: int) -> Article:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Article.objects.published()
        .select_related("section", "unit", "committee")
        .prefetch_related(
            Prefetch("attachments", queryset=ArticleAttachment.objects.order_by("sort_order", "pk")),
            Prefetch("photos", queryset=ArticlePhoto.objects.order_by("sort_order", "pk")),
        ),
        pk=pk,
    )


def neighbours(article: Article) -> tuple[Article | None, Article | None]:
    """The previous (older) and next (newer) published articles by publication time."""
    base = Article.objects.published().only("pk", "title", "published_at")
    # The plain bound on published_at (besides the OR) gives the index scan its starting point even in
    # a generic plan of a prepared statement, which cannot see the values: without it the "following"
    # scan started at the oldest article.
    previous = (
        base.filter(published_at__lte=article.published_at)
        .filter(Q(published_at__lt=article.published_at) | Q(pk__lt=article.pk))
        .order_by("-published_at", "-pk")
        .first()
    )
    following = (
        base.filter(published_at__gte=article.published_at)
        .filter(Q(published_at__gt=article.published_at) | Q(pk__gt=article.pk))
        .order_by("published_at", "pk")
        .first()
    )
    return previous, following


def related_articles(article: Article, limit: int = 4) -> list[Article]:
    """Same committee first, then same section."""
    condition = Q(section_id=article.section_id)
    if article.committee_id:
        condition |= Q(committee_id=article.committee_id)
    return list(
        Article.objects.published()
        .titles()
        .filter(condition)
        .exclude(pk=article.pk)
        .order_by("-published_at", "-pk")[:limit]
    )


def public_documents():
    # The list shows number, title, date and the count of attachments: not the body or its search data.
    return (
        Document.objects.published()
        .newest_first()
        .defer("body", "search_text", "search_vector")
        .prefetch_related(Prefetch("attachments", queryset=DocumentAttachment.objects.only("pk", "document_id")))
    )


def document_for_page(pk: int) -> Document:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Document.objects.published().prefetch_related(
            Prefetch("attachments", queryset=DocumentAttachment.objects.order_by("sort_order", "pk"))
        ),
        pk=pk,
    )


def writer_articles(user):
    return Article.objects.by_writer(user).select_related("section").order_by("-updated_at", "-pk")
