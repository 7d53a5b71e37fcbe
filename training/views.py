"""Public pages of training: upcoming and recent courses. No rosters, no personal data."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from common.cache import public_page

from .filters import CourseFilter
from .selectors import PastCourses, public_course, upcoming_courses

PAGE_SIZE = 20


@public_page("training")
def course_list(request):
    filterset = CourseFilter(request.GET or None)
    when = filterset.when
    page = Paginator(PastCourses(filterset.filters), PAGE_SIZE).get_page(request.GET.get("page")) if when != "upcoming" else None
    # The upcoming courses head the first page only.
    upcoming = upcoming_courses(filterset.filters) if when != "past" and (not page or page.number == 1) else []
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "training/course_list.html", {
        "filter": filterset, "upcoming": upcoming, "page_obj": page, "query_string": query.urlencode(), "when": when,
    })


@public_page("training")
def course_detail(request, pk):
    course = public_course(pk)
    if course is None:
        raise Http404
    return render(request, "training/course_detail.html", {"course": course})
