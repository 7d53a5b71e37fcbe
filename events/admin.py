"""Admin for staff and for committee officers, whom every queryset limits to their committee's events."""

import io

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.admin import ExportMixin
from openpyxl import load_workbook
from simple_history.admin import SimpleHistoryAdmin

from committees.admin_scoping import CommitteeScopedAdminMixin
from common.admin_paging import CappedCountPaginator
from common.admin_rows import PlainActionCheckbox
from grassroots.models import Organisation

from . import services
from .forms import ResultsImportForm
from .models import AgeGroup, Award, Entry, EntryMember, EntryStatus, Event, Festival, Item


class RecentEventFilter(admin.SimpleListFilter):
    """Filter by event, offering the 30 latest events the user may manage instead of every event
    (thousands after ten years: the plain related filter rendered them all on every changelist).
    Same parameter as the plain filter, so links to ?event__id__exact=<pk> still work."""

    title = _("赛事")
    parameter_name = "event__id__exact"

    def lookups(self, request, model_admin):
        events = Event.objects.for_officer(request.user).order_by("-start_date", "-pk")[:30]
        return [(str(event.pk), event.title) for event in events]

    def queryset(self, request, queryset):
        return queryset.filter(event_id=self.value()) if self.value() else queryset


class CommitteeScopedMixin(CommitteeScopedAdminMixin):
    """committees.admin_scoping's scoping, with the events' paths: rows and the event, item and
    entry choices limited to the officer's committee's events (staff see all)."""

    committee_field = "event__committee"
    committee_scoped_fks = {"event": "committee", "item": "event__committee", "entry": "event__committee"}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # The choices' labels name the event, age group and unit: load them with the rows.
        if db_field.name == "item":
            kwargs.setdefault("queryset", Item.objects.select_related("event", "age_group"))
        elif db_field.name == "entry":
            kwargs.setdefault("queryset", Entry.objects.select_related("item__age_group", "unit"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Festival)
class FestivalAdmin(SimpleHistoryAdmin):
    list_display = ("title", "edition", "year", "theme", "start_date", "end_date")
    search_fields = ("title", "theme")
    list_filter = ("year",)


class AgeGroupInline(admin.TabularInline):
    model = AgeGroup
    extra = 0


class ItemInline(admin.TabularInline):
    model = Item
    extra = 0
    fields = ("sort_order", "name", "routine_kind", "set_number", "routine_title", "size", "racket", "discipline",
              "team_min", "team_max", "age_group")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "age_group":
            kwargs["queryset"] = AgeGroup.objects.filter(event_id=getattr(request, "_event_pk", None))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AwardInline(admin.TabularInline):
    """Results of a whole event in one table: pick the team, the award, the rank and the score."""

    model = Award
    extra = 3
    fields = ("entry", "award_type", "other_name", "rank", "score", "certificate_number", "note")
    readonly_fields = ("certificate_number",)
    verbose_name_plural = _("成绩与奖项（保存后生成证书编号）")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "entry":
            kwargs["queryset"] = (
                Entry.objects.filter(event_id=getattr(request, "_event_pk", None))
                .exclude(status=EntryStatus.WITHDRAWN).select_related("unit", "item__age_group")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Event)
class EventAdmin(CommitteeScopedMixin, SimpleHistoryAdmin):
    committee_field = "committee"
    list_display = ("title", "kind", "level", "start_date", "committee", "is_published", "results_released", "links")
    list_filter = ("kind", "level", "is_published", "results_released", "committee", "festival", "project")
    search_fields = ("title", "host", "organiser", "venue")
    date_hierarchy = "start_date"
    list_select_related = ("committee",)
    autocomplete_fields = ("festival",)
    inlines = (AgeGroupInline, ItemInline, AwardInline)
    actions = ("release_results", "hide_results", "publish")
    fieldsets = (
        (None, {"fields": ("title", "kind", "level", "project", "committee", "festival", "host_unit")}),
        (_("时间地点"), {"fields": ("start_date", "end_date", "is_online", "venue")}),
        (_("报名"), {"fields": ("registration_opens", "registration_closes", "quota_per_unit")}),
        (_("主办承办"), {"fields": ("host", "organiser", "co_organisers")}),
        (_("发布"), {"fields": ("description", "is_published", "results_released")}),
    )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        request._event_pk = object_id
        return super().change_view(request, object_id, form_url, extra_context)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else (AgeGroupInline,)

    @admin.display(description=_("导入导出"))
    def links(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:events_event_import_results", args=[obj.pk]), _("导入成绩"),
            reverse("events_portal:export_entries", args=[obj.pk]), _("报名汇总"),
            reverse("events_portal:export_results", args=[obj.pk]), _("成绩表"),
        )

    @admin.action(description=_("公布所选赛事的成绩"))
    def release_results(self, request, queryset):
        for event in queryset:
            services.event_release_results(event=event, released=True)
        self.message_user(request, _("成绩已公布。"))

    @admin.action(description=_("撤下所选赛事的成绩"))
    def hide_results(self, request, queryset):
        for event in queryset:
            services.event_release_results(event=event, released=False)
        self.message_user(request, _("成绩已撤下。"))

    @admin.action(description=_("公开发布所选赛事"))
    def publish(self, request, queryset):
        queryset.update(is_published=True)
        services.bump("events")

    def get_urls(self):
        return [
            path("<int:pk>/import-results/", self.admin_site.admin_view(self.import_results_view), name="events_event_import_results"),
            *super().get_urls(),
        ]

    def import_results_view(self, request, pk):
        event = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, event):
            raise PermissionDenied
        form = ResultsImportForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            try:
                rows = read_results_sheet(form.cleaned_data["file"])
                count = services.results_import(event=event, rows=rows)
            except ValidationError as exc:
                errors = exc.messages
            else:
                self.message_user(request, _("已导入 %(n)s 条成绩。") % {"n": count}, messages.SUCCESS)
                return redirect("admin:events_event_change", event.pk)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "event": event, "form": form,
                   "errors": errors, "title": _("导入成绩：%(t)s") % {"t": event.title}}
        return render(request, "events/admin/import_results.html", context)


