"""events/bulk.py: the seed_bulk contract at a tiny scale (counts, valid rows, reset only bulk rows)."""

import io

from django.core.management import call_command

from events import bulk
from events.models import Award, Entry, EntryMember, Event, Festival


def seed(*extra):
    call_command("seed_bulk", "--scale", "0.002", "--force", "--quiet-progress", *extra, stdout=io.StringIO())


def test_counts_follow_the_scale():
    assert bulk.counts(1) == {"festivals": 10, "events": 5000, "entries": 100_000}


def test_bulk_events_entries_members_and_results(db):
    other = Event.objects.create(title="真实赛事", start_date="2024-05-01", end_date="2024-05-01", organiser="市老体协")
    seed()
    counts = bulk.bulk_counts()
    assert counts["events"] == 10 and counts["entries"] == 200 and counts["festivals"] == 1
    assert counts["members"] > 0 and counts["awards"] > 0
    # Members belong to the entry's member unit and fill one team per item at most (the DB constraint holds).
    for member in EntryMember.objects.select_related("entry", "person")[:50]:
        assert member.person.member_unit_id == member.entry.unit_id
        assert member.item_id == member.entry.item_id
    # Awards only on events whose results are released, with unique certificate numbers.
    assert not Award.objects.filter(event__results_released=False).exists()
    numbers = list(Award.objects.values_list("certificate_number", flat=True))
    assert len(set(numbers)) == len(numbers)
    seed("--reset")
    assert bulk.bulk_counts()["events"] == 10
    call_command("seed_bulk", "--delete", "--force", stdout=io.StringIO())
    assert not bulk.has_data()
    assert list(Event.objects.values_list("pk", flat=True)) == [other.pk]
    assert not Entry.objects.exists() and not Festival.objects.filter(edition__gte=bulk.FIRST_EDITION).exists()
