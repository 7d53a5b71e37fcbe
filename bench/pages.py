"""The pages `make bench` measures, and the admin changelists it times.

A page is a name and a URL, or a function that finds a real URL in the database (one article, one
event with released results). A page whose app has not landed yet, or has no rows, raises Skip and
the benchmark prints a note instead of a row. When an app lands, check its finder below against the
app's real model and field names (they are guesses until then, each tried in turn).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldError
from django.urls import NoReverseMatch, reverse


class Skip(Exception):  # a signal that a page cannot be measured, not a failure
    """This page cannot be measured on this database yet; the message says why."""


@dataclass(frozen=True)
class Page:
    name: str
    target: str | Callable[[], str]
    # Cold target as a fraction of the baseline: detail pages (article, event, committee) 0.2, others 0.1.
    cold_target: float = 0.1
    warm_target: float = 0.5

    def url(self) -> str:
        return self.target() if callable(self.target) else self.target


def _reverse(name: str, *, query: str = "", **kwargs) -> str:
    try:
        url = reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        raise Skip(f"网址 {name} 尚不存在")
    return url + (f"?{query}" if query else "")


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        raise Skip(f"模型 {label} 尚不存在")


def _first(label: str, *filter_options: dict, order: str = "-pk"):
    """The first row matching the first filter option whose fields exist."""
    model = _model(label)
    for filters in filter_options or ({},):
        try:
            obj = model._default_manager.filter(**filters).order_by(order).first()
        except FieldError:
            continue
        if obj is not None:
            return obj
    raise Skip(f"{label} 没有符合条件的数据")


def _absolute_url(obj, fallback_name: str, **kwargs) -> str:
    if hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    return _reverse(fallback_name, **kwargs)


def section_url() -> str:
    section = _first("news.Section", {"is_active": True}, {}, order="pk")
    return _reverse("news:section", slug=section.slug)


def article_url() -> str:
    from django.utils import timezone

    # The newest published article with a cover, as a reader arriving from the home page finds it.
    article = _first("news.Article", {"status": "published", "published_at__lte": timezone.now(), "cover__gt": ""},
                     {"status": "published", "published_at__lte": timezone.now()}, order="-published_at")
    return _absolute_url(article, "news:article_detail", pk=article.pk)


def document_url() -> str:
    from django.utils import timezone

    document = _first("news.Document", {"is_published": True, "published_at__lte": timezone.now()}, order="-signed_on")
    return _absolute_url(document, "news:document_detail", pk=document.pk)


def event_url() -> str:
    """The published event with released results that has the most awards (a full results table)."""
    from django.db.models import Count

    model = _model("events.Event")
    event = (
        model.objects.filter(is_published=True, results_released=True)
        .annotate(award_count=Count("awards"))
        .filter(award_count__gt=0)
        .order_by("-award_count", "-pk")
        .first()
    )
    if event is None:
        raise Skip("没有公布了成绩的赛事")
    return _absolute_url(event, "events:event_detail", pk=event.pk)


def committee_url() -> str:
    committee = _first("committees.Committee", {"is_active": True, "slug": "rouliqiu"}, {"is_active": True}, order="sort_order")
    try:
        return _reverse("committees:committee_detail", slug=committee.slug)
    except Skip:
        if hasattr(committee, "get_absolute_url"):
            return committee.get_absolute_url()
        raise


def finder_url() -> str:
    # grassroots.filters.FinderFilter: county is a member unit's slug, project a Project's slug.
    return _reverse("grassroots:finder", query="county=zezhou&project=rouliqiu")


PAGES: list[Page] = [
    Page("home", "/"),
    Page("news", lambda: _reverse("news:article_list")),
    Page("news_section", section_url),
    Page("article", article_url, cold_target=0.2),
    Page("documents", lambda: _reverse("news:document_list")),
    Page("document", document_url),
    Page("events", lambda: _reverse("events:event_list")),
    Page("event_results", event_url, cold_target=0.2),
    Page("calendar_ics", "/events/calendar.ics"),
    Page("committees", lambda: _reverse("committees:committee_list")),
    Page("committee", committee_url, cold_target=0.2),
    Page("training", lambda: _reverse("training:course_list")),
    Page("find", finder_url),
    Page("search", lambda: _reverse("search", query="q=柔力球")),
]
BASELINE = Page("baseline", lambda: _reverse("bench_baseline"), cold_target=1.0, warm_target=1.0)


@dataclass(frozen=True)
class AdminPage:
    name: str
    model: str  # "app_label.ModelName"
    filters: str  # a list_filter query string
    search: str


# Changelists timed server-side with a filter and a search (target: under 300 ms each).
ADMIN_PAGES: list[AdminPage] = [
    AdminPage("people", "grassroots.Person", "is_active__exact=1&unit={unit:zezhou}", "王"),
    AdminPage("organisations", "grassroots.Organisation", "level__exact=4", "村"),
    AdminPage("entries", "events.Entry", "status__exact=accepted&event__kind__exact=festival", "泽州"),
    AdminPage("nominations", "training.Nomination", "status__exact=passed&course__kind__exact=referee", "王"),
    AdminPage("articles", "news.Article", "status__exact=published", "柔力球"),
    AdminPage("users", "accounts.User", "is_staff__exact=1", "admin"),
]


def admin_filters(page: AdminPage) -> str:
    """The page's filter query with ``{unit:<slug>}`` replaced by that organisation's pk (the member
    unit filter takes pks)."""
    import re

    def pk_of(match) -> str:
        obj = _model("grassroots.Organisation").objects.filter(slug=match.group(1)).first()
        return str(obj.pk) if obj else "0"

    return re.sub(r"\{unit:([\w-]+)\}", pk_of, page.filters)


def admin_url(page: AdminPage) -> str:
    model = _model(page.model)
    return _reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def resolve(pages: list[Page]) -> tuple[list[tuple[Page, str]], list[str]]:
    """(page, url) for the pages that can be measured, and a note for each that cannot."""
    found, notes = [], []
    for page in pages:
        try:
            found.append((page, page.url()))
        except Skip as reason:
            notes.append(f"{page.name}: 跳过（{reason}）")
    return found, notes
