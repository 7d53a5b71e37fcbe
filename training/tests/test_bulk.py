"""training/bulk.py: courses and nominations at a tiny scale; reset touches only bulk rows."""

import io

from django.core.management import call_command

from training import bulk
from training.models import Nomination


def test_counts_and_reset(db):
    assert bulk.counts(1) == {"courses": 500, "nominations": 50_000}
    call_command("seed_bulk", "--scale", "0.002", "--force", "--quiet-progress", stdout=io.StringIO())
    counts = bulk.bulk_counts()
    assert counts["courses"] == 1 and 0 < counts["nominations"] <= 100
    for nomination in Nomination.objects.select_related("person")[:50]:
        assert nomination.person.member_unit_id == nomination.unit_id
    numbers = [n for n in Nomination.objects.values_list("certificate_number", flat=True) if n]
    assert len(set(numbers)) == len(numbers)
    call_command("seed_bulk", "--delete", "--force", stdout=io.StringIO())
    assert not bulk.has_data() and not Nomination.objects.exists()
