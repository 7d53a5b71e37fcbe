"""Reads across models for the news pages, each with a fixed number of queries.

The public list and article pages read with statements written out in SQL (portable between SQLite
and PostgreSQL) rather than querysets: building and compiling a queryset cost 0.5-1.2 ms of Python
per query on the bench machines, several times what sending a statement and reading its rows costs,
and readers request these pages most. tests/test_article_page.py checks each against the ORM
queryset it replaces (same rows, same order, same fields; published and due only).
"""

import datetime as dt
import functools
from dataclasses import dataclass

from django.db import connections
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from common.paging import CountlessPage, page_from_rows, requested_page
from common.paths import object_path
from grassroots.models import Organisation

from .models import Article, ArticleAttachment, ArticlePhoto, ArticleStatus, Document, DocumentAttachment, Section
from .models.articles import LEAD_SOURCE_CHARS, lead_of

ARTICLES = Article._meta.db_table


def public_articles(section: Section | None = None):
    """Published articles as model rows for a list (the feeds); the list pages use article_page()."""
    articles = Article.objects.published().for_list().newest_first()
    if section is not None:
        articles = articles.filter(section=section)
    return articles


# ---- list pages ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PublishingUnit:
    display_name: str


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article in a list, with what news/includes/article_item.html shows of it, read without
    building model instances (32 of them cost 0.5 ms a page)."""

    pk: int
    title: str
    summary: str
    cover: str  # the image's storage name, "" without one (thumb() takes either)
    published_at: dt.datetime
    pinned: bool
    section: Section
    unit: PublishingUnit | None
    body_head: str

    @property
    def lead(self) -> str:
        return lead_of(self.summary, self.body_head)

    def get_absolute_url(self) -> str:
        return object_path("news:article_detail", self.pk)


def sections() -> tuple[list[Section], dict[int, Section]]:
    """The active sections in their order (the tabs), and every section by id (an article may sit in
    a section that was switched off since)."""
    every = list(Section.objects.order_by("sort_order", "pk"))
    return [s for s in every if s.is_active], {s.pk: s for s in every}


@functools.lru_cache(maxsize=2)
def _list_sql(in_section: bool) -> str:
    """Newest first with the pinned on top: the order of the index article_list_order (for a section
    article_section_pub), read backwards. LIMIT and OFFSET go in as numbers, as the ORM puts them (a
    prepared statement's generic plan cannot see a parameter's value)."""
    section = " AND a.section_id = %s" if in_section else ""
    return (
        "SELECT a.id, a.title, a.summary, a.cover, a.published_at, a.pinned, a.section_id, a.unit_id,"
        f" SUBSTR(a.body, 1, {LEAD_SOURCE_CHARS}), u.name, u.short_name"
        f" FROM {ARTICLES} a LEFT OUTER JOIN {Organisation._meta.db_table} u ON u.id = a.unit_id"
        f" WHERE a.status = %s AND a.published_at <= %s{section}"
        " ORDER BY a.pinned DESC, a.published_at DESC, a.id DESC LIMIT {limit} OFFSET {offset}"
    )


def article_page(number, per_page: int, section_map: dict[int, Section], section: Section | None = None) -> CountlessPage:
    """One page of published articles (of one section) as ArticleRows, in one query, uncounted
    (common.paging); ``number`` as the request gave it."""
    number = requested_page(number)
    connection = connections[Article.objects.db]
    params = [ArticleStatus.PUBLISHED.value, connection.ops.adapt_datetimefield_value(timezone.now())]
    if section is not None:
        params.append(section.pk)
    sql = _list_sql(section is not None).format(limit=int(per_page) + 1, offset=(number - 1) * int(per_page))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    as_datetime = _converter(connection, Article, "published_at")
    as_bool = _converter(connection, Article, "pinned")
    articles = [
        ArticleRow(
            pk, title, summary, cover or "", as_datetime(published_at), as_bool(pinned), section_map[section_id],
            PublishingUnit(short_name or name) if unit_id is not None else None, body_head or "",
        )
        for pk, title, summary, cover, published_at, pinned, section_id, unit_id, body_head, name, short_name in rows
    ]
    return page_from_rows(articles, number, per_page)


# ---- the article page ---------------------------------------------------------------------------

# What the page shows of the article, its section and its publishing unit: not the search text and
# vector (several kilobytes), nor the unit's other 20 columns.
ARTICLE_PAGE_FIELDS = (
    "id", "title", "summary", "body", "cover", "cover_caption", "byline", "published_at", "photo_count",
    "attachment_count", "section_id", "unit_id", "committee_id",
)
SECTION_FIELDS = ("id", "name", "slug")
UNIT_FIELDS = ("id", "name", "short_name")


@functools.lru_cache(maxsize=1)
def _article_sql() -> tuple[str, tuple[tuple, ...]]:
    """The statement, and the (model, fields) its columns fill, in the order of each model's fields
    (which Model.from_db() expects)."""
    parts = tuple(
        (model, alias, tuple(f.attname for f in model._meta.concrete_fields if f.attname in names))
        for model, alias, names in (
            (Article, "a", ARTICLE_PAGE_FIELDS), (Section, "s", SECTION_FIELDS), (Organisation, "u", UNIT_FIELDS)
        )
    )
    columns = ", ".join(f"{alias}.{model._meta.get_field(n).column}" for model, alias, names in parts for n in names)
    sql = (
        f"SELECT {columns} FROM {ARTICLES} a INNER JOIN {Section._meta.db_table} s ON s.id = a.section_id"
        f" LEFT OUTER JOIN {Organisation._meta.db_table} u ON u.id = a.unit_id"
        " WHERE a.id = %s AND a.status = %s AND a.published_at <= %s"
    )
    return sql, tuple((model, names) for model, _alias, names in parts)


def article_for_page(pk: int) -> Article:
    """A published article with its section and unit, and its committee when it has one (two of
    20,000 articles at scale do: its own query rather than a join on every page). 404 otherwise."""
    connection = connections[Article.objects.db]
    sql, parts = _article_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk, ArticleStatus.PUBLISHED.value, connection.ops.adapt_datetimefield_value(timezone.now())])
        row = cursor.fetchone()
    if row is None:
        raise Http404(_("没有这篇文章。"))
    instances, start = [], 0
    for model, names in parts:
        values = [_converter(connection, model, name)(value) for name, value in zip(names, row[start:], strict=False)]
        instances.append(model.from_db(connection.alias, names, values))
        start += len(names)
    article, section, unit = instances
    article.section = section
    article.unit = unit if article.unit_id is not None else None
    if article.committee_id is not None:
        from committees.models import Committee

        article.committee = Committee._base_manager.only("name", "short_name", "slug").get(pk=article.committee_id)
    return article


def article_photos(article: Article) -> list[ArticlePhoto]:
    """Its photos in order; no query when its count (news.models.counters) says it has none."""
    return list(article.photos.order_by("sort_order", "pk")) if article.photo_count else []


def article_attachments(article: Article) -> list[ArticleAttachment]:
    return list(article.attachments.order_by("sort_order", "pk")) if article.attachment_count else []


@dataclass(frozen=True, slots=True)
class ArticleLink:
    """An article as a link under another: previous, next, related."""

    pk: int
    title: str
    published_at: dt.datetime

    def get_absolute_url(self) -> str:
        return object_path("news:article_detail", self.pk)


@functools.lru_cache(maxsize=8)
def _links_sql(related_count: int, with_committee: bool) -> str:
    """Index reads in one statement: the previous and next article, and the newest of its section
    (and of its committee, when it has one). Each branch is a subquery in FROM: the form of a compound
    SELECT with an ORDER BY and LIMIT per branch that both SQLite and PostgreSQL accept.

    Each branch reads its index (status, published_at, id) or (section, status, published_at, id) in
    exactly the order it wants and stops after its rows, so the prepared statement's generic plan
    costs no more than a plan made for the values, and PostgreSQL keeps it instead of planning the
    statement again on every call (pg_prepared_statements showed only custom plans when a branch
    sorted, or filtered on ``section OR committee``). The neighbours' bound is a row comparison,
    which PostgreSQL turns into the index scan's start."""
    published = "status = %s AND published_at <= %s"

    def related(column: str) -> str:  # the newest others sharing the article's section or committee
        return (
            f"SELECT 'r' AS kind, id, title, published_at FROM {ARTICLES} WHERE {column} = %s AND {published}"
            f" AND id <> %s ORDER BY published_at DESC, id DESC LIMIT {int(related_count)}"
        )

    branches = [
        f"SELECT 'p' AS kind, id, title, published_at FROM {ARTICLES} WHERE {published}"
        " AND (published_at, id) < (%s, %s) ORDER BY published_at DESC, id DESC LIMIT 1",
        f"SELECT 'n' AS kind, id, title, published_at FROM {ARTICLES} WHERE {published}"
        " AND (published_at, id) > (%s, %s) ORDER BY published_at ASC, id ASC LIMIT 1",
        related("section_id"),
    ]
    if with_committee:
        branches.append(related("committee_id"))
    return " UNION ALL ".join(f"SELECT * FROM ({branch}) AS branch_{n}" for n, branch in enumerate(branches))


