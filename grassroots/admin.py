"""The staff's admin for grassroots: registry, people, catalogue, the standard, campaigns,
self-checks, inspections (with the proposed result and a confirm action) and rectification."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.admin import ExportMixin, ImportExportMixin
from import_export.widgets import ForeignKeyWidget
from simple_history.admin import SimpleHistoryAdmin

from common.admin_paging import CappedCountPaginator
from common.admin_rows import PlainActionCheckbox

from . import services
from .models import (
    Campaign,
    EvidencePhoto,
    Inspection,
    InspectionScore,
    Organisation,
    Person,
    Project,
    Rectification,
    SelfCheck,
    SelfCheckAnswer,
    Standard,
    StandardItem,
    Team,
    UnitAssignment,
    Venue,
)

# ---- import/export resources -------------------------------------------------------------------


class OrganisationResource(resources.ModelResource):
    parent = fields.Field(attribute="parent", column_name="上级组织",
                          widget=ForeignKeyWidget(Organisation, "name"))

    class Meta:
        model = Organisation
        fields = ("id", "name", "level", "parent", "address", "contact_person", "contact_phone", "phone_public",
                  "founded_on", "office_area_m2", "funding_mode", "has_sign", "rules_on_wall", "team_count",
                  "activist_count", "status")
        use_transactions = True
        skip_unchanged = True
        clean_model_instances = True


class PersonResource(resources.ModelResource):
    organisation = fields.Field(attribute="organisation", column_name="所属组织",
                                widget=ForeignKeyWidget(Organisation, "name"))

    class Meta:
        model = Person
        fields = ("id", "name", "gender", "birth_date", "id_number", "phone", "organisation", "role", "note", "is_active")
        use_transactions = True
        clean_model_instances = True


class VenueResource(resources.ModelResource):
    class Meta:
        model = Venue
        fields = ("id", "organisation__name", "name", "address", "kind", "area_m2", "opening_hours", "is_public")


class TeamResource(resources.ModelResource):
    class Meta:
        model = Team
        fields = ("id", "organisation__name", "project__name", "name", "leader__name", "member_count", "venue__name",
                  "weekdays", "start_time", "end_time", "is_active")


class MemberUnitFilter(admin.SimpleListFilter):
    """Filter by member unit, offering only the eight member units (not every organisation)."""

    title = _("所属会员单位")
    parameter_name = "unit"
    lookup = "member_unit_id"

    def lookups(self, request, model_admin):
        return [(o.pk, o.display_name) for o in Organisation.objects.member_units().order_by("sort_order")]

    def queryset(self, request, queryset):
        return queryset.filter(**{self.lookup: self.value()}) if self.value() else queryset


class OrgMemberUnitFilter(MemberUnitFilter):
    lookup = "organisation__member_unit_id"


# ---- registry ----------------------------------------------------------------------------------------


@admin.register(Organisation)
class OrganisationAdmin(PlainActionCheckbox, ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [OrganisationResource]
    list_display = ("name", "level", "parent", "member_unit", "status", "team_count", "activist_count", "phone_public")
    list_filter = ("level", "status", MemberUnitFilter, "funding_mode", "has_sign", "rules_on_wall")
    show_full_result_count = False
    paginator = CappedCountPaginator
    search_fields = ("name", "short_name", "address", "contact_person")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent", "member_unit")
    readonly_fields = ("member_unit",)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "level", "unit_kind", "parent", "member_unit", "sort_order", "status", "dissolved_on")}),
        (_("联系"), {"fields": ("address", "contact_person", "contact_phone", "phone_public", "founded_on")}),
        (_("验收关注的情况"), {"fields": ("office_area_m2", "funding_mode", "has_sign", "rules_on_wall", "team_count", "activist_count")}),
        (_("简介"), {"classes": ("collapse",), "fields": ("introduction",)}),
    )

    def has_delete_permission(self, request, obj=None):
        # Dissolve by status (撤销), never delete: inspections and people point here.
        return False

    def delete_view(self, request, object_id, extra_context=None):
        """Say why instead of the bare 403 the admin gives: whoever may see the organisation is
        sent to its page with the way to dissolve it. Nothing is deleted, GET or POST."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        messages.warning(request, _(
            "组织不能删除：人员、队伍和验收记录都挂在组织上。不再活动的组织请在下面把“状态”改为“撤销”，"
            "填写撤销日期后保存；它的记录和历史都会保留。"
        ))
        return redirect("admin:grassroots_organisation_change", obj.pk)


