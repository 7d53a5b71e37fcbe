"""Pages for coordinators (their own unit) and the secretariat (everything) under /portal/training/."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from openpyxl import Workbook

from accounts.roles import is_coordinator, is_secretariat
from common.chinese import chinese_date
from common.pdf import Certificate, render_certificate
from grassroots.models import Organisation, Person
from grassroots.models.organisations import acting_unit

from .forms import NominationForm
from .models import Course, Nomination, NominationStatus
from .selectors import expiring_qualifications, open_courses_with_counts, person_training, training_figures
from .services import nominations_create


def _scope(request):
    """(is_staff, unit) for staff and coordinators; everyone else is refused."""
    user = request.user
    if is_secretariat(user):
        return True, None
    if is_coordinator(user):
        unit = acting_unit(user)
        if unit is not None:
            return False, unit
    raise PermissionDenied


@login_required
def index(request):
    staff, unit = _scope(request)
    courses = list(open_courses_with_counts(unit))
    nominations = (
        Nomination.objects.for_user(request.user).with_related().order_by("-course__starts_on", "-pk")
    )
    page = Paginator(nominations, 20).get_page(request.GET.get("page"))
    return render(request, "training/portal/index.html", {
        "staff": staff, "unit": unit, "courses": courses, "page_obj": page,
        "year": timezone.localdate().year, "expiring_count": expiring_qualifications(request.user).count(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def nominate(request, pk):
    staff, unit = _scope(request)
    course = get_object_or_404(Course.objects.with_related(), pk=pk)
    people = (
        Person.objects.for_user(request.user).active().select_related("organisation")
        .exclude(nominations__course=course).order_by("organisation__sort_order", "name", "pk")
    )
    query = (request.GET.get("q") or "").strip()[:30]
    if query:
        people = people.filter(name__contains=query)
    mine = Nomination.objects.for_user(request.user).filter(course=course).select_related("person", "person__organisation")
    used = sum(1 for n in mine if n.status != NominationStatus.DECLINED)
    form = NominationForm(request.POST or None, people_queryset=people)
    if request.method == "POST" and form.is_valid():
        try:
            created = nominations_create(course=course, people=form.cleaned_data["people"], user=request.user)
        except ValidationError as exc:
            for message in exc.message_dict.get("people", exc.messages):
                form.add_error("people", message)
        else:
            messages.success(request, _("已推荐%(n)d人参加“%(course)s”。") % {"n": len(created), "course": course.title})
            return redirect("training_portal:nominate", pk=course.pk)
    return render(request, "training/portal/nominate.html", {
        "course": course, "form": form, "nominations": mine, "used": used, "query": query, "staff": staff, "unit": unit,
        "open": course.is_nomination_open,
    })


@login_required
def person_detail(request, pk):
    _scope(request)
    person = get_object_or_404(Person.objects.for_user(request.user).select_related("organisation"), pk=pk)
    return render(request, "training/portal/person_detail.html", {
        "person": person, **person_training(person), "staff": is_secretariat(request.user),
    })


def _figures_for(request, year):
    staff, unit = _scope(request)
    if not 2000 <= year <= 2100:
        raise Http404
    if staff and request.GET.get("unit"):
        unit = get_object_or_404(Organisation.objects.member_units(), slug=request.GET["unit"])
    return staff, training_figures(year, unit)


@login_required
def figures(request, year):
    staff, figures = _figures_for(request, year)
    units = Organisation.objects.member_units().order_by("sort_order") if staff else []
    return render(request, "training/portal/figures.html", {
        "figures": figures, "chart_spec": figures.chart_spec(), "staff": staff, "units": units,
        "previous_year": year - 1, "next_year": year + 1,
    })


@login_required
def figures_xlsx(request, year):
    _staff, figures = _figures_for(request, year)
    book = Workbook()
    book.remove(book.active)
    header = [_("分组"), *figures.level_labels, _("选派国家、省培训"), _("市、县培训"), _("合计")]
    for title, rows in ((_("按单位"), figures.by_unit), (_("按项目"), figures.by_project), (_("按类别"), figures.by_kind)):
        sheet = book.create_sheet(title)
        sheet.append([_("%(year)d年培训人次（%(scope)s）") % {"year": year, "scope": figures.unit.display_name if figures.unit else _("全市")}])
        sheet.append(header)
        for row in [*rows, figures.totals]:
            sheet.append([row.label, *row.by_level, row.sent_up, row.local, row.total])
        sheet.column_dimensions["A"].width = 22
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="training-figures-{year}.xlsx"'
    return response


@login_required
def reminders(request):
    _scope(request)
    rows = list(expiring_qualifications(request.user))
    return render(request, "training/portal/reminders.html", {"qualifications": rows, "today": timezone.localdate()})


def certificate_for(nomination: Nomination) -> Certificate:
    course = nomination.course
    end = chinese_date(course.ends_on)
    if course.ends_on.year == course.starts_on.year:
        end = end.split("年", 1)[1]  # 二〇二二年八月二十二日至八月二十六日
    lines = [
        _("于%(start)s至%(end)s") % {"start": chinese_date(course.starts_on), "end": end},
        _("参加%(organiser)s举办的") % {"organiser": course.organiser},
        _("“%(title)s”") % {"title": course.title},
        _("经考核合格，准予结业。"),
    ]
    if nomination.new_grade:
        lines.append(_("培训后等级：%(grade)s") % {"grade": nomination.new_grade})
    return Certificate(
        heading=_("结业证书"), recipient=nomination.person.name, body_lines=lines, issuer=nomination.certificate_issuer or course.issuer,
        date_text=chinese_date(nomination.certificate_date or course.ends_on), number=nomination.certificate_number,
    )


@login_required
def certificate(request, pk):
    _scope(request)
    nomination = get_object_or_404(
        Nomination.objects.for_user(request.user).select_related("course", "person").exclude(certificate_number=""),
        pk=pk, status=NominationStatus.PASSED,
    )
    pdf = render_certificate(certificate_for(nomination))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{nomination.certificate_number}.pdf"'
    return response


