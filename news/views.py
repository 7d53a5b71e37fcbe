"""Public pages of news and documents, cached for anonymous readers (namespace "news")."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from common.cache import public_page
from common.paging import countless_page

from . import selectors
from .models import ArticleAttachment, DocumentAttachment, Section

PER_PAGE = 15


def _page(request, queryset):
    return countless_page(queryset, request.GET.get("page"), PER_PAGE)


@require_GET
@public_page("news")
def article_list(request):
    page_obj = _page(request, selectors.public_articles())
    sections = list(Section.objects.active())
    return render(request, "news/article_list.html", {"page_obj": page_obj, "sections": sections, "section": None})


@require_GET
@public_page("news")
def section(request, slug):
    section = get_object_or_404(Section.objects.active(), slug=slug)
    page_obj = _page(request, selectors.public_articles(section))
    sections = list(Section.objects.active())
    return render(request, "news/article_list.html", {"page_obj": page_obj, "sections": sections, "section": section})


@require_GET
@public_page("news")
def article_detail(request, pk):
    article = selectors.article_for_page(pk)
    previous, following = selectors.neighbours(article)
    context = {
        "article": article,
        "previous": previous,
        "following": following,
        "related": selectors.related_articles(article),
        "share_url": request.build_absolute_uri(article.get_share_url()),
    }
    return render(request, "news/article_detail.html", context)


@require_GET
def short_link(request, pk):
    """/a/<id>/: a short address for WeChat and print, redirecting to the article."""
    article = selectors.article_for_page(pk)
    return redirect(article.get_absolute_url(), permanent=False)


@require_GET
@public_page("news")
def document_list(request):
    page_obj = _page(request, selectors.public_documents())
    return render(request, "news/document_list.html", {"page_obj": page_obj})


@require_GET
@public_page("news")
def document_detail(request, pk):
    document = selectors.document_for_page(pk)
    return render(request, "news/document_detail.html", {"document": document})


def _download(attachment):
    if not attachment.file:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = f"{attachment.display_title}.{attachment.extension.lower()}"
    return FileResponse(handle, as_attachment=True, filename=filename)


@require_GET
def article_attachment(request, pk):
    from .models import Article

    attachment = get_object_or_404(ArticleAttachment, pk=pk, article__in=Article.objects.published())
    return _download(attachment)


@require_GET
def document_attachment(request, pk):
    from .models import Document

    attachment = get_object_or_404(DocumentAttachment, pk=pk, document__in=Document.objects.published())
    return _download(attachment)
