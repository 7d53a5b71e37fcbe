"""The committees' search provider for the site's /search/ page (registered in CommitteesConfig.ready())."""

from django.utils.translation import gettext as _

from common.compiled import CompiledQuery
from common.paths import object_path
from common.registry import SearchHit

from .models import Committee


def _committees_matching(text):
    return Committee.objects.active().search(text).order_by("sort_order", "name").values_list("pk", "name", "slug", "introduction")


def _projects_of_active_committees():
    return (
        Committee.projects.through.objects.filter(committee__is_active=True)
        .order_by("committee_id", "project__sort_order", "project__name")
        .values_list("committee_id", "project__name")
    )


# Compiled once per process (common/compiled.py); the query's text is escaped into the LIKE patterns.
_COMMITTEES = CompiledQuery(_committees_matching)
_PROJECTS = CompiledQuery(_projects_of_active_committees)


def search_committees(request, query: str, limit: int):
    rows = _COMMITTEES.first(limit, text=query)
    if not rows:
        return []
    projects: dict[int, list[str]] = {}
    for committee_id, name in _PROJECTS():  # a dozen committees' few projects
        projects.setdefault(committee_id, []).append(name)
    hits = []
    kind, in_charge = _("专委会"), _("负责项目：%(projects)s")
    for pk, name, slug, introduction in rows:
        names = "、".join(projects.get(pk, ()))
        hits.append(SearchHit(
            kind=kind,
            title=name,
            url=object_path("committees:committee_detail", slug, "slug"),
            snippet=in_charge % {"projects": names} if names else introduction[:80],
            score=2.0 if query in name else 1.0,
        ))
    return hits
