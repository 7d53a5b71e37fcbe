"""Chinese search shared by every app: jieba segmentation, PostgreSQL full-text search with a
trigram / icontains fallback, and highlighting.

How it fits together (measured on these machines, see DESIGN.md):
- Text is segmented with ``jieba.cut_for_search`` (which also emits the shorter words inside
  long ones, so 艺术节 is found inside 文体艺术节) and the words, joined by spaces, are indexed
  with ``to_tsvector('simple', …)``: title weight A, body weight B, in a SearchVectorField with a
  GIN index. Queries are segmented the same way and run as a ``websearch`` query ranked by
  SearchRank.
- jieba splits some of our words wrongly (柔力球队 → 柔力/球队) and does not know local place
  names (巴公): ``search_userdict.txt`` beside this module fixes them. Changing the dictionary
  means re-indexing (``Model.save()`` on every row rebuilds the segmented text).
- When full-text search finds nothing, or the query is two characters or fewer, or the database
  is not PostgreSQL, an ``icontains`` over the stored raw-plus-segmented text is used; on
  PostgreSQL a pg_trgm GIN index on ``UPPER(column) gin_trgm_ops`` serves it.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import tempfile
import threading
from collections.abc import Callable
from html import escape as html_escape
from pathlib import Path

from django.db import connections
from django.db.models import F, FloatField, Q, QuerySet, Value
from django.utils.html import escape
from django.utils.safestring import SafeString

USER_DICT = Path(__file__).with_name("search_userdict.txt")
_init_lock = threading.Lock()
_jieba = None

# Anything that is not a letter, digit or CJK character separates words and never reaches a
# tsquery (websearch gives "-" and quotes a meaning).
_WORD_RE = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def tokenizer():
    """jieba, initialised once per process with its cache in a writable temp folder."""
    global _jieba
    if _jieba is None:
        with _init_lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                cache_dir = os.path.join(tempfile.gettempdir(), "jinshi-jieba")
                os.makedirs(cache_dir, exist_ok=True)
                jieba.dt.tmp_dir = cache_dir
                jieba.dt.initialize()
                jieba.load_userdict(str(USER_DICT))
                _jieba = jieba
    return _jieba


def segment(text: str) -> list[str]:
    """Words of the text for indexing and querying, lower-cased, punctuation dropped."""
    if not text:
        return []
    words = []
    for chunk in _WORD_RE.findall(text):
        for word in tokenizer().cut_for_search(chunk):
            word = word.strip().lower()
            if word and _WORD_RE.fullmatch(word):
                words.append(word)
    return words


def segmented_text(text: str) -> str:
    return " ".join(segment(text))


def index_text(title: str, body_text: str) -> str:
    """What a row stores for searching: the raw title and text (for icontains / trigram, which
    need the characters contiguous) followed by the segmented words (for to_tsvector)."""
    return f"{title}\n{body_text}\n\n{segmented_text(title)}\n{segmented_text(body_text)}"


def query_terms(query: str) -> list[str]:
    """The distinct words of a query, in order."""
    return list(_query_terms(query))


@functools.lru_cache(maxsize=256)
def _query_terms(query: str) -> tuple[str, ...]:
    # One results page highlights about a hundred titles and snippets with the same query; jieba
    # segmenting it each time cost 30 ms of a search page.
    return tuple(dict.fromkeys(segment(query)))


def vector_expression(title: str, body_text: str):
    """A SearchVector for UPDATE … SET search_vector = … (PostgreSQL only)."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector(Value(segmented_text(title)), weight="A", config="simple") + SearchVector(
        Value(segmented_text(body_text)), weight="B", config="simple"
    )


