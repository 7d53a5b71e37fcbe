"""The committees' search provider for the site's /search/ page (registered in CommitteesConfig.ready())."""

from django.db.models import Expression, TextField
from django.utils.translation import gettext as _

from common.compiled import CompiledQuery
from common.paths import object_path
from common.registry import SearchHit
from grassroots.models import Project

from .models import Committee


class _ProjectNames(Expression):
    """A committee's projects' names in the catalogue's order, joined by "、": a correlated subquery
    (STRING_AGG on PostgreSQL, GROUP_CONCAT of an ordered subquery elsewhere), so that the committees
    found and their projects are one statement, not two."""

    output_field = TextField()

    def as_sql(self, compiler, connection):
        link, project = Committee.projects.through._meta.db_table, Project._meta.db_table
        outer = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        source = f"FROM {link} cp JOIN {project} p ON p.id = cp.project_id WHERE cp.committee_id = {outer}.id"
        if connection.vendor == "postgresql":
            return f"(SELECT STRING_AGG(p.name, '、' ORDER BY p.sort_order, p.name) {source})", []
        return f"(SELECT GROUP_CONCAT(name, '、') FROM (SELECT p.name {source} ORDER BY p.sort_order, p.name))", []


def _committees_matching(text):
    return (
        Committee.objects.active().search(text).order_by("sort_order", "name")
        .annotate(project_names=_ProjectNames())
        .values_list("pk", "name", "slug", "introduction", "project_names")
    )


# Compiled once per process (common/compiled.py); the query's text is escaped into the LIKE patterns.
_COMMITTEES = CompiledQuery(_committees_matching)


def search_committees(request, query: str, limit: int):
    rows = _COMMITTEES.first(limit, text=query)
    hits = []
    kind, in_charge = _("专委会"), _("负责项目：%(projects)s")
    for _pk, name, slug, introduction, names in rows:
        hits.append(SearchHit(
            kind=kind,
            title=name,
            url=object_path("committees:committee_detail", slug, "slug"),
            snippet=in_charge % {"projects": names} if names else introduction[:80],
            score=2.0 if query in name else 1.0,
        ))
    return hits
