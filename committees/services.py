"""Writes that do more than save one form."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.cache import bump
from grassroots.models import Project

from .models import Committee, Officer


def check_committee_projects(*, committee: Committee | None, projects: Iterable[Project]) -> None:
    """Refuse retired projects that are not already on the committee (old links stay readable)."""
    already = set(committee.projects.values_list("pk", flat=True)) if committee and committee.pk else set()
    retired = [p.name for p in projects if not p.is_active and p.pk not in already]
    if retired:
        raise ValidationError(
            {"projects": _("项目“%(names)s”已停用，不能再分配给专委会。") % {"names": "、".join(retired)}},
            code="retired_project",
        )


@transaction.atomic
def committee_set_projects(*, committee: Committee, project_ids: Iterable[int]) -> Committee:
    ids = {int(pk) for pk in project_ids}
    projects = list(Project.objects.filter(pk__in=ids))
    unknown = ids - {p.pk for p in projects}
    if unknown:
        raise ValidationError(
            {"projects": _("没有编号为 %(ids)s 的项目，请从项目库中选择。") % {"ids": "、".join(map(str, sorted(unknown)))}},
            code="unknown_project",
        )
    check_committee_projects(committee=committee, projects=projects)
    committee.projects.set(projects)
    bump("committees")
    return committee


@transaction.atomic
def officer_end_term(*, officer: Officer, ended_on: dt.date | None = None) -> Officer:
    """End a position; the record stays, with its end date, in the history of the body."""
    officer = Officer.objects.select_for_update().get(pk=officer.pk)
    if officer.ended_on is not None:
        return officer  # already ended: a second click changes nothing
    officer.ended_on = ended_on or timezone.localdate()
    officer.full_clean()
    officer.save()
    return officer


@transaction.atomic
def officer_appoint(
    *, person, role: str, term: int, started_on: dt.date, committee: Committee | None = None, sort_order: int = 0, note: str = ""
) -> Officer:
    """Create a position, or return the same current one when it exists (a double submit creates nothing)."""
    existing = Officer.objects.filter(
        person=person, committee=committee, role=role, term=term, ended_on__isnull=True
    ).first()
    if existing is not None:
        return existing
    officer = Officer(
        person=person, committee=committee, role=role, term=term, started_on=started_on, sort_order=sort_order, note=note
    )
    officer.full_clean()
    officer.save()
    return officer
