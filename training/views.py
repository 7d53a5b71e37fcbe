"""Public pages of training: upcoming and recent courses. No rosters, no personal data."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from common.cache import public_page

from .filters import CourseFilter
from .selectors import public_courses

PAGE_SIZE = 20


@public_page("training")
def course_list(request):
    filterset = CourseFilter(request.GET or None, queryset=public_courses().order_by("-starts_on", "-pk"))
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "training/course_list.html", {"filter": filterset, "page_obj": page, "query_string": query.urlencode()})


@public_page("training")
def course_detail(request, pk):
    course = get_object_or_404(public_courses(), pk=pk)
    return render(request, "training/course_detail.html", {"course": course})
