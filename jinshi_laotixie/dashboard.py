"""The staff dashboard (/dashboard/): the year's key figures, each with a chart and a table whose
rows link to the filtered admin changelist behind them. A fixed number of grouped queries."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .report_views import secretariat_required


@dataclass
class Panel:
    key: str
    title: str
    header: list[str]
    rows: list[dict] = field(default_factory=list)  # {"label", "values": [...], "url"}
    series: list[str] = field(default_factory=list)
    stacked: bool = False

    @property
    def chart_spec(self) -> dict:
        return {
            "type": "bar",
            "labels": [row["label"] for row in self.rows],
            "datasets": [{"label": name, "data": [row["values"][i] for row in self.rows]} for i, name in enumerate(self.series)],
            "stacked": self.stacked,
            "horizontal": False,
        }


def _admin(name: str, **params) -> str:
    url = reverse(f"admin:{name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def _events_panel(year: int) -> Panel:
    from events.models import Event, EventKind

    counts = dict(Event.objects.filter(start_date__year=year).values("kind").annotate(n=Count("id")).order_by().values_list("kind", "n"))
    panel = Panel("events", _("赛事活动（按类别）"), [_("类别"), _("项数")], series=[_("赛事活动")])
    for kind in EventKind:
        panel.rows.append({"label": str(kind.label), "values": [counts.get(kind.value, 0)],
                           "url": _admin("events_event", kind__exact=kind.value, start_date__year=year)})
    return panel


def _entries_panel(year: int) -> Panel:
    from events.models import Award, Entry, EventKind
    from events.models.entries import ACTIVE_STATUSES

    entries = dict(
        Entry.objects.filter(event__start_date__year=year, status__in=ACTIVE_STATUSES)
        .values("event__kind").annotate(n=Count("id")).order_by().values_list("event__kind", "n")
    )
    awards = dict(
        Award.objects.filter(event__start_date__year=year).values("event__kind").annotate(n=Count("id")).order_by().values_list("event__kind", "n")
    )
    panel = Panel("entries", _("报名队伍和获奖"), [_("类别"), _("报名队伍"), _("奖项")], series=[_("报名队伍"), _("奖项")])
    for kind in EventKind:
        panel.rows.append({"label": str(kind.label), "values": [entries.get(kind.value, 0), awards.get(kind.value, 0)],
                           "url": _admin("events_entry", event__kind__exact=kind.value)})
    return panel


def _training_panel(year: int) -> Panel:
    from training.selectors import training_figures

    data = training_figures(year)
    panel = Panel("training", _("培训人次（按单位）"), [_("单位"), _("选派国家、省培训"), _("市、县培训")],
                  series=[_("选派国家、省培训"), _("市、县培训")], stacked=True)
    units = {}
    from grassroots.models import Organisation

    units = {u.display_name: u.pk for u in Organisation.objects.member_units()}
    for row in data.by_unit:
        panel.rows.append({"label": row.label, "values": [row.sent_up, row.local],
                           "url": _admin("training_nomination", unit__id__exact=units.get(row.label, ""),
                                         **{"course__starts_on__gte": f"{year}-01-01", "course__starts_on__lt": f"{year + 1}-01-01"})})
    return panel


def _inspections_panel(year: int) -> Panel:
    from grassroots.models import Campaign
    from grassroots.selectors import campaign_dashboard

    panel = Panel("inspections", _("基层组织验收（按县）"), [_("县（市、区）"), _("优秀"), _("合格"), _("不合格")],
                  series=[_("优秀"), _("合格"), _("不合格")], stacked=True)
    campaign = Campaign.objects.filter(year=year).first()
    if campaign is None:
        return panel
    for row in campaign_dashboard(campaign=campaign, user_unit=None):
        panel.rows.append({"label": row.label, "values": [row.excellent, row.passed, row.failed],
                           "url": _admin("grassroots_inspection", campaign__id__exact=campaign.pk, unit=row.key)})
    return panel


def _news_panel(year: int) -> Panel:
    from news.models import Article, Section
    from news.models.articles import ArticleStatus

    counts = dict(
        Article.objects.filter(status=ArticleStatus.PUBLISHED, published_at__year=year)
        .values("section_id").annotate(n=Count("id")).order_by().values_list("section_id", "n")
    )
    panel = Panel("news", _("新闻发布（按栏目）"), [_("栏目"), _("篇数")], series=[_("篇数")])
    for section in Section.objects.order_by("sort_order", "pk"):
        panel.rows.append({"label": section.name, "values": [counts.get(section.pk, 0)],
                           "url": _admin("news_article", section__id__exact=section.pk, status__exact=ArticleStatus.PUBLISHED,
                                         published_at__year=year)})
    return panel


def _outreach_panel(year: int) -> Panel:
    from events.selectors import outreach_table

    panel = Panel("outreach", _("走基层（按县）"), [_("县（市、区）"), _("场次")], series=[_("走基层")])
    for row in outreach_table(year):
        panel.rows.append({"label": row["county"].display_name, "values": [len(row["events"])],
                           "url": _admin("events_event", kind__exact="outreach", start_date__year=year)})
    return panel


def dashboard_panels(year: int) -> list[Panel]:
    return [build(year) for build in (_events_panel, _entries_panel, _training_panel, _inspections_panel, _news_panel, _outreach_panel)]


@secretariat_required
def dashboard(request):
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year") or this_year)
    except ValueError:
        year = this_year
    if not 1990 <= year <= 2100:
        year = this_year
    panels = dashboard_panels(year)
    years = list(range(this_year, this_year - 6, -1))
    if year not in years:
        years.append(year)
    return render(request, "dashboard/index.html", {"year": year, "years": years, "panels": panels})
