import datetime as dt

import pytest
from django.core.cache import cache

from committees.models import Committee, Officer, OfficerRole


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    # Public pages are cached for anonymous readers; each test starts from an empty cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def menqiu(db):
    return Committee.objects.get(slug="menqiu")


@pytest.fixture
def pingpang(db):
    return Committee.objects.get(slug="pingpangqiu")


@pytest.fixture
def appoint(make_person, city):
    """appoint(committee_or_None, role, name=..., term=..., ended_on=...) -> a saved Officer."""

    def make(committee, role, *, name=None, term=None, started_on=dt.date(2021, 9, 1), ended_on=None, organisation=None, **extra):
        person = make_person(organisation or city, name=name)
        if term is None:
            term = committee.current_term if committee else 7
        return Officer.objects.create(
            person=person, committee=committee, role=role, term=term, started_on=started_on, ended_on=ended_on, **extra
        )

    return make


@pytest.fixture
def menqiu_officers(appoint, menqiu):
    return {
        "director": appoint(menqiu, OfficerRole.DIRECTOR, name="冯国栋"),
        "deputy": appoint(menqiu, OfficerRole.DEPUTY_DIRECTOR, name="秦永红"),
    }


@pytest.fixture
def pingpang_officer(appoint, pingpang):
    return appoint(pingpang, OfficerRole.DIRECTOR, name="崔文斌")
