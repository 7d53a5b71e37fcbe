import django_filters
from django.utils.translation import gettext_lazy as _

from common.choices import Level
from common.widgets import plain_selects
from grassroots.models import Project

from .models import Event, EventKind


class EventFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="start_date", lookup_expr="year", label=_("年度"))
    project = django_filters.ModelChoiceFilter(
        queryset=Project.objects.active(), to_field_name="slug", label=_("项目"), empty_label=_("全部项目")
    )
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, label=_("类别"), empty_label=_("全部类别"))
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("级别"), empty_label=_("全部级别"))

    class Meta:
        model = Event
        fields = ("year", "project", "kind", "level")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_selects(self.form)
