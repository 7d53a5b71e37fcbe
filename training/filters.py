import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.choices import Level
from common.widgets import plain_selects
from grassroots.models import Project

from .models import Course, CourseKind


def _year_choices():
    this_year = timezone.localdate().year
    return [(year, f"{year}年") for year in range(this_year + 1, 2019, -1)]


class CourseFilter(django_filters.FilterSet):
    when = django_filters.ChoiceFilter(
        label=_("时间"), choices=[("upcoming", _("即将举办")), ("past", _("往期培训"))], method="filter_when", empty_label=_("全部"),
    )
    project = django_filters.ModelChoiceFilter(label=_("项目"), queryset=Project.objects.active(), empty_label=_("全部项目"))
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=CourseKind.choices, empty_label=_("全部类别"))
    level = django_filters.ChoiceFilter(label=_("主办层级"), choices=Level.choices, empty_label=_("全部层级"))
    year = django_filters.ChoiceFilter(label=_("年份"), field_name="starts_on", lookup_expr="year", choices=_year_choices, empty_label=_("全部年份"))

    class Meta:
        model = Course
        fields = ["when", "project", "kind", "level", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_selects(self.form)

    def filter_when(self, queryset, name, value):
        # The page splits upcoming and past itself; this only hides the other section.
        return queryset
