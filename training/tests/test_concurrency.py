"""Simultaneous submits from one unit end exactly at the quota (PostgreSQL: real row locks).

SQLite has no SELECT ... FOR UPDATE and serialises writers with a database lock, so this test is
defined only when the suite runs on PostgreSQL (no skip: it is simply not collected on SQLite).
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from training.models import Nomination

from .factories import make_course

if connection.vendor == "postgresql":

    @pytest.mark.django_db(transaction=True)
    def test_parallel_nominations_end_exactly_at_quota(transactional_db, make_person, zezhou, zezhou_coordinator):
        from training.services import nominations_create

        course = make_course(quota_per_unit=5)
        people = [make_person(zezhou, name=f"并发{i}") for i in range(12)]
        barrier = threading.Barrier(len(people))
        outcomes = []

        def submit(person):
            try:
                barrier.wait()
                nominations_create(course=course, people=[person], user=zezhou_coordinator)
                outcomes.append("ok")
            except ValidationError as exc:
                outcomes.append("refused" if "超出名额" in str(exc) else f"other: {exc}")
            finally:
                connections.close_all()

        threads = [threading.Thread(target=submit, args=(p,)) for p in people]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert outcomes.count("ok") == 5
        assert outcomes.count("refused") == 7
        assert Nomination.objects.filter(course=course, unit=zezhou).count() == 5
