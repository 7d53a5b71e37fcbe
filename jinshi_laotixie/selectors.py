"""Site-wide reads that gather from every app: the home page and the workbench figures.
Each function issues a fixed number of queries whatever the number of rows."""

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

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


def home_articles(now: dt.datetime) -> dict[str, list[HomeArticle]]:
    """The home page's article lists by section slug. On PostgreSQL one query, a UNION ALL of the
    three LIMITed lists (each still read by its index); SQLite takes no LIMIT inside a UNION, so
    there it is three queries. Each list is sorted here again: a UNION promises no order."""
    from news.models import Article

    published = Article.objects.published(now)
    parts = [
        published.filter(section__slug=slug).order_by(*order)
        .values_list("pk", "title", "published_at", "cover", "cover_caption", "pinned", "section__slug")[:limit]
        for slug, limit, order in HOME_ARTICLE_LISTS
    ]
    if connection.features.supports_slicing_ordering_in_compound:
        rows = list(parts[0].union(*parts[1:], all=True))
    else:
        rows = [row for part in parts for row in part]
    lists: dict[str, list[HomeArticle]] = {slug: [] for slug, _limit, _order in HOME_ARTICLE_LISTS}
    for *fields, slug in rows:
        lists[slug].append(HomeArticle(*fields))
    for slug, _limit, order in HOME_ARTICLE_LISTS:
        pinned_first = "-pinned" in order
        lists[slug].sort(key=lambda a: (a.pinned if pinned_first else False, a.published_at, a.pk), reverse=True)
    return lists


def home_context(today: dt.date | None = None) -> dict:
    from events.models import Event, Festival
    from events.selectors import upcoming_soonest
    from news.models import Document

    today = today or timezone.localdate()
    articles = home_articles(timezone.now())
    notices = [Notice(a.title, a.url, _day(a.published_at), "通知") for a in articles["tongzhi"]]
    notices += [
        Notice(title, object_path("news:document_detail", pk), signed_on, "文件")
        for pk, title, signed_on in Document.objects.published().newest_first().values_list("pk", "title", "signed_on")[:6]
    ]
    notices.sort(key=lambda n: n.date, reverse=True)
    news = articles["dongtai"]
    headline = next((a for a in news if a.cover), news[0] if news else None)
    events = Event.objects.published().only(
        "pk", "title", "kind", "start_date", "end_date", "registration_opens", "registration_closes", "is_published", "results_released"
    )
    upcoming = upcoming_soonest(events, today, 5)
    results = [
        {"title": title, "end_date": end_date, "url": object_path("events:event_detail", pk)}
        for pk, title, end_date in events.filter(results_released=True).order_by("-end_date", "-pk").values_list("pk", "title", "end_date")[:4]
    ]
    festival = (
        Festival.objects.filter(year__lte=today.year).order_by("-year", "-edition")
        .values("edition", "title", "theme", "start_date", "end_date").first()
    )
    if festival is not None:
        festival["url"] = object_path("events:festival_detail", festival["edition"], "edition")
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
