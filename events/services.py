"""Writes of the events app: entries with their members, their review, awards and results imports.

Every function validates first, collecting Chinese messages per form field, and writes inside one
transaction. The quota is kept by locking the event row before counting the unit's entries: locking
only the counted entries would let two first entries through at once, since there is no row to lock.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.cache import bump
from common.identity import normalise_id_number, parse_id_number
from grassroots.models import Organisation, OrgLevel, Person

from .models import Award, AwardType, Entry, EntryMember, EntryStatus, Event, EventKind, Item
from .models.entries import ACTIVE_STATUSES


@dataclass
class NewPerson:
    """A person added on the spot while entering a team (same validation as grassroots)."""

    name: str
    id_number: str
    phone: str = ""
    organisation: Organisation | None = None


def _add(errors: dict, field: str, message) -> None:
    errors.setdefault(field, []).append(str(message))


def person_create_for_unit(*, unit: Organisation, new: NewPerson) -> Person:
    """Register a person in the unit (or one of its organisations); birth date and gender come from the ID."""
    errors: dict = {}
    if not new.name.strip():
        _add(errors, "new_name", _("请填写新队员的姓名。"))
    number = normalise_id_number(new.id_number)
    facts = None
    try:
        facts = parse_id_number(number)
    except ValidationError as exc:
        _add(errors, "new_id_number", exc.messages[0])
    if facts and Person.objects.filter(id_number=number).exists():
        _add(errors, "new_id_number", _("这个身份证号已经登记过：请直接在上面的名单中勾选此人。"))
    if errors:
        raise ValidationError(errors)
    person = Person(
        name=new.name.strip(), id_number=number, gender=facts.gender, birth_date=facts.birth_date,
        phone=new.phone, organisation=new.organisation or unit,
    )
    try:
        person.full_clean()
    except ValidationError as exc:
        mapped = {"new_" + key if key in ("name", "phone", "id_number") else "new_id_number": value
                  for key, value in exc.message_dict.items()}
        raise ValidationError(mapped) from None
    person.save()
    return person


def _check_members(*, item: Item, unit: Organisation, members: Sequence[Person], entry: Entry | None, errors: dict) -> None:
    event = item.event
    if (event.kind != EventKind.EXTERNAL or members) and (len(members) < item.team_min or len(members) > item.team_max):
        if item.team_min == item.team_max:
            wanted = _("%(n)s 人") % {"n": item.team_min}
        else:
            wanted = _("%(a)s 至 %(b)s 人") % {"a": item.team_min, "b": item.team_max}
        _add(errors, "members", _("“%(item)s”每队 %(wanted)s，现在选了 %(n)s 人。") % {
            "item": item.display_name, "wanted": wanted, "n": len(members)})
    if unit.level != OrgLevel.CITY:
        for person in members:
            if person.member_unit_id != unit.pk:
                _add(errors, "members", _("%(name)s 不是本单位的人员。") % {"name": person.name})
    if item.age_group_id:
        for person in members:
            problem = item.age_group.check_person(person)
            if problem:
                _add(errors, "members", problem)
    taken = (
        EntryMember.objects.filter(item=item, is_active=True, person__in=[p.pk for p in members])
        .select_related("entry", "person")
    )
    if entry is not None:
        taken = taken.exclude(entry=entry)
    for member in taken:
        _add(errors, "members", _("%(name)s 已经报在本项目的“%(team)s”队中，同一人在一个项目中只能参加一支队伍。") % {
            "name": member.person.name, "team": member.entry.team_name})


def entry_save(
    *,
    user,
    unit: Organisation,
    item: Item,
    team_name: str,
    members: Sequence[Person] = (),
    routine_title: str = "",
    leader_name: str = "",
    contact_phone: str = "",
    participants_text: str = "",
    new_person: NewPerson | None = None,
    entry: Entry | None = None,
    submit: bool = False,
    now: dt.datetime | None = None,
) -> Entry:
    """Create or change a unit's entry with its members, optionally submitting it, atomically.

    Raises ValidationError with messages keyed by form field (item, team_name, members, new_*).
    Sending the same new team twice returns the first entry instead of a second one.
    """
    now = now or timezone.now()
    team_name = (team_name or "").strip()
    members = list(dict.fromkeys(members))
    with transaction.atomic():
        # The lock that keeps the quota: every entry of this event waits here in turn.
        event = Event.objects.select_for_update().get(pk=item.event_id)
        item.event = event
        errors: dict = {}
        if entry is not None and entry.status != EntryStatus.DRAFT:
            raise ValidationError({"__all__": [_("只有草稿状态的报名可以修改。")]})
        staff_external = event.kind == EventKind.EXTERNAL
        if not staff_external and not event.registration_is_open(now):
            if event.registration_opens and now < event.registration_opens:
                _add(errors, "item", _("报名尚未开始：%(date)s 开始报名。") % {
                    "date": timezone.localtime(event.registration_opens).strftime("%Y-%m-%d %H:%M")})
            elif event.registration_closes:
                _add(errors, "item", _("报名已于 %(date)s 截止，不能再报名或修改。") % {
                    "date": timezone.localtime(event.registration_closes).strftime("%Y-%m-%d %H:%M")})
            else:
                _add(errors, "item", _("本赛事不接受网上报名。"))
        if not team_name:
            _add(errors, "team_name", _("请填写队名。"))
        if entry is None and team_name:
            same = Entry.objects.active().filter(item=item, unit=unit, team_name=team_name).first()
            if same is not None:
                same_members = set(same.members.filter(is_active=True).values_list("person_id", flat=True))
                wanted = {p.pk for p in members}
                if new_person is not None:
                    # The first submit registered the new member: the same form sent again names them.
                    registered = None
                    if new_person.id_number.strip():
                        registered = Person.objects.filter(id_number=normalise_id_number(new_person.id_number)).first()
                    wanted = (wanted | {registered.pk}) if registered is not None else None
                if wanted is not None and same_members == wanted:
                    return same  # a double submit: nothing new to write
                _add(errors, "team_name", _("本单位在这个项目中已有名为“%(name)s”的队伍，请换一个队名。") % {"name": team_name})
        if event.quota_per_unit is not None and entry is None:
            counted = list(
                Entry.objects.select_for_update().filter(event=event, unit=unit, status__in=ACTIVE_STATUSES).values_list("pk", flat=True)
            )
            if len(counted) >= event.quota_per_unit:
                _add(errors, "item", _("本单位在本赛事最多可报 %(quota)s 队，已经报了 %(n)s 队。") % {
                    "quota": event.quota_per_unit, "n": len(counted)})
        if new_person is not None:
            try:
                with transaction.atomic():
                    person = person_create_for_unit(unit=unit, new=new_person)
            except ValidationError as exc:
                for key, messages in exc.message_dict.items():
                    for message in messages:
                        _add(errors, key, message)
            else:
                members.append(person)
        _check_members(item=item, unit=unit, members=members, entry=entry, errors=errors)
        if errors:
            raise ValidationError(errors)

        if entry is None:
            entry = Entry(event=event, item=item, unit=unit, created_by=user if user and user.is_authenticated else None)
        entry.team_name = team_name
        entry.routine_title = routine_title
        entry.leader_name = leader_name
        entry.contact_phone = contact_phone
        entry.participants_text = participants_text
        if submit:
            entry.status = EntryStatus.SUBMITTED
            entry.submitted_at = now
        entry.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                entry.save()
                current = {m.person_id: m for m in entry.members.filter(is_active=True)}
                wanted = {p.pk for p in members}
                for person_id, member in current.items():
                    if person_id not in wanted:
                        member.delete()
                for person in members:
                    if person.pk not in current:
                        EntryMember.objects.create(entry=entry, person=person, item=item)
        except IntegrityError:
            raise ValidationError({"members": [_("刚才有人同时报了相同的队名或队员，请刷新后核对。")]}) from None
    bump("events")
    return entry


def entry_submit(*, entry: Entry, now: dt.datetime | None = None) -> Entry:
    now = now or timezone.now()
    with transaction.atomic():
        entry = Entry.objects.select_for_update().select_related("event").get(pk=entry.pk)
        if entry.status == EntryStatus.SUBMITTED:
            return entry
        if entry.status != EntryStatus.DRAFT:
            raise ValidationError({"__all__": [_("只有草稿可以提交。")]})
        if entry.event.kind != EventKind.EXTERNAL and not entry.event.registration_is_open(now):
            raise ValidationError({"__all__": [_("报名已截止，不能再提交。")]})
        entry.status = EntryStatus.SUBMITTED
        entry.submitted_at = now
        entry.save(update_fields=["status", "submitted_at", "updated_at"])
    return entry


def _release_members(entry: Entry) -> None:
    EntryMember.objects.filter(entry=entry).update(is_active=False)


def entry_withdraw(*, entry: Entry) -> Entry:
    with transaction.atomic():
        entry = Entry.objects.select_for_update().get(pk=entry.pk)
        if entry.status == EntryStatus.WITHDRAWN:
            return entry
        if entry.status not in (EntryStatus.DRAFT, EntryStatus.SUBMITTED):
            raise ValidationError({"__all__": [_("已确认或已退回的报名不能撤回，请联系秘书处。")]})
        entry.status = EntryStatus.WITHDRAWN
        entry.save(update_fields=["status", "updated_at"])
        _release_members(entry)
    bump("events")
    return entry


def entry_review(*, entry: Entry, accept: bool, reason: str = "") -> Entry:
    """Staff accept an entry, or reject it with a reason (which frees its members and quota place)."""
    with transaction.atomic():
        entry = Entry.objects.select_for_update().get(pk=entry.pk)
        if entry.status not in (EntryStatus.SUBMITTED, EntryStatus.ACCEPTED, EntryStatus.REJECTED):
            raise ValidationError({"__all__": [_("只能审核已提交的报名。")]})
        if accept:
            if entry.status == EntryStatus.REJECTED:
                raise ValidationError({"__all__": [_("已退回的报名请由单位重新报名。")]})
            entry.status, entry.reject_reason = EntryStatus.ACCEPTED, ""
        else:
            if not reason.strip():
                raise ValidationError({"reason": [_("退回报名时请写明原因。")]})
            entry.status, entry.reject_reason = EntryStatus.REJECTED, reason.strip()
            _release_members(entry)
        entry.save(update_fields=["status", "reject_reason", "updated_at"])
    bump("events")
    return entry


def award_set(
    *, entry: Entry, award_type: str, rank: int | None = None, score: Decimal | None = None,
    other_name: str = "", person: Person | None = None, event: Event | None = None,
) -> Award:
    """Give (or update) an award; idempotent on (entry, award type, other name)."""
    award = Award.objects.filter(entry=entry, award_type=award_type, other_name=other_name).first() or Award(
        entry=entry, award_type=award_type, other_name=other_name
    )
    award.event = event or entry.event
    award.rank, award.score, award.person = rank, score, person
    award.full_clean(validate_constraints=False)
    with transaction.atomic():
        award.save()
    bump("events")
    return award


AWARD_BY_LABEL = {str(label): value for value, label in AwardType.choices}
RESULT_COLUMNS = ("项目", "单位", "队名", "奖项", "名次", "成绩")


def _parse_rank(value) -> int | None:
    if value in (None, ""):
        return None
    text = str(value).strip().removeprefix("第").removesuffix("名")
    digits = "一二三四五六七八九十"
    if text.isdigit():
        return int(text)
    if text in digits:
        return digits.index(text) + 1
    raise ValueError(text)


def results_import(*, event: Event, rows: Iterable[dict]) -> int:
    """Import results rows (项目, 单位, 队名, 奖项, 名次, 成绩) for one event, all or nothing.

    Raises ValidationError listing every bad row by its spreadsheet row number; writes nothing then.
    """
    entries = list(Entry.objects.filter(event=event).exclude(status=EntryStatus.WITHDRAWN).select_related("item__age_group", "unit"))
    index: dict[tuple[str, str, str], Entry] = {}
    for entry in entries:
        for unit_name in {entry.unit.name, entry.unit.display_name}:
            index[(entry.item.display_name, unit_name, entry.team_name)] = entry
    plans, errors = [], []
    for number, row in enumerate(rows, start=2):
        values = {key: ("" if row.get(key) is None else str(row.get(key)).strip()) for key in RESULT_COLUMNS}
        if not any(values.values()):
            continue
        problems = []
        entry = index.get((values["项目"], values["单位"], values["队名"]))
        if entry is None:
            problems.append(_("找不到队伍“%(team)s”（%(unit)s，%(item)s）") % {
                "team": values["队名"], "unit": values["单位"], "item": values["项目"]})
        award_label = values["奖项"]
        award_type, other_name = AWARD_BY_LABEL.get(award_label), ""
        if not award_label:
            award_type = AwardType.RANK_ONLY
        elif award_type is None:
            award_type, other_name = AwardType.OTHER, award_label
        try:
            rank = _parse_rank(values["名次"])
        except ValueError:
            rank = None
            problems.append(_("名次“%(v)s”看不懂，请写数字，例如 5") % {"v": values["名次"]})
        if award_type == AwardType.RANK_ONLY and rank is None and not problems:
            problems.append(_("奖项和名次至少填一项"))
        score = None
        if values["成绩"]:
            try:
                score = Decimal(values["成绩"])
            except InvalidOperation:
                problems.append(_("成绩“%(v)s”不是数字") % {"v": values["成绩"]})
        if problems:
            errors.append(_("第 %(n)s 行：%(p)s。") % {"n": row.get("_row", number), "p": "；".join(str(p) for p in problems)})
        else:
            plans.append((entry, award_type, rank, score, other_name))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for entry, award_type, rank, score, other_name in plans:
            award_set(entry=entry, award_type=award_type, rank=rank, score=score, other_name=other_name, event=event)
    return len(plans)


def event_release_results(*, event: Event, released: bool = True) -> Event:
    Event.objects.filter(pk=event.pk).update(results_released=released)
    event.results_released = released
    bump("events")
    return event
