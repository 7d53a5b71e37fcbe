"""Search providers for the site's /search/ page (registered in NewsConfig.ready()).

On PostgreSQL each kind is one full-text statement compiled once per process (common/compiled.py):
the newest matches, ranked, as plain values. Only when it finds nothing (a word jieba segments
differently, a query of symbols), and on SQLite, does the slower substring search of
common.search.run_query run. The search page at scale spent 70 ms in ten ORM statements that
loaded whole rows with their bodies' search vectors; this is two statements of plain values.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections, router
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from common.compiled import CompiledQuery
from common.paths import object_path
from common.registry import SearchHit
from common.search import (
    FEW_RANK_CANDIDATES,
    RANK_CANDIDATES,
    highlight,
    quick_text,
    rank_candidates,
    run_query,
    snippet,
    tsquery_text,
)

from .models import Article, Document
from .numbers import format_number


def _ranked_articles(candidates: int) -> CompiledQuery:
    def build(terms, now):
        query = SearchQuery(terms, search_type="websearch", config="simple")
        newest = (
            Article.objects.published(now).filter(search_vector=query)
            .order_by("-published_at", "-pk").values("pk")[:candidates]
        )
        return (
            Article.objects.filter(pk__in=newest)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-published_at", "-pk")
            .values_list("pk", "title", "summary", "body", "published_at")
        )

    return CompiledQuery(build, prepared=False)


def _ranked_documents(candidates: int) -> CompiledQuery:
    def build(terms, now):
        query = SearchQuery(terms, search_type="websearch", config="simple")
        newest = Document.objects.published(now).filter(search_vector=query).newest_first().values("pk")[:candidates]
        return (
            Document.objects.filter(pk__in=newest)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-signed_on", "-year", "-serial", "-pk")
            .values_list("pk", "prefix", "year", "serial", "title", "body", "signed_on")
        )

    return CompiledQuery(build, prepared=False)


# One compiled statement per number of ranked candidates (the LIMIT of the inner query is in its SQL).
_ARTICLES = {n: _ranked_articles(n) for n in (FEW_RANK_CANDIDATES, RANK_CANDIDATES)}
_DOCUMENTS = {n: _ranked_documents(n) for n in (FEW_RANK_CANDIDATES, RANK_CANDIDATES)}


def _fulltext_rows(statements: dict[int, CompiledQuery], model, query: str, limit: int) -> list[tuple]:
    """The best ``limit`` full-text matches on PostgreSQL; [] elsewhere or when none match."""
    terms = tsquery_text(query)
    if not terms or connections[router.db_for_read(model)].vendor != "postgresql":
        return []
    return statements[rank_candidates(limit)].slice(0, limit, terms=terms, now=timezone.now())


def _article_text(summary: str, body: str) -> str:
    text = quick_text(body)
    return text if summary and summary in text else f"{summary} {text}"


def search_articles(request, query, limit):
    rows = _fulltext_rows(_ARTICLES, Article, query, limit)
    if not rows:
        found = run_query(Article.objects.published(), query, fulltext=False)
        rows = found.values_list("pk", "title", "summary", "body", "published_at")[:limit]
    kind = _("新闻")
    return [
        SearchHit(
            kind=kind,
            title=highlight(title, query),
            url=object_path("news:article_detail", pk),
            snippet=snippet(_article_text(summary, body), query),
            date=timezone.localtime(published_at).date() if published_at else None,
        )
        for pk, title, summary, body, published_at in rows
    ]


def search_documents(request, query, limit):
    rows = _fulltext_rows(_DOCUMENTS, Document, query, limit)
    if not rows:
        found = run_query(Document.objects.published().newest_first(), query, fulltext=False)
        rows = found.values_list("pk", "prefix", "year", "serial", "title", "body", "signed_on")[:limit]
    kind = _("文件")
    return [
        SearchHit(
            kind=kind,
            title=highlight(f"{format_number(prefix, year, serial)} {title}", query),
            url=object_path("news:document_detail", pk),
            snippet=snippet(quick_text(body), query),
            date=signed_on,
        )
        for pk, prefix, year, serial, title, body, signed_on in rows
    ]
