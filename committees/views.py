from django.http import Http404
from django.shortcuts import render

from common.cache import public_page

from . import selectors
from .models import Committee


# Event and news changes bump their own namespaces; the committee pages show both.
@public_page("committees", "events", "news")
def committee_list(request):
    return render(request, "committees/committee_list.html", {"committees": selectors.committee_list()})


@public_page("committees", "events", "news")
def committee_detail(request, slug):
    try:
        committee = selectors.committee_detail(slug)
    except Committee.DoesNotExist:
        raise Http404
    events = selectors.committee_events(committee)
    articles = selectors.committee_articles(committee)
    return render(
        request,
        "committees/committee_detail.html",
        {"committee": committee, "events": events, "articles": articles},
    )
