"""Reads across models for the public committee pages and the association's leadership.

Events and news are higher apps: their models point at Committee (Event.committee with
related_name "events", Article.committee with related_name "articles"). This module never
imports them; it reads the reverse relations only when those apps have installed them.

The public pages' reads are CompiledQuery objects (common/compiled.py): plain values_list() querysets whose
SQL is built once per process, since building it cost more than running it. Rows become small
read-only objects with what the pages show (names, titles, links), never personal data.
"""

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db.models import FilteredRelation, Q
from django.utils import timezone

from common.chinese import chinese_ordinal
from common.compiled import CompiledQuery
from common.paths import object_path

from .models import Committee, Officer
from .models.officers import ROLE_RANK, OfficerRole

RELATED_LIMIT = 8
ROLE_LABELS = dict(OfficerRole.choices)


@dataclass(frozen=True, slots=True)
class PublicOfficer:
    """An officer as a public page shows one: the role and the person's name, nothing personal."""

    pk: int
    role: str
    sort_order: int
    person: "Named"

    def get_role_display(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)


@dataclass(frozen=True, slots=True)
class Named:
    """Anything a public page shows only by name: an officer's person, a project."""

    name: str


@dataclass(frozen=True, slots=True)
class RelatedItem:
    """An event or article on a committee's page: its title and link."""

    title: str
    url: str


@dataclass
class CommitteeCard:
    """A committee on the list page: its name, link, logo, projects and directors."""

    pk: int
    name: str
    short_name: str
    slug: str
    photo: str
    active_projects: list = field(default_factory=list)
    leaders: list = field(default_factory=list)

    def get_absolute_url(self) -> str:
        return object_path("committees:committee_detail", self.slug, "slug")


def _by_rank(officers):
    return sorted(officers, key=lambda o: (ROLE_RANK.get(o.role, 99), o.sort_order, o.pk))


def group_by_role(officers) -> list[dict]:
    """[{"role": "director", "label": "主任", "officers": [...]}, ...] in rank order."""
    groups = []
    for officer in _by_rank(officers):
        if groups and groups[-1]["role"] == officer.role:
            groups[-1]["officers"].append(officer)
        else:
            groups.append({"role": officer.role, "label": officer.get_role_display(), "officers": [officer]})
    return groups


def _with_active_projects(committees):
    """Committees joined to their active projects, in the projects' own order (sort_order, name):
    a row per project, and a row with no project (None) for a committee without any, or for the
    link to an inactive one."""
    return committees.annotate(
        active_project=FilteredRelation("projects", condition=Q(projects__is_active=True))
    ).order_by(*Committee._meta.ordering, "pk", "active_project__sort_order", "active_project__name", "active_project__pk")


# ---------------------------------------------------------------- the list of committees: two queries

_CARD_COLUMNS = ("pk", "name", "short_name", "slug", "photo")
_active_committees = CompiledQuery(
    lambda: _with_active_projects(Committee.objects.active()).values_list(*_CARD_COLUMNS, "active_project__name")
)
# The list shows each committee's current directors (主任), in their sort order.
_current_directors = CompiledQuery(
    lambda: Officer.objects.current().filter(committee__is_active=True, role=OfficerRole.DIRECTOR)
    .order_by("sort_order", "pk")
    .values_list("committee_id", "pk", "sort_order", "person__name")
)


def committee_list() -> list[CommitteeCard]:
    """Active committees with their active projects and current directors: two queries in all."""
    by_pk: dict[int, CommitteeCard] = {}
    for *columns, project_name in _active_committees():
        card = by_pk.get(columns[0])
        if card is None:
            card = by_pk[columns[0]] = CommitteeCard(*columns)
        if project_name is not None:
            card.active_projects.append(Named(project_name))
    for committee_id, pk, sort_order, name in _current_directors():
        by_pk[committee_id].leaders.append(PublicOfficer(pk, OfficerRole.DIRECTOR, sort_order, Named(name)))
    return list(by_pk.values())


# ---------------------------------------------------------------- one committee: two queries, and events and news

