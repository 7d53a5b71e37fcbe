import importlib

import pytest


@pytest.fixture
def reference_data(transactional_db):
    """Re-create what data migrations put in the database (units, projects, committees, role groups).

    A transactional test flushes every table when it ends, so the next transactional test would find
    no 泽州县; running the migrations' own functions again (all get_or_create) restores them.
    """
    from django.apps import apps
    from django.db import connection

    from accounts.roles import sync_roles

    for module, function in (
        ("accounts.migrations.0002_role_groups", "create_groups"),
        ("grassroots.migrations.0002_tree_rules_and_member_units", "create_tree"),
        ("grassroots.migrations.0003_projects_catalogue", "create_projects"),
        ("committees.migrations.0002_seed_committees", "create_committees"),
    ):
        getattr(importlib.import_module(module), function)(apps, connection.schema_editor())
    sync_roles()