def is_postgres(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


# How many of the newest matches are ranked. A common word (柔力球) matches 15,000 of 20,000
# articles at scale; ranking all of them read 63 MB of search vectors per query (230 ms). Ranking
# the newest 200 keeps a search under 10 ms, and for a news site the newest matches are the ones
# readers want; a rarer word has fewer matches than this and is ranked in full.
RANK_CANDIDATES = 200
# The search overview shows five hits of each kind and links to the kind's own page, which ranks
# RANK_CANDIDATES. The overview orders the newest 20 matches in Python (title_first) instead of
# ranking them in SQL: ts_rank decompressed each candidate's search vector again (35 us each), and a
# ranked statement joins the table to itself; the plain newest-matches read is 0.25 ms cheaper per
# kind at scale. A rarer word has fewer matches than this and all of them are ordered.
OVERVIEW_CANDIDATES = 20


def is_overview(limit: int) -> bool:
    """Whether ``limit`` hits are an overview's few (ordered by title_first) rather than a kind's
    own page (ranked by ranked_newest)."""
    return limit <= 10


def tsquery_text(query: str) -> str:
    """The segmented words of a query as the text of a ``websearch`` tsquery ('' for none)."""
    return " ".join(query_terms((query or "").strip()))


_TAG_RE = re.compile(r"<[^>]*>")


def quick_text(html: str) -> str:
    """Plain text of a stored (sanitised) body for a search snippet: tags dropped by a regular
    expression rather than html_to_text's parser (a tenth of the time), entities decoded. The
    snippet escapes what it shows, so nothing here needs to be safe."""
    from html import unescape

    return unescape(_TAG_RE.sub(" ", html or ""))


def _tsquery(terms_text: str):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(terms_text, search_type="websearch", config="simple")


def ranked_newest(
    queryset: QuerySet,
    terms_text: str,
    *,
    newest_first: tuple[str, ...],
    candidates: int = RANK_CANDIDATES,
    vector_field: str = "search_vector",
) -> QuerySet:
    """PostgreSQL: the newest ``candidates`` rows of ``queryset`` matching the words (the text of
    tsquery_text()), ranked, best first and newest first among equals (``newest_first`` is an
    ordering, e.g. ``("-published_at", "-pk")``). Built with the words as a value, so that it can
    be compiled once (common/compiled.py)."""
    from django.contrib.postgres.search import SearchRank

    search_query = _tsquery(terms_text)
    newest = queryset.filter(**{vector_field: search_query}).order_by(*newest_first).values("pk")[:candidates]
    return (
        queryset.model._default_manager.filter(pk__in=newest)
        .annotate(rank=SearchRank(F(vector_field), search_query))
        .order_by("-rank", *newest_first)
    )


def newest_matching(queryset: QuerySet, terms_text: str, *, newest_first: tuple[str, ...], vector_field: str = "search_vector") -> QuerySet:
    """PostgreSQL: the rows of ``queryset`` matching the words (the text of tsquery_text()), newest
    first, unranked: the overview's candidates, ordered by title_first()."""
    return queryset.filter(**{vector_field: _tsquery(terms_text)}).order_by(*newest_first)


def title_first(rows: list, query: str, title_of: Callable) -> list:
    """The overview's order of its candidates (given newest first): those whose title holds more
    of the query's words first, newest first among equals. The title's weight (A against the
    body's B) decided ts_rank's order of a few candidates much the same way."""
    terms = [term.lower() for term in query_terms(query)]

    def words_missing(row) -> int:
        title = (title_of(row) or "").lower()
        return sum(term not in title for term in terms)

    return sorted(rows, key=words_missing)  # stable: newest first among equals


def run_query(
    queryset: QuerySet,
    query: str,
    *,
    text_field: str = "search_text",
    vector_field: str = "search_vector",
) -> QuerySet:
    """Rows matching the query, annotated with ``rank``; best first on PostgreSQL FTS, in the
    queryset's own order on the substring fallback (contains_query)."""
    terms = query_terms((query or "").strip())
    if terms and is_postgres(queryset):
        from django.contrib.postgres.search import SearchRank

        search_query = _tsquery(" ".join(terms))
        matching = queryset.filter(**{vector_field: search_query})
        if matching.exists():
            return matching.annotate(rank=SearchRank(F(vector_field), search_query)).order_by(
                "-rank", *queryset.query.order_by
            )
    return contains_query(queryset, query, text_field=text_field)


def contains_query(queryset: QuerySet, query: str, *, text_field: str = "search_text") -> QuerySet:
    """The substring search behind full text (and all of it on SQLite): every whitespace-separated
    part must occur as written (trigram index on PostgreSQL); if that finds nothing, every
    segmented word must occur. Annotated with ``rank`` 0, in the queryset's own order."""
    query = (query or "").strip()
    terms = query_terms(query)
    if not terms:
        return queryset.none()
    parts = [part for part in query.split() if part]
    condition = Q()
    for part in parts:
        condition &= Q(**{f"{text_field}__icontains": part})
    found = queryset.filter(condition)
    if len(parts) == 1 and len(terms) > 1 and not found.exists():
        condition = Q()
        for term in terms:
            condition &= Q(**{f"{text_field}__icontains": term})
        found = queryset.filter(condition)
    return found.annotate(rank=Value(0.0, output_field=FloatField()))


@functools.lru_cache(maxsize=256)
def _mark_pattern(query: str) -> re.Pattern | None:
    words = {part for part in (query or "").split() if part}
    words.update(term for term in query_terms(query) if len(term) > 1 or not words)
    words = sorted((w for w in words if w), key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(escape(word)) for word in words), re.IGNORECASE)


def _marked(match: re.Match) -> str:
    return f"<mark>{match[0]}</mark>"


def highlight(text: str, query: str) -> SafeString:
    """Escape the text first, then wrap the query's words in <mark>."""
    # A search page highlights some sixty titles and snippets, so each step is the cheap one:
    # html.escape is what django.utils.html.escape does, without its check for lazy arguments; a
    # function makes the replacement where a "\g<0>" template was expanded in Python for every
    # match (1 against 3 µs a title); SafeString() is what mark_safe() returns for a string.
    escaped = html_escape(str(text or ""))
    pattern = _mark_pattern(query)
    if pattern is None:
        return SafeString(escaped)
    return SafeString(pattern.sub(_marked, escaped))


@functools.lru_cache(maxsize=256)
def _snippet_words(query: str) -> tuple[str, ...]:
    """What a snippet looks for, in order: the whole query, then its words, longest first; lower-cased."""
    words = [query.strip(), *sorted(query_terms(query), key=len, reverse=True)]
    return tuple(word.lower() for word in words if word)


def snippet(text: str, query: str, *, length: int = 90) -> SafeString:
    """A window of the text around the first match, highlighted."""
    text = " ".join((text or "").split())  # runs of whitespace as one space (a fifth of re.sub's time)
    position = -1
    lowered = text.lower()
    for word in _snippet_words(query):
        position = lowered.find(word)
        if position >= 0:
            break
    start = max(0, position - length // 3) if position >= 0 else 0
    window = text[start : start + length]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    return SafeString(prefix + highlight(window, query) + suffix)