def article_links(
    article: Article, related_count: int = 4
) -> tuple[ArticleLink | None, ArticleLink | None, list[ArticleLink]]:
    """The previous (older) and next (newer) published articles by publication time, and up to
    ``related_count`` others of its section or committee, newest first: one query."""
    connection = connections[Article.objects.db]
    adapt = connection.ops.adapt_datetimefield_value
    now, published_at, pk = adapt(timezone.now()), adapt(article.published_at), article.pk
    published = ArticleStatus.PUBLISHED.value
    params = [
        published, now, published_at, pk,
        published, now, published_at, pk,
        article.section_id, published, now, pk,
    ]
    with_committee = article.committee_id is not None
    if with_committee:
        params += [article.committee_id, published, now, pk]
    with connection.cursor() as cursor:
        cursor.execute(_links_sql(related_count, with_committee), params)
        rows = cursor.fetchall()
    as_datetime = _converter(connection, Article, "published_at")
    links = {"p": [], "n": [], "r": {}}
    for kind, link_pk, title, when in rows:
        link = ArticleLink(link_pk, title, as_datetime(when))
        if kind == "r":
            links["r"][link_pk] = link  # an article of both its section and its committee comes once
        else:
            links[kind].append(link)
    # A compound statement's rows come in no promised order without an outer ORDER BY.
    related = sorted(links["r"].values(), key=lambda link: (link.published_at, link.pk), reverse=True)[:related_count]
    return (links["p"] or [None])[0], (links["n"] or [None])[0], related


