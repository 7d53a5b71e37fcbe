"""Reads across models for the public committee pages and the association's leadership.

Events and news are higher apps: their models point at Committee (Event.committee with
related_name "events", Article.related_committee with related_name "articles"). This module never
imports them; it reads the reverse relations only when those apps have installed them.
"""

import datetime as dt

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone

from grassroots.models import Project

from .models import Committee, Officer
from .models.officers import ROLE_RANK

RELATED_LIMIT = 8


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


def current_officers_prefetch(to_attr: str = "current_officers") -> Prefetch:
    return Prefetch(
        "officers",
        queryset=Officer.objects.current().select_related("person").only(
            "pk", "committee_id", "role", "term", "sort_order", "ended_on", "person__id", "person__name"
        ),
        to_attr=to_attr,
    )


def committee_list():
    """Active committees with their active projects and current officers: three queries in all."""
    committees = list(
        Committee.objects.active()
        .prefetch_related(
            Prefetch("projects", queryset=Project.objects.filter(is_active=True), to_attr="active_projects"),
            current_officers_prefetch(),
        )
    )
    for committee in committees:
        committee.current_officers = _by_rank(committee.current_officers)
        committee.leaders = [o for o in committee.current_officers if o.role == "director"]
    return committees


def committee_detail(slug: str) -> Committee:
    committee = (
        Committee.objects.active()
        .prefetch_related(
            Prefetch("projects", queryset=Project.objects.filter(is_active=True), to_attr="active_projects"),
            current_officers_prefetch(),
        )
        .get(slug=slug)
    )
    committee.current_officers = _by_rank(committee.current_officers)
    committee.officer_groups = group_by_role(committee.current_officers)
    return committee


def _date_field(model) -> str | None:
    """The field that dates an event or article, found by common names (the apps are built in parallel)."""
    names = {f.name: f for f in model._meta.get_fields() if isinstance(f, (models.DateField, models.DateTimeField))}
    for name in ("starts_on", "start_date", "starts_at", "start", "date", "held_on", "published_at", "published_on", "created_at"):
        if name in names:
            return name
    return None


def _published(queryset):
    # Prefer the app's own definition of "public" (published(), public(), visible()).
    for method in ("published", "public", "visible"):
        if callable(getattr(queryset, method, None)):
            return getattr(queryset, method)()
    return queryset


def _today_for(model, field_name):
    field = model._meta.get_field(field_name)
    return timezone.now() if isinstance(field, models.DateTimeField) else timezone.localdate()


def committee_events(committee: Committee, *, limit: int = RELATED_LIMIT) -> dict:
    """{"upcoming": [...], "past": [...]} from the reverse relation `events`, or empty lists without it."""
    empty = {"available": False, "upcoming": [], "past": []}
    if not hasattr(Committee, "events"):
        return empty
    queryset = _published(committee.events.all())
    model = queryset.model
    if callable(getattr(queryset, "upcoming", None)) and callable(getattr(queryset, "past", None)):
        upcoming, past = queryset.upcoming(), queryset.past()
    else:
        field = _date_field(model)
        if field is None:
            return {**empty, "available": True, "past": list(queryset[:limit])}
        today = _today_for(model, field)
        upcoming = queryset.filter(**{f"{field}__gte": today}).order_by(field)
        past = queryset.filter(**{f"{field}__lt": today}).order_by(f"-{field}")
    return {"available": True, "upcoming": list(upcoming[:limit]), "past": list(past[:limit])}


def committee_articles(committee: Committee, *, limit: int = RELATED_LIMIT) -> dict:
    if not hasattr(Committee, "articles"):
        return {"available": False, "items": []}
    queryset = _published(committee.articles.all())
    if callable(getattr(queryset, "titles", None)):  # a list of titles and dates: those columns only
        queryset = queryset.titles()
    if not queryset.query.order_by and not queryset.model._meta.ordering:
        field = _date_field(queryset.model)
        queryset = queryset.order_by(f"-{field}" if field else "-pk")
    return {"available": True, "items": list(queryset[:limit])}


def item_date(item) -> dt.date | None:
    field = _date_field(type(item))
    value = getattr(item, field, None) if field else None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def association_leadership(term: int | None = None) -> dict:
    """The association's current leadership: {"term": 7, "term_label": "第七届", "officers": [...]}."""
    queryset = Officer.objects.association().current().select_related("person").only(
        "pk", "role", "term", "sort_order", "ended_on", "committee_id", "person__id", "person__name"
    )
    officers = list(queryset)
    if term is None and officers:
        term = max(o.term for o in officers)
    officers = _by_rank([o for o in officers if o.term == term])
    groups = group_by_role(officers)
    return {"term": term, "term_label": officers[0].term_label if officers else "", "officers": officers, "groups": groups}