def read_results_sheet(upload) -> list[dict]:
    """Rows of the first sheet as dicts keyed by the header row (the row that has 队名)."""
    try:
        book = load_workbook(io.BytesIO(upload.read()), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationError(_("文件不是有效的 Excel（.xlsx）表格。")) from None
    sheet = book.worksheets[0]
    header, rows = None, []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if header is None:
            if values and "队名" in [str(v).strip() if v is not None else "" for v in values]:
                header = [str(v).strip() if v is not None else "" for v in values]
            continue
        rows.append({**dict(zip(header, values, strict=False)), "_row": number})
    if header is None:
        raise ValidationError(_("表格里找不到表头：请用“项目、单位、队名、奖项、名次、成绩”作列名。"))
    return rows


@admin.register(AgeGroup)
class AgeGroupAdmin(CommitteeScopedMixin, SimpleHistoryAdmin):
    list_display = ("label", "event", "gender", "min_age", "max_age", "reference_date")
    search_fields = ("label", "event__title")
    list_select_related = ("event",)


@admin.register(Item)
class ItemAdmin(CommitteeScopedMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "event", "size", "team_min", "team_max", "age_group")
    list_filter = ("routine_kind", "size")
    search_fields = ("name", "set_number", "routine_title", "discipline", "event__title")
    list_select_related = ("event", "age_group")


class EntryMemberInline(admin.TabularInline):
    model = EntryMember
    extra = 0
    raw_id_fields = ("person",)
    fields = ("person", "is_active")
    readonly_fields = ("is_active",)


class EntryResource(resources.ModelResource):
    event = fields.Field(attribute="event__title", column_name="赛事")
    item = fields.Field(column_name="比赛项目")
    unit = fields.Field(attribute="unit__name", column_name="单位")
    team_name = fields.Field(attribute="team_name", column_name="队名")
    status = fields.Field(column_name="状态")

    class Meta:
        model = Entry
        fields = ("event", "item", "unit", "team_name", "status")

    def dehydrate_item(self, entry):
        return entry.item.display_name

    def dehydrate_status(self, entry):
        return entry.get_status_display()


@admin.register(Entry)
class EntryAdmin(PlainActionCheckbox, CommitteeScopedMixin, ExportMixin, SimpleHistoryAdmin):
    resource_classes = (EntryResource,)
    list_display = ("team_name", "unit", "event", "item", "status", "submitted_at")
    list_filter = ("status", "event__kind", RecentEventFilter)
    search_fields = ("team_name", "unit__name", "event__title")
    list_select_related = ("unit", "event", "item__age_group")
    # 100,000 entries at scale: no second COUNT(*) of the whole table, and an order the
    # (event, unit, status) index can serve instead of the related models' own orderings.
    show_full_result_count = False
    paginator = CappedCountPaginator
    ordering = ("-event_id", "item_id", "unit_id", "team_name")
    raw_id_fields = ("unit",)
    inlines = (EntryMemberInline,)
    actions = ("accept",)
    readonly_fields = ("submitted_at", "created_by")

    def get_search_results(self, request, queryset, search_term):
        """As the admin's own search over search_fields (every word must match one of them), with
        the unit's and the event's names matched in subqueries of their own tables: ORed across
        the joins, every entry of the filter was joined and tested before the page could be
        sorted (194 ms at scale); by subqueries the entries are read in the list's order and the
        page stops at its hundredth row (11 ms, EXPLAIN ANALYZE)."""
        for word in smart_split(search_term):
            if word[:1] in {'"', "'"} and word[-1:] == word[:1] and len(word) > 1:
                word = unescape_string_literal(word)
            units = Organisation.objects.filter(name__icontains=word).values("pk")
            events = Event.objects.filter(title__icontains=word).values("pk")
            queryset = queryset.filter(Q(team_name__icontains=word) | Q(unit_id__in=units) | Q(event_id__in=events))
        return queryset, False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.status in (EntryStatus.REJECTED, EntryStatus.WITHDRAWN):
            # A rejected or withdrawn team frees its members for another team of the item.
            obj.members.update(is_active=False)

    @admin.action(description=_("确认所选报名"))
    def accept(self, request, queryset):
        done = 0
        for entry in queryset:
            try:
                services.entry_review(entry=entry, accept=True)
                done += 1
            except ValidationError as exc:
                self.message_user(request, f"{entry}：{' '.join(exc.messages)}", messages.WARNING)
        self.message_user(request, _("已确认 %(n)s 条报名。") % {"n": done})


class AwardResource(resources.ModelResource):
    item = fields.Field(column_name="项目")
    unit = fields.Field(attribute="entry__unit__name", column_name="单位")
    team = fields.Field(attribute="entry__team_name", column_name="队名")
    label = fields.Field(column_name="奖项")
    certificate_number = fields.Field(attribute="certificate_number", column_name="证书编号")

    class Meta:
        model = Award
        fields = ("item", "unit", "team", "label", "certificate_number")

    def dehydrate_item(self, award):
        return award.entry.item.display_name

    def dehydrate_label(self, award):
        return award.label


@admin.register(Award)
class AwardAdmin(PlainActionCheckbox, CommitteeScopedMixin, ExportMixin, SimpleHistoryAdmin):
    resource_classes = (AwardResource,)
    list_display = ("entry", "event", "award_type", "rank", "score", "certificate_number", "certificate")
    list_filter = ("award_type", RecentEventFilter)
    show_full_result_count = False
    paginator = CappedCountPaginator
    search_fields = ("entry__team_name", "certificate_number", "event__title")
    list_select_related = ("entry__item__age_group", "event")
    autocomplete_fields = ("entry",)
    readonly_fields = ("certificate_number",)

    @admin.display(description=_("奖状"))
    def certificate(self, obj):
        return format_html('<a href="{}">PDF</a>', reverse("events_portal:award_certificate", args=[obj.pk]))
