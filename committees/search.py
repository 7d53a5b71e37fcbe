from django.utils.translation import gettext as _

from common.registry import SearchHit

from .models import Committee


def search_committees(request, query: str, limit: int):
    for committee in Committee.objects.active().search(query).prefetch_related("projects")[:limit]:
        projects = "、".join(p.name for p in committee.projects.all())
        yield SearchHit(
            kind=_("专委会"),
            title=committee.name,
            url=committee.get_absolute_url(),
            snippet=_("负责项目：%(projects)s") % {"projects": projects} if projects else committee.introduction[:80],
            score=2.0 if query in committee.name else 1.0,
        )
