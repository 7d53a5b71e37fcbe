"""Rows of the authorization matrix (issue 10) for the committees app.

Committee pages are public: every role reads them. Editing happens in the admin, where
committee officers are scoped by CommitteeScopedAdminMixin (tested in test_admin.py).
"""

import datetime as dt

from django.urls import reverse

ALL_200 = {"anonymous": 200, "no_role": 200, "zezhou": 200, "gaoping": 200, "correspondent": 200, "committee": 200, "staff": 200}


def make_world(world: dict) -> None:
    from committees.models import Committee, Officer, OfficerRole

    menqiu = Committee.objects.get(slug="menqiu")
    pingpang = Committee.objects.get(slug="pingpangqiu")
    world["committee_menqiu"] = menqiu
    world["committee_pingpang"] = pingpang
    # Officers are grassroots people: one from each county, so scoping by unit never hides a public name.
    world["officer_menqiu"], _ = Officer.objects.get_or_create(
        person=world["person_zezhou"], committee=menqiu, role=OfficerRole.DIRECTOR, term=menqiu.current_term,
        defaults={"started_on": dt.date(2021, 9, 1)},
    )
    world["officer_pingpang"], _ = Officer.objects.get_or_create(
        person=world["person_gaoping"], committee=pingpang, role=OfficerRole.DIRECTOR, term=pingpang.current_term,
        defaults={"started_on": dt.date(2021, 9, 1)},
    )


AUTHZ_ROWS = {
    # The officer form's person search (JSON; needs add or change permission on officers).
    "admin:committees_officer_person_autocomplete": {"kwargs": lambda w: {}, "get": {"anonymous": 302, "no_role": 302, "zezhou": 302, "gaoping": 302, "correspondent": 302, "committee": 200, "staff": 200}, "post": {"anonymous": 302, "no_role": 302, "zezhou": 302, "gaoping": 302, "correspondent": 302, "committee": 200, "staff": 200}},
    "committees:committee_list": {
        "kwargs": lambda w: {},
        "get": ALL_200,
        "post": None,
    },
    "committees:committee_detail": {
        "kwargs": lambda w: {"slug": w["committee_menqiu"].slug},
        "get": ALL_200,
        "post": None,
    },
}


# Free text that the public committee page shows (the XSS corpus goes through each, test_xss.py).
XSS_TARGETS = [
    {
        "object": "committee_menqiu", "fields": ["short_name", "contact_person"],
        "urls": [lambda w: reverse("committees:committee_detail", args=[w["committee_menqiu"].slug])], "role": "anonymous",
    },
]
