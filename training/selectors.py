"""Reads of training across models: course lists, a person's training record, the year's figures."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from common.choices import Level, labels
from common.compiled import CompiledQuery
from common.paths import object_path
from grassroots.models import Organisation, Person, Project

from .models import Course, CourseKind, Nomination, Qualification
from .models.nominations import TRAINED_STATUSES

LEVEL_ORDER = [Level.NATIONAL, Level.PROVINCIAL, Level.CITY, Level.COUNTY]


# ---------------------------------------------------------------- the public course page

_COURSE_FIELDS = tuple(f.attname for f in Course._meta.concrete_fields)
_public_course = CompiledQuery(
    lambda pk: Course.objects.published().filter(pk=pk)
    .values_list(*_COURSE_FIELDS, "project__name", "committee__short_name", "committee__name")
)


def public_course(pk: int) -> Course | None:
    """A published course with ``project_name`` and ``committee_label`` (the committee's short
    name, as it prints itself), or None. One query."""
    rows = _public_course(pk=pk)
    if not rows:
        return None
    *values, project_name, committee_short_name, committee_name = rows[0]
    course = Course.from_db(_public_course.db(), _COURSE_FIELDS, values)
    course.project_name = project_name
    course.committee_label = committee_short_name or committee_name or ""
    return course


# ---------------------------------------------------------------- the public course list

UPCOMING_MAX = 20
_ROW_COLUMNS = ("pk", "title", "level", "kind", "project__name", "is_online", "starts_on", "ends_on", "organiser")


@dataclass(frozen=True, slots=True)
class CourseRow:
    """A course in the public list: what its line shows, nothing else (no rosters, no people)."""

    pk: int
    title: str
    level: str
    kind: str
    project_name: str | None
    is_online: bool
    starts_on: dt.date
    ends_on: dt.date
    organiser: str
    level_label: str
    kind_label: str

    def get_absolute_url(self) -> str:
        return object_path("training:course_detail", self.pk)


def _course_rows(rows) -> list[CourseRow]:
    # Each label translated once per language, not once per row (a lazy label asks gettext every time).
    levels, kinds = labels(Level), labels(CourseKind)
    return [CourseRow(*row, levels.get(row[2], row[2]), kinds.get(row[3], row[3])) for row in rows]


def _filtered(filters):
    """Published courses with the list's filters; ``filters`` are the names of the chosen ones, each
    a keyword argument of the compiled query (training.filters.CourseFilter.filters)."""

    def build(today, **values):
        courses = Course.objects.published()
        if "project" in filters:
            courses = courses.filter(project_id=values["project"])
        if "kind" in filters:
            courses = courses.filter(kind=values["kind"])
        if "level" in filters:
            courses = courses.filter(level=values["level"])
        if "year_start" in filters:
            courses = courses.filter(starts_on__gte=values["year_start"], starts_on__lte=values["year_end"])
        return courses

    return build


class _CourseQueries:
    """The list's two reads for one combination of filters, compiled once per process."""

    def __init__(self, filters: frozenset):
        build = _filtered(filters)
        self.upcoming = CompiledQuery(
            lambda **values: build(**values).upcoming(values["today"]).values_list(*_ROW_COLUMNS)[:UPCOMING_MAX]
        )
        self.past = CompiledQuery(lambda **values: build(**values).past(values["today"]).values_list(*_ROW_COLUMNS))


_course_queries: dict[frozenset, _CourseQueries] = {}


def _queries(filters: dict) -> _CourseQueries:
    key = frozenset(filters)
    queries = _course_queries.get(key)
    if queries is None:
        queries = _course_queries.setdefault(key, _CourseQueries(key))
    return queries


def upcoming_courses(filters: dict, today: dt.date | None = None) -> list[CourseRow]:
    """Published courses that have not ended, soonest first, at most UPCOMING_MAX."""
    return _course_rows(_queries(filters).upcoming(today=today or timezone.localdate(), **filters))


class PastCourses:
    """Published courses that have ended, latest first, as Django's Paginator reads a list: count()
    and slices, each one compiled query."""

    def __init__(self, filters: dict, today: dt.date | None = None):
        self._query = _queries(filters).past
        self._values = {"today": today or timezone.localdate(), **filters}

    def count(self) -> int:
        return self._query.count(**self._values)

    def __getitem__(self, index: slice) -> list[CourseRow]:
        return _course_rows(self._query.slice(index.start or 0, index.stop, **self._values))


