"""Excel in and out for the portal. Imports are all-or-nothing: any bad row writes nothing, and
the report says which rows and why, in Chinese."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from accounts.roles import is_secretariat
from common.cache import bump
from common.choices import Gender, labels
from common.excel import xlsx_response  # streams: flat memory for 100,000 rows

from . import services
from .models import FundingMode, Organisation, OrgLevel, OrgStatus, Person, PersonRole, Team, Venue

# Measured by `make bench` (issue 9): 10,000 people validate and save well inside 60 s, because the
# registered-ID check is one query per 1,000 rows and organisation names are looked up once each.
MAX_IMPORT_ROWS = 10_000


def _yes(value: bool) -> str:
    return "是" if value else "否"


# ---- export ------------------------------------------------------------------------------------

ORG_HEADER = ["上级组织", "名称", "层级", "地址", "联系人", "联系电话", "公开电话", "成立日期", "办公面积（㎡）", "经费方式", "挂牌", "制度上墙", "队伍数", "骨干数", "状态"]


def export_organisations(user):
    orgs = (
        Organisation.objects.for_user(user).filter(level__gte=OrgLevel.TOWNSHIP)
        .select_related("parent").order_by("member_unit__sort_order", "level", "parent__name", "name")
    )
    rows = (
        [o.parent.name if o.parent else "", o.name, o.get_level_display(), o.address, o.contact_person, o.contact_phone,
         _yes(o.phone_public), o.founded_on, float(o.office_area_m2) if o.office_area_m2 is not None else None,
         o.get_funding_mode_display() if o.funding_mode else "", _yes(o.has_sign), _yes(o.rules_on_wall),
         o.team_count, o.activist_count, o.get_status_display()]
        for o in orgs.iterator(chunk_size=500)
    )
    return xlsx_response("organisations.xlsx", ORG_HEADER, rows)


PERSON_HEADER = ["姓名", "性别", "出生日期", "身份证号", "手机号", "所属组织", "身份", "备注"]


def export_people(user):
    """Streamed: rows are read 2,000 at a time as plain tuples, and the choice labels are looked up
    in dicts made once (get_FOO_display() translated every choice for every row: 100,000 people
    spent most of their time there)."""
    from common.identity import mask_id_number

    staff = is_secretariat(user)
    genders, roles = labels(Gender), labels(PersonRole)
    people = (
        Person.objects.for_user(user).order_by("member_unit_id", "name", "pk")
        .values_list("name", "gender", "birth_date", "id_number", "phone", "organisation__name", "role", "note")
    )
    rows = (
        [name, genders.get(gender, gender), birth, id_number if staff else (mask_id_number(id_number) if id_number else ""),
         phone, org, roles.get(role, role), note]
        for name, gender, birth, id_number, phone, org, role, note in people.iterator(chunk_size=2000)
    )
    return xlsx_response("people.xlsx", PERSON_HEADER, rows)


def export_venues(user):
    venues = Venue.objects.for_user(user).select_related("organisation").prefetch_related("projects").order_by("organisation__name", "name")
    header = ["所属组织", "场地名称", "地址", "室内/室外", "面积（㎡）", "适合项目", "开放时间", "公开"]
    rows = (
        [v.organisation.name, v.name, v.address, v.get_kind_display(), float(v.area_m2) if v.area_m2 is not None else None,
         "、".join(p.name for p in v.projects.all()), v.opening_hours, _yes(v.is_public)]
        for v in venues
    )
    return xlsx_response("venues.xlsx", header, rows)


def export_teams(user):
    teams = Team.objects.for_user(user).select_related("organisation", "project", "leader", "venue").order_by("organisation__name", "name")
    header = ["所属组织", "队伍名称", "项目", "队长", "人数", "活动场地", "活动时间", "活动中"]
    rows = (
        [t.organisation.name, t.name, t.project.name, t.leader.name if t.leader else "", t.member_count,
         t.venue.name if t.venue else "", t.schedule_display, _yes(t.is_active)]
        for t in teams.iterator(chunk_size=500)
    )
    return xlsx_response("teams.xlsx", header, rows)


def template_response(kind: str):
    if kind == "organisations":
        example = [["巴公镇", "新建村老体协", "行政村/社区", "巴公镇新建村", "张三", "13912345678", "否", "2021-05-01", 40, "定额划拨", "是", "是", 3, 20]]
        return xlsx_response("organisations-template.xlsx", ORG_HEADER[:-1], example)
    example = [["李桂兰", "女", "1956-03-08", "", "13912345678", "巴公镇", "健身骨干", ""]]
    return xlsx_response("people-template.xlsx", PERSON_HEADER, example)


# ---- import --------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    errors: list[tuple[int, list[str]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _read_rows(upload, expected: list[str]):
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:
        raise ValidationError(_("无法读取这个 Excel 文件，请用模板重新填写后上传。"))
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(c or "").strip() for c in next(rows, ())]
    missing = [name for name in expected if name not in header]
    if missing:
        raise ValidationError(_("表头缺少这些列：%(cols)s。请使用模板。") % {"cols": "、".join(missing)})
    index = {name: position for position, name in enumerate(header) if name}
    data = []
    for number, row in enumerate(rows, start=2):
        if row is None or all(c in (None, "") for c in row):
            continue
        data.append((number, {name: row[i] if i < len(row) else None for name, i in index.items()}))
        if len(data) > MAX_IMPORT_ROWS:
            raise ValidationError(_("一次最多导入 %(n)d 行，请分批导入。") % {"n": MAX_IMPORT_ROWS})
    return data


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _bool(value, label, errors) -> bool:
    text = _text(value)
    if text in ("是", "Y", "y", "1", "TRUE", "True"):
        return True
    if text in ("", "否", "N", "n", "0", "FALSE", "False"):
        return False
    errors.append(_("“%(label)s”只能填“是”或“否”") % {"label": label})
    return False


def _date(value, label, errors, required=False):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        if required:
            errors.append(_("“%(label)s”不能为空") % {"label": label})
        return None
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    errors.append(_("“%(label)s”日期格式不对，请写成 1956-03-08") % {"label": label})
    return None


def _int(value, label, errors) -> int:
    text = _text(value)
    if not text:
        return 0
    try:
        number = int(Decimal(text))
    except (InvalidOperation, ValueError):
        errors.append(_("“%(label)s”应为整数") % {"label": label})
        return 0
    if number < 0:
        errors.append(_("“%(label)s”不能为负数") % {"label": label})
        return 0
    return number


def _choice(value, choices, label, errors, default=""):
    text = _text(value)
    if not text:
        return default
    for key, name in choices:
        if text in (str(name), key):
            return key
    errors.append(_("“%(label)s”无法识别“%(value)s”，可填：%(options)s") % {"label": label, "value": text, "options": "、".join(str(n) for _k, n in choices)})
    return default


def _validation_messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        messages = []
        for field_name, field_messages in exc.message_dict.items():
            for message in field_messages:
                messages.append(message if field_name == "__all__" else f"{_field_label(field_name)}：{message}")
        return messages
    return list(exc.messages)


_LABELS = {
    "parent": "上级组织", "name": "名称", "level": "层级", "contact_phone": "联系电话", "founded_on": "成立日期",
    "phone": "手机号", "id_number": "身份证号", "birth_date": "出生日期", "gender": "性别", "organisation": "所属组织",
}


def _field_label(name: str) -> str:
    return _LABELS.get(name, name)


def _find_org(name_path: str, scope, levels, errors, label):
    """Find an organisation by name (or "上级/名称") among those the user may act for."""
    if not name_path:
        errors.append(_("“%(label)s”不能为空") % {"label": label})
        return None
    parts = [p.strip() for p in name_path.replace("／", "/").split("/") if p.strip()]
    candidates = scope.filter(level__in=levels, status=OrgStatus.ACTIVE).filter(name=parts[-1])
    if len(parts) > 1:
        candidates = candidates.filter(parent__name=parts[-2])
    found = list(candidates[:2])
    if not found:
        candidates = scope.filter(level__in=levels, status=OrgStatus.ACTIVE).filter(short_name=parts[-1])
        found = list(candidates[:2])
    if not found:
        errors.append(_("“%(label)s”找不到“%(name)s”（只能选择本单位的组织）") % {"label": label, "name": name_path})
        return None
    if len(found) > 1:
        errors.append(_("“%(label)s”有多个“%(name)s”，请写成“上级/名称”") % {"label": label, "name": name_path})
        return None
    return found[0]


def _run_import(rows, build) -> ImportResult:
    """Build and save each row in order (a later row may name an organisation an earlier row
    created); any error rolls everything back."""
    result = ImportResult()
    with transaction.atomic():
        for number, row in rows:
            errors: list[str] = []
            obj = build(row, errors)
            if obj is not None and not errors:
                try:
                    obj.full_clean()
                except ValidationError as exc:
                    errors.extend(_validation_messages(exc))
            if obj is not None and not errors:
                try:
                    with transaction.atomic():
                        obj.save()
                except IntegrityError:
                    errors.append(_("与已有记录重复或不符合层级规则"))
            if errors:
                result.errors.append((number, errors))
            else:
                result.created += 1
        if result.errors:
            transaction.set_rollback(True)
            result.created = 0
    return result


def import_organisations(upload, user) -> ImportResult:
    rows = _read_rows(upload, ["上级组织", "名称", "层级"])
    scope = Organisation.objects.for_user(user)
    levels = {str(OrgLevel.TOWNSHIP.label): OrgLevel.TOWNSHIP, "乡镇": OrgLevel.TOWNSHIP, "街道": OrgLevel.TOWNSHIP,
              str(OrgLevel.VILLAGE.label): OrgLevel.VILLAGE, "行政村": OrgLevel.VILLAGE, "社区": OrgLevel.VILLAGE, "村": OrgLevel.VILLAGE}

    def build(row, errors):
        level = levels.get(_text(row.get("层级")))
        if level is None:
            errors.append(_("“层级”只能填“乡镇/街道”或“行政村/社区”"))
        parent = _find_org(_text(row.get("上级组织")), scope, (OrgLevel.MEMBER_UNIT, OrgLevel.TOWNSHIP), errors, "上级组织")
        name = _text(row.get("名称"))
        if not name:
            errors.append(_("“名称”不能为空"))
        if parent is not None and name and Organisation.objects.filter(parent=parent, name=name).exists():
            errors.append(_("“%(parent)s”下已有“%(name)s”") % {"parent": parent.name, "name": name})
        area_text = _text(row.get("办公面积（㎡）"))
        area = None
        if area_text:
            try:
                area = Decimal(area_text)
            except InvalidOperation:
                errors.append(_("“办公面积（㎡）”应为数字"))
        if errors:
            return None
        return Organisation(
            parent=parent, name=name, level=level, address=_text(row.get("地址")), contact_person=_text(row.get("联系人")),
            contact_phone=_text(row.get("联系电话")), phone_public=_bool(row.get("公开电话"), "公开电话", errors),
            founded_on=_date(row.get("成立日期"), "成立日期", errors), office_area_m2=area,
            funding_mode=_choice(row.get("经费方式"), FundingMode.choices, "经费方式", errors),
            has_sign=_bool(row.get("挂牌"), "挂牌", errors), rules_on_wall=_bool(row.get("制度上墙"), "制度上墙", errors),
            team_count=_int(row.get("队伍数"), "队伍数", errors), activist_count=_int(row.get("骨干数"), "骨干数", errors),
        )

    result = _run_import(rows, build)
    if result.created:
        bump("grassroots")
    return result


def _registered_ids(rows) -> set[str]:
    """The ID numbers of the file that are already registered: one query per 1,000 rows instead of
    one per row (the message itself is still built per duplicate by services.duplicate_id_message)."""
    from common.identity import normalise_id_number

    numbers = sorted({normalise_id_number(_text(row.get("身份证号"))) for _number, row in rows} - {""})
    found: set[str] = set()
    for start in range(0, len(numbers), 1000):
        found.update(Person.objects.filter(id_number__in=numbers[start : start + 1000]).values_list("id_number", flat=True))
    return found


def import_people(upload, user) -> ImportResult:
    from common.identity import normalise_id_number

    rows = _read_rows(upload, ["姓名", "性别", "出生日期", "身份证号", "手机号", "所属组织"])
    scope = Organisation.objects.for_user(user)
    seen: dict[str, int] = {}
    registered = _registered_ids(rows)
    orgs: dict[str, tuple] = {}  # name path -> (organisation or None, its errors): each name looked up once

    def find_org(name_path: str, errors: list[str]):
        if name_path not in orgs:
            found_errors: list[str] = []
            found = _find_org(name_path, scope, (OrgLevel.MEMBER_UNIT, OrgLevel.TOWNSHIP, OrgLevel.VILLAGE), found_errors, "所属组织")
            orgs[name_path] = (found, found_errors)
        found, found_errors = orgs[name_path]
        errors.extend(found_errors)
        return found

    def build(row, errors):
        name = _text(row.get("姓名"))
        if not name:
            errors.append(_("“姓名”不能为空"))
        gender = _choice(row.get("性别"), Gender.choices, "性别", errors)
        if not gender and not errors:
            errors.append(_("“性别”不能为空"))
        birth = _date(row.get("出生日期"), "出生日期", errors, required=True)
        id_number = _text(row.get("身份证号")).upper()
        if id_number:
            if id_number in seen:
                errors.append(_("身份证号与第 %(row)d 行重复") % {"row": seen[id_number]})
            elif normalise_id_number(id_number) in registered:
                message = services.duplicate_id_message(id_number=id_number, user=user)
                if message:
                    errors.append(message)
        org = find_org(_text(row.get("所属组织")), errors)
        role = _choice(row.get("身份"), PersonRole.choices, "身份", errors, default=PersonRole.MEMBER)
        if errors:
            return None
        if id_number:
            seen[id_number] = row_number_of(row)
        person = Person(name=name, gender=gender, birth_date=birth, id_number=id_number, phone=_text(row.get("手机号")),
                        organisation=org, role=role, note=_text(row.get("备注"))[:200])
        return person

    numbered = []
    for number, row in rows:
        row["__row"] = number
        numbered.append((number, row))
    return _run_people_import(numbered, build, user)


def _run_people_import(rows, build, user) -> ImportResult:
    """Like _run_import, all-or-nothing with every row's errors, but written in batches: each row
    is checked first (full_clean without the constraint queries: the one constraint, the unique ID
    number, is checked above for the whole file), then, only when every row is good, the people and
    their history rows go in with bulk_create_with_history, 1,000 at a time. Row by row, save() and
    the constraint checks cost four to six queries per person (10,000 rows: minutes)."""
    from simple_history.utils import bulk_create_with_history

    from common.identity import normalise_id_number

    result = ImportResult()
    valid: list[Person] = []
    for number, row in rows:
        errors: list[str] = []
        person = build(row, errors)
        if person is not None and not errors:
            try:
                person.full_clean(validate_constraints=False)
            except ValidationError as exc:
                errors.extend(_validation_messages(exc))
        if errors:
            result.errors.append((number, errors))
        elif person is not None:
            valid.append(person)
    if result.errors or not valid:
        return result
    for person in valid:  # what Person.save() does
        person.id_number = normalise_id_number(person.id_number)
        person.member_unit_id = person.organisation.member_unit_id
    try:
        with transaction.atomic():
            bulk_create_with_history(valid, Person, batch_size=1000, default_user=user)
    except IntegrityError:
        result.errors.append((0, [_("与已有记录重复（可能有人同时导入了同一批人员），请重新导入。")]))
        return result
    result.created = len(valid)
    bump("grassroots")
    return result


def row_number_of(row) -> int:
    return row.get("__row", 0)
