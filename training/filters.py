import django_filters
from django.utils.translation import gettext_lazy as _

from common.choices import Level
from grassroots.models import Project

from .models import Course, CourseKind


class CourseFilter(django_filters.FilterSet):
    when = django_filters.ChoiceFilter(
        label=_("时间"), choices=[("upcoming", _("近期和即将举办")), ("past", _("已结束"))], method="filter_when", empty_label=_("全部"),
    )
    project = django_filters.ModelChoiceFilter(label=_("项目"), queryset=Project.objects.active(), empty_label=_("全部项目"))
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=CourseKind.choices, empty_label=_("全部类别"))
    level = django_filters.ChoiceFilter(label=_("主办层级"), choices=Level.choices, empty_label=_("全部层级"))
    year = django_filters.NumberFilter(label=_("年份"), field_name="starts_on", lookup_expr="year")

    class Meta:
        model = Course
        fields = ["when", "project", "kind", "level", "year"]

    def filter_when(self, queryset, name, value):
        if value == "upcoming":
            return queryset.upcoming()
        if value == "past":
            return queryset.past()
        return queryset