def person_training(person: Person) -> dict:
    qualifications = list(Qualification.objects.filter(person=person).select_related("project", "course").order_by("kind", "project__name"))
    nominations = list(
        Nomination.objects.filter(person=person).select_related("course", "course__project", "unit").order_by("-course__starts_on")
    )
    return {"qualifications": qualifications, "nominations": nominations}


def expiring_qualifications(user, today: dt.date | None = None):
    return Qualification.objects.for_user(user).expiring(today).with_related().order_by("expires_on", "pk")


@dataclass
class FigureRow:
    label: str
    cells: dict = field(default_factory=dict)  # level -> count

    @property
    def by_level(self) -> list[int]:
        return [self.cells.get(level, 0) for level in LEVEL_ORDER]

    @property
    def level_cells(self) -> list[tuple[str, int]]:
        return [(str(level.label), self.cells.get(level, 0)) for level in LEVEL_ORDER]

    @property
    def sent_up(self) -> int:
        return self.cells.get(Level.NATIONAL, 0) + self.cells.get(Level.PROVINCIAL, 0)

    @property
    def local(self) -> int:
        return self.cells.get(Level.CITY, 0) + self.cells.get(Level.COUNTY, 0)

    @property
    def total(self) -> int:
        return self.sent_up + self.local


@dataclass
class Figures:
    year: int
    unit: Organisation | None
    by_unit: list[FigureRow]
    by_project: list[FigureRow]
    by_kind: list[FigureRow]
    totals: FigureRow

    @property
    def level_labels(self) -> list[str]:
        return [str(level.label) for level in LEVEL_ORDER]

    def chart_spec(self) -> dict:
        rows = [row for row in self.by_unit if row.total]
        return {
            "type": "bar",
            "labels": [row.label for row in rows],
            "datasets": [
                {"label": _("选派参加国家、省培训"), "data": [row.sent_up for row in rows]},
                {"label": _("市、县培训"), "data": [row.local for row in rows]},
            ],
            "stacked": True,
            "horizontal": False,
        }


def training_figures(year: int, unit: Organisation | None = None) -> Figures:
    """People trained in a year (人次: one per trained nomination), by member unit, project and
    course kind, split by the level that ran the course. Four grouped queries, whatever the size."""
    base = Nomination.objects.filter(course__starts_on__year=year, status__in=TRAINED_STATUSES)
    if unit is not None:
        base = base.filter(unit=unit)

    def grouped(key):
        table: dict = {}
        for row in base.values(key, "course__level").annotate(n=Count("id")).order_by():
            table.setdefault(row[key], {})[row["course__level"]] = row["n"]
        return table

    units = Organisation.objects.member_units().order_by("sort_order", "pk")
    if unit is not None:
        units = units.filter(pk=unit.pk)
    unit_table = grouped("unit_id")
    by_unit = [FigureRow(u.display_name, unit_table.get(u.pk, {})) for u in units]

    project_table = grouped("course__project_id")
    projects = {p.pk: p.name for p in Project.objects.filter(pk__in=[k for k in project_table if k])}
    by_project = [
        FigureRow(projects.get(pk) or _("综合（不分项目）"), cells)
        for pk, cells in sorted(project_table.items(), key=lambda item: (item[0] is None, projects.get(item[0], "")))
    ]
    kind_table = grouped("course__kind")
    by_kind = [FigureRow(str(kind.label), kind_table.get(kind.value, {})) for kind in CourseKind]

    totals = FigureRow(_("合计"), {})
    for row in base.values("course__level").annotate(n=Count("id")).order_by():
        totals.cells[row["course__level"]] = row["n"]
    return Figures(year=year, unit=unit, by_unit=by_unit, by_project=by_project, by_kind=by_kind, totals=totals)


def course_unit_counts(course: Course, unit: Organisation | None) -> int:
    if unit is None:
        return 0
    return course.nominations.filter(unit=unit).counting_quota().count()


def open_courses_with_counts(unit: Organisation | None, today: dt.date | None = None):
    today = today or timezone.localdate()
    qs = Course.objects.open_for_nomination(today).with_related().order_by("nomination_closes", "pk")
    if unit is not None:
        from .models.nominations import QUOTA_STATUSES

        qs = qs.annotate(unit_used=Count("nominations", filter=Q(nominations__unit=unit, nominations__status__in=QUOTA_STATUSES)))
    return qs


def nominations_for_course(course: Course, user):
    return Nomination.objects.for_user(user).filter(course=course).select_related("person", "person__organisation", "unit")


def person_page_queryset(user):
    return Person.objects.for_user(user).select_related("organisation")


