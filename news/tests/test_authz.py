"""Runs this app's rows of the authorization matrix with the shared role fixtures."""

import pytest
from django.urls import reverse

from .authz import AUTHZ_ROWS, make_world


@pytest.fixture
def world(
    city, zezhou, gaoping, staff_user, zezhou_coordinator, gaoping_coordinator, correspondent, committee_officer, plain_user
):
    data = {
        "city": city,
        "zezhou": zezhou,
        "gaoping": gaoping,
        "staff": staff_user,
        "zezhou_coord": zezhou_coordinator,
        "gaoping_coord": gaoping_coordinator,
        "correspondent": correspondent,
        "committee_officer": committee_officer,
        "no_role": plain_user,
    }
    make_world(data)
    return data


USERS = {
    "anonymous": None,
    "no_role": "no_role",
    "zezhou": "zezhou_coord",
    "gaoping": "gaoping_coord",
    "correspondent": "correspondent",
    "committee": "committee_officer",
    "staff": "staff",
}
CASES = [
    (name, method, role)
    for name, row in AUTHZ_ROWS.items()
    for method in ("get", "post")
    if row[method] is not None
    for role in USERS
]


@pytest.mark.parametrize(("name", "method", "role"), CASES)
def test_matrix(client, world, name, method, role):
    from django.core.cache import cache

    cache.clear()
    row = AUTHZ_ROWS[name]
    if USERS[role]:
        client.force_login(world[USERS[role]])
    url = reverse(name, kwargs=row["kwargs"](world))
    response = getattr(client, method)(url)
    assert response.status_code == row[method][role], (name, method, role)
