"""The public course list's filters: time, project, kind, level and year, as GET parameters.

A plain form over known choices and the active projects (one compiled query), not django-filter:
its model choice field read the projects into models on every page and asked the database again to
check a chosen one, and the filtered queryset was built and compiled anew for each request. The
chosen filters go to training.selectors as values of compiled queries.
"""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.choices import Level
from common.compiled import CompiledQuery
from common.widgets import PlainSelect
from grassroots.models import Project

from .models import CourseKind

FILTER_NAMES = ("project", "kind", "level", "year")

_active_projects = CompiledQuery(lambda: Project.objects.active().values_list("pk", "name"))


def _year_choices():
    this_year = timezone.localdate().year
    return [(year, f"{year}年") for year in range(this_year + 1, 2019, -1)]


def _select() -> PlainSelect:
    return PlainSelect(attrs={"class": "form-select"})


class CourseFilterForm(forms.Form):
    when = forms.ChoiceField(
        label=_("时间"), required=False, widget=_select(),
        choices=[("", _("全部")), ("upcoming", _("即将举办")), ("past", _("往期培训"))],
    )
    project = forms.ChoiceField(label=_("项目"), required=False, widget=_select())
    kind = forms.ChoiceField(label=_("类别"), required=False, widget=_select(), choices=[("", _("全部类别")), *CourseKind.choices])
    level = forms.ChoiceField(label=_("主办层级"), required=False, widget=_select(), choices=[("", _("全部层级")), *Level.choices])
    year = forms.ChoiceField(label=_("年份"), required=False, widget=_select())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [("", _("全部项目")), *_active_projects()]
        self.fields["year"].choices = [("", _("全部年份")), *_year_choices()]


class CourseFilter:
    """The form and the filters it chose. With bad values the list shows every course, unfiltered.

    ``filters``: {"project": pk, "kind": ..., "level": ..., "year_start"/"year_end": dates} of the
    chosen filters only; ``when``: "", "upcoming" or "past"."""

    def __init__(self, data):
        self.is_bound = data is not None
        self.form = CourseFilterForm(data)
        self.filters: dict = {}
        self.when = ""
        if self.is_bound and self.form.is_valid():
            cleaned = self.form.cleaned_data
            self.when = cleaned["when"]
            if cleaned["project"]:
                self.filters["project"] = int(cleaned["project"])
            for name in ("kind", "level"):
                if cleaned[name]:
                    self.filters[name] = cleaned[name]
            if cleaned["year"]:
                year = int(cleaned["year"])
                self.filters["year_start"], self.filters["year_end"] = dt.date(year, 1, 1), dt.date(year, 12, 31)
