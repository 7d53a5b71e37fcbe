"""The annual report (staff only): page, Excel and Word downloads."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.roles import is_secretariat

from .reports import annual_report, report_years, to_docx, to_xlsx

MIN_YEAR, MAX_YEAR = 1990, 2100


def secretariat_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_secretariat(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404("no such year")
    return year


@secretariat_required
def report(request, year: int):
    data = annual_report(_year(year))
    return render(request, "reports/annual.html", {"report": data, "years": report_years()})


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename=\"{filename}\""
    return response


@secretariat_required
def report_xlsx(request, year: int):
    data = annual_report(_year(year))
    return _download(to_xlsx(data), f"annual-report-{year}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@secretariat_required
def report_docx(request, year: int):
    data = annual_report(_year(year))
    return _download(to_docx(data), f"annual-report-{year}.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")



@secretariat_required
def report_index(request):
    """The latest finished year's report: the one a 工作总结 is written about."""
    return redirect("report", year=timezone.localdate().year - 1)
