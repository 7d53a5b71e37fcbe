"""seed_bulk: deterministic, valid, refuses a second run, and --reset touches only bulk rows."""

import hashlib
import io
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from common.identity import parse_id_number, validate_mobile
from grassroots import bulk
from grassroots.models import Organisation, OrgLevel, Person, Team, Venue

SCALE = "0.002"  # 200 people, 6 venues, 10 teams; townships and villages at least one per parent


def seed(*extra):
    out = io.StringIO()
    call_command("seed_bulk", "--scale", SCALE, "--force", "--quiet-progress", *extra, stdout=out)
    return out.getvalue()


def fingerprint() -> str:
    rows = [
        *Organisation.objects.filter(slug__startswith="bulk-").order_by("slug").values_list("slug", "name", "parent__name", "address"),
        *Person.objects.filter(organisation__slug__startswith="bulk-").order_by("id_number").values_list(
            "name", "gender", "birth_date", "id_number", "phone", "organisation__slug", "role"
        ),
        *Venue.objects.filter(organisation__slug__startswith="bulk-").order_by("organisation__slug", "name").values_list("name", "address"),
        *Team.objects.filter(organisation__slug__startswith="bulk-").order_by("organisation__slug", "name").values_list("name", "project__slug", "weekdays"),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_counts_follow_the_scale(db):
    assert bulk.counts(1) == {"townships": 200, "villages": 2500, "people": 100_000, "venues": 3000, "teams": 5000}
    assert bulk.counts(0.1)["people"] == 10_000
    seed()
    counts = bulk.bulk_counts()
    assert counts["people"] == 200
    assert counts["venues"] == 6
    assert counts["teams"] == 10
    assert counts["villages"] == 8  # at least one under each township
    assert counts["townships"] == 8  # at least one under each member unit


def test_people_are_valid_and_unique(db):
    seed()
    people = list(Person.objects.filter(organisation__slug__startswith="bulk-").select_related("organisation"))
    assert len({person.id_number for person in people}) == len(people)
    phones = [person.phone for person in people if person.phone]
    assert len(set(phones)) == len(phones) > 0
    for person in people:
        facts = parse_id_number(person.id_number)
        assert (facts.birth_date, facts.gender) == (person.birth_date, person.gender)
        if person.phone:
            validate_mobile(person.phone)
        # The denormalised member unit that scoping relies on is kept by the bulk insert too.
        assert person.member_unit_id == person.organisation.member_unit_id is not None
        assert person.organisation.level in (OrgLevel.TOWNSHIP, OrgLevel.VILLAGE)
        assert "\u4e00" <= person.name[0] <= "\u9fff"


def test_tree_levels_and_member_units_hold(db):
    seed()
    for org in Organisation.objects.filter(slug__startswith="bulk-").select_related("parent"):
        assert org.level == org.parent.level + 1
        expected = org.parent.pk if org.level == OrgLevel.TOWNSHIP else org.parent.member_unit_id
        assert org.member_unit_id == expected


def test_same_seed_same_data_other_seed_other_data(db):
    seed()
    first = fingerprint()
    seed("--reset")
    assert fingerprint() == first
    seed("--reset", "--seed", "7")
    assert fingerprint() != first


def test_refuses_a_second_run_and_if_empty_reuses(db):
    seed()
    with pytest.raises(CommandError, match="--reset"):
        seed()
    assert "复用" in seed("--if-empty")
    assert bulk.bulk_counts()["people"] == 200


def test_reset_deletes_only_bulk_rows_and_writes_no_history(db, zezhou):
    township = Organisation.objects.create(name="巴公镇", level=OrgLevel.TOWNSHIP, parent=zezhou)
    real = Person.objects.create(name="张三", gender="M", birth_date="1950-01-01", organisation=township)
    history_before = Person.history.count()
    seed()
    assert Person.history.count() == history_before
    seed("--delete")
    assert set(bulk.bulk_counts().values()) == {0}
    assert Person.objects.filter(pk=real.pk).exists()
    assert Organisation.objects.filter(pk=township.pk).exists()
    assert Organisation.objects.member_units().count() == 8
    assert Person.history.count() == history_before


def test_refuses_without_force_when_debug_is_off(db):
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="--force"):
        call_command("seed_bulk", "--scale", SCALE, stdout=io.StringIO())


def test_contract_other_apps_plug_in(db, monkeypatch):
    """An app's bulk.py is called in LOCAL_APPS order with its own generator, and reset in reverse."""
    from jinshi_laotixie.management.commands import seed_bulk

    calls = []

    class FakeBulk:
        def __init__(self, label):
            self.label = label

        def seed(self, *, scale, rng, stdout):
            assert isinstance(rng, random.Random)
            calls.append(("seed", self.label, scale, rng.random()))

        def has_data(self):
            return any(call[0] == "seed" for call in calls)

        def reset(self, *, stdout):
            calls.append(("reset", self.label))

    monkeypatch.setattr(seed_bulk, "bulk_modules", lambda: [("grassroots", FakeBulk("grassroots")), ("events", FakeBulk("events"))])
    seed()
    seed("--reset")
    seeds = [call for call in calls if call[0] == "seed"]
    assert [call[1] for call in seeds] == ["grassroots", "events", "grassroots", "events"]
    assert seeds[0][3] == seeds[2][3] != seeds[1][3]  # per-app generator: same per app, different between apps
    assert [call for call in calls if call[0] == "reset"] == [("reset", "events"), ("reset", "grassroots")]


def test_campaigns_of_selfchecks_and_inspections(db):
    from grassroots.models import Campaign, Inspection, InspectionScore, SelfCheck, SelfCheckAnswer

    seed()
    counts = bulk.bulk_counts()
    assert counts["campaigns"] == (bulk.CAMPAIGNS if Campaign.objects.exists() else 0)
    if counts["campaigns"]:
        assert counts["selfchecks"] > 0
        checks = SelfCheck.objects.filter(organisation__slug__startswith="bulk-")
        assert SelfCheckAnswer.objects.filter(selfcheck__in=checks).count() == checks.count() * checks.first().campaign.standard.items.count()
        for inspection in Inspection.objects.prefetch_related("scores")[:20]:
            assert inspection.total_score == sum(score.score for score in inspection.scores.all())
    seed("--reset")
    call_command("seed_bulk", "--delete", "--force", stdout=io.StringIO())
    assert not Campaign.objects.filter(title__endswith=bulk.CAMPAIGN_MARK).exists()
    assert not InspectionScore.objects.exists()
