"""Checks this app's authz rows the way the matrix will: every role, every URL name of the app."""

import pytest
from django.urls import get_resolver, reverse

from committees.tests.authz import AUTHZ_ROWS, make_world


@pytest.fixture
def world(city, zezhou, gaoping, staff_user, zezhou_coordinator, gaoping_coordinator, correspondent, committee_officer, plain_user, make_person):
    w = {
        "city": city, "zezhou": zezhou, "gaoping": gaoping, "staff": staff_user, "zezhou_coord": zezhou_coordinator,
        "gaoping_coord": gaoping_coordinator, "correspondent": correspondent, "committee_officer": committee_officer,
        "no_role": plain_user, "person_zezhou": make_person(zezhou), "person_gaoping": make_person(gaoping),
    }
    make_world(w)
    return w


USERS = {"anonymous": None, "no_role": "no_role", "zezhou": "zezhou_coord", "gaoping": "gaoping_coord",
         "correspondent": "correspondent", "committee": "committee_officer", "staff": "staff"}


def test_every_url_name_of_the_app_has_a_row():
    names = {f"committees:{name}" for name in get_resolver().namespace_dict["committees"][1].reverse_dict if isinstance(name, str)}
    assert names == set(AUTHZ_ROWS)


@pytest.mark.parametrize("role", list(USERS))
@pytest.mark.parametrize("url_name", list(AUTHZ_ROWS))
def test_row(client, world, role, url_name):
    row = AUTHZ_ROWS[url_name]
    if USERS[role]:
        client.force_login(world[USERS[role]])
    response = client.get(reverse(url_name, kwargs=row["kwargs"](world)))
    assert response.status_code == row["get"][role]
