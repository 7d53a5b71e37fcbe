"""Site-wide reads that gather from every app: the home page and the workbench figures.
Each function issues a fixed number of queries whatever the number of rows."""

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, IntegerField, Min, Q, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from common.compiled import CompiledQuery
from common.paths import object_path


@dataclass
class Notice:
    title: str
    url: str
    date: dt.date
    kind: str  # "通知" or "文件"


def _day(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@dataclass
class HomeArticle:
    """An article as the home page lists it, from a values_list() row (no model instance)."""

    pk: int
    title: str
    published_at: dt.datetime
    cover: str  # the image's storage name, "" when there is none
    cover_caption: str
    pinned: bool

    @property
    def url(self) -> str:
        return object_path("news:article_detail", self.pk)


# The home page's three article lists: section, how many, in what order.
HOME_ARTICLE_LISTS = (
    ("tongzhi", 6, ("-published_at", "-pk")),
    ("dongtai", 6, ("-pinned", "-published_at", "-pk")),
    ("jiceng", 4, ("-published_at", "-pk")),
)


def _home_articles_query(now):
    """The three LIMITed lists as one UNION ALL on PostgreSQL; SQLite takes no LIMIT inside a UNION."""
    from news.models import Article

    published = Article.objects.published(now)
    parts = [
        published.filter(section__slug=slug).order_by(*order)
        .values_list("pk", "title", "published_at", "cover", "cover_caption", "pinned", "section__slug")[:limit]
        for slug, limit, order in HOME_ARTICLE_LISTS
    ]
    return parts[0].union(*parts[1:], all=True)


def _home_articles_part(index):
    def build(now):
        from news.models import Article

        slug, limit, order = HOME_ARTICLE_LISTS[index]
        return (
            Article.objects.published(now).filter(section__slug=slug).order_by(*order)
            .values_list("pk", "title", "published_at", "cover", "cover_caption", "pinned", "section__slug")[:limit]
        )

    return build


# The home page's fixed reads, compiled once per process (common/compiled.py).
_home_articles_union = CompiledQuery(_home_articles_query)
_home_articles_parts = [CompiledQuery(_home_articles_part(i)) for i in range(len(HOME_ARTICLE_LISTS))]


def _documents(now):
    from news.models import Document

    return Document.objects.published(now).newest_first().values_list("pk", "title", "signed_on")[:6]


def _upcoming_span(today):
    # One row (none when nothing is upcoming): how many, and the earliest start among them. The
    # count beside MIN keeps PostgreSQL on the end_date index (events.selectors._upcoming).
    from events.models import Event

    return (
        Event.objects.published().filter(end_date__gte=today).order_by().values("is_published")
        .annotate(total=Count("pk"), first_start=Min("start_date")).values_list("total", "first_start")
    )


def _upcoming_events(today, first_start):
    from events.models import Event

    return (
        Event.objects.published().filter(end_date__gte=today, start_date__gte=first_start).order_by("start_date", "pk")
        .values_list("pk", "title", "start_date", "registration_opens", "registration_closes")[:5]
    )


def _results():
    from events.models import Event

    return (
        Event.objects.published().filter(results_released=True).order_by("-end_date", "-pk")
        .values_list("pk", "title", "end_date")[:4]
    )


def _festival(year):
    from events.models import Festival

    # Value(): a plain integer beyond a small integer's range (the compile's sentinel) would make
    # Django drop the comparison on PostgreSQL instead of sending it.
    return (
        Festival.objects.filter(year__lte=Value(year, output_field=IntegerField())).order_by("-year", "-edition")
        .values_list("edition", "title", "theme", "start_date", "end_date")[:1]
    )


_home_documents = CompiledQuery(_documents)
_home_upcoming_span = CompiledQuery(_upcoming_span)
_home_upcoming = CompiledQuery(_upcoming_events)
_home_results = CompiledQuery(_results)
_home_festival = CompiledQuery(_festival)


@dataclass(slots=True)
class HomeEvent:
    """An upcoming event as the home page lists it."""

    pk: int
    title: str
    start_date: dt.date
    registration_opens: dt.datetime | None
    registration_closes: dt.datetime | None

    def get_absolute_url(self) -> str:
        return object_path("events:event_detail", self.pk)

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(
            self.registration_opens and self.registration_closes and self.registration_opens <= now <= self.registration_closes
        )


def home_articles(now: dt.datetime) -> dict[str, list[HomeArticle]]:
    """The home page's article lists by section slug. On PostgreSQL one query, a UNION ALL of the
    three LIMITed lists (each still read by its index); SQLite takes no LIMIT inside a UNION, so
    there it is three queries. Each list is sorted here again: a UNION promises no order."""
    if connection.features.supports_slicing_ordering_in_compound:
        rows = _home_articles_union(now=now)
    else:
        rows = [row for part in _home_articles_parts for row in part(now=now)]
    lists: dict[str, list[HomeArticle]] = {slug: [] for slug, _limit, _order in HOME_ARTICLE_LISTS}
    for *fields, slug in rows:
        lists[slug].append(HomeArticle(*fields))
    for slug, _limit, order in HOME_ARTICLE_LISTS:
        pinned_first = "-pinned" in order
        lists[slug].sort(key=lambda a: (a.pinned if pinned_first else False, a.published_at, a.pk), reverse=True)
    return lists


def home_context(today: dt.date | None = None) -> dict:
    """Everything the home page shows: six queries on PostgreSQL (eight on SQLite, see
    home_articles), each compiled once per process."""
    today = today or timezone.localdate()
    now = timezone.now()
    articles = home_articles(now)
    notices = [Notice(a.title, a.url, _day(a.published_at), "通知") for a in articles["tongzhi"]]
    notices += [
        Notice(title, object_path("news:document_detail", pk), signed_on, "文件")
        for pk, title, signed_on in _home_documents(now=now)
    ]
    notices.sort(key=lambda n: n.date, reverse=True)
    news = articles["dongtai"]
    headline = next((a for a in news if a.cover), news[0] if news else None)
    span = _home_upcoming_span(today=today)
    first_start = (span[0][1] if span else None) or today
    upcoming = [HomeEvent(*row) for row in _home_upcoming(today=today, first_start=first_start)]
    results = [
        {"title": title, "end_date": end_date, "url": object_path("events:event_detail", pk)}
        for pk, title, end_date in _home_results()
    ]
    festival_rows = _home_festival(year=today.year)
    festival = None
    if festival_rows:
        edition, title, theme, start_date, end_date = festival_rows[0]
        festival = {
            "edition": edition, "title": title, "theme": theme, "start_date": start_date, "end_date": end_date,
            "url": object_path("events:festival_detail", edition, "edition"),
        }
    return {
        "notices": notices[:6],
        "headline": headline,
        "news": [a for a in news if a is not headline][:5],
        "upcoming": upcoming,
        "results": results,
        "grassroots_news": articles["jiceng"],
        "festival": festival,
    }


def unit_figures(unit, year: int) -> list[tuple[str, int]]:
    """A member unit's figures for the year, for its coordinator's workbench."""
    from events.models import Award, Entry
    from events.models.entries import ACTIVE_STATUSES
    from grassroots.models import Organisation, Person, Team
    from training.models import Nomination
    from training.models.nominations import TRAINED_STATUSES

    people = Person.objects.filter(member_unit=unit, is_active=True).count()
    orgs = Organisation.objects.filter(member_unit=unit).exclude(pk=unit.pk).count()
    teams = Team.objects.filter(organisation__member_unit=unit, is_active=True).count()
    entries = Entry.objects.filter(unit=unit, event__start_date__year=year, status__in=ACTIVE_STATUSES).count()
    awards = Award.objects.filter(entry__unit=unit, event__start_date__year=year).count()
    nominations = Nomination.objects.filter(unit=unit, course__starts_on__year=year).aggregate(
        total=Count("id"), trained=Count("id", filter=Q(status__in=TRAINED_STATUSES))
    )
    return [
        (_("健身骨干和会员"), people),
        (_("基层组织"), orgs),
        (_("健身队伍"), teams),
        (_("赛事报名"), entries),
        (_("获奖"), awards),
        (_("培训推荐"), nominations["total"]),
        (_("参加培训"), nominations["trained"]),
    ]
