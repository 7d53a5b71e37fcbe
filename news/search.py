"""Search providers for the site's /search/ page (registered in NewsConfig.ready()).

On PostgreSQL each kind is one full-text statement compiled once per process (common/compiled.py):
the newest matches as plain values, ranked on a kind's own page, ordered by their titles on the
overview (common.search.title_first). Only when it finds nothing (a word jieba segments
differently, a query of symbols), and on SQLite, does the slower substring search of
common.search.contains_query run. The search page at scale spent 70 ms in ten ORM statements that
loaded whole rows with their bodies' search vectors; this is two statements of plain values.
"""

from operator import itemgetter

from django.db import connections, router
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from common.compiled import CompiledQuery
from common.paths import object_path
from common.registry import SearchHit
from common.search import (
    OVERVIEW_CANDIDATES,
    RANK_CANDIDATES,
    contains_query,
    highlight,
    is_overview,
    newest_matching,
    quick_text,
    ranked_newest,
    snippet,
    title_first,
    tsquery_text,
)

from .models import Article, Document
from .numbers import format_number

ARTICLE_FIELDS = ("pk", "title", "summary", "body", "day")
DOCUMENT_FIELDS = ("pk", "prefix", "year", "serial", "title", "body", "signed_on")


def _with_day(articles):
    """Articles with ``day``, their publication's local date worked out by PostgreSQL (a date is
    read by psycopg's C loader; a time with its zone cost 3 µs in Python, and localtime() as much
    again, for each of the overview's 20 candidates). The zone is the site's (TIME_ZONE), which no
    request changes."""
    return articles.annotate(day=TruncDate("published_at"))


def _as_is(queryset):
    return queryset


def _statements(published, newest_first: tuple[str, ...], fields: tuple[str, ...], decorate=_as_is) -> tuple[CompiledQuery, CompiledQuery]:
    """The full-text reads of ``published(now)``: the overview's newest candidates, unranked (see
    title_first), and a kind page's ranked newest RANK_CANDIDATES; ``decorate`` adds what ``fields``
    name besides columns. Planned per call: see CompiledQuery."""
    overview = CompiledQuery(
        lambda terms, now: decorate(newest_matching(published(now), terms, newest_first=newest_first))
        .values_list(*fields)[:OVERVIEW_CANDIDATES],
        prepared=False,
    )
    ranked = CompiledQuery(
        lambda terms, now: decorate(ranked_newest(
            published(now), terms, newest_first=newest_first, candidates=RANK_CANDIDATES
        )).values_list(*fields),
        prepared=False,
    )
    return overview, ranked


_ARTICLES = _statements(Article.objects.published, ("-published_at", "-pk"), ARTICLE_FIELDS, decorate=_with_day)
_DOCUMENTS = _statements(Document.objects.published, ("-signed_on", "-year", "-serial", "-pk"), DOCUMENT_FIELDS)


def _fulltext_rows(statements: tuple[CompiledQuery, CompiledQuery], model, query: str, limit: int, title_at: int) -> list[tuple]:
    """The best ``limit`` full-text matches on PostgreSQL; [] elsewhere or when none match."""
    terms = tsquery_text(query)
    if not terms or connections[router.db_for_read(model)].vendor != "postgresql":
        return []
    overview, ranked = statements
    if is_overview(limit):
        rows = overview(terms=terms, now=timezone.now())
        return title_first(rows, query, itemgetter(title_at))[:limit]
    return ranked.slice(0, limit, terms=terms, now=timezone.now())


def _article_text(summary: str, body: str) -> str:
    text = quick_text(body)
    return text if summary and summary in text else f"{summary} {text}"


def search_articles(request, query, limit):
    rows = _fulltext_rows(_ARTICLES, Article, query, limit, title_at=1)
    if not rows:
        rows = contains_query(_with_day(Article.objects.published()), query).values_list(*ARTICLE_FIELDS)[:limit]
    kind = _("新闻")
    return [
        SearchHit(
            kind=kind,
            title=highlight(title, query),
            url=object_path("news:article_detail", pk),
            snippet=snippet(_article_text(summary, body), query),
            date=day,
        )
        for pk, title, summary, body, day in rows
    ]


def search_documents(request, query, limit):
    rows = _fulltext_rows(_DOCUMENTS, Document, query, limit, title_at=4)
    if not rows:
        rows = contains_query(Document.objects.published().newest_first(), query).values_list(*DOCUMENT_FIELDS)[:limit]
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
