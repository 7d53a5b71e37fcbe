"""The public finder's filters: county, township, project. GET parameters, so a filtered view is a
shareable URL (/find/?county=zezhou&project=menqiu)."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from common.widgets import plain_selects

from .models import Organisation, OrgStatus, Project, Team, Venue


class FinderFilter(django_filters.FilterSet):
    county = django_filters.ChoiceFilter(label=_("县（市、区）"), method="filter_county", empty_label=_("全市"))
    township = django_filters.ModelChoiceFilter(
        label=_("乡镇/街道"), queryset=Organisation.objects.none(), method="filter_township", empty_label=_("全部乡镇/街道"),
    )
    project = django_filters.ModelChoiceFilter(
        label=_("健身项目"), queryset=Project.objects.active(), to_field_name="slug", method="filter_project", empty_label=_("全部项目"),
    )

    class Meta:
        model = Venue
        fields = ()

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        counties = list(Organisation.objects.counties().order_by("sort_order").values_list("slug", "short_name"))
        self.filters["county"].extra["choices"] = counties
        townships = Organisation.objects.townships().filter(status=OrgStatus.ACTIVE).order_by("member_unit__sort_order", "sort_order", "name")
        county = (data or {}).get("county")
        if county in {slug for slug, _name in counties}:
            townships = townships.filter(member_unit__slug=county)
        self.filters["township"].queryset = townships
        plain_selects(self.form)

    def filter_county(self, queryset, name, value):
        return queryset.filter(organisation__member_unit__slug=value) if value else queryset

    def filter_township(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(organisation=value) | Q(organisation__parent=value))

    def filter_project(self, queryset, name, value):
        if not value:
            return queryset
        plays = Venue.projects.through.objects.filter(venue_id=OuterRef("pk"), project_id=value.pk)
        meets = Team.objects.filter(venue_id=OuterRef("pk"), project_id=value.pk, is_active=True)
        return queryset.filter(Q(Exists(plays)) | Q(Exists(meets)))
