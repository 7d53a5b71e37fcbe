"""The annual report (年度工作总结的数据): every figure computed from the records of one year.

Each part is a small table (title, header, rows) plus sentences staff can paste into their
工作总结; the same parts feed the page, the Excel workbook (one sheet per part) and the Word file.
"""

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from common.choices import Level


def about(n: int) -> str:
    """How a work summary rounds: 100余名, 1000余; small numbers stay exact."""
    if n >= 1000:
        return f"{n // 1000 * 1000}余"
    if n >= 100:
        return f"{n // 100 * 100}余"
    return str(n)


@dataclass
class Part:
    key: str
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.rows


@dataclass
class AnnualReport:
    year: int
    parts: list[Part]
    figures: dict

    @property
    def empty(self) -> bool:
        return all(part.empty for part in self.parts)

    def part(self, key: str) -> Part:
        return next(p for p in self.parts if p.key == key)


def _festival_part(year: int, figures: dict) -> Part:
    from events.models import Entry, EntryMember, Event, EventKind, Festival
    from events.models.entries import EntryStatus

    part = Part("festival", _("老年文体艺术节"), [_("艺术节"), _("交流比赛（项）"), _("参赛队伍"), _("参赛人数")])
    held = people = 0
    for festival in Festival.objects.filter(year=year).order_by("edition"):
        events = Event.objects.published().filter(festival=festival, kind=EventKind.FESTIVAL)
        n_events = events.count()
        entries = Entry.objects.filter(event__in=events, status__in=(EntryStatus.SUBMITTED, EntryStatus.ACCEPTED))
        n_entries = entries.count()
        n_people = EntryMember.objects.filter(entry__in=entries, is_active=True).values("person_id").distinct().count()
        part.rows.append([festival.title, n_events, n_entries, n_people])
        held += n_events
        people += n_people
        sentence = _("成功举办了%(title)s，共举办交流比赛%(events)s项") % {"title": festival.title, "events": n_events}
        if n_entries:
            sentence += _("，%(entries)s支队伍、%(people)s名老年人参赛") % {"entries": n_entries, "people": n_people}
        part.sentences.append(sentence + "。")
    figures["festival_contests"] = held
    figures["festival_people"] = people
    return part


def _events_part(year: int, figures: dict) -> Part:
    from events.models import Event, EventKind

    levels = list(Level)
    part = Part("events", _("赛事活动（按类别和级别）"), [_("类别"), *[str(level.label) for level in levels], _("合计")])
    table: dict = {}
    for row in Event.objects.published().filter(start_date__year=year).values("kind", "level").annotate(n=Count("id")).order_by():
        table.setdefault(row["kind"], Counter())[row["level"]] += row["n"]
    total = 0
    for kind in EventKind:
        cells = table.get(kind.value, Counter())
        if not cells:
            continue
        n = sum(cells.values())
        total += n
        part.rows.append([str(kind.label), *[cells.get(level.value, 0) for level in levels], n])
    figures["events_total"] = total
    figures["events_by_kind"] = {row[0]: row[-1] for row in part.rows}
    if total:
        part.sentences.append(
            _("全年举办和参加各类赛事活动%(n)s项，其中%(list)s。")
            % {"n": total, "list": "，".join(f"{row[0]}{row[-1]}项" for row in part.rows)}
        )
    return part


def award_phrase(award) -> str:
    """柔力球单拍集体自选《兵哥哥》优胜奖: project, item, the team's own routine title, award."""
    item = award.entry.item
    project = item.project or award.event.project
    name = item.name or item.display_name
    extra = item.set_number or item.routine_title or award.entry.routine_title
    if extra and extra not in name:
        name += extra
    name = name.replace(" ", "").replace("套路《", "《")
    prefix = project.name if project and not name.startswith(project.name) else ""
    label = award.label
    for overlap in range(min(len(name), len(label)), 0, -1):
        if name.endswith(label[:overlap]):
            label = label[overlap:]
            break
    return f"{prefix}{name}{label}"


def _awards_part(year: int, figures: dict) -> Part:
    from events.models import Award

    part = Part("awards", _("全国、全省比赛获奖"), [_("级别"), _("赛事"), _("获奖项目和奖项"), _("代表队")])
    awards = (
        Award.objects.filter(
            event__start_date__year=year, event__level__in=(Level.NATIONAL, Level.PROVINCIAL), event__results_released=True
        )
        .select_related("event__project", "entry__item__project", "entry__item__age_group")
        .order_by("event__level", "event__start_date", "event_id", "entry__item__sort_order", "pk")
    )
    counts = Counter()
    for award in awards:
        phrase = award_phrase(award)
        part.rows.append([award.event.get_level_display(), award.event.title, phrase, award.entry.team_name])
        counts[award.event.level] += 1
    figures["awards_national"] = counts.get(Level.NATIONAL, 0)
    figures["awards_provincial"] = counts.get(Level.PROVINCIAL, 0)
    figures["award_phrases"] = [row[2] for row in part.rows]
    for level in (Level.NATIONAL, Level.PROVINCIAL):
        phrases = [row[2] for row in part.rows if row[0] == str(level.label)]
        if phrases:
            part.sentences.append(
                _("参加%(level)s比赛获奖%(n)s项：%(list)s。") % {"level": level.label, "n": len(phrases), "list": "；".join(phrases)}
            )
    return part


