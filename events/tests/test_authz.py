"""Runs this app's rows of the authorization matrix against every role."""

import pytest
from django.urls import get_resolver, reverse

from events.tests.authz import AUTHZ_ROWS, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(city, zezhou, gaoping, staff_user, zezhou_coordinator, gaoping_coordinator, correspondent, committee_officer,
          plain_user, make_person):
    w = {
        "city": city, "zezhou": zezhou, "gaoping": gaoping, "staff": staff_user, "zezhou_coord": zezhou_coordinator,
        "gaoping_coord": gaoping_coordinator, "correspondent": correspondent, "committee_officer": committee_officer,
        "no_role": plain_user, "person_zezhou": make_person(zezhou), "person_gaoping": make_person(gaoping),
    }
    make_world(w)
    return w


USERS = {"no_role": "no_role", "zezhou": "zezhou_coord", "gaoping": "gaoping_coord", "correspondent": "correspondent",
         "committee": "committee_officer", "staff": "staff"}


def test_every_url_of_the_app_has_a_row():
    names = set()
    for namespace in ("events", "events_portal"):
        resolver = get_resolver().namespace_dict[namespace][1]
        names |= {f"{namespace}:{name}" for name in resolver.reverse_dict if isinstance(name, str)}
    assert names == set(AUTHZ_ROWS)


@pytest.mark.parametrize("name", sorted(AUTHZ_ROWS))
def test_matrix_row(client, world, name):
    row = AUTHZ_ROWS[name]
    url = reverse(name, kwargs=row["kwargs"](world))
    for method in ("get", "post"):
        expected = row[method] or (row["get"] if method == "post" and name.startswith("events:") is False else None)
        if expected is None:
            continue
        for role, status in expected.items():
            client.logout()
            if role != "anonymous":
                client.force_login(world[USERS[role]])
            response = getattr(client, method)(url)
            assert response.status_code == status, (name, method, role, response.status_code)
            if status == 302 and role == "anonymous":
                assert "/accounts/login/" in response["Location"]
