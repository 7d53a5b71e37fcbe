"""The read-replica router: public reads go to "replica", everything else to "default".

The integration tests add a second alias that points at the same test database, as a replica
would point at a copy of the primary, and look at which connection ran each query.
"""

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.http import JsonResponse
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import path

from grassroots.models import Organisation
from jinshi_laotixie import db_router
from jinshi_laotixie.db_router import PrimaryReplicaRouter, replica_reads

ROUTERS = ["jinshi_laotixie.db_router.PrimaryReplicaRouter"]
MIDDLEWARE = list(settings.MIDDLEWARE)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "jinshi_laotixie.db_router.ReplicaReadsMiddleware",
)


def organisation_count(request):
    queryset = Organisation.objects.all()
    return JsonResponse({"db": queryset.db, "count": queryset.count()})


urlpatterns = [
    path("orgs/", organisation_count),
    path("portal/orgs/", organisation_count),
]


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup):
    """A "replica" alias on the same server and test database as "default", for this module only.

    Module scope: it must exist before the test case of each test validates its databases. With
    REPLICA_DATABASE_URL set, settings made the alias already (a mirror of the test database)."""
    if "replica" in connections.settings:
        yield "replica"
        connections["replica"].close()  # else the test database cannot be dropped at the end
        return
    connections.settings["replica"] = {**connections["default"].settings_dict}
    try:
        yield "replica"
    finally:
        connections["replica"].close()
        del connections["replica"]
        del connections.settings["replica"]


both_databases = pytest.mark.django_db(databases=["default", "replica"])


@pytest.fixture
def routed():
    with override_settings(DATABASE_ROUTERS=ROUTERS, MIDDLEWARE=MIDDLEWARE, ROOT_URLCONF=__name__):
        yield connections["replica"]


def test_router_rules_without_a_request():
    router = PrimaryReplicaRouter()
    assert router.db_for_write(Organisation) == "default"
    assert router.allow_migrate("default", "grassroots") is True
    assert router.allow_migrate("replica", "grassroots") is False
    assert router.allow_relation(object(), object()) is True


def test_without_a_replica_alias_reads_stay_on_default(monkeypatch):
    monkeypatch.setattr(db_router, "replica_available", lambda: False)
    with replica_reads():
        assert PrimaryReplicaRouter().db_for_read(Organisation) == "default"


@both_databases
def test_anonymous_public_read_runs_on_the_replica_connection(routed, client):
    expected = Organisation.objects.using("default").count()
    with CaptureQueriesContext(routed) as on_replica, CaptureQueriesContext(connections["default"]) as on_default:
        response = client.get("/orgs/")
    assert response.json() == {"db": "replica", "count": expected}
    assert expected >= 9  # the city and its member units, committed by the migrations
    assert any("grassroots_organisation" in query["sql"] for query in on_replica.captured_queries)
    assert not any("grassroots_organisation" in query["sql"] for query in on_default.captured_queries)


def test_logged_in_reads_stay_on_default(routed, client, staff_user):
    # Not given the replica: a query on it would fail this test (and on SQLite, lock the tables).
    client.force_login(staff_user)
    assert client.get("/orgs/").json()["db"] == "default"


@both_databases
def test_writes_and_private_paths_use_default(routed, client):
    assert client.post("/orgs/").json()["db"] == "default"
    assert client.get("/portal/orgs/").json()["db"] == "default"


@both_databases
def test_reads_inside_a_transaction_stay_on_default(routed):
    with replica_reads():
        assert Organisation.objects.all().db == "replica"
        with transaction.atomic():
            # What this transaction wrote is only on the primary.
            assert Organisation.objects.all().db == "default"


@both_databases
def test_the_flag_does_not_leak_out_of_the_block(routed):
    with replica_reads():
        pass
    assert Organisation.objects.all().db == "default"
