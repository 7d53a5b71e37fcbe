"""The public finder's filters: county, township, project. GET parameters, so a filtered view is a
shareable URL (/find/?county=zezhou&project=menqiu).

A plain form over choices read in two queries (member units with the townships, and the active
projects), not django-filter's model choice fields: those asked the database again to check the
chosen township and project, and built a model per <option> (226 townships for the whole city).
"""

from dataclasses import dataclass

from django import forms
from django.db.models import BooleanField, Q, Subquery
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from common.compiled import CompiledQuery
from common.widgets import PlainSelect

from .models import Organisation, OrgLevel, OrgStatus, Project, Team, UnitKind, Venue


@dataclass
class FinderChoices:
    counties: list[tuple[str, str, int]]  # (slug, short name, pk), in the counties' order
    townships: list[tuple[int, str, int]]  # (pk, name, member unit's pk), ordered as offered
    projects: list[tuple[str, str, int]]  # (slug, name, pk) of the active projects

    @classmethod
    def load(cls, county: str = "") -> "FinderChoices":
        """The choices; with a county's slug, only that county's townships (the only ones its
        form offers). An unknown slug reads them all again, as the form then offers them all."""
        rows = _places_of_county(county=county) if county else _places()
        counties, townships = [], []
        for level, pk, slug, short_name, name, unit_id in rows:
            if level == OrgLevel.MEMBER_UNIT:
                counties.append((slug, short_name, pk))
            else:
                townships.append((pk, name, unit_id))
        if county and not any(slug == county for slug, _name, _pk in counties):
            return cls.load()
        return cls(counties, townships, _projects())


def _places_query(**county):
    return (
        Organisation.objects.filter(
            Q(level=OrgLevel.MEMBER_UNIT, unit_kind=UnitKind.COUNTY)
            | Q(level=OrgLevel.TOWNSHIP, status=OrgStatus.ACTIVE, **county)
        )
        # A member unit is its own member unit, so its sort order orders the counties too.
        .order_by("level", "member_unit__sort_order", "sort_order", "name")
        .values_list("level", "pk", "slug", "short_name", "name", "member_unit_id")
    )


# The choices' reads, compiled once per process (common/compiled.py).
_places = CompiledQuery(_places_query)
# The county's primary key by its slug in a scalar subquery, not by joining the member unit on the
# slug: ORed with the counties' condition, that join made PostgreSQL scan all 2,764 organisations
# and plan the statement afresh at every request (pg_prepared_statements: 20 custom plans, no
# generic one). With the subquery both halves of the OR read the (member_unit, level, status)
# index: planning 0.5 → 0.3 ms, execution 0.8 → 0.25 ms (EXPLAIN ANALYZE at scale 1, zezhou).
_places_of_county = CompiledQuery(lambda county: _places_query(
    member_unit_id=Subquery(Organisation.objects.filter(slug=county).values("pk")[:1])
))
_projects = CompiledQuery(lambda: Project.objects.active().values_list("slug", "name", "pk"))


class _PairsSelect(PlainSelect):
    """A PlainSelect whose choices are kept as given: a list of (value, label) pairs."""

    choices = property(lambda self: self._choices, lambda self, value: setattr(self, "_choices", value))


class _PairsField(forms.ChoiceField):
    """A ChoiceField whose choices, a list of (value, label) pairs, are kept as given. Django
    normalises choices item by item, twice (the field's setter, then the widget's): for the ~80
    options of a county's form that was 0.5 ms of the finder's CPU per request (bench.profile)."""

    def _set_choices(self, value):
        self._choices = self.widget.choices = value

    choices = property(forms.ChoiceField.choices.fget, _set_choices)


def _select() -> _PairsSelect:
    return _PairsSelect(attrs={"class": "form-select"})


class FinderForm(forms.Form):
    county = _PairsField(label=_("县（市、区）"), required=False, widget=_select())
    township = _PairsField(label=_("乡镇/街道"), required=False, widget=_select())
    project = _PairsField(label=_("健身项目"), required=False, widget=_select())


class FinderFilter:
    """The form, and the filters it chose as primary keys (``values()``, for apply_filters and
    the finder's compiled page query); with bad values the finder shows every venue and says the
    filter was wrong."""

    def __init__(self, data, choices: FinderChoices):
        self.choices = choices
        self.is_bound = data is not None
        form = FinderForm(data)
        fields = form.fields
        fields["county"].choices = [("", _("全市"))] + [(slug, name) for slug, name, _pk in choices.counties]
        self._county_pk = {slug: pk for slug, _name, pk in choices.counties}
        county = self._county_pk.get((data or {}).get("county"))
        townships = [(pk, name) for pk, name, unit_id in choices.townships if county is None or unit_id == county]
        fields["township"].choices = [("", _("全部乡镇/街道"))] + townships
        fields["project"].choices = [("", _("全部项目"))] + [(slug, name) for slug, name, _pk in choices.projects]
        self._project_pk = {slug: pk for slug, _name, pk in choices.projects}
        self.form = form

    def is_valid(self) -> bool:
        return self.form.is_valid()

    @property
    def errors(self):
        return self.form.errors

    def values(self) -> dict[str, int]:
        """The chosen filters as primary keys (county, township, project); {} when unbound or invalid."""
        if not (self.is_bound and self.form.is_valid()):
            return {}
        data = self.form.cleaned_data
        values = {}
        if data["county"]:
            values["county"] = self._county_pk[data["county"]]
        if data["township"]:
            values["township"] = int(data["township"])
        if data["project"]:
            values["project"] = self._project_pk[data["project"]]
        return values


def apply_filters(queryset, *, county: int | None = None, township: int | None = None, project: int | None = None):
    """Venues of a member unit, of a township (its own and its villages'), playing a project."""
    if county is not None:
        # The venue's own copy of its member unit reads the county's venues by an index; the same
        # condition on the organisation (equal by construction) lets PostgreSQL read only that
        # county's organisations for the join instead of hashing all of them.
        queryset = queryset.filter(member_unit_id=county, organisation__member_unit_id=county)
    if township is not None:
        queryset = queryset.filter(Q(organisation_id=township) | Q(organisation__parent_id=township))
    if project is not None:
        queryset = queryset.filter(RawSQL(PLAYS_OR_MEETS, (project, project), output_field=BooleanField()))
    return queryset


# A venue "has" a project when it is one of its projects or an active team of it meets there.
# Written as two IN (subquery) rather than two correlated EXISTS: PostgreSQL reads each subquery
# once by its project index and hashes it (EXPLAIN ANALYZE at scale 1, a county and a project:
# 2 ms, against 4-5 ms probing both tables per venue; the generic plan likewise). Built from
# querysets with OuterRef they cost the finder 1 ms of CPU per page to build and compile (of 12).
# The venue table is the base of the finder's queries, so its alias is its own name.
_VENUE = Venue._meta.db_table
PLAYS_OR_MEETS = (
    f"({_VENUE}.id IN (SELECT vp.venue_id FROM {Venue.projects.through._meta.db_table} vp WHERE vp.project_id = %s)"
    f" OR {_VENUE}.id IN (SELECT tm.venue_id FROM {Team._meta.db_table} tm WHERE tm.project_id = %s AND tm.is_active))"
)
