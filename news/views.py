"""Public pages of news and documents, cached for anonymous readers (namespace "news")."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from common.cache import public_page
from common.paging import countless_page

from . import selectors
from .models import Article, ArticleAttachment, Document, DocumentAttachment

PER_PAGE = 15


def _page(request, queryset):
    return countless_page(queryset, request.GET.get("page"), PER_PAGE)


@require_GET
@public_page("news")
def article_list(request):
    tabs, section_map = selectors.sections()
    page_obj = selectors.article_page(request.GET.get("page"), PER_PAGE, section_map)
    return render(request, "news/article_list.html", {"page_obj": page_obj, "sections": tabs, "section": None})


@require_GET
@public_page("news")
def section(request, slug):
    tabs, section_map = selectors.sections()
    section = next((s for s in tabs if s.slug == slug), None)
    if section is None:
        raise Http404(_("没有这个栏目。"))
    page_obj = selectors.article_page(request.GET.get("page"), PER_PAGE, section_map, section)
    return render(request, "news/article_list.html", {"page_obj": page_obj, "sections": tabs, "section": section})


@require_GET
@public_page("news")
def article_detail(request, pk):
    article = selectors.article_for_page(pk)
    previous, following, related = selectors.article_links(article)
    context = {
        "article": article,
        "photos": selectors.article_photos(article),
        "attachments": selectors.article_attachments(article),
        "previous": previous,
        "following": following,
        "related": related,
        "share_url": request.build_absolute_uri(article.get_share_url()),
    }
    return render(request, "news/article_detail.html", context)


@require_GET
def short_link(request, pk):
    """/a/<id>/: a short address for WeChat and print, redirecting to the article."""
    article = get_object_or_404(Article.objects.published().only("pk"), pk=pk)
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
    context = {"document": document, "attachments": selectors.document_attachments(document)}
    return render(request, "news/document_detail.html", context)


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
    attachment = get_object_or_404(ArticleAttachment, pk=pk, article__in=Article.objects.published())
    return _download(attachment)


@require_GET
def document_attachment(request, pk):
    attachment = get_object_or_404(DocumentAttachment, pk=pk, document__in=Document.objects.published())
    return _download(attachment)
