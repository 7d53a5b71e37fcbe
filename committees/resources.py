"""Excel export of committees and officers (django-import-export). Names and roles only."""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources

from .models import Committee, Officer


class CommitteeResource(resources.ModelResource):
    name = fields.Field(attribute="name", column_name=_("名称"))
    short_name = fields.Field(attribute="short_name", column_name=_("简称"))
    projects = fields.Field(column_name=_("负责项目"))
    term = fields.Field(column_name=_("当前届次"))
    founded_on = fields.Field(attribute="founded_on", column_name=_("成立日期"))
    contact_person = fields.Field(attribute="contact_person", column_name=_("联系人"))
    contact_phone = fields.Field(attribute="contact_phone", column_name=_("联系电话"))
    is_active = fields.Field(column_name=_("在设"))

    class Meta:
        model = Committee
        fields = ("name", "short_name", "projects", "term", "founded_on", "contact_person", "contact_phone", "is_active")
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return queryset.prefetch_related("projects")

    def dehydrate_projects(self, committee):
        return "、".join(p.name for p in committee.projects.all())

    def dehydrate_term(self, committee):
        return committee.term_label

    def dehydrate_is_active(self, committee):
        return str(_("是")) if committee.is_active else str(_("否"))


class OfficerResource(resources.ModelResource):
    body = fields.Field(column_name=_("所属"))
    person = fields.Field(attribute="person__name", column_name=_("姓名"))
    unit = fields.Field(column_name=_("所属单位"))
    role = fields.Field(column_name=_("职务"))
    term = fields.Field(column_name=_("届次"))
    started_on = fields.Field(attribute="started_on", column_name=_("任职日期"))
    ended_on = fields.Field(attribute="ended_on", column_name=_("卸任日期"))
    note = fields.Field(attribute="note", column_name=_("备注"))

    class Meta:
        model = Officer
        fields = ("body", "person", "unit", "role", "term", "started_on", "ended_on", "note")
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("committee", "person__organisation")

    def dehydrate_body(self, officer):
        return str(officer.committee) if officer.committee_id else str(_("市老体协"))

    def dehydrate_unit(self, officer):
        return str(officer.person.organisation)

    def dehydrate_role(self, officer):
        return officer.get_role_display()

    def dehydrate_term(self, officer):
        return officer.term_label
