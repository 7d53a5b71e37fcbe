import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    # The page cache (common.cache) lives in local memory across tests: start each from empty.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reference_data(transactional_db):
    """A transactional test before this one flushed the database, taking with it the rows that
    data migrations created (the organisation tree, projects, committees, role groups). Put them
    back, the same way the migrations did, so this test starts from what every test expects."""
    import importlib

    from django.apps import apps

    from accounts.roles import sync_roles
    from grassroots.models import Organisation

    if not Organisation.objects.filter(level=1).exists():
        for module, function in (
            ("accounts.migrations.0002_role_groups", "create_groups"),
            ("grassroots.migrations.0002_tree_rules_and_member_units", "create_tree"),
            ("grassroots.migrations.0003_projects_catalogue", "create_projects"),
            ("committees.migrations.0002_seed_committees", "create_committees"),
        ):
            getattr(importlib.import_module(module), function)(apps, None)
        sync_roles()
