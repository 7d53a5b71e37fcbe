"""The six-haves (六有) standard, the annual campaign, self-checks, inspections and rectification.

A standard is versioned: once a campaign uses a version, its items are frozen (editing them is
refused), so later edits go into a new version and never change past results.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import is_secretariat
from common.uploads import validate_image_upload

from .organisations import Organisation, OrgLevel, acting_unit


class Standard(models.Model):
    code = models.SlugField(_("标准代号"), max_length=30, default="liuyou", help_text=_("同一标准的各个版本使用同一代号。"))
    name = models.CharField(_("标准名称"), max_length=60, default="基层老体协“六有”标准")
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    adopted_on = models.DateField(_("启用日期"), null=True, blank=True)
    note = models.TextField(_("版本说明"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("六有标准")
        verbose_name_plural = _("六有标准")
        ordering = ("code", "-version")
        constraints = [
            models.UniqueConstraint(fields=("code", "version"), name="standard_unique_version"),
            models.CheckConstraint(condition=Q(version__gte=1), name="standard_version_positive"),
        ]

    def __str__(self):
        return f"{self.name}（第{self.version}版）"

    @property
    def is_frozen(self) -> bool:
        """A version used by a campaign may not change: its results depend on it."""
        return self.campaigns.exists()

    @property
    def max_total(self) -> Decimal:
        return sum((item.max_score for item in self.items.all()), Decimal("0"))


class StandardItem(models.Model):
    standard = models.ForeignKey(Standard, verbose_name=_("标准"), on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("条目代号"), max_length=20, help_text=_("例如 org、venue"))
    title = models.CharField(_("条目"), max_length=40, help_text=_("例如：有组织"))
    guidance = models.TextField(_("达标要求"), blank=True)
    evidence_required = models.CharField(_("需提供的佐证"), max_length=200, blank=True)
    max_score = models.DecimalField(_("满分"), max_digits=5, decimal_places=1, default=Decimal("10"))
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("标准条目")
        verbose_name_plural = _("标准条目")
        ordering = ("standard", "sort_order", "pk")
        constraints = [
            models.UniqueConstraint(fields=("standard", "code"), name="standarditem_unique_code"),
            models.CheckConstraint(condition=Q(max_score__gt=0), name="standarditem_max_score_positive"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.standard_id and self.standard.is_frozen:
            raise ValidationError(
                _("“%(standard)s”已被考评活动使用，不能再修改。请新建一个版本后再修改条目。") % {"standard": self.standard}
            )


class CampaignQuerySet(models.QuerySet):
    def current(self):
        return self.order_by("-year").first()


class Campaign(models.Model):
    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("活动名称"), max_length=100, default="基层组织建设年活动验收评比")
    document_number = models.CharField(_("依据文件"), max_length=60, blank=True, help_text=_("例如：晋市老体字〔2020〕1号"))
    standard = models.ForeignKey(Standard, verbose_name=_("采用标准版本"), on_delete=models.PROTECT, related_name="campaigns")
    selfcheck_deadline = models.DateField(_("自查截止日期"))
    inspection_start = models.DateField(_("验收开始日期"))
    inspection_end = models.DateField(_("验收结束日期"))
    inspect_townships = models.BooleanField(_("验收乡镇/街道"), default=True)
    inspect_villages = models.BooleanField(_("验收行政村/社区"), default=True)
    history = HistoricalRecords()

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("验收活动")
        verbose_name_plural = _("验收活动")
        ordering = ("-year",)
        constraints = [
            models.CheckConstraint(
                condition=Q(inspection_end__gte=F("inspection_start")),
                name="campaign_window_ordered",
                violation_error_message=_("验收结束日期不能早于开始日期。"),
            ),
            models.CheckConstraint(
                condition=Q(inspect_townships=True) | Q(inspect_villages=True),
                name="campaign_inspects_some_level",
                violation_error_message=_("至少选择一个被验收的层级。"),
            ),
        ]

    def __str__(self):
        return f"{self.year}年{self.title}"

    @property
    def levels(self) -> list[int]:
        levels = []
        if self.inspect_townships:
            levels.append(OrgLevel.TOWNSHIP)
        if self.inspect_villages:
            levels.append(OrgLevel.VILLAGE)
        return levels

    def inspects(self, organisation: Organisation) -> bool:
        return organisation.level in self.levels

    def selfcheck_open(self, today=None) -> bool:
        return (today or timezone.localdate()) <= self.selfcheck_deadline


class SelfCheckStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")


class SelfCheckQuerySet(models.QuerySet):
    def for_user(self, user):
        if is_secretariat(user):
            return self
        unit = acting_unit(user)
        if unit is None:
            return self.none()
        return self.filter(organisation__member_unit_id=unit.pk)

    def submitted(self):
        return self.filter(status=SelfCheckStatus.SUBMITTED)


class SelfCheck(models.Model):
    """A grassroots organisation's own check against the standard, filled in by its coordinator."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("验收活动"), on_delete=models.PROTECT, related_name="selfchecks")
    organisation = models.ForeignKey(Organisation, verbose_name=_("组织"), on_delete=models.PROTECT, related_name="selfchecks")
    status = models.CharField(_("状态"), max_length=12, choices=SelfCheckStatus.choices, default=SelfCheckStatus.DRAFT)
    # The short questionnaire (问卷). Null means "not answered yet": a draft may leave gaps.
    has_annual_plan = models.BooleanField(_("有年初工作计划"), null=True, blank=True)
    committee_complete = models.BooleanField(_("领导班子健全"), null=True, blank=True)
    regular_activities = models.PositiveIntegerField(_("每周经常性活动次数"), null=True, blank=True)
    holiday_events = models.PositiveIntegerField(_("全年节日活动次数"), null=True, blank=True)
    activists_trained = models.PositiveIntegerField(_("本年培训骨干人数"), null=True, blank=True)
    records_archived = models.BooleanField(_("活动资料已归档"), null=True, blank=True)
    summary = models.TextField(_("自查小结"), blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提交人"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    objects = SelfCheckQuerySet.as_manager()

    QUESTIONNAIRE = ("has_annual_plan", "committee_complete", "regular_activities", "holiday_events", "activists_trained", "records_archived")

    class Meta:
        verbose_name = _("自查")
        verbose_name_plural = _("自查")
        ordering = ("campaign", "organisation")
        constraints = [
            models.UniqueConstraint(fields=("campaign", "organisation"), name="selfcheck_one_per_org_campaign"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="selfcheck_submitted_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.campaign.year}年自查"

    @property
    def is_submitted(self) -> bool:
        return self.status == SelfCheckStatus.SUBMITTED

    def locked_reason(self, today=None) -> str:
        """Why this self-check can no longer be edited, or '' when it can."""
        if self.is_submitted:
            return str(_("自查已于 %(when)s 提交，不能再修改。如需更正请联系秘书处。") % {
                "when": timezone.localtime(self.submitted_at).strftime("%Y-%m-%d %H:%M")
            })
        if not self.campaign.selfcheck_open(today):
            return str(_("自查已于 %(date)s 截止，不能再修改。") % {"date": self.campaign.selfcheck_deadline.isoformat()})
        return ""


class SelfCheckAnswer(models.Model):
    selfcheck = models.ForeignKey(SelfCheck, verbose_name=_("自查"), on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(StandardItem, verbose_name=_("条目"), on_delete=models.PROTECT, related_name="+")
    met = models.BooleanField(_("是否达标"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("自查条目")
        verbose_name_plural = _("自查条目")
        ordering = ("selfcheck", "item__sort_order")
        constraints = [models.UniqueConstraint(fields=("selfcheck", "item"), name="selfcheckanswer_unique_item")]

    def __str__(self):
        return f"{self.item}：{self.get_met_display() if self.met is not None else '—'}"


def evidence_upload_to(instance, filename):
    return f"grassroots/evidence/{instance.selfcheck.campaign.year}/{instance.selfcheck_id}/{filename}"


class EvidencePhoto(models.Model):
    selfcheck = models.ForeignKey(SelfCheck, verbose_name=_("自查"), on_delete=models.CASCADE, related_name="photos")
    item = models.ForeignKey(StandardItem, verbose_name=_("对应条目"), on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    image = models.ImageField(_("佐证照片"), upload_to=evidence_upload_to, validators=[validate_image_upload])
    caption = models.CharField(_("说明"), max_length=100, blank=True)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("佐证照片")
        verbose_name_plural = _("佐证照片")
        ordering = ("selfcheck", "pk")

    def __str__(self):
        return self.caption or self.image.name.rsplit("/", 1)[-1]


class InspectionResult(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    PASS = "pass", _("合格")
    FAIL = "fail", _("不合格")


class InspectionKind(models.TextChoices):
    INITIAL = "initial", _("验收")
    REINSPECTION = "reinspection", _("整改复查")


class InspectionQuerySet(models.QuerySet):
    def for_user(self, user):
        if is_secretariat(user):
            return self
        unit = acting_unit(user)
        if unit is None:
            return self.none()
        return self.filter(organisation__member_unit_id=unit.pk)

    def confirmed(self):
        return self.exclude(result="")


class Inspection(models.Model):
    """An inspection by staff: scores per item, a proposed result, and the result staff confirm."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("验收活动"), on_delete=models.PROTECT, related_name="inspections")
    organisation = models.ForeignKey(Organisation, verbose_name=_("组织"), on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(_("类型"), max_length=14, choices=InspectionKind.choices, default=InspectionKind.INITIAL)
    rectification = models.ForeignKey(
        "Rectification", verbose_name=_("复查的整改"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="reinspections", help_text=_("整改复查时选择对应的整改。"),
    )
    inspected_on = models.DateField(_("验收日期"))
    inspectors = models.CharField(_("验收人员"), max_length=200)
    method_site = models.BooleanField(_("看现场"), default=True)
    method_report = models.BooleanField(_("听汇报"), default=True)
    method_public = models.BooleanField(_("访群众"), default=False)
    total_score = models.DecimalField(_("总分"), max_digits=6, decimal_places=1, default=Decimal("0"), editable=False)
    proposed_result = models.CharField(_("建议结果"), max_length=10, choices=InspectionResult.choices, blank=True, editable=False)
    result = models.CharField(
        _("确认结果"), max_length=10, choices=InspectionResult.choices, blank=True,
        help_text=_("留空表示尚未确认；可使用列表页的“按建议确认”操作。"),
    )
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("确认人"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False,
    )
    note = models.TextField(_("验收意见"), blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    history = HistoricalRecords()

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("验收")
        verbose_name_plural = _("验收")
        ordering = ("-inspected_on", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="initial", rectification__isnull=True) | Q(kind="reinspection", rectification__isnull=False),
                name="inspection_reinspection_has_rectification",
                violation_error_message=_("整改复查必须选择对应的整改；首次验收不选整改。"),
            ),
            models.CheckConstraint(
                condition=Q(method_site=True) | Q(method_report=True) | Q(method_public=True),
                name="inspection_has_method",
                violation_error_message=_("请至少选择一种验收方式。"),
            ),
        ]
        indexes = [models.Index(fields=("campaign", "organisation"))]

    def __str__(self):
        return f"{self.organisation} · {self.inspected_on} {self.get_kind_display()}"

    def clean(self):
        super().clean()
        errors = {}
        if self.campaign_id and self.organisation_id and not self.campaign.inspects(self.organisation):
            errors["organisation"] = _("只有乡镇/街道和行政村/社区组织参加验收，且须在本次活动的验收层级之内。")
        if self.rectification_id and self.organisation_id and self.rectification.organisation_id != self.organisation_id:
            errors["rectification"] = _("所选整改不属于这个组织。")
        if self.kind == InspectionKind.REINSPECTION and not self.rectification_id:
            errors["rectification"] = _("整改复查必须选择对应的整改。")
        if self.kind == InspectionKind.INITIAL and self.rectification_id:
            errors["rectification"] = _("首次验收不选整改；复查请把类型改为“整改复查”。")
        if errors:
            raise ValidationError(errors)

    @property
    def methods_display(self) -> str:
        names = []
        if self.method_site:
            names.append(str(_("看现场")))
        if self.method_report:
            names.append(str(_("听汇报")))
        if self.method_public:
            names.append(str(_("访群众")))
        return "、".join(names)


class InspectionScore(models.Model):
    inspection = models.ForeignKey(Inspection, verbose_name=_("验收"), on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(StandardItem, verbose_name=_("条目"), on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=1)
    met = models.BooleanField(_("达标"), default=False)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("验收评分")
        verbose_name_plural = _("验收评分")
        ordering = ("inspection", "item__sort_order")
        constraints = [
            models.UniqueConstraint(fields=("inspection", "item"), name="inspectionscore_unique_item"),
            models.CheckConstraint(condition=Q(score__gte=0), name="inspectionscore_not_negative", violation_error_message=_("得分不能为负数。")),
        ]

    def __str__(self):
        return f"{self.item}：{self.score}"

    def clean(self):
        super().clean()
        if self.item_id and self.score is not None and self.score > self.item.max_score:
            raise ValidationError({"score": _("得分不能超过该条目的满分 %(max)s。") % {"max": self.item.max_score}})
        if self.item_id and self.inspection_id and self.item.standard_id != self.inspection.campaign.standard_id:
            raise ValidationError({"item": _("这个条目不属于本次活动采用的标准版本。")})


class RectificationStatus(models.TextChoices):
    OPEN = "open", _("待整改")
    REPORTED = "reported", _("已报整改，待复查")
    CLOSED = "closed", _("复查合格，已关闭")


class RectificationQuerySet(models.QuerySet):
    def for_user(self, user):
        if is_secretariat(user):
            return self
        unit = acting_unit(user)
        if unit is None:
            return self.none()
        return self.filter(organisation__member_unit_id=unit.pk)

    def pending(self):
        return self.exclude(status=RectificationStatus.CLOSED)

    def overdue(self, today=None):
        return self.pending().filter(due_on__lt=today or timezone.localdate())


class Rectification(models.Model):
    """整改: opened when an inspection is confirmed 不合格, closed by a passing re-inspection."""

    inspection = models.OneToOneField(Inspection, verbose_name=_("不合格的验收"), on_delete=models.PROTECT, related_name="opened_rectification")
    organisation = models.ForeignKey(Organisation, verbose_name=_("组织"), on_delete=models.PROTECT, related_name="rectifications")
    campaign = models.ForeignKey(Campaign, verbose_name=_("验收活动"), on_delete=models.PROTECT, related_name="rectifications")
    requirements = models.TextField(_("整改要求"), blank=True)
    due_on = models.DateField(_("整改期限"))
    status = models.CharField(_("状态"), max_length=10, choices=RectificationStatus.choices, default=RectificationStatus.OPEN)
    report = models.TextField(_("整改情况报告"), blank=True, help_text=_("联络员填写整改完成的情况。"))
    reported_at = models.DateTimeField(_("报告时间"), null=True, blank=True)
    closed_on = models.DateField(_("关闭日期"), null=True, blank=True)
    history = HistoricalRecords()

    objects = RectificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("整改")
        verbose_name_plural = _("整改")
        ordering = ("due_on", "pk")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_on__isnull=False),
                name="rectification_closed_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} 整改（{self.get_status_display()}）"

    @property
    def is_overdue(self) -> bool:
        return self.status != RectificationStatus.CLOSED and self.due_on < timezone.localdate()
