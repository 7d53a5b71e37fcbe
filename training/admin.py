"""Training in the admin: courses, the roster (nominations) with bulk actions, qualifications."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.admin_paging import CappedCountPaginator
from common.admin_rows import PlainActionCheckbox
from common.cache import bump
from grassroots.models import Person

from .forms import RosterImportForm
from .models import Course, Nomination, NominationStatus, Qualification
from .roster import roster_export, roster_import
from .services import nomination_record_result, nominations_set_status


@admin.register(Course)
class CourseAdmin(SimpleHistoryAdmin):
    list_display = ("title", "project", "kind", "level", "organiser", "is_online", "starts_on", "ends_on", "quota_per_unit", "nomination_closes", "is_published", "roster_link")
    list_filter = ("level", "kind", "is_online", "is_published", "project", ("starts_on", admin.DateFieldListFilter))
    search_fields = ("title", "organiser", "venue")
    date_hierarchy = "starts_on"
    list_select_related = ("project",)
    actions = ("export_roster", "publish", "unpublish")
    change_list_template = "admin/training/course/change_list.html"
    fieldsets = (
        (None, {"fields": ("title", "project", "kind", "level", "organiser", "committee", "is_online", "starts_on", "ends_on", "venue", "description", "is_published")}),
        (_("推荐"), {"fields": ("quota_per_unit", "nomination_opens", "nomination_closes")}),
        (_("结业与资格"), {"fields": ("grants_kind", "grants_grade", "certificate_issuer"), "classes": ("collapse",)}),
    )

    @admin.display(description=_("花名册"))
    def roster_link(self, obj):
        url = reverse("admin:training_nomination_changelist") + f"?course__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _t("查看花名册"))

    def get_urls(self):
        return [path("import-roster/", self.admin_site.admin_view(self.import_roster_view), name="training_course_import_roster"), *super().get_urls()]

    def import_roster_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = RosterImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            report = roster_import(form.cleaned_data["file"].read())
            if report.ok:
                messages.success(request, _t("花名册已导入“%(course)s”：新增%(c)d人，更新%(u)d人，未变%(n)d人，新登记人员%(p)d人。") % {
                    "course": report.course.title, "c": report.created, "u": report.updated, "n": report.unchanged, "p": report.people_created,
                })
                return redirect(reverse("admin:training_nomination_changelist") + f"?course__id__exact={report.course.pk}")
        context = {**self.admin_site.each_context(request), "title": _t("导入花名册"), "form": form, "report": report, "opts": self.model._meta}
        return render(request, "admin/training/course/import_roster.html", context)

    @admin.action(description=_("导出所选培训班的花名册（Excel）"))
    def export_roster(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _t("请只选择一个培训班导出花名册。"), messages.WARNING)
            return None
        course = queryset.select_related("project").get()
        response = HttpResponse(roster_export(course), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="roster-{course.pk}.xlsx"'
        return response

    @admin.action(description=_("公开发布"))
    def publish(self, request, queryset):
        queryset.update(is_published=True)
        bump("training")

    @admin.action(description=_("取消发布"))
    def unpublish(self, request, queryset):
        queryset.update(is_published=False)
        bump("training")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        bump("training")


class RecentCourseFilter(admin.SimpleListFilter):
    """The 30 latest courses instead of every course (hundreds after ten years); same parameter as
    the plain related filter."""

    title = _("培训班")
    parameter_name = "course__id__exact"

    def lookups(self, request, model_admin):
        return [(str(c.pk), c.title) for c in Course.objects.order_by("-starts_on", "-pk").only("pk", "title")[:30]]

    def queryset(self, request, queryset):
        return queryset.filter(course_id=self.value()) if self.value() else queryset


@admin.register(Nomination)
class NominationAdmin(PlainActionCheckbox, SimpleHistoryAdmin):
    list_display = ("person", "course_title", "unit_name", "status", "new_grade", "certificate_number", "certificate_link")
    list_filter = ("status", "course__level", "course__kind", "unit", ("course__starts_on", admin.DateFieldListFilter), RecentCourseFilter)
    search_fields = ("person__name", "person__id_number", "course__title", "certificate_number")
    show_full_result_count = False
    paginator = CappedCountPaginator
    raw_id_fields = ("person", "course")
    list_select_related = ("person", "course", "unit")
    list_per_page = 100
    actions = ("admit", "decline", "mark_attended", "mark_passed", "mark_failed")
    readonly_fields = ("nominated_by", "created_at")

    @admin.display(description=_("培训班"), ordering="course__starts_on")
    def course_title(self, obj):
        return obj.course.title

    @admin.display(description=_("推荐单位"), ordering="unit__sort_order")
    def unit_name(self, obj):
        return obj.unit.display_name

    @admin.display(description=_("证书"))
    def certificate_link(self, obj):
        if obj.status == NominationStatus.PASSED and obj.certificate_number:
            return format_html('<a href="{}">PDF</a>', reverse("training_portal:certificate", args=[obj.pk]))
        return "—"

    def _set(self, request, queryset, status):
        try:
            count = nominations_set_status(nominations=queryset.select_related("course", "course__project", "person"), status=status, user=request.user)
        except ValidationError as exc:
            self.message_user(request, "；".join(exc.messages), messages.ERROR)
            return
        self.message_user(request, _t("已将%(n)d条记录设为“%(status)s”。") % {"n": count, "status": NominationStatus(status).label})

    @admin.action(description=_("录取所选人员"))
    def admit(self, request, queryset):
        self._set(request, queryset, NominationStatus.ADMITTED)

    @admin.action(description=_("所选人员未录取"))
    def decline(self, request, queryset):
        self._set(request, queryset, NominationStatus.DECLINED)

    @admin.action(description=_("记为已参训"))
    def mark_attended(self, request, queryset):
        self._set(request, queryset, NominationStatus.ATTENDED)

    @admin.action(description=_("考核合格（发证书编号，授予资格）"))
    def mark_passed(self, request, queryset):
        self._set(request, queryset, NominationStatus.PASSED)

    @admin.action(description=_("考核不合格"))
    def mark_failed(self, request, queryset):
        self._set(request, queryset, NominationStatus.FAILED)

    def save_model(self, request, obj, form, change):
        if obj.status == NominationStatus.PASSED and ("status" in form.changed_data or not obj.certificate_number):
            obj.save()
            nomination_record_result(nomination=obj, status=obj.status)
        else:
            super().save_model(request, obj, form, change)
        bump("training")


@admin.register(Qualification)
class QualificationAdmin(SimpleHistoryAdmin):
    list_display = ("person", "kind", "project", "grade", "certificate_number", "issuer", "issued_on", "expires_on")
    list_filter = ("kind", "grade", "project", ("expires_on", admin.DateFieldListFilter))
    search_fields = ("person__name", "person__id_number", "certificate_number")
    raw_id_fields = ("person", "course")
    list_select_related = ("person", "project")
    history_list_display = ("grade", "override_reason")


class QualificationInline(admin.TabularInline):
    model = Qualification
    fk_name = "person"
    extra = 0
    fields = ("kind", "project", "grade", "certificate_number", "issuer", "issued_on", "expires_on")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class NominationInline(admin.TabularInline):
    model = Nomination
    fk_name = "person"
    extra = 0
    fields = ("course", "status", "new_grade", "certificate_number")
    readonly_fields = fields
    can_delete = False
    show_change_link = True
    verbose_name_plural = _("参加的培训")

    def has_add_permission(self, request, obj=None):
        return False


def attach_person_inlines(site=admin.site) -> bool:
    """Show qualifications and courses on the grassroots Person admin, when grassroots has one,
    and pick people by autocomplete there; without one, raw id pickers and person links remain."""
    person_admin = site._registry.get(Person)
    if person_admin is None:
        return False
    inlines = list(getattr(person_admin, "inlines", []))
    for inline in (QualificationInline, NominationInline):
        if inline not in inlines:
            inlines.append(inline)
    person_admin.inlines = inlines
    if person_admin.search_fields:
        for model in (Nomination, Qualification):
            model_admin = site._registry[model]
            model_admin.autocomplete_fields = ("person",)
            model_admin.raw_id_fields = tuple(f for f in model_admin.raw_id_fields if f != "person")
    return True


def person_records_link(changelist: str):
    @admin.display(description=_("此人全部记录"))
    def link(self, obj):
        url = reverse(changelist) + f"?person__id__exact={obj.person_id}"
        return format_html('<a href="{}">{}</a>', url, _t("筛选"))

    return link


NominationAdmin.person_records = person_records_link("admin:training_nomination_changelist")
NominationAdmin.list_display = (*NominationAdmin.list_display, "person_records")
QualificationAdmin.person_records = person_records_link("admin:training_qualification_changelist")
QualificationAdmin.list_display = (*QualificationAdmin.list_display, "person_records")


attach_person_inlines()
