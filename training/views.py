"""Public pages of training: upcoming and recent courses. No rosters, no personal data."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from common.cache import public_page

from .filters import CourseFilter
from .selectors import public_courses

PAGE_SIZE = 20
UPCOMING_MAX = 20


@public_page("training")
def course_list(request):
    filterset = CourseFilter(request.GET or None, queryset=public_courses())
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    when = filterset.form.cleaned_data.get("when") if filterset.is_bound and filterset.form.is_valid() else ""
    upcoming = list(queryset.upcoming()[:UPCOMING_MAX]) if when != "past" else []
    page = Paginator(queryset.past(), PAGE_SIZE).get_page(request.GET.get("page")) if when != "upcoming" else None
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "training/course_list.html", {
        "filter": filterset, "upcoming": upcoming if not page or page.number == 1 else [], "page_obj": page,
        "query_string": query.urlencode(), "when": when,
    })


@public_page("training")
def course_detail(request, pk):
    course = get_object_or_404(public_courses(), pk=pk)
    return render(request, "training/course_detail.html", {"course": course})
