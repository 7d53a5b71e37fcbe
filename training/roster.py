"""The roster (花名册) of a course as an Excel workbook: export, and import all or nothing.

Row 1 names the course ("培训班编号：12 …"), row 2 holds exactly the DOMAIN.md columns, people
follow from row 3. An import either applies every row or nothing, and names each bad row.
"""

import datetime as dt
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from common.cache import bump
from common.choices import Gender
from common.identity import normalise_id_number, normalise_mobile, parse_id_number, validate_mobile
from grassroots.models import Organisation, Person

from .models import Course, Nomination, NominationStatus

COLUMNS = [
    "序号", "姓名", "性别", "出生年月", "身份证号", "所属单位", "项目", "类别", "原等级",
    "培训后等级", "证书编号", "发证机构", "发证日期", "考核结果", "联系电话", "备注",
]
TITLE_PATTERN = re.compile(r"培训班编号[：:]\s*(\d+)")
STATUS_BY_LABEL = {str(choice.label): choice.value for choice in NominationStatus}


def roster_rows(course: Course):
    nominations = course.nominations.select_related("person", "person__organisation", "unit").order_by("unit__sort_order", "pk")
    project = course.project.name if course.project_id else ""
    for number, n in enumerate(nominations, start=1):
        person = n.person
        yield [
            number, person.name, person.get_gender_display(), person.birth_date.strftime("%Y-%m"), person.id_number,
            person.organisation.name, project, course.get_kind_display(), n.previous_grade, n.new_grade,
            n.certificate_number, n.certificate_issuer, n.certificate_date.isoformat() if n.certificate_date else "",
            n.get_status_display(), person.phone, n.remark,
        ]