@admin.register(UnitAssignment)
class UnitAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ("user", "organisation", "role")
    list_filter = ("role", "organisation")
    search_fields = ("user__username", "user__full_name", "organisation__name")
    autocomplete_fields = ("user", "organisation")


@admin.register(Person)
class PersonAdmin(PlainActionCheckbox, ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [PersonResource]
    list_display = ("name", "gender", "birth_date", "masked_id", "organisation", "member_unit", "role", "is_active")
    list_filter = ("role", "gender", "is_active", MemberUnitFilter)
    show_full_result_count = False
    paginator = CappedCountPaginator
    search_fields = ("name", "id_number", "phone", "organisation__name")
    autocomplete_fields = ("organisation",)
    list_select_related = ("organisation", "member_unit")

    @admin.display(description=_("身份证号"))
    def masked_id(self, obj):
        return obj.masked_id_number


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ("name", "category", "is_active", "sort_order")
    list_filter = ("category", "is_active")
    list_editable = ("is_active", "sort_order")
    search_fields = ("name", "slug")

    def has_delete_permission(self, request, obj=None):
        # A project in use is retired (在用 unticked), never deleted.
        if obj is not None and (obj.teams.exists() or obj.venues.exists() or getattr(obj, "committees", None) and obj.committees.exists()):
            return False
        return super().has_delete_permission(request, obj)


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0
    fields = ("name", "project", "member_count", "weekdays", "start_time", "end_time", "is_active")
    show_change_link = True


@admin.register(Venue)
class VenueAdmin(ExportMixin, SimpleHistoryAdmin):
    resource_classes = [VenueResource]
    list_display = ("name", "organisation", "kind", "area_m2", "opening_hours", "is_public")
    list_filter = ("kind", "is_public", "projects", OrgMemberUnitFilter)
    search_fields = ("name", "address", "organisation__name")
    autocomplete_fields = ("organisation",)
    filter_horizontal = ("projects",)
    list_select_related = ("organisation",)
    inlines = [TeamInline]


@admin.register(Team)
class TeamAdmin(ExportMixin, SimpleHistoryAdmin):
    resource_classes = [TeamResource]
    list_display = ("name", "project", "organisation", "member_count", "schedule_display", "venue", "is_active")
    list_filter = ("project", "is_active", OrgMemberUnitFilter)
    search_fields = ("name", "organisation__name", "project__name")
    autocomplete_fields = ("organisation", "leader", "venue")
    list_select_related = ("project", "organisation", "venue")


# ---- the standard and campaigns -------------------------------------------------------------------------


class StandardItemInline(admin.TabularInline):
    model = StandardItem
    extra = 0
    fields = ("sort_order", "code", "title", "guidance", "evidence_required", "max_score")

    def has_change_permission(self, request, obj=None):
        return not (obj and obj.is_frozen) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return not (obj and obj.is_frozen) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and obj.is_frozen) and super().has_delete_permission(request, obj)


@admin.register(Standard)
class StandardAdmin(SimpleHistoryAdmin):
    list_display = ("name", "version", "adopted_on", "frozen")
    search_fields = ("name", "code")
    inlines = [StandardItemInline]
    actions = ["new_version"]

    @admin.display(description=_("已被使用（不可修改）"), boolean=True)
    def frozen(self, obj):
        return obj.is_frozen

    @admin.action(description=_("复制为新版本（之后可修改条目）"))
    def new_version(self, request, queryset):
        for standard in queryset:
            new = services.standard_new_version(standard=standard)
            self.message_user(request, _("已建立 %(s)s") % {"s": new})


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ("year", "title", "document_number", "standard", "selfcheck_deadline", "inspection_start", "inspection_end")
    search_fields = ("title", "document_number")
    autocomplete_fields = ("standard",)

    def get_readonly_fields(self, request, obj=None):
        # The version is fixed once self-checks or inspections exist: results depend on it.
        if obj and (obj.selfchecks.exists() or obj.inspections.exists()):
            return ("standard",)
        return ()


# ---- self-checks ------------------------------------------------------------------------------------------


class SelfCheckAnswerInline(admin.TabularInline):
    model = SelfCheckAnswer
    extra = 0
    fields = ("item", "met", "note")
    readonly_fields = ("item",)
    can_delete = False


