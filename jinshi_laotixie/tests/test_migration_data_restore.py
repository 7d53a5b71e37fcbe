"""conftest.MIGRATION_DATA must name every data migration: after a flush, restoring gives the same rows."""

import pytest
from django.apps import apps
from django.core.management import call_command

from conftest import restore_migration_data


def _counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models() if not m._meta.label.startswith(("sessions.", "admin."))}


@pytest.mark.django_db(transaction=True)
def test_flush_then_restore_gives_back_every_migration_row():
    before = _counts()
    call_command("flush", interactive=False, verbosity=0)
    restore_migration_data()
    after = _counts()
    assert {k: (before[k], after[k]) for k in before if before[k] != after[k]} == {}
