"""People to and from Excel at scale: the export and the import that `make bench` times.

``people_import`` is shaped as a service (keyword arguments, validation of every row, all-or-nothing
unless told to skip bad rows) so that the grassroots import can take it over; the benchmark uses it
as the measure of what 10,000 rows cost.
"""

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from common.excel import iter_xlsx, read_xlsx_rows
from common.identity import make_id_number, normalise_id_number, normalise_mobile, parse_id_number, validate_mobile

HEADERS = ["姓名", "性别", "出生日期", "身份证号", "手机号", "所属组织"]
GENDER_LABELS = {"M": "男", "F": "女"}
GENDER_CODES = {"男": "M", "女": "F"}
IMPORT_NOTE = "批量导入测试"
# A region code no real Jincheng county uses, so that imported ID numbers never meet the bulk ones.
IMPORT_REGION = "140571"
BATCH = 1000


def organisation_paths() -> dict[str, int]:
    """'阳城县/凤城镇/北关社区' -> organisation id, for every organisation below the city."""
    from grassroots.models import Organisation

    rows = {pk: (name, short, parent) for pk, name, short, parent in
            Organisation.objects.values_list("pk", "name", "short_name", "parent_id")}
    paths = {}
    for pk, (_name, _short, parent) in rows.items():
        if parent is None:
            continue
        parts, node = [], pk
        while node is not None and rows[node][2] is not None:
            node_name, node_short, node_parent = rows[node]
            parts.append(node_short or node_name)
            node = node_parent
        paths["/".join(reversed(parts))] = pk
    return paths


def export_rows(queryset) -> Iterator[tuple]:
    """Rows for the people export, read in chunks (never the whole table in memory)."""
    columns = ("name", "gender", "birth_date", "id_number", "phone", "organisation__name", "member_unit__short_name")
    for name, gender, birth, id_number, phone, org, unit in queryset.order_by("pk").values_list(*columns).iterator(chunk_size=2000):
        yield name, GENDER_LABELS.get(gender, gender), birth, id_number, phone, f"{unit}/{org}" if unit else org


def export_people(queryset) -> Iterator[bytes]:
    return iter_xlsx(HEADERS, export_rows(queryset), sheet_title="人员名单")


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"第 {self.row} 行「{self.column}」：{self.message}"


@dataclass
class ImportResult:
    created: int = 0
    errors: list[RowError] = field(default_factory=list)


def people_import(*, source, skip_errors: bool = False, note: str = "") -> ImportResult:
    """Import people from an .xlsx file with HEADERS. Every row is checked first; with errors,
    nothing is imported unless ``skip_errors`` (then the good rows are). One transaction."""
    from grassroots.models import Organisation, Person

    paths = organisation_paths()
    member_unit_of = dict(Organisation.objects.values_list("pk", "member_unit_id"))
    result = ImportResult()
    valid: list[tuple[int, Person]] = []
    seen_ids: dict[str, int] = {}
    for number, row in read_xlsx_rows(source):
        errors = []
        name = str(row.get("姓名") or "").strip()
        if not name:
            errors.append(RowError(number, "姓名", "姓名不能为空。"))
        gender = GENDER_CODES.get(str(row.get("性别") or "").strip())
        if gender is None:
            errors.append(RowError(number, "性别", "性别只能填“男”或“女”。"))
        id_number = normalise_id_number(str(row.get("身份证号") or ""))
        facts = None
        try:
            facts = parse_id_number(id_number)
        except ValidationError as exc:
            errors.append(RowError(number, "身份证号", exc.messages[0]))
        if id_number in seen_ids:
            errors.append(RowError(number, "身份证号", f"与第 {seen_ids[id_number]} 行重复。"))
        seen_ids.setdefault(id_number, number)
        birth = row.get("出生日期")
        birth = birth.date() if isinstance(birth, dt.datetime) else birth
        if facts and birth and birth != facts.birth_date:
            errors.append(RowError(number, "出生日期", f"与身份证号不一致：身份证号显示为 {facts.birth_date.isoformat()}。"))
        if facts and gender and gender != facts.gender:
            errors.append(RowError(number, "性别", "与身份证号不一致。"))
        phone = normalise_mobile(str(row.get("手机号") or ""))
        if phone:
            try:
                validate_mobile(phone)
            except ValidationError as exc:
                errors.append(RowError(number, "手机号", exc.messages[0]))
        org_id = paths.get(str(row.get("所属组织") or "").strip())
        if org_id is None:
            errors.append(RowError(number, "所属组织", "找不到这个组织，请按“县/乡镇/村”的格式填写。"))
        if errors:
            result.errors.extend(errors)
            continue
        valid.append((number, Person(
            name=name, gender=gender, birth_date=facts.birth_date, id_number=id_number, phone=phone,
            organisation_id=org_id, member_unit_id=member_unit_of[org_id], note=note,
        )))
    # ID numbers already registered: one query per thousand rows.
    ids = [person.id_number for _number, person in valid]
    registered = set()
    for start in range(0, len(ids), BATCH):
        registered.update(Person.objects.filter(id_number__in=ids[start : start + BATCH]).values_list("id_number", flat=True))
    people = []
    for number, person in valid:
        if person.id_number in registered:
            result.errors.append(RowError(number, "身份证号", "这个身份证号已经登记过。"))
        else:
            people.append(person)
    result.errors.sort(key=lambda error: error.row)
    if result.errors and not skip_errors:
        return result
    with transaction.atomic():
        bulk_create_with_history(people, Person, batch_size=BATCH)
    result.created = len(people)
    return result


def make_import_file(path, *, count: int, bad: int, seed: int = 7) -> None:
    """An .xlsx of ``count`` people under bulk villages, ``bad`` of them with one mistake each."""
    from grassroots.models import Organisation

    rng = random.Random(seed)
    bulk_ids = set(Organisation.objects.filter(slug__startswith="bulk-").values_list("pk", flat=True))
    villages = {path: pk for path, pk in organisation_paths().items() if path.count("/") == 2}
    paths = sorted(path for path, pk in villages.items() if pk in bulk_ids) or sorted(villages)
    today = dt.date.today()

    def rows():
        bad_rows = set(rng.sample(range(count), k=min(bad, count)))
        for index in range(count):
            gender = rng.choice("MF")
            birth = today - dt.timedelta(days=55 * 365 + index % 9000)
            id_number = make_id_number(IMPORT_REGION, birth, index // 9000 * 2, gender)
            row = ["测试" + str(index), GENDER_LABELS[gender], birth, id_number, f"139{index:08d}", rng.choice(paths)]
            if index in bad_rows:
                mistake = index % 4
                if mistake == 0:
                    row[3] = id_number[:17] + ("0" if id_number[17] != "0" else "1")  # wrong check digit
                elif mistake == 1:
                    row[4] = "1234"
                elif mistake == 2:
                    row[5] = "不存在县/某镇/某村"
                else:
                    row[1] = "未知"
            yield row

    with open(path, "wb") as handle:
        for chunk in iter_xlsx(HEADERS, rows(), sheet_title="人员"):
            handle.write(chunk)


def delete_imported(note: str = IMPORT_NOTE) -> int:
    """Remove the people (and their history rows) a benchmark import created."""
    from grassroots.models import Person

    history = Person.history.model.objects.filter(note=note)
    history._raw_delete(history.db)
    people = Person.objects.filter(note=note)
    return people._raw_delete(people.db)