class EvidencePhotoInline(admin.TabularInline):
    model = EvidencePhoto
    extra = 0
    fields = ("preview", "item", "caption", "uploaded_at")
    readonly_fields = ("preview", "item", "caption", "uploaded_at")

    @admin.display(description=_("照片"))
    def preview(self, obj):
        return format_html('<a href="{0}"><img src="{0}" alt="" style="max-height:80px"></a>', obj.image.url) if obj.image else ""


@admin.register(SelfCheck)
class SelfCheckAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "campaign", "status", "submitted_at", "updated_at")
    list_filter = ("campaign", "status", OrgMemberUnitFilter, "organisation__level")
    search_fields = ("organisation__name",)
    autocomplete_fields = ("organisation",)
    list_select_related = ("organisation", "campaign")
    readonly_fields = ("submitted_at", "submitted_by")
    inlines = [SelfCheckAnswerInline, EvidencePhotoInline]
    actions = ["reopen"]

    @admin.action(description=_("退回为草稿（允许联络员修改）"))
    def reopen(self, request, queryset):
        count = queryset.update(status="draft", submitted_at=None)
        self.message_user(request, _("已退回 %(n)d 份自查。") % {"n": count})


# ---- inspections and rectification ------------------------------------------------------------------------


class InspectionScoreInline(admin.TabularInline):
    model = InspectionScore
    extra = 0
    fields = ("item", "score", "met", "note")

    def get_extra(self, request, obj=None, **kwargs):
        return 6 if obj is None else 0


@admin.register(Inspection)
class InspectionAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "campaign", "kind", "inspected_on", "total_score", "proposed_result", "result", "inspectors")
    list_filter = ("campaign", "kind", "result", "proposed_result", OrgMemberUnitFilter)
    search_fields = ("organisation__name", "inspectors")
    autocomplete_fields = ("organisation", "rectification")
    list_select_related = ("organisation", "campaign")
    readonly_fields = ("total_score", "proposed_result", "confirmed_at", "confirmed_by")
    fieldsets = (
        (None, {"fields": ("campaign", "organisation", "kind", "rectification", "inspected_on", "inspectors")}),
        (_("验收方式"), {"fields": ("method_site", "method_report", "method_public")}),
        (_("结果"), {"fields": ("total_score", "proposed_result", "result", "confirmed_at", "confirmed_by", "note")}),
    )
    inlines = [InspectionScoreInline]
    actions = ["confirm_proposed"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        inspection = form.instance
        services.inspection_refresh_proposal(inspection=inspection)
        if inspection.result:
            # Stamp who confirmed and open/close the rectification the result implies.
            services.inspection_confirm(inspection=inspection, user=request.user, result=inspection.result)
            if inspection.result == "fail" and inspection.kind == "initial":
                messages.info(request, _("结果为不合格：已自动建立整改，期限默认为验收后30天，可在“整改”中修改。"))

    @admin.action(description=_("按建议结果确认（不合格的自动建立整改）"))
    def confirm_proposed(self, request, queryset):
        done = 0
        for inspection in queryset:
            try:
                services.inspection_confirm(inspection=inspection, user=request.user)
                done += 1
            except ValidationError as exc:
                self.message_user(request, f"{inspection}：{' '.join(exc.messages)}", level=messages.ERROR)
        self.message_user(request, _("已确认 %(n)d 条验收结果。") % {"n": done})


class ReinspectionInline(admin.TabularInline):
    model = Inspection
    fk_name = "rectification"
    extra = 0
    fields = ("inspected_on", "total_score", "proposed_result", "result")
    readonly_fields = fields
    can_delete = False
    show_change_link = True
    verbose_name_plural = _("复查记录")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Rectification)
class RectificationAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "campaign", "status", "due_on", "overdue", "reported_at", "closed_on")
    list_filter = ("status", "campaign", OrgMemberUnitFilter)
    search_fields = ("organisation__name",)
    list_select_related = ("organisation", "campaign")
    readonly_fields = ("inspection", "organisation", "campaign", "report", "reported_at", "closed_on")
    fields = ("inspection", "organisation", "campaign", "requirements", "due_on", "status", "report", "reported_at", "closed_on")
    inlines = [ReinspectionInline]

    @admin.display(description=_("逾期"), boolean=True)
    def overdue(self, obj):
        return obj.is_overdue

    def has_add_permission(self, request):
        return False  # opened by a failed inspection

    def save_model(self, request, obj, form, change):
        if obj.status == "closed" and not obj.closed_on:
            obj.closed_on = timezone.localdate()
        super().save_model(request, obj, form, change)
