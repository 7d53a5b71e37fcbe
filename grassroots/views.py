"""Public pages: 健身去哪儿, where to exercise. No personal data here: only an organisation's
contact that it chose to publish."""

from django.http import Http404
from django.shortcuts import render

from common.cache import public_page

from .filters import FinderChoices, FinderFilter
from .selectors import finder_page, venue_card

PAGE_SIZE = 20


@public_page("grassroots")
def finder(request):
    filterset = FinderFilter(request.GET or None, FinderChoices.load(request.GET.get("county", "")))
    page = finder_page(filterset.values(), request.GET.get("page"), PAGE_SIZE)
    params = request.GET.copy()
    params.pop("page", None)
    filtered = any(request.GET.get(name) for name in ("county", "township", "project"))
    return render(request, "grassroots/finder.html", {
        "filter": filterset, "page_obj": page, "query_string": params.urlencode(), "filtered": filtered,
        "share_url": request.build_absolute_uri(),
    })


@public_page("grassroots")
def venue_detail(request, pk):
    venue = venue_card(pk)
    if venue is None:
        raise Http404
    return render(request, "grassroots/venue_detail.html", {"venue": venue, "teams": venue.active_teams})
