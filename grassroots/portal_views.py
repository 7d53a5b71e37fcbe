"""Portal pages for coordinators (their own unit) and staff (everything), under /portal/grassroots/.

Every object is fetched through the user's scoped queryset, so another unit's number in the URL
answers 404 and changes nothing."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.roles import is_coordinator, is_secretariat
from common.cache import bump

from . import excel, selectors, services
from .forms import (
    DissolveForm,
    ImportForm,
    OrganisationForm,
    PersonForm,
    RectificationReportForm,
    SelfCheckForm,
    TeamForm,
    VenueForm,
)
from .models import (
    Campaign,
    Organisation,
    OrgLevel,
    OrgStatus,
    Person,
    PersonRole,
    Rectification,
    SelfCheck,
    Team,
    Venue,
    acting_unit,
)

PAGE_SIZE = 20


def portal_user(view):
    """Coordinators and staff only: anonymous users go to the login page, others get 403."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (is_secretariat(request.user) or (is_coordinator(request.user) and acting_unit(request.user) is not None)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _bound(request, files=False):
    """Form data for a POST (even an empty one, so it is validated), nothing for a GET."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


def _paginate(request, queryset):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()


def _unit_label(user):
    unit = acting_unit(user)
    return unit.name if unit and not is_secretariat(user) else _("全市")


@portal_user
def home(request):
    campaign = Campaign.objects.current()
    return render(request, "grassroots/portal/home.html", {"campaign": campaign, "unit_label": _unit_label(request.user)})


# ---- organisations -----------------------------------------------------------------------------


@portal_user
def organisation_list(request):
    q = (request.GET.get("q") or "").strip()
    level = request.GET.get("level") or ""
    status = request.GET.get("status") or OrgStatus.ACTIVE
    orgs = (
        Organisation.objects.for_user(request.user).filter(level__gte=OrgLevel.TOWNSHIP)
        .select_related("parent", "member_unit").order_by("member_unit__sort_order", "level", "parent__name", "sort_order", "name")
    )
    if q:
        orgs = orgs.filter(Q(name__icontains=q) | Q(parent__name__icontains=q))
    if level in ("3", "4"):
        orgs = orgs.filter(level=int(level))
    if status in OrgStatus.values:
        orgs = orgs.filter(status=status)
    page, query_string = _paginate(request, orgs)
    return render(request, "grassroots/portal/organisation_list.html", {
        "page_obj": page, "query_string": query_string, "q": q, "level": level, "status": status,
        "levels": [(OrgLevel.TOWNSHIP, OrgLevel.TOWNSHIP.label), (OrgLevel.VILLAGE, OrgLevel.VILLAGE.label)],
        "statuses": OrgStatus.choices,
    })


@portal_user
def organisation_detail(request, pk):
    org = get_object_or_404(Organisation.objects.for_user(request.user).select_related("parent", "member_unit"), pk=pk)
    return render(request, "grassroots/portal/organisation_detail.html", {
        "org": org,
        "inspections": selectors.organisation_inspection_history(org),
        "rectifications": Rectification.objects.filter(organisation=org).select_related("campaign").order_by("-pk"),
        "children": org.children.order_by("sort_order", "name"),
    })


@portal_user
@require_http_methods(["GET", "POST"])
def organisation_form(request, pk=None):
    instance = None
    if pk is not None:
        instance = get_object_or_404(Organisation.objects.for_user(request.user).filter(level__gte=OrgLevel.TOWNSHIP), pk=pk)
    form = OrganisationForm(*_bound(request), instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        org = form.save()
        bump("grassroots")
        messages.success(request, _("已保存“%(name)s”。") % {"name": org.name})
        return redirect("grassroots_portal:organisation_detail", pk=org.pk)
    return render(request, "grassroots/portal/form.html", {
        "form": form, "title": _("修改组织") if instance else _("登记基层组织"), "cancel_url": reverse("grassroots_portal:organisation_list"),
    })


@portal_user
@require_http_methods(["GET", "POST"])
def organisation_dissolve(request, pk):
    org = get_object_or_404(Organisation.objects.for_user(request.user).filter(level__gte=OrgLevel.TOWNSHIP), pk=pk)
    form = DissolveForm(*_bound(request), initial={"dissolved_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_dissolve(organisation=org, on=form.cleaned_data["dissolved_on"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("“%(name)s”已撤销，记录仍然保留。") % {"name": org.name})
            return redirect("grassroots_portal:organisation_detail", pk=org.pk)
    return render(request, "grassroots/portal/form.html", {
        "form": form, "title": _("撤销组织：%(name)s") % {"name": org.name}, "danger": True,
        "cancel_url": reverse("grassroots_portal:organisation_detail", args=[org.pk]),
    })


# ---- people --------------------------------------------------------------------------------------


@portal_user
def person_list(request):
    q = (request.GET.get("q") or "").strip()
    role = request.GET.get("role") or ""
    people = Person.objects.for_user(request.user).select_related("organisation").order_by("member_unit_id", "name", "pk")
    if q:
        people = people.filter(Q(name__icontains=q) | Q(organisation__name__icontains=q))
    if role in PersonRole.values:
        people = people.filter(role=role)
    page, query_string = _paginate(request, people)
    return render(request, "grassroots/portal/person_list.html", {
        "page_obj": page, "query_string": query_string, "q": q, "role": role, "roles": PersonRole.choices,
        "show_full_id": is_secretariat(request.user),
    })


@portal_user
@require_http_methods(["GET", "POST"])
def person_form(request, pk=None):
    instance = get_object_or_404(Person.objects.for_user(request.user), pk=pk) if pk is not None else None
    form = PersonForm(*_bound(request), instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        person = form.save()
        messages.success(request, _("已保存“%(name)s”。") % {"name": person.name})
        return redirect("grassroots_portal:person_list")
    return render(request, "grassroots/portal/form.html", {
        "form": form, "title": _("修改人员") if instance else _("登记人员"), "cancel_url": reverse("grassroots_portal:person_list"),
    })


# ---- venues and teams ------------------------------------------------------------------------------


@portal_user
def venue_list(request):
    q = (request.GET.get("q") or "").strip()
    venues = (
        Venue.objects.for_user(request.user).select_related("organisation").prefetch_related("projects")
        .annotate(team_total=Count("teams")).order_by("organisation__name", "name")
    )
    if q:
        venues = venues.filter(Q(name__icontains=q) | Q(organisation__name__icontains=q) | Q(address__icontains=q))
    page, query_string = _paginate(request, venues)
    return render(request, "grassroots/portal/venue_list.html", {"page_obj": page, "query_string": query_string, "q": q})


@portal_user
@require_http_methods(["GET", "POST"])
def venue_form(request, pk=None):
    instance = get_object_or_404(Venue.objects.for_user(request.user), pk=pk) if pk is not None else None
    form = VenueForm(*_bound(request), instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        venue = form.save()
        bump("grassroots")
        messages.success(request, _("已保存场地“%(name)s”。") % {"name": venue.name})
        return redirect("grassroots_portal:venue_list")
    return render(request, "grassroots/portal/form.html", {
        "form": form, "title": _("修改场地") if instance else _("登记场地"), "cancel_url": reverse("grassroots_portal:venue_list"),
    })


@portal_user
def team_list(request):
    q = (request.GET.get("q") or "").strip()
    teams = Team.objects.for_user(request.user).select_related("organisation", "project", "venue", "leader").order_by("organisation__name", "name")
    if q:
        teams = teams.filter(Q(name__icontains=q) | Q(organisation__name__icontains=q) | Q(project__name__icontains=q))
    page, query_string = _paginate(request, teams)
    return render(request, "grassroots/portal/team_list.html", {"page_obj": page, "query_string": query_string, "q": q})


@portal_user
@require_http_methods(["GET", "POST"])
def team_form(request, pk=None):
    instance = get_object_or_404(Team.objects.for_user(request.user), pk=pk) if pk is not None else None
    form = TeamForm(*_bound(request), instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        team = form.save()
        bump("grassroots")
        messages.success(request, _("已保存队伍“%(name)s”。") % {"name": team.name})
        return redirect("grassroots_portal:team_list")
    return render(request, "grassroots/portal/form.html", {
        "form": form, "title": _("修改队伍") if instance else _("登记队伍"), "cancel_url": reverse("grassroots_portal:team_list"),
    })


# ---- self-checks and rectification --------------------------------------------------------------------


def _campaign_from(request):
    campaigns = list(Campaign.objects.order_by("-year"))
    year = request.GET.get("year")
    chosen = next((c for c in campaigns if str(c.year) == year), campaigns[0] if campaigns else None)
    return chosen, campaigns


@portal_user
def selfcheck_list(request):
    campaign, campaigns = _campaign_from(request)
    rows = []
    if campaign:
        orgs = Organisation.objects.for_user(request.user)
        rows = selectors.selfcheck_overview(campaign=campaign, organisations=orgs)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "grassroots/portal/selfcheck_list.html", {
        "campaign": campaign, "campaigns": campaigns, "page_obj": page,
        "query_string": f"year={campaign.year}" if campaign else "",
    })


@portal_user
@require_http_methods(["GET", "POST"])
def selfcheck_fill(request, year, org_pk):
    campaign = get_object_or_404(Campaign.objects.select_related("standard"), year=year)
    org = get_object_or_404(Organisation.objects.for_user(request.user).select_related("parent"), pk=org_pk)
    if not campaign.inspects(org) or org.status != OrgStatus.ACTIVE:
        raise Http404
    selfcheck = SelfCheck.objects.filter(campaign=campaign, organisation=org).first()
    if selfcheck is None:
        if request.method == "POST" and campaign.selfcheck_open():
            selfcheck = services.selfcheck_get_or_start(campaign=campaign, organisation=org)
        else:
            selfcheck = SelfCheck(campaign=campaign, organisation=org)
    items = list(campaign.standard.items.all())
    answers = {a.item_id: a for a in selfcheck.answers.all()} if selfcheck.pk else {}
    locked_reason = selfcheck.locked_reason()
    form = SelfCheckForm(*_bound(request, files=True), selfcheck=selfcheck, items=items, answers=answers)
    if request.method == "POST":
        if locked_reason:
            messages.error(request, locked_reason)
            return redirect("grassroots_portal:selfcheck_fill", year=year, org_pk=org.pk)
        if form.is_valid():
            # site.js disables the buttons on submit, which drops the pressed button's name/value
            # from the POST; its formaction carries the choice in the query string as well.
            submit = "submit" in (request.POST.get("action"), request.GET.get("action"))
            try:
                services.selfcheck_save(
                    selfcheck=selfcheck, user=request.user, questionnaire=form.questionnaire(), answers=form.answers(),
                    photos=form.photos(), submit=False,
                )
                if submit:
                    services.selfcheck_save(
                        selfcheck=selfcheck, user=request.user, questionnaire={}, answers=form.answers(), submit=True,
                    )
            except ValidationError as exc:
                # The draft (with photos) was saved before the submission was refused: nothing is lost.
                form.add_error(None, exc)
                messages.warning(request, _("已保存为草稿，但还不能提交。"))
                selfcheck.refresh_from_db()
            else:
                if submit:
                    messages.success(request, _("自查已提交。"))
                else:
                    messages.success(request, _("草稿已保存，可以稍后继续填写。"))
                return redirect("grassroots_portal:selfcheck_fill", year=year, org_pk=org.pk)
    photos = list(selfcheck.photos.all()) if selfcheck.pk else []
    photos_by_item = {}
    for photo in photos:
        photos_by_item.setdefault(photo.item_id, []).append(photo)
    blocks = list(form.item_blocks())
    for block in blocks:
        block["existing"] = photos_by_item.get(block["item"].pk, [])
        block["answer"] = answers.get(block["item"].pk)
    return render(request, "grassroots/portal/selfcheck_form.html", {
        "campaign": campaign, "org": org, "selfcheck": selfcheck, "form": form, "blocks": blocks,
        "locked_reason": locked_reason,
    })


@portal_user
@require_http_methods(["GET", "POST"])
def rectification_report(request, pk):
    rect = get_object_or_404(Rectification.objects.for_user(request.user).select_related("organisation", "campaign", "inspection"), pk=pk)
    form = RectificationReportForm(*_bound(request), initial={"report": rect.report})
    if request.method == "POST" and form.is_valid():
        try:
            services.rectification_report(rectification=rect, report=form.cleaned_data["report"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("整改情况已报送，等待市老体协复查。"))
            return redirect("grassroots_portal:organisation_detail", pk=rect.organisation_id)
    return render(request, "grassroots/portal/rectification_form.html", {"rect": rect, "form": form})


# ---- dashboard -------------------------------------------------------------------------------------


def _dashboard_data(request):
    campaign, campaigns = _campaign_from(request)
    unit = None if is_secretariat(request.user) else acting_unit(request.user)
    rows = selectors.campaign_dashboard(campaign=campaign, user_unit=unit) if campaign else []
    return campaign, campaigns, unit, rows


@portal_user
def dashboard(request):
    campaign, campaigns, unit, rows = _dashboard_data(request)
    chart = {
        "type": "bar",
        "labels": [row.label for row in rows],
        "datasets": [
            {"label": str(_("已登记")), "data": [row.registered for row in rows]},
            {"label": str(_("已自查")), "data": [row.submitted for row in rows]},
            {"label": str(_("优秀")), "data": [row.excellent for row in rows]},
            {"label": str(_("合格")), "data": [row.passed for row in rows]},
            {"label": str(_("不合格")), "data": [row.failed for row in rows]},
        ],
        "stacked": False,
        "horizontal": False,
    }
    return render(request, "grassroots/portal/dashboard.html", {
        "campaign": campaign, "campaigns": campaigns, "unit": unit, "rows": rows,
        "totals": selectors.dashboard_totals(rows), "chart_spec": chart,
    })


@portal_user
def dashboard_xlsx(request):
    campaign, _campaigns, unit, rows = _dashboard_data(request)
    if campaign is None:
        raise Http404
    header = [_("乡镇/街道") if unit else _("县（市、区）"), _("已登记组织"), _("已提交自查"), _("已验收"), _("优秀"), _("合格"), _("不合格"), _("合格率（%）"), _("逾期整改")]
    body = [[r.label, r.registered, r.submitted, r.inspected, r.excellent, r.passed, r.failed, r.pass_rate, r.overdue] for r in rows]
    total = selectors.dashboard_totals(rows)
    body.append([_("合计"), total.registered, total.submitted, total.inspected, total.excellent, total.passed, total.failed, total.pass_rate, total.overdue])
    return excel.xlsx_response(f"dashboard-{campaign.year}.xlsx", header, body)


# ---- Excel --------------------------------------------------------------------------------------------

EXPORTERS = {
    "organisations": excel.export_organisations,
    "people": excel.export_people,
    "venues": excel.export_venues,
    "teams": excel.export_teams,
}
IMPORTERS = {"organisations": excel.import_organisations, "people": excel.import_people}


@portal_user
def export_xlsx(request, kind):
    if kind not in EXPORTERS:
        raise Http404
    return EXPORTERS[kind](request.user)


@portal_user
def import_template(request, kind):
    if kind not in IMPORTERS:
        raise Http404
    return excel.template_response(kind)


@portal_user
@require_http_methods(["GET", "POST"])
def import_xlsx(request, kind):
    if kind not in IMPORTERS:
        raise Http404
    form = ImportForm(*_bound(request, files=True))
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = IMPORTERS[kind](form.cleaned_data["file"], request.user)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            if result.ok:
                messages.success(request, _("导入成功，共 %(n)d 行。") % {"n": result.created})
                return redirect("grassroots_portal:organisation_list" if kind == "organisations" else "grassroots_portal:person_list")
    title = _("从 Excel 导入组织") if kind == "organisations" else _("从 Excel 导入人员")
    return render(request, "grassroots/portal/import.html", {"form": form, "result": result, "kind": kind, "title": title})
