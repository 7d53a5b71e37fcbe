"""Public pages: 健身去哪儿, where to exercise. No personal data here: only an organisation's
contact that it chose to publish."""

from django.shortcuts import get_object_or_404, render

from common.cache import public_page

from .filters import FinderFilter
from .selectors import attach_teams_and_projects, finder_base, finder_page, finder_venues

PAGE_SIZE = 20


@public_page("grassroots")
def finder(request):
    filterset = FinderFilter(request.GET or None, queryset=finder_base())
    venues = filterset.qs if filterset.is_bound and filterset.is_valid() else finder_base()
    page = finder_page(venues, request.GET.get("page"), PAGE_SIZE)
    params = request.GET.copy()
    params.pop("page", None)
    filtered = any(request.GET.get(name) for name in ("county", "township", "project"))
    return render(request, "grassroots/finder.html", {
        "filter": filterset, "page_obj": page, "query_string": params.urlencode(), "filtered": filtered,
        "share_url": request.build_absolute_uri(),
    })


@public_page("grassroots")
def venue_detail(request, pk):
    venue = get_object_or_404(finder_venues(), pk=pk)
    attach_teams_and_projects([venue])
    return render(request, "grassroots/venue_detail.html", {"venue": venue, "teams": venue.active_teams})

