"""The demo data is the seed's 2022 training; the figures page must show the seed's totals."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from common.identity import parse_id_number
from grassroots.models import Organisation, Person
from training import demo
from training.models import Course, Nomination
from training.selectors import training_figures

pytestmark = pytest.mark.django_db

# Hand-counted from the lists in training/demo.py:
# national: 持杖健走教练 12 + 秧歌新编套路 18 + 广场舞新规则 15 + 健身球操裁判 9 = 54
# provincial: 柔力球裁判 14 + 健身球操套路 16 + 柔力球教练 12 + 持杖健走裁判 10 = 52  (sent up: 106)
# city: 二级社会体育指导员 40 + 健身花戏 45 = 85
# county: 城区 180 + 泽州 200 + 高平 184 + 阳城 170 + 陵川 148 + 沁水 156 = 1038
HAND_COUNTED = {"national": 54, "provincial": 52, "city": 85, "county": 1038}


@pytest.fixture
def seeded(db):
    call_command("seed_demo", "--force", stdout=io.StringIO())


def test_figures_match_hand_counted_numbers_and_the_page_shows_them(seeded):
    figures = training_figures(2022)
    assert figures.totals.cells == HAND_COUNTED == demo.EXPECTED_2022
    assert figures.totals.sent_up == 106 and figures.totals.local == 1123
    zezhou = next(row for row in figures.by_unit if row.label == "泽州县")
    assert zezhou.cells["county"] == 200
    menqiu = next(row for row in figures.by_project if row.label == "门球")
    assert menqiu.cells == {"county": 30 + 32 + 30 + 28 + 26 + 28}
    kinds = {row.label: row.total for row in figures.by_kind}
    assert kinds["社会体育指导员"] == 40 and sum(kinds.values()) == 1229
    # This year's courses are open, so a coordinator can try nominating.
    assert Course.objects.open_for_nomination().count() >= 3

    client = Client()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="mishu"))
    html = client.get(reverse("training_portal:figures", args=[2022])).content.decode()
    assert 'data-total="sent_up">106<' in html and 'data-total="local">1123<' in html
    client.force_login(get_user_model().objects.get(username="zezhou"))
    html = client.get(reverse("training_portal:figures", args=[2022])).content.decode()
    zezhou_total = Nomination.objects.trained().filter(course__starts_on__year=2022, unit__slug="zezhou").count()
    assert f'>{zezhou_total}<' in html and "高平市" not in html


def test_demo_is_idempotent_with_real_people(seeded):
    counts = (Course.objects.count(), Nomination.objects.count(), Person.objects.count())
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert (Course.objects.count(), Nomination.objects.count(), Person.objects.count()) == counts
    people = Person.objects.filter(nominations__isnull=False).distinct()
    assert people.count() > 1000
    for person in people.order_by("?")[:50]:
        facts = parse_id_number(person.id_number)
        assert facts.birth_date == person.birth_date and facts.gender == person.gender
        assert person.member_unit.slug in demo.COUNTIES
    # Spread across townships and villages that exist, in all six counties.
    # Ids first: a join through the distinct subquery made PostgreSQL plan a nested loop over every pair.
    org_ids = set(Nomination.objects.values_list("person__organisation_id", flat=True).distinct())
    orgs = Organisation.objects.filter(pk__in=org_ids).select_related("member_unit")
    assert {o.level for o in orgs} == {3, 4}
    assert {o.member_unit.slug for o in orgs} == set(demo.COUNTIES)