_COMMITTEE_FIELDS = tuple(f.attname for f in Committee._meta.concrete_fields)
_committee_by_slug = CompiledQuery(
    lambda slug: _with_active_projects(Committee.objects.active().filter(slug=slug))
    .values_list(*_COMMITTEE_FIELDS, "active_project__name")
)
_committee_officers = CompiledQuery(
    lambda committee_id: Officer.objects.current().filter(committee_id=committee_id).order_by()
    .values_list("pk", "role", "sort_order", "person__name")
)


def committee_detail(slug: str) -> Committee:
    """An active committee with ``active_projects``, ``current_officers`` (in rank order) and
    ``officer_groups``; Committee.DoesNotExist for an unknown or inactive one."""
    rows = _committee_by_slug(slug=slug)
    if not rows:
        raise Committee.DoesNotExist(slug)
    committee = Committee.from_db(_committee_by_slug.db(), _COMMITTEE_FIELDS, rows[0][:-1])
    committee.active_projects = [Named(row[-1]) for row in rows if row[-1] is not None]
    officers = [
        PublicOfficer(pk, role, sort_order, Named(name))
        for pk, role, sort_order, name in _committee_officers(committee_id=committee.pk)
    ]
    committee.current_officers = _by_rank(officers)
    committee.officer_groups = group_by_role(committee.current_officers)
    return committee


def _related_model(name: str):
    """The model behind a reverse relation a higher app installs (``events``, ``articles``), or None."""
    try:
        return Committee._meta.get_field(name).related_model
    except FieldDoesNotExist:
        return None


def _of_committee(name: str, committee_id) -> dict:
    """The filter of a reverse relation's rows by their committee: {"committee_id": 3}."""
    return {Committee._meta.get_field(name).field.attname: committee_id}


def _events_query(upcoming: bool) -> CompiledQuery:
    def build(committee_id, today):
        events = _related_model("events").objects.published().filter(**_of_committee("events", committee_id))
        if upcoming:
            events = events.filter(start_date__gte=today).order_by("start_date", "pk")
        else:
            events = events.filter(start_date__lt=today).order_by("-start_date", "-pk")
        return events.values_list("pk", "title")[:RELATED_LIMIT]

    return CompiledQuery(build)


_upcoming_events = _events_query(upcoming=True)
_past_events = _events_query(upcoming=False)
# Published and due news about the committee, in the news' own order (pinned, newest first).
_committee_articles = CompiledQuery(
    lambda committee_id, now: _related_model("articles").objects.published(now)
    .filter(**_of_committee("articles", committee_id))
    .values_list("pk", "title")[:RELATED_LIMIT]
)


def committee_events(committee: Committee) -> dict:
    """{"available": True, "upcoming": [...], "past": [...]} (by start date, RELATED_LIMIT each) of
    the published events the committee runs; "available" is False without the events app."""
    if _related_model("events") is None:
        return {"available": False, "upcoming": [], "past": []}
    today = timezone.localdate()
    return {
        "available": True,
        "upcoming": [RelatedItem(title, object_path("events:event_detail", pk))
                     for pk, title in _upcoming_events(committee_id=committee.pk, today=today)],
        "past": [RelatedItem(title, object_path("events:event_detail", pk))
                 for pk, title in _past_events(committee_id=committee.pk, today=today)],
    }


def committee_articles(committee: Committee) -> dict:
    """{"available": True, "items": [...]}: the committee's newest published news, RELATED_LIMIT of them."""
    if _related_model("articles") is None:
        return {"available": False, "items": []}
    rows = _committee_articles(committee_id=committee.pk, now=timezone.now())
    return {"available": True, "items": [RelatedItem(title, object_path("news:article_detail", pk)) for pk, title in rows]}


_association_officers = CompiledQuery(
    lambda: Officer.objects.association().current().order_by().values_list("pk", "role", "sort_order", "term", "person__name")
)


def association_leadership(term: int | None = None) -> dict:
    """The association's current leadership: {"term": 7, "term_label": "第七届", "officers": [...],
    "groups": [...]}, the latest term unless one is given. One query."""
    rows = _association_officers()
    if term is None and rows:
        term = max(row[3] for row in rows)
    officers = _by_rank(
        PublicOfficer(pk, role, sort_order, Named(name)) for pk, role, sort_order, row_term, name in rows if row_term == term
    )
    return {
        "term": term, "term_label": f"{chinese_ordinal(term)}届" if officers else "", "officers": officers,
        "groups": group_by_role(officers),
    }
