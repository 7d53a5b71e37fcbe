"""Runs grassroots' own rows of the authorization matrix (tests/authz.py) against every role."""

import pytest
from django.urls import reverse

from .authz import AUTHZ_ROWS, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(city, zezhou, gaoping, staff_user, zezhou_coordinator, gaoping_coordinator, correspondent, committee_officer, plain_user):
    w = {"city": city, "zezhou": zezhou, "gaoping": gaoping, "staff": staff_user, "zezhou_coord": zezhou_coordinator,
         "gaoping_coord": gaoping_coordinator, "correspondent": correspondent, "committee_officer": committee_officer,
         "no_role": plain_user}
    make_world(w)
    return w


ROLE_USER = {"no_role": "no_role", "zezhou": "zezhou_coord", "gaoping": "gaoping_coord", "correspondent": "correspondent",
             "committee": "committee_officer", "staff": "staff"}


def test_every_url_name_has_a_row():
    from grassroots import portal_urls, urls

    names = {f"grassroots:{p.name}" for p in urls.urlpatterns} | {f"grassroots_portal:{p.name}" for p in portal_urls.urlpatterns}
    assert names == set(AUTHZ_ROWS)


@pytest.mark.parametrize("name", sorted(AUTHZ_ROWS))
def test_matrix(client, world, name):
    row = AUTHZ_ROWS[name]
    url = reverse(name, kwargs=row["kwargs"](world))
    for method in ("get", "post"):
        expected = row[method]
        if expected is None:
            continue
        for role, status in expected.items():
            client.logout()
            if role != "anonymous":
                client.force_login(world[ROLE_USER[role]])
            response = getattr(client, method)(url)
            if status == "redirect":  # a redirect that is not to the login page
                assert response.status_code == 302 and "/accounts/login/" not in response["Location"], (name, method, role)
            else:
                assert response.status_code == status, (name, method, role, response.status_code)