def _training_part(year: int, figures: dict) -> Part:
    from training.selectors import training_figures

    data = training_figures(year)
    part = Part("training", _("培训"), [_("单位"), *data.level_labels, _("选派国家、省培训"), _("市、县培训"), _("合计")])
    for row in [*data.by_unit, data.totals]:
        if row.total:
            part.rows.append([row.label, *row.by_level, row.sent_up, row.local, row.total])
    figures["trained_sent_up"] = data.totals.sent_up
    figures["trained_local"] = data.totals.local
    if data.totals.total:
        part.sentences.append(
            _("选派%(sent)s名健身骨干参加了国家和省老体协、体育局组织的培训学习。") % {"sent": about(data.totals.sent_up)}
        )
        part.sentences.append(_("深入各县（市、区）举办培训，%(local)s基层健身骨干参加培训。") % {"local": about(data.totals.local)})
        part.sentences.append(
            _("（准确人次：选派%(sent)s人次，市、县培训%(local)s人次。）") % {"sent": data.totals.sent_up, "local": data.totals.local}
        )
    return part


def _grassroots_part(year: int, figures: dict) -> Part:
    from grassroots.models import Campaign
    from grassroots.selectors import campaign_dashboard, dashboard_totals

    part = Part("grassroots", _("基层组织建设验收"), [_("县（市、区）"), _("参评组织"), _("已验收"), _("优秀"), _("合格"), _("不合格")])
    campaign = Campaign.objects.filter(year=year).first()
    figures["inspected"] = 0
    if campaign is None:
        return part
    rows = [row for row in campaign_dashboard(campaign=campaign, user_unit=None) if row.registered or row.inspected]
    total = dashboard_totals(rows)
    for row in [*rows, total]:
        part.rows.append([row.label, row.registered, row.inspected, row.excellent, row.passed, row.failed])
    figures["inspected"] = total.inspected
    figures["inspected_excellent"] = total.excellent
    figures["inspected_passed"] = total.passed
    figures["inspected_failed"] = total.failed
    if total.inspected:
        part.sentences.append(
            _("开展“%(title)s”，验收基层组织%(n)s个，其中优秀%(e)s个、合格%(p)s个、不合格%(f)s个。")
            % {"title": campaign.title, "n": total.inspected, "e": total.excellent, "p": total.passed, "f": total.failed}
        )
    return part


def _outreach_part(year: int, figures: dict) -> Part:
    from events.selectors import outreach_table

    part = Part("outreach", _("走基层活动（按县）"), [_("县（市、区）"), _("活动场次"), _("活动")])
    total = 0
    for row in outreach_table(year):
        n = len(row["events"])
        total += n
        part.rows.append([row["county"].display_name, n, "、".join(e.title for e in row["events"])])
    figures["outreach_total"] = total
    if not total:
        part.rows = []
    else:
        part.sentences.append(_("开展老年体育健身项目走基层活动%(n)s场。") % {"n": total})
    return part


def _news_part(year: int, figures: dict) -> Part:
    from news.models import Article, Section
    from news.models.articles import ArticleStatus

    part = Part("news", _("信息宣传（按栏目发布）"), [_("栏目"), _("发布篇数")])
    counts = dict(
        Article.objects.filter(status=ArticleStatus.PUBLISHED, published_at__year=year)
        .values("section_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("section_id", "n")
    )
    total = 0
    for section in Section.objects.filter(pk__in=counts).order_by("sort_order", "pk"):
        part.rows.append([section.name, counts[section.pk]])
        total += counts[section.pk]
    figures["news_total"] = total
    if total:
        part.sentences.append(_("网站全年发布稿件%(n)s篇。") % {"n": total})
    return part


def annual_report(year: int) -> AnnualReport:
    figures: dict = {"year": year}
    builders = (_festival_part, _events_part, _awards_part, _training_part, _grassroots_part, _outreach_part, _news_part)
    parts = [build(year, figures) for build in builders]
    return AnnualReport(year=year, parts=parts, figures=figures)


def report_years() -> list[int]:
    from events.models import Event

    this_year = dt.date.today().year
    years = {d.year for d in Event.objects.dates("start_date", "year")}
    years.add(this_year)
    return sorted(years, reverse=True)


def to_xlsx(report: AnnualReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for part in report.parts:
        sheet = book.create_sheet(part.title[:31].replace("/", "、"))
        sheet.append([f"{report.year}年 {part.title}"])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append(part.header)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        if part.empty:
            sheet.append([_("本年度没有记录。")])
        for row in part.rows:
            sheet.append(row)
        if part.sentences:
            sheet.append([])
            for sentence in part.sentences:
                sheet.append([sentence])
        for column, width in zip("ABCDEFGH", (24, 14, 40, 16, 12, 12, 14, 12), strict=False):
            sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_docx(report: AnnualReport) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading(_("%(year)s年工作总结数据") % {"year": report.year}, level=1)
    if report.empty:
        doc.add_paragraph(_("%(year)s年没有记录，本报告为空。") % {"year": report.year})
    for number, part in enumerate(report.parts, start=1):
        doc.add_heading(f"{number}、{part.title}", level=2)
        for sentence in part.sentences:
            doc.add_paragraph(sentence)
        if part.empty:
            doc.add_paragraph(_("本年度没有记录。"))
            continue
        table = doc.add_table(rows=1, cols=len(part.header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, part.header, strict=False):
            cell.text = str(text)
        for row in part.rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=False):
                cell.text = str(value)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
