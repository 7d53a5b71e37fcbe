"""Search providers for the site's /search/ page (registered in NewsConfig.ready())."""

from django.utils.translation import gettext as _

from common.registry import SearchHit
from common.search import highlight, run_query, snippet

from .models import Article, Document


def _article_text(article) -> str:
    body = article.body_text
    return body if article.summary and article.summary in body else f"{article.summary} {body}"


def search_articles(request, query, limit):
    articles = Article.objects.published().select_related("section").defer("search_vector", "review_note")
    found = run_query(articles, query, newest_first=("-published_at", "-pk"))[:limit]
    return [
        SearchHit(
            kind=_("新闻"),
            title=highlight(article.title, query),
            url=article.get_absolute_url(),
            snippet=snippet(_article_text(article), query),
            date=article.published_at.date() if article.published_at else None,
            score=float(getattr(article, "rank", 0.0) or 0.0),
        )
        for article in found
    ]


def search_documents(request, query, limit):
    documents = Document.objects.published().newest_first().defer("search_vector")
    found = run_query(documents, query, newest_first=("-signed_on", "-year", "-serial", "-pk"))[:limit]
    return [
        SearchHit(
            kind=_("文件"),
            title=highlight(f"{document.number} {document.title}", query),
            url=document.get_absolute_url(),
            snippet=snippet(document.body_text, query),
            date=document.signed_on,
            score=float(getattr(document, "rank", 0.0) or 0.0),
        )
        for document in found
    ]
