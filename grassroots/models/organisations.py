"""The organisation tree: the city association, its member units, townships and villages."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import is_secretariat
from common.identity import validate_mobile


class OrgLevel(models.IntegerChoices):
    CITY = 1, _("市级协会")
    MEMBER_UNIT = 2, _("会员单位（县、市、区及分会）")
    TOWNSHIP = 3, _("乡镇/街道")
    VILLAGE = 4, _("行政村/社区")


class UnitKind(models.TextChoices):
    """What kind of member unit: only meaningful at level 2."""

    COUNTY = "county", _("县（市、区）老体协")
    SECTOR = "sector", _("行业分会")
    ENTERPRISE = "enterprise", _("企业老体协")


class OrgStatus(models.TextChoices):
    ACTIVE = "active", _("活跃")
    DISSOLVED = "dissolved", _("撤销")


class FundingMode(models.TextChoices):
    QUOTA = "quota", _("定额划拨")
    REIMBURSED = "reimbursed", _("实报实销")
    NONE = "none", _("无经费")


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=OrgStatus.ACTIVE)

    def member_units(self):
        return self.filter(level=OrgLevel.MEMBER_UNIT)

    def counties(self):
        return self.filter(level=OrgLevel.MEMBER_UNIT, unit_kind=UnitKind.COUNTY)

    def townships(self):
        return self.filter(level=OrgLevel.TOWNSHIP)

    def villages(self):
        return self.filter(level=OrgLevel.VILLAGE)

    def grassroots(self):
        """The organisations that the six-haves inspection looks at: townships and villages."""
        return self.filter(level__in=(OrgLevel.TOWNSHIP, OrgLevel.VILLAGE))

    def for_user(self, user):
        """Every organisation the user may act for: all for staff, their unit's subtree for
        coordinators and correspondents, nothing for anyone else. Every app scopes through this."""
        if is_secretariat(user):
            return self
        unit = acting_unit(user)
        if unit is None:
            return self.none()
        return self.filter(member_unit_id=unit.pk)


class Organisation(models.Model):
    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=30, blank=True, help_text=_("在列表和图表中显示，例如“泽州县”。"))
    slug = models.SlugField(
        _("网址代号"), max_length=60, unique=True, null=True, blank=True, help_text=_("用于网址和筛选，例如 zezhou。")
    )
    level = models.PositiveSmallIntegerField(_("层级"), choices=OrgLevel.choices)
    unit_kind = models.CharField(_("会员单位类别"), max_length=20, choices=UnitKind.choices, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级组织"), on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    # The member unit (level 2) this organisation belongs to; the unit itself for level 2.
    # Kept by save() so that scoping a coordinator is one indexed equality, at any depth.
    member_unit = models.ForeignKey(
        "self", verbose_name=_("所属会员单位"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="subtree", editable=False,
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    status = models.CharField(_("状态"), max_length=12, choices=OrgStatus.choices, default=OrgStatus.ACTIVE)
    dissolved_on = models.DateField(_("撤销日期"), null=True, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True, validators=[validate_mobile])
    phone_public = models.BooleanField(
        _("公开联系电话"), default=False, help_text=_("勾选后，联系人和电话会显示在“健身去哪儿”公开页面上。")
    )
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    # Facts the six-haves inspection asks about.
    office_area_m2 = models.DecimalField(_("办公场所面积（㎡）"), max_digits=8, decimal_places=1, null=True, blank=True)
    funding_mode = models.CharField(_("经费方式"), max_length=12, choices=FundingMode.choices, blank=True)
    has_sign = models.BooleanField(_("已挂牌"), default=False)
    rules_on_wall = models.BooleanField(_("制度上墙"), default=False)
    team_count = models.PositiveIntegerField(_("队伍数"), default=0)
    activist_count = models.PositiveIntegerField(_("健身骨干数"), default=0)
    introduction = models.TextField(_("简介"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("组织")
        verbose_name_plural = _("组织")
        ordering = ("level", "sort_order", "name")
        constraints = [
            models.UniqueConstraint(fields=("parent", "name"), name="org_unique_name_under_parent"),
            models.UniqueConstraint(fields=("level",), condition=Q(level=1), name="org_single_city"),
            models.CheckConstraint(
                condition=(Q(level=1, parent__isnull=True) | Q(level__gt=1, parent__isnull=False)),
                name="org_root_has_no_parent",
                violation_error_message=_("只有市级协会没有上级组织，其他组织必须选择上级组织。"),
            ),
            models.CheckConstraint(
                condition=Q(level=2) | Q(unit_kind=""),
                name="org_unit_kind_only_for_member_units",
                violation_error_message=_("只有会员单位才有会员单位类别。"),
            ),
        ]
        indexes = [
            models.Index(fields=("member_unit", "level", "status")),
            models.Index(fields=("parent", "sort_order")),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.member_unit_id = self._compute_member_unit_id()
        # What the venues copy (Venue.search_text, Venue.member_unit), as it was: one query.
        before = None if self._state.adding else type(self)._base_manager.filter(pk=self.pk).values_list("name", "member_unit_id").first()
        super().save(*args, **kwargs)
        if before is not None:
            from .venues import refresh_venue_member_unit, refresh_venue_search_text

            old_name, old_member_unit_id = before
            if old_name != self.name:
                refresh_venue_search_text(self.pk, self.name)
            if old_member_unit_id != self.member_unit_id:
                refresh_venue_member_unit(self.pk, self.member_unit_id)
        if self.level == OrgLevel.MEMBER_UNIT and self.member_unit_id is None:
            # A new member unit points at itself, which needs its own primary key first.
            type(self).objects.filter(pk=self.pk).update(member_unit_id=self.pk)
            self.member_unit_id = self.pk

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.level and self.level > OrgLevel.CITY and self.parent_id is None:
            errors["parent"] = _("请选择上级组织。")
        if self.parent_id is not None and self.level:
            parent_level = self.parent.level
            if self.level != parent_level + 1:
                errors["parent"] = _(
                    "上级组织层级不对：%(level)s的上级应当是%(expected)s，而“%(parent)s”是%(actual)s。"
                ) % {
                    "level": OrgLevel(self.level).label,
                    "expected": OrgLevel(self.level - 1).label,
                    "parent": self.parent.name,
                    "actual": OrgLevel(parent_level).label,
                }
        if self.level == OrgLevel.MEMBER_UNIT and not self.unit_kind:
            errors["unit_kind"] = _("请选择会员单位类别。")
        if self.level != OrgLevel.MEMBER_UNIT and self.unit_kind:
            errors["unit_kind"] = _("只有会员单位才有会员单位类别。")
        if self.status == OrgStatus.DISSOLVED and not self.dissolved_on:
            errors["dissolved_on"] = _("撤销组织时请填写撤销日期。")
        if errors:
            raise ValidationError(errors)

    def _compute_member_unit_id(self):
        if self.level == OrgLevel.CITY:
            return None
        if self.level == OrgLevel.MEMBER_UNIT:
            return self.pk
        return self.parent.member_unit_id if self.parent_id else None

    def ancestors(self) -> list["Organisation"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class AssignmentRole(models.TextChoices):
    COORDINATOR = "coordinator", _("联络员")
    CORRESPONDENT = "correspondent", _("通讯员")


class UnitAssignment(models.Model):
    """Ties a login to the one member unit it coordinates or reports for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="unit_assignment"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("会员单位"), on_delete=models.PROTECT, related_name="assignments",
        limit_choices_to={"level": OrgLevel.MEMBER_UNIT},
    )
    role = models.CharField(_("身份"), max_length=20, choices=AssignmentRole.choices, default=AssignmentRole.COORDINATOR)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("联络员/通讯员分配")
        verbose_name_plural = _("联络员/通讯员分配")

    def __str__(self):
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"

    def clean(self):
        if self.organisation_id and self.organisation.level != OrgLevel.MEMBER_UNIT:
            raise ValidationError({"organisation": _("联络员和通讯员只能分配到会员单位（县、市、区或分会）。")})


def acting_unit(user):
    """The member unit a coordinator or correspondent acts for, or None. Cached on the user."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_acting_unit_cache"):
        assignment = (
            UnitAssignment.objects.select_related("organisation").filter(user_id=user.pk).first()
        )
        user._acting_unit_cache = assignment.organisation if assignment else None
    return user._acting_unit_cache
