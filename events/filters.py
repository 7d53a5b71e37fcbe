import django_filters
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from common.choices import Level
from common.widgets import plain_selects
from grassroots.models import Project

from .models import Event, EventKind


class EventFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="start_date", lookup_expr="year", label=_("年度"))
    project = django_filters.ModelChoiceFilter(
        queryset=Project.objects.active().only("slug", "name"), to_field_name="slug", label=_("项目"), empty_label=_("全部项目")
    )
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, label=_("类别"), empty_label=_("全部类别"))
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("级别"), empty_label=_("全部级别"))

    class Meta:
        model = Event
        fields = ("year", "project", "kind", "level")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_selects(self.form)
        self.form.fields["project"].widget.choices = SlugChoices(self.form.fields["project"])


class SlugChoices(BaseChoiceIterator):
    """A model select's options (slug, name) from one plain query, read when the select renders.

    Django's ModelChoiceIterator reads its queryset through QuerySet.iterator(), which on PostgreSQL
    opens a server-side cursor: DECLARE, FETCH and CLOSE round trips, 1.6 ms of CPU for 18 projects."""

    def __init__(self, field):  # a BaseChoiceIterator: Django keeps it as it is, unread, until rendering
        self.field = field

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.field.queryset.values_list(self.field.to_field_name, "name")
