"""Excel workbooks: a unit's entry form (报名表), the event's entries (报名汇总) and its results."""

import io

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .models import Award, Event

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _book(title: str, header: list[str], rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for row in rows:
        sheet.append(row)
    for column, width in zip("ABCDEFGHIJKL", (14, 18, 20, 30, 12, 12, 16, 40, 12, 12), strict=False):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def entries_workbook(event: Event, entries, *, masked: bool) -> bytes:
    header = ["单位", "比赛项目", "队名", "套路名称", "状态", "领队", "联系电话", "队员（姓名/性别/出生年月/身份证号）", "人数"]
    rows = []
    for entry in entries:
        people = [
            f"{m.person.name}/{m.person.get_gender_display()}/{m.person.birth_date:%Y-%m}/"
            f"{m.person.masked_id_number if masked else m.person.id_number}"
            for m in entry.members.all()
        ]
        rows.append([
            entry.unit.display_name, entry.item.display_name, entry.team_name, entry.routine_title,
            entry.get_status_display(), entry.leader_name, entry.contact_phone,
            "；".join(people) or entry.participants_text, len(people),
        ])
    return _book(f"{event.title} 报名汇总", header, rows)


def results_workbook(event: Event) -> bytes:
    awards = Award.objects.filter(event=event).annotate_sort().for_results()
    rows = [
        [a.entry.item.display_name, a.entry.unit.display_name, a.entry.team_name, a.label, a.rank or "",
         float(a.score) if a.score is not None else "", a.certificate_number]
        for a in awards
    ]
    return _book(f"{event.title} 成绩", ["项目", "单位", "队名", "奖项", "名次", "成绩", "证书编号"], rows)