# ---- documents ----------------------------------------------------------------------------------


def public_documents():
    # The list shows number, title, date and the count of attachments (kept on the row: no second query).
    return Document.objects.published().newest_first().only("prefix", "year", "serial", "title", "signed_on", "attachment_count")


def document_for_page(pk: int) -> Document:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Document.objects.published().defer("search_text", "search_vector"), pk=pk)


def document_attachments(document: Document) -> list[DocumentAttachment]:
    """Its attachments in order; no query when its count (news.models.counters) says it has none."""
    return list(document.attachments.order_by("sort_order", "pk")) if document.attachment_count else []


def writer_articles(user):
    return Article.objects.by_writer(user).select_related("section").order_by("-updated_at", "-pk")


# ---- reading rows of the written-out statements -------------------------------------------------


def _identity(value):
    return value


def _converter(connection, model, attname):
    """What the ORM does to a value of this field read from this database (SQLite returns datetimes
    as text and booleans as integers; PostgreSQL needs nothing for these fields)."""
    expression = _column(model, attname)
    converters = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
    if not converters:
        return _identity

    def convert(value):
        for converter in converters:
            value = converter(value, expression, connection)
        return value

    return convert


@functools.lru_cache(maxsize=64)
def _column(model, attname):
    return model._meta.get_field(attname).get_col(model._meta.db_table)
