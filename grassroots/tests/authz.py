"""Grassroots' rows of the authorization matrix (imported by the trust helper's test).

Portal pages are for coordinators (their own member unit) and staff; correspondents, committee
officers and users without a role get 403; anonymous users go to the login page (302). Another
county's object answers 404."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from common.identity import make_id_number


def make_world(world: dict) -> None:
    from grassroots import services
    from grassroots.models import Campaign, Organisation, OrgLevel, Person, Project, Standard, Team, Venue

    today = dt.date.today()
    for key in ("zezhou", "gaoping"):
        unit = world[key]
        township, _ = Organisation.objects.get_or_create(parent=unit, name=f"{unit.short_name}权限测试镇", defaults={"level": OrgLevel.TOWNSHIP})
        village, _ = Organisation.objects.get_or_create(parent=township, name=f"{unit.short_name}权限测试村", defaults={"level": OrgLevel.VILLAGE})
        world[f"township_{key}"] = township
        world[f"org_{key}"] = village
        if f"person_{key}" not in world:
            birth = dt.date(1955, 6, 1) if key == "zezhou" else dt.date(1957, 8, 9)
            world[f"person_{key}"], _ = Person.objects.get_or_create(
                id_number=make_id_number("140525", birth, 31 if key == "zezhou" else 42, "F"),
                defaults={"organisation": village, "name": f"{unit.short_name}测试人员", "gender": "F", "birth_date": birth},
            )
        venue, _ = Venue.objects.get_or_create(organisation=village, name=f"{unit.short_name}权限测试广场", defaults={"address": "测试路1号"})
        venue.projects.add(Project.objects.get(name="门球"))
        world[f"venue_{key}"] = venue
        world[f"team_{key}"], _ = Team.objects.get_or_create(
            organisation=village, name=f"{unit.short_name}权限测试门球队",
            defaults={"project": Project.objects.get(name="门球"), "venue": venue, "weekdays": "135"},
        )
    campaign, _ = Campaign.objects.get_or_create(
        year=2099,
        defaults={
            "standard": Standard.objects.get(code="liuyou", version=1), "selfcheck_deadline": today + dt.timedelta(days=60),
            "inspection_start": today + dt.timedelta(days=61), "inspection_end": today + dt.timedelta(days=120),
        },
    )
    world["campaign"] = campaign
    for key in ("zezhou", "gaoping"):
        org = world[f"org_{key}"]
        inspection = services.inspection_record(
            campaign=campaign, organisation=org, inspected_on=today, inspectors="权限测试",
            scores={item.pk: (Decimal("2"), False) for item in campaign.standard.items.all()},
        )
        services.inspection_confirm(inspection=inspection, user=world["staff"])
        world[f"rectification_{key}"] = inspection.opened_rectification
    from grassroots.models import SelfCheck

    world["selfcheck_zezhou"], _ = SelfCheck.objects.get_or_create(
        campaign=campaign, organisation=world["township_zezhou"], defaults={"summary": "矩阵测试自查小结"},
    )


_PUBLIC = {"anonymous": 200, "no_role": 200, "zezhou": 200, "gaoping": 200, "correspondent": 200, "committee": 200, "staff": 200}
# A portal page every coordinator and staff may open.
_PORTAL = {"anonymous": 302, "no_role": 403, "zezhou": 200, "gaoping": 200, "correspondent": 403, "committee": 403, "staff": 200}
# A page of 泽州县's object: 高平市's coordinator gets 404.
_OWNED = {**_PORTAL, "gaoping": 404}


def _owned_post(owner_status):
    return {**_OWNED, "zezhou": owner_status, "staff": owner_status}


AUTHZ_ROWS = {
    "grassroots:finder": {"kwargs": lambda w: {}, "get": _PUBLIC, "post": None},
    "grassroots:venue_detail": {"kwargs": lambda w: {"pk": w["venue_zezhou"].pk}, "get": _PUBLIC, "post": None},
    "grassroots_portal:home": {"kwargs": lambda w: {}, "get": _PORTAL, "post": None},
    "grassroots_portal:organisation_list": {"kwargs": lambda w: {}, "get": _PORTAL, "post": None},
    "grassroots_portal:organisation_add": {"kwargs": lambda w: {}, "get": _PORTAL, "post": _PORTAL},
    "grassroots_portal:organisation_detail": {"kwargs": lambda w: {"pk": w["org_zezhou"].pk}, "get": _OWNED, "post": None},
    "grassroots_portal:organisation_edit": {"kwargs": lambda w: {"pk": w["org_zezhou"].pk}, "get": _OWNED, "post": _owned_post(200)},
    "grassroots_portal:organisation_dissolve": {"kwargs": lambda w: {"pk": w["org_zezhou"].pk}, "get": _OWNED, "post": _owned_post(200)},
    "grassroots_portal:person_list": {"kwargs": lambda w: {}, "get": _PORTAL, "post": None},
    "grassroots_portal:person_add": {"kwargs": lambda w: {}, "get": _PORTAL, "post": _PORTAL},
    "grassroots_portal:person_edit": {"kwargs": lambda w: {"pk": w["person_zezhou"].pk}, "get": _OWNED, "post": _owned_post(200)},
    "grassroots_portal:venue_list": {"kwargs": lambda w: {}, "get": _PORTAL, "post": None},
    "grassroots_portal:venue_add": {"kwargs": lambda w: {}, "get": _PORTAL, "post": _PORTAL},
    "grassroots_portal:venue_edit": {"kwargs": lambda w: {"pk": w["venue_zezhou"].pk}, "get": _OWNED, "post": _owned_post(200)},
    "grassroots_portal:team_list": {"kwargs": lambda w: {}, "get": _PORTAL, "post": None},
    "grassroots_portal:team_add": {"kwargs": lambda w: {}, "get": _PORTAL, "post": _PORTAL},
    "grassroots_portal:team_edit": {"kwargs": lambda w: {"pk": w["team_zezhou"].pk}, "get": _OWNED, "post": _owned_post(200)},
    "grassroots_portal:selfcheck_list": {"kwargs": lambda w: {}, "get": _PORTAL, "post": None},
    # An empty POST saves an (empty) draft and redirects back to the form ("redirect": not to the login page).
    "grassroots_portal:selfcheck_fill": {
        "kwargs": lambda w: {"year": w["campaign"].year, "org_pk": w["org_zezhou"].pk}, "get": _OWNED, "post": _owned_post("redirect"),
    },
    "grassroots_portal:rectification_report": {
        "kwargs": lambda w: {"pk": w["rectification_zezhou"].pk}, "get": _OWNED, "post": _owned_post(200),
    },
    "grassroots_portal:dashboard": {"kwargs": lambda w: {}, "get": _PORTAL, "post": None},
    "grassroots_portal:dashboard_xlsx": {"kwargs": lambda w: {}, "get": _PORTAL, "post": None},
    "grassroots_portal:export": {"kwargs": lambda w: {"kind": "people"}, "get": _PORTAL, "post": None},
    "grassroots_portal:import": {"kwargs": lambda w: {"kind": "organisations"}, "get": _PORTAL, "post": _PORTAL},
    "grassroots_portal:import_template": {"kwargs": lambda w: {"kind": "people"}, "get": _PORTAL, "post": None},
}


# Free text that public pages show (the XSS corpus goes through each, test_xss.py).
XSS_TARGETS = [
    {
        "object": "venue_zezhou", "fields": ["name", "address"],
        "urls": [lambda w: reverse("grassroots:venue_detail", args=[w["venue_zezhou"].pk])], "role": "anonymous",
    },
    {
        "object": "team_zezhou", "fields": ["name"],
        "urls": [lambda w: reverse("grassroots:venue_detail", args=[w["venue_zezhou"].pk])], "role": "anonymous",
    },
]
