"""Site-wide reads that gather from every app: the home page and the workbench figures.
Each function issues a fixed number of queries whatever the number of rows."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _


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


def home_context(today: dt.date | None = None) -> dict:
    from events.models import Event, Festival
    from events.selectors import upcoming_soonest
    from news.models import Article, Document

    today = today or timezone.localdate()
    # Only the columns the home page shows: fewer columns are less SQL to compile and less to read.
    articles = Article.objects.published().titles()
    notices = [
        Notice(a.title, a.get_absolute_url(), _day(a.published_at), "通知")
        for a in articles.filter(section__slug="tongzhi").order_by("-published_at", "-pk")[:6]
    ]
    notices += [
        Notice(d.title, d.get_absolute_url(), d.signed_on, "文件")
        for d in Document.objects.published().newest_first().only("pk", "title", "signed_on")[:6]
    ]
    notices.sort(key=lambda n: n.date, reverse=True)
    news = list(articles.filter(section__slug="dongtai").order_by("-pinned", "-published_at", "-pk")[:6])
    headline = next((a for a in news if a.cover), news[0] if news else None)
    events = Event.objects.published().only(
        "pk", "title", "kind", "start_date", "end_date", "registration_opens", "registration_closes", "is_published", "results_released"
    )
    upcoming = upcoming_soonest(events, today, 5)
    results = list(events.filter(results_released=True).order_by("-end_date", "-pk")[:4])
    grassroots = list(articles.filter(section__slug="jiceng").order_by("-published_at", "-pk")[:4])
    festival = Festival.objects.filter(year__lte=today.year).order_by("-year", "-edition").first()
    return {
        "notices": notices[:6],
        "headline": headline,
        "news": [a for a in news if a is not headline][:5],
        "upcoming": upcoming,
        "results": results,
        "grassroots_news": grassroots,
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
