"""Pages for coordinators (entries of their own unit) and staff (exports), under /portal/events/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import is_coordinator, is_secretariat
from grassroots.models import Person
from grassroots.models.organisations import acting_unit

from . import exports, selectors, services
from .certificates import award_certificate_pdf, participation_certificate_pdf
from .forms import EntryForm
from .models import Award, Entry, EntryMember, EntryStatus, Event, EventKind


def _coordinator_unit(request):
    """The unit a coordinator enters teams for; anyone else may not enter teams here."""
    unit = acting_unit(request.user) if is_coordinator(request.user) else None
    if unit is None:
        raise PermissionDenied
    return unit


def _entries_for(request):
    if is_secretariat(request.user):
        return Entry.objects.all()
    return Entry.objects.filter(unit=_coordinator_unit(request))


@login_required
def entry_index(request):
    staff = is_secretariat(request.user)
    unit = None if staff else _coordinator_unit(request)
    open_events = list(Event.objects.registration_open().for_list().order_by("registration_closes", "pk"))
    entries = (
        selectors.unit_entries(unit) if unit else
        Entry.objects.select_related("event", "item__age_group", "unit").order_by("-updated_at")
    )
    page_obj = Paginator(entries, 30).get_page(request.GET.get("page"))
    return render(request, "events/portal/entry_index.html", {
        "unit": unit, "open_events": open_events, "page_obj": page_obj, "entries": page_obj.object_list, "staff": staff,
    })


def _entry_form_context(request, event, unit, form, entry=None):
    return {"event": event, "unit": unit, "form": form, "entry": entry}


def _people_for(request, unit):
    return Person.objects.for_user(request.user).filter(member_unit=unit, is_active=True).order_by("name", "pk")


def _run_entry_service(request, form, *, event, unit, entry=None):
    data = form.cleaned_data
    new_person = None
    if data.get("new_name") and data.get("new_id_number"):
        new_person = services.NewPerson(name=data["new_name"], id_number=data["new_id_number"], phone=data.get("new_phone", ""))
    return services.entry_save(
        user=request.user, unit=unit, item=data["item"], team_name=data["team_name"],
        members=list(data["members"]), routine_title=data["routine_title"], leader_name=data["leader_name"],
        contact_phone=data["contact_phone"], new_person=new_person, entry=entry,
        submit=request.POST.get("save_as_draft") != "1",
    )


def _apply_errors(form, exc: ValidationError):
    for field, messages_ in exc.message_dict.items():
        for message in messages_:
            form.add_error(None if field == "__all__" or field not in form.fields else field, message)


@login_required
def entry_create(request, event_pk):
    unit = _coordinator_unit(request)
    event = get_object_or_404(Event.objects.published().exclude(kind=EventKind.EXTERNAL), pk=event_pk)
    items = event.items.select_related("age_group")
    people = _people_for(request, unit)
    form = EntryForm(request.POST or None, items=items, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            entry = _run_entry_service(request, form, event=event, unit=unit)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            if entry.status == EntryStatus.SUBMITTED:
                messages.success(request, _("报名已提交，等待秘书处确认。"))
            else:
                messages.success(request, _("报名已保存为草稿，确认无误后请提交。"))
            return redirect(entry)
    return render(request, "events/portal/entry_form.html", _entry_form_context(request, event, unit, form))


@login_required
def entry_edit(request, pk):
    unit = _coordinator_unit(request)
    entry = get_object_or_404(Entry.objects.filter(unit=unit).select_related("event", "item"), pk=pk)
    if not entry.is_editable:
        messages.error(request, _("只有草稿状态的报名可以修改。"))
        return redirect(entry)
    initial = {
        "item": entry.item, "team_name": entry.team_name, "routine_title": entry.routine_title,
        "leader_name": entry.leader_name, "contact_phone": entry.contact_phone,
        "members": [m.person for m in entry.members.filter(is_active=True).select_related("person")],
    }
    form = EntryForm(request.POST or None, initial=initial, items=entry.event.items.select_related("age_group"),
                     people=_people_for(request, unit))
    if request.method == "POST" and form.is_valid():
        try:
            entry = _run_entry_service(request, form, event=entry.event, unit=unit, entry=entry)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("报名已保存。"))
            return redirect(entry)
    return render(request, "events/portal/entry_form.html", _entry_form_context(request, entry.event, unit, form, entry))


@login_required
def entry_detail(request, pk):
    entry = get_object_or_404(
        _entries_for(request).select_related("event", "item__age_group", "unit").prefetch_related(
            Prefetch("members", queryset=EntryMember.objects.filter(is_active=True).select_related("person")),
            Prefetch("awards", queryset=Award.objects.select_related("person")),
        ),
        pk=pk,
    )
    return render(request, "events/portal/entry_detail.html", {"entry": entry, "staff": is_secretariat(request.user)})


@login_required
@require_POST
def entry_submit(request, pk):
    entry = get_object_or_404(Entry.objects.filter(unit=_coordinator_unit(request)), pk=pk)
    try:
        services.entry_submit(entry=entry)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("报名已提交，等待秘书处确认。"))
    return redirect(entry)


@login_required
@require_POST
def entry_withdraw(request, pk):
    entry = get_object_or_404(Entry.objects.filter(unit=_coordinator_unit(request)), pk=pk)
    try:
        services.entry_withdraw(entry=entry)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("报名已撤回。"))
    return redirect(entry)


@login_required
def entry_sheet(request, event_pk):
    """The unit's 报名表 for one event: a printable page, or an Excel file with ?format=xlsx."""
    unit = _coordinator_unit(request)
    event = get_object_or_404(Event.objects.published(), pk=event_pk)
    entries = selectors.entries_for_form(event, unit)
    if request.GET.get("format") == "xlsx":
        content = exports.entries_workbook(event, entries, masked=True)
        return exports.xlsx_response(content, f"{event.title}-{unit.display_name}-报名表.xlsx")
    return render(request, "events/portal/entry_sheet.html", {"event": event, "unit": unit, "entries": entries})


def _award_scope(request):
    user = request.user
    if is_secretariat(user):
        return Award.objects.all()
    unit = acting_unit(user) if is_coordinator(user) else None
    if unit is not None:
        return Award.objects.filter(entry__unit=unit)
    return Award.objects.filter(event__in=Event.objects.for_officer(user))


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


@login_required
def award_certificate(request, pk):
    award = get_object_or_404(_award_scope(request).select_related("event", "entry__unit", "entry__item__age_group", "person"), pk=pk)
    return _pdf_response(award_certificate_pdf(award), f"{award.certificate_number}.pdf")


@login_required
def participation_certificate(request, pk):
    entry = get_object_or_404(
        _entries_for(request).filter(status=EntryStatus.ACCEPTED).select_related("event", "unit", "item__age_group"), pk=pk
    )
    return _pdf_response(participation_certificate_pdf(entry), f"参赛证书-{entry.pk}.pdf")


def _officer_event(request, event_pk):
    if not request.user.is_staff:
        raise PermissionDenied
    return get_object_or_404(Event.objects.for_officer(request.user), pk=event_pk)


@login_required
def export_entries(request, event_pk):
    event = _officer_event(request, event_pk)
    content = exports.entries_workbook(event, selectors.entries_for_export(event), masked=not is_secretariat(request.user))
    return exports.xlsx_response(content, f"{event.title}-报名汇总.xlsx")


@login_required
def export_results(request, event_pk):
    event = _officer_event(request, event_pk)
    return exports.xlsx_response(exports.results_workbook(event), f"{event.title}-成绩.xlsx")
