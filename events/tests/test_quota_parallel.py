"""Parallel submissions end exactly at the quota: the event row is locked before the count.

On PostgreSQL the threads block on SELECT … FOR UPDATE. On SQLite (no row locks) the same test runs,
and a thread whose write meets SQLite's table lock tries again, so the count must still end at the quota.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, connections

from events import services
from events.models import Entry, Item
from events.tests.helpers import make_event, make_item
from grassroots.models import Organisation, Person

QUOTA = 5
THREADS = 12


@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_end_exactly_at_the_quota(transactional_db, zezhou_coordinator, zezhou, make_person):
    item = make_item(make_event(quota=QUOTA), team_min=1, team_max=1)
    people = [make_person(zezhou) for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def submit(n: int) -> None:
        try:
            unit = Organisation.objects.get(pk=zezhou.pk)
            fresh_item = Item.objects.select_related("event", "age_group").get(pk=item.pk)
            person = Person.objects.get(pk=people[n].pk)
            barrier.wait()
            # A time budget, not a number of tries: on a loaded machine SQLite's lock is held longer
            # and 400 quick retries ran out (CI, two suites at once) though nothing was wrong.
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                try:
                    services.entry_save(user=zezhou_coordinator, unit=unit, item=fresh_item, team_name=f"并发{n}队",
                                        members=[person], submit=True)
                    result = "ok"
                except ValidationError as exc:
                    result = "quota" if "最多可报" in " ".join(exc.message_dict.get("item", [])) else f"error {exc}"
                except OperationalError:
                    time.sleep(0.01)  # SQLite's table lock: try again
                    continue
                break
            else:
                result = "gave up"
            with lock:
                outcomes.append(result)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)  # longer than the retry budget: every thread reports
    assert sorted(outcomes) == ["ok"] * QUOTA + ["quota"] * (THREADS - QUOTA), (connection.vendor, outcomes)
    assert Entry.objects.filter(event=item.event, unit=zezhou).count() == QUOTA
