from django.contrib import admin, messages
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from accounts.roles import is_secretariat

from .admin_scoping import CommitteeScopedAdminMixin
from .admin_widgets import PersonAutocompleteSelect, person_autocomplete_view
from .forms import CommitteeAdminForm
from .models import Committee, CommitteeOfficerAccount, Officer
from .resources import CommitteeResource, OfficerResource
from .services import officer_end_term


class CurrentFilter(admin.SimpleListFilter):
    title = _("任职状态")
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return (("yes", _("在任")), ("no", _("已卸任")))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.current()
        if self.value() == "no":
            return queryset.ended()
        return queryset


class BodyFilter(admin.SimpleListFilter):
    title = _("所属")
    parameter_name = "body"

    def lookups(self, request, model_admin):
        rows = [("association", _("市老体协（协会领导）"))]
        rows += [(str(c.pk), str(c)) for c in Committee.objects.for_user(request.user)]
        return rows

    def queryset(self, request, queryset):
        if self.value() == "association":
            return queryset.association()
        if self.value():
            return queryset.filter(committee_id=self.value())
        return queryset


class PersonPickerMixin:
    """Pick the person with PersonAutocompleteSelect (see admin_widgets)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "person":
            kwargs["widget"] = PersonAutocompleteSelect(db_field, self.admin_site, attrs={"data-width": "28em"})
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class OfficerInline(PersonPickerMixin, admin.TabularInline):
    model = Officer
    fields = ("person", "role", "term", "started_on", "ended_on", "sort_order")
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


@admin.register(Committee)
class CommitteeAdmin(CommitteeScopedAdminMixin, ExportMixin, SimpleHistoryAdmin):
    committee_field = "pk"
    form = CommitteeAdminForm
    resource_classes = [CommitteeResource]
    export_formats = [XLSX, CSV]
    list_display = ("name", "short_name", "project_names", "term_display", "contact_person", "is_active", "sort_order")
    list_filter = ("is_active", "projects")
    search_fields = ("name", "short_name", "projects__name")
    # Only for the secretariat (get_prepopulated_fields): the officer's form has no slug field, and
    # simple-history's revert page reads the class attribute directly.
    prepopulated_fields = {}
    secretariat_prepopulated_fields = {"slug": ("short_name",)}
    inlines = [OfficerInline]
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "projects", "introduction", "photo")}),
        (_("届次与联系"), {"fields": ("founded_on", "current_term", "contact_person", "contact_phone")}),
        (_("显示"), {"classes": ("collapse",), "fields": ("sort_order", "is_active")}),
    )
    # A committee officer edits their committee's description, never its identity or visibility.
    officer_readonly_fields = ("name", "slug", "sort_order", "is_active")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("projects")

    def get_readonly_fields(self, request, obj=None):
        if is_secretariat(request.user):
            return super().get_readonly_fields(request, obj)
        return self.officer_readonly_fields

    def get_prepopulated_fields(self, request, obj=None):
        return self.secretariat_prepopulated_fields if is_secretariat(request.user) else {}

    def has_add_permission(self, request):
        return is_secretariat(request.user) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return is_secretariat(request.user) and super().has_delete_permission(request, obj)

    @admin.display(description=_("负责项目"))
    def project_names(self, obj):
        return "、".join(p.name for p in obj.projects.all())

    @admin.display(description=_("当前届次"), ordering="current_term")
    def term_display(self, obj):
        return obj.term_label


@admin.register(Officer)
class OfficerAdmin(PersonPickerMixin, CommitteeScopedAdminMixin, ExportMixin, SimpleHistoryAdmin):
    committee_field = "committee"
    resource_classes = [OfficerResource]
    export_formats = [XLSX, CSV]
    list_display = ("person", "body", "role", "term_display", "started_on", "ended_on")
    list_filter = (CurrentFilter, BodyFilter, "role", "term")
    search_fields = ("person__name", "committee__name", "committee__short_name")
    list_select_related = ("person", "committee")
    fields = ("person", "committee", "role", "term", "started_on", "ended_on", "sort_order", "note")
    actions = ["end_term"]
    date_hierarchy = "started_on"

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        committee = self.scope_committee(request)
        if committee:
            initial.setdefault("term", committee.current_term)
        return initial

    def get_urls(self):
        view = self.admin_site.admin_view(person_autocomplete_view(self))
        return [path("person-autocomplete/", view, name="committees_officer_person_autocomplete"), *super().get_urls()]

    @admin.display(description=_("所属"), ordering="committee__sort_order")
    def body(self, obj):
        return obj.committee or _("市老体协")

    @admin.display(description=_("届次"), ordering="term")
    def term_display(self, obj):
        return obj.term_label

    @admin.action(description=_("卸任所选职务（保留记录）"), permissions=["change"])
    def end_term(self, request, queryset):
        count = 0
        for officer in queryset.current():
            officer_end_term(officer=officer)
            count += 1
        self.message_user(
            request, ngettext("%(n)d 个职务已卸任，记录保留。", "%(n)d 个职务已卸任，记录保留。", count) % {"n": count}, messages.SUCCESS
        )


@admin.register(CommitteeOfficerAccount)
class CommitteeOfficerAccountAdmin(SimpleHistoryAdmin):
    list_display = ("user", "committee")
    list_filter = ("committee",)
    search_fields = ("user__username", "user__full_name", "committee__name")
    autocomplete_fields = ("user", "committee")

    def has_module_permission(self, request):
        return is_secretariat(request.user)

    def has_view_permission(self, request, obj=None):
        return is_secretariat(request.user)

    def has_add_permission(self, request):
        return is_secretariat(request.user)

    def has_change_permission(self, request, obj=None):
        return is_secretariat(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_secretariat(request.user)