def roster_export(course: Course) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("花名册")
    sheet.append([f"培训班编号：{course.pk}  {course.title}（{course.starts_on:%Y-%m-%d}至{course.ends_on:%Y-%m-%d}）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(COLUMNS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for row in roster_rows(course):
        sheet.append(row)
    widths = [6, 10, 6, 10, 22, 18, 10, 14, 16, 16, 22, 22, 12, 10, 14, 16]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    # ID numbers and phones as text, so Excel shows all 18 digits instead of 1.4E+17.
    for row in sheet.iter_rows(min_row=3):
        for index in (4, 14):
            row[index].number_format = "@"
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass
class ImportReport:
    course: Course | None = None
    errors: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    people_created: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip().replace("/", "-").replace(".", "-"))


def roster_import(data: bytes, *, apply: bool = True) -> ImportReport:
    """Read a roster workbook; when every row is good (and apply is True) write it in one transaction."""
    report = ImportReport()
    try:
        book = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception:  # any unreadable file gets the same answer
        report.errors.append(_("无法读取文件：请上传 Excel（.xlsx）格式的花名册。"))
        return report
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    if len(rows) < 2:
        report.errors.append(_("文件是空的：第1行应为培训班编号，第2行为表头。"))
        return report
    match = TITLE_PATTERN.search(_text(rows[0][0] if rows[0] else ""))
    course = Course.objects.filter(pk=int(match.group(1))).first() if match else None
    if course is None:
        report.errors.append(_("第1行：找不到培训班（应写“培训班编号：数字”，编号见导出的花名册），整个文件未导入。"))
        return report
    report.course = course
    header = [_text(v) for v in rows[1][: len(COLUMNS)]]
    if header != COLUMNS:
        report.errors.append(_("第2行：表头应依次为 %(cols)s。") % {"cols": "、".join(COLUMNS)})
        return report
    units = {o.name: o for o in Organisation.objects.all()}
    units.update({o.short_name: o for o in Organisation.objects.exclude(short_name="")})
    planned = []
    seen_ids: dict[str, int] = {}
    for line, raw in enumerate(rows[2:], start=3):
        values = dict(zip(COLUMNS, [_text(v) for v in (list(raw) + [None] * len(COLUMNS))[: len(COLUMNS)]], strict=True))
        if not any(values[c] for c in COLUMNS[1:]):
            continue
        problems = []
        id_number = normalise_id_number(values["身份证号"])
        facts = None
        try:
            facts = parse_id_number(id_number)
        except ValidationError as exc:
            problems.append(_("身份证号“%(id)s”有误：%(why)s") % {"id": values["身份证号"], "why": "".join(exc.messages)})
        if id_number in seen_ids:
            problems.append(_("身份证号与第%(line)d行重复") % {"line": seen_ids[id_number]})
        seen_ids.setdefault(id_number, line)
        if not values["姓名"]:
            problems.append(_("姓名为空"))
        gender = {str(g.label): g.value for g in Gender}.get(values["性别"])
        if values["性别"] and gender is None:
            problems.append(_("性别应为“男”或“女”"))
        if facts and gender and gender != facts.gender:
            problems.append(_("性别与身份证号不一致"))
        unit = units.get(values["所属单位"])
        if unit is None:
            problems.append(_("所属单位“%(unit)s”不存在") % {"unit": values["所属单位"]})
        elif unit.level < 2:
            problems.append(_("所属单位应为县（市、区）或其下的组织"))
        if values["项目"] != (course.project.name if course.project_id else ""):
            problems.append(_("项目“%(p)s”与培训班不符") % {"p": values["项目"]})
        status = STATUS_BY_LABEL.get(values["考核结果"] or str(NominationStatus.NOMINATED.label))
        if status is None:
            problems.append(_("考核结果应为：%(list)s") % {"list": "、".join(STATUS_BY_LABEL)})
        phone = normalise_mobile(values["联系电话"])
        if phone:
            try:
                validate_mobile(phone)
            except ValidationError:
                problems.append(_("联系电话“%(p)s”不是11位手机号") % {"p": values["联系电话"]})
        try:
            cert_date = _date(values["发证日期"])
        except ValueError:
            problems.append(_("发证日期“%(d)s”应写成 2022-10-01") % {"d": values["发证日期"]})
            cert_date = None
        if cert_date and cert_date < course.ends_on:
            problems.append(_("发证日期早于培训班结束日期"))
        person = Person.objects.filter(id_number=id_number).select_related("organisation").first() if facts else None
        if person is not None and values["姓名"] and person.name != values["姓名"]:
            problems.append(_("身份证号已登记为“%(name)s”，与姓名“%(given)s”不符") % {"name": person.name, "given": values["姓名"]})
        if problems:
            report.errors.append(_("第%(line)d行（%(name)s）：%(problems)s。") % {
                "line": line, "name": values["姓名"] or "—", "problems": "；".join(problems),
            })
            continue
        planned.append((values, id_number, facts, unit, status, phone, cert_date, person))
    if report.errors or not apply:
        return report
    with transaction.atomic():
        for values, id_number, facts, unit, status, phone, cert_date, person in planned:
            if person is None:
                person = Person(
                    name=values["姓名"], gender=facts.gender, birth_date=facts.birth_date, id_number=id_number,
                    phone=phone, organisation=unit,
                )
                person.full_clean()
                person.save()
                report.people_created += 1
            wanted = {
                "status": status, "previous_grade": values["原等级"], "new_grade": values["培训后等级"],
                "certificate_number": values["证书编号"], "certificate_issuer": values["发证机构"],
                "certificate_date": cert_date, "remark": values["备注"],
            }
            nomination = Nomination.objects.filter(course=course, person=person).first()
            if nomination is None:
                nomination = Nomination(course=course, person=person, unit_id=person.member_unit_id, **wanted)
                nomination.full_clean()
                nomination.save()
                report.created += 1
            elif any(getattr(nomination, k) != v for k, v in wanted.items()):
                for key, value in wanted.items():
                    setattr(nomination, key, value)
                nomination.full_clean()
                nomination.save()
                report.updated += 1
            else:
                report.unchanged += 1
    bump("training")
    return report
