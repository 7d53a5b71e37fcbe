"""Test data builders for grassroots."""

import datetime as dt
from decimal import Decimal

from grassroots.models import Campaign, Organisation, OrgLevel, Project, Standard, Team, Venue


def township(unit, name="测试镇", **extra):
    return Organisation.objects.create(parent=unit, name=name, level=OrgLevel.TOWNSHIP, **extra)


def village(parent, name="测试村", **extra):
    return Organisation.objects.create(parent=parent, name=name, level=OrgLevel.VILLAGE, **extra)


def campaign(year=2023, *, deadline=None, **extra):
    standard = Standard.objects.get(code="liuyou", version=1)
    today = dt.date.today()
    defaults = {
        "standard": standard,
        "selfcheck_deadline": deadline or today + dt.timedelta(days=30),
        "inspection_start": today + dt.timedelta(days=31),
        "inspection_end": today + dt.timedelta(days=90),
        "document_number": "晋市老体字〔2020〕1号",
    }
    defaults.update(extra)
    return Campaign.objects.create(year=year, **defaults)


def full_scores(campaign, score=Decimal("10"), met=True, unmet_codes=()):
    return {
        item.pk: (Decimal("3") if item.code in unmet_codes else Decimal(score), False if item.code in unmet_codes else met)
        for item in campaign.standard.items.all()
    }


def venue(org, name="人民广场", projects=("门球",), **extra):
    v = Venue.objects.create(organisation=org, name=name, address=extra.pop("address", "测试路1号"), **extra)
    v.projects.set(Project.objects.filter(name__in=projects))
    return v


def team(org, name="夕阳红门球队", project="门球", venue=None, **extra):
    return Team.objects.create(
        organisation=org, name=name, project=Project.objects.get(name=project), venue=venue,
        weekdays=extra.pop("weekdays", "135"), start_time=extra.pop("start_time", dt.time(8, 0)),
        end_time=extra.pop("end_time", dt.time(10, 0)), **extra,
    )
