"""Writes of grassroots that do more than save one form: each validates, runs atomically and
clears the public finder's page cache where its content changes."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_secretariat
from common.cache import bump
from common.identity import normalise_id_number

from .models import (
    Campaign,
    EvidencePhoto,
    Inspection,
    InspectionKind,
    InspectionResult,
    InspectionScore,
    Organisation,
    OrgLevel,
    OrgStatus,
    Person,
    Rectification,
    RectificationStatus,
    SelfCheck,
    SelfCheckAnswer,
    SelfCheckStatus,
    Standard,
    StandardItem,
    acting_unit,
)

# ---- organisations and people ----------------------------------------------------------------


def organisation_dissolve(*, organisation: Organisation, on: dt.date | None = None) -> Organisation:
    """Dissolving is a status change that keeps every record; never a delete."""
    if organisation.level <= OrgLevel.MEMBER_UNIT:
        raise ValidationError(_("市级协会和会员单位不能在这里撤销，请联系秘书处。"))
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if organisation.status == OrgStatus.DISSOLVED:
            return organisation  # a double submit changes nothing
        if organisation.children.filter(status=OrgStatus.ACTIVE).exists():
            raise ValidationError(_("“%(name)s”下还有未撤销的下级组织，请先撤销它们。") % {"name": organisation.name})
        organisation.status = OrgStatus.DISSOLVED
        organisation.dissolved_on = on or timezone.localdate()
        organisation.full_clean()
        organisation.save()
    bump("grassroots")
    return organisation


def duplicate_id_message(*, id_number: str, user, exclude_pk: int | None = None) -> str | None:
    """The message for an ID number that is already registered, or None.

    Staff learn who and where; a coordinator learns only which member unit holds the person
    (their own unit's organisation by name), never another unit's personal details."""
    number = normalise_id_number(id_number)
    if not number:
        return None
    existing = Person.objects.select_related("organisation", "member_unit").filter(id_number=number)
    if exclude_pk:
        existing = existing.exclude(pk=exclude_pk)
    other = existing.first()
    if other is None:
        return None
    if is_secretariat(user):
        return _("这个身份证号已经登记过：%(name)s，%(org)s。") % {"name": other.name, "org": other.organisation.name}
    unit = acting_unit(user)
    if unit is not None and other.member_unit_id == unit.pk:
        return _("这个身份证号已经登记在本单位的“%(org)s”（%(name)s），请勿重复登记。") % {
            "org": other.organisation.name,
            "name": other.name,
        }
    unit_name = other.member_unit.name if other.member_unit else _("其他单位")
    return _("这个身份证号已由%(unit)s登记，同一人不能重复登记。如需调动请联系秘书处。") % {"unit": unit_name}


# ---- the standard ---------------------------------------------------------------------------------


def standard_new_version(*, standard: Standard, note: str = "") -> Standard:
    """Copy a standard into the next version, whose items may then be edited freely."""
    with transaction.atomic():
        latest = Standard.objects.select_for_update().filter(code=standard.code).order_by("-version").first()
        new = Standard(code=standard.code, name=standard.name, version=latest.version + 1, note=note)
        new.full_clean()
        new.save()
        StandardItem.objects.bulk_create(
            StandardItem(
                standard=new, code=item.code, title=item.title, guidance=item.guidance,
                evidence_required=item.evidence_required, max_score=item.max_score, sort_order=item.sort_order,
            )
            for item in standard.items.all()
        )
    return new


# ---- self-checks ---------------------------------------------------------------------------------


def selfcheck_get_or_start(*, campaign: Campaign, organisation: Organisation) -> SelfCheck:
    if not campaign.inspects(organisation):
        raise ValidationError(_("只有乡镇/街道和行政村/社区组织需要填写自查。"))
    if organisation.status != OrgStatus.ACTIVE:
        raise ValidationError(_("已撤销的组织不参加验收。"))
    selfcheck, _created = SelfCheck.objects.get_or_create(campaign=campaign, organisation=organisation)
    return selfcheck


def selfcheck_missing(selfcheck: SelfCheck, answers: dict[int, dict]) -> list[str]:
    """What still stops a submission: unanswered items and questionnaire questions."""
    missing = []
    for item in selfcheck.campaign.standard.items.all():
        if answers.get(item.pk, {}).get("met") is None:
            missing.append(_("“%(item)s”未选择是否达标") % {"item": item.title})
    for field_name in SelfCheck.QUESTIONNAIRE:
        if getattr(selfcheck, field_name) is None:
            missing.append(_("问卷“%(q)s”未回答") % {"q": SelfCheck._meta.get_field(field_name).verbose_name})
    return missing


def selfcheck_save(
    *,
    selfcheck: SelfCheck,
    user,
    questionnaire: dict,
    answers: dict[int, dict],
    photos: list[tuple] = (),
    submit: bool = False,
    today: dt.date | None = None,
) -> SelfCheck:
    """Save a self-check as a draft (gaps allowed) or submit it (everything answered).

    answers: {item_pk: {"met": True/False/None, "note": str}}; photos: [(uploaded_file, item or None, caption)].
    Locked after submission or after the deadline: raises ValidationError and changes nothing."""
    with transaction.atomic():
        locked = SelfCheck.objects.select_for_update(of=("self",)).select_related("campaign__standard").get(pk=selfcheck.pk)
        reason = locked.locked_reason(today)
        if reason:
            raise ValidationError(reason, code="locked")
        for name, value in questionnaire.items():
            if name in SelfCheck.QUESTIONNAIRE or name == "summary":
                setattr(locked, name, value)
        if submit:
            missing = selfcheck_missing(locked, answers)
            if missing:
                raise ValidationError(
                    [_("还不能提交，以下内容未填写：")] + missing, code="incomplete"
                )
            locked.status = SelfCheckStatus.SUBMITTED
            locked.submitted_at = timezone.now()
            locked.submitted_by = user if getattr(user, "is_authenticated", False) else None
        locked.full_clean()
        locked.save()
        items = {item.pk: item for item in locked.campaign.standard.items.all()}
        existing = {answer.item_id: answer for answer in locked.answers.all()}
        for item_pk, data in answers.items():
            if item_pk not in items:
                continue
            answer = existing.get(item_pk) or SelfCheckAnswer(selfcheck=locked, item=items[item_pk])
            answer.met = data.get("met")
            answer.note = (data.get("note") or "")[:300]
            answer.save()
        for upload, item, caption in photos:
            EvidencePhoto.objects.create(selfcheck=locked, item=item, image=upload, caption=(caption or "")[:100])
    return locked


# ---- inspections and rectification ----------------------------------------------------------------

EXCELLENT_SHARE = Decimal("0.9")
PASS_SHARE = Decimal("0.6")


def propose_result(*, scores: list[tuple[Decimal, bool]], max_total: Decimal) -> str:
    """优秀: at least 90% of the points and every item met. 合格: at least 60% and no more than one
    item not met. Otherwise 不合格. Staff may confirm a different result."""
    if not scores or not max_total:
        return InspectionResult.FAIL
    total = sum((score for score, _met in scores), Decimal("0"))
    share = total / max_total
    unmet = sum(1 for _score, met in scores if not met)
    if share >= EXCELLENT_SHARE and unmet == 0:
        return InspectionResult.EXCELLENT
    if share >= PASS_SHARE and unmet <= 1:
        return InspectionResult.PASS
    return InspectionResult.FAIL


def inspection_refresh_proposal(*, inspection: Inspection) -> Inspection:
    scores = list(inspection.scores.all())
    standard = inspection.campaign.standard
    inspection.total_score = sum((s.score for s in scores), Decimal("0"))
    inspection.proposed_result = (
        propose_result(scores=[(s.score, s.met) for s in scores], max_total=standard.max_total) if scores else ""
    )
    Inspection.objects.filter(pk=inspection.pk).update(total_score=inspection.total_score, proposed_result=inspection.proposed_result)
    return inspection


def inspection_record(
    *,
    campaign: Campaign,
    organisation: Organisation,
    inspected_on: dt.date,
    inspectors: str,
    scores: dict[int, tuple[Decimal, bool]],
    methods: tuple[bool, bool, bool] = (True, True, False),
    rectification: Rectification | None = None,
    note: str = "",
) -> Inspection:
    """Record an inspection with a score per item of the campaign's standard, and propose a result."""
    with transaction.atomic():
        inspection = Inspection(
            campaign=campaign, organisation=organisation, inspected_on=inspected_on, inspectors=inspectors,
            method_site=methods[0], method_report=methods[1], method_public=methods[2], note=note,
            kind=InspectionKind.REINSPECTION if rectification else InspectionKind.INITIAL, rectification=rectification,
        )
        inspection.full_clean()
        inspection.save()
        items = {item.pk: item for item in campaign.standard.items.all()}
        missing = [item.title for pk, item in items.items() if pk not in scores]
        if missing:
            raise ValidationError(_("以下条目没有评分：%(items)s") % {"items": "、".join(missing)})
        for item_pk, (score, met) in scores.items():
            row = InspectionScore(inspection=inspection, item=items[item_pk], score=Decimal(score), met=met)
            row.full_clean()
            row.save()
        inspection_refresh_proposal(inspection=inspection)
    return inspection


def inspection_confirm(
    *, inspection: Inspection, user, result: str | None = None, due_on: dt.date | None = None, requirements: str = ""
) -> Inspection:
    """Confirm the result (the proposal unless staff choose another). 不合格 opens a rectification;
    a passing re-inspection closes the rectification it re-inspected. Idempotent."""
    with transaction.atomic():
        inspection = Inspection.objects.select_for_update(of=("self",)).select_related("campaign", "rectification").get(pk=inspection.pk)
        result = result or inspection.result or inspection.proposed_result
        if not result:
            raise ValidationError(_("还没有评分，无法确认结果。"))
        if result not in InspectionResult.values:
            raise ValidationError(_("验收结果无效。"))
        inspection.result = result
        if inspection.confirmed_at is None:
            inspection.confirmed_at = timezone.now()
            inspection.confirmed_by = user if getattr(user, "is_authenticated", False) else None
        inspection.save()
        apply_result(inspection=inspection, due_on=due_on, requirements=requirements)
    return inspection


def apply_result(*, inspection: Inspection, due_on: dt.date | None = None, requirements: str = "") -> None:
    """What a confirmed result means for rectification (also called after the admin saves)."""
    if not inspection.result:
        return
    if inspection.result == InspectionResult.FAIL:
        if inspection.kind == InspectionKind.INITIAL and not Rectification.objects.filter(inspection=inspection).exists():
            unmet = [s.item.title for s in inspection.scores.select_related("item") if not s.met]
            Rectification.objects.create(
                inspection=inspection, organisation=inspection.organisation, campaign=inspection.campaign,
                due_on=due_on or inspection.inspected_on + dt.timedelta(days=30),
                requirements=requirements or (_("未达标条目：%(items)s。请整改后报市老体协复查。") % {"items": "、".join(unmet) or "—"}),
            )
        elif inspection.kind == InspectionKind.REINSPECTION:
            # Failing again: the same rectification stays open (back to 待整改) with a new due date.
            Rectification.objects.filter(pk=inspection.rectification_id).update(
                status=RectificationStatus.OPEN, due_on=due_on or inspection.inspected_on + dt.timedelta(days=30), closed_on=None
            )
    elif inspection.kind == InspectionKind.REINSPECTION and inspection.rectification_id:
        Rectification.objects.filter(pk=inspection.rectification_id).update(
            status=RectificationStatus.CLOSED, closed_on=inspection.inspected_on
        )


def rectification_report(*, rectification: Rectification, report: str) -> Rectification:
    """The coordinator reports the rectification done; staff then re-inspect."""
    report = (report or "").strip()
    if not report:
        raise ValidationError({"report": _("请填写整改情况。")})
    with transaction.atomic():
        rectification = Rectification.objects.select_for_update().get(pk=rectification.pk)
        if rectification.status == RectificationStatus.CLOSED:
            raise ValidationError(_("这项整改已经复查合格并关闭，不能再修改。"))
        rectification.report = report
        rectification.status = RectificationStatus.REPORTED
        rectification.reported_at = timezone.now()
        rectification.save()
    return rectification


def reinspection_close(
    *, rectification: Rectification, user, inspected_on: dt.date, inspectors: str, scores: dict[int, tuple[Decimal, bool]],
) -> Inspection:
    """Re-inspect a rectification and confirm the proposed result in one step."""
    inspection = inspection_record(
        campaign=rectification.campaign, organisation=rectification.organisation, inspected_on=inspected_on,
        inspectors=inspectors, scores=scores, rectification=rectification,
    )
    return inspection_confirm(inspection=inspection, user=user)
