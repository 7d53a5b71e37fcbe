"""Demo data of grassroots: coordinator assignments, real townships and villages of every county,
venues and teams for the seed's projects, people, and the 2022 and 2023 six-haves campaigns with
self-checks and inspections in every state. Idempotent: a second run writes nothing."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from common.identity import make_id_number
from common.seeding import ensure

from . import services
from .models import (
    Campaign,
    FundingMode,
    Inspection,
    InspectionResult,
    Organisation,
    OrgLevel,
    Person,
    PersonRole,
    Project,
    Rectification,
    RectificationStatus,
    SelfCheck,
    SelfCheckAnswer,
    SelfCheckStatus,
    Standard,
    Team,
    UnitAssignment,
    Venue,
)
from .models.organisations import AssignmentRole

COORDINATORS = {
    "chengqu": "chengqu",
    "zezhou": "zezhou",
    "gaoping": "gaoping",
    "yangcheng": "yangcheng",
    "lingchuan": "lingchuan",
    "qinshui": "qinshui",
    "jinrong": "jinrong",
    "jinneng": "jinneng",
}

# Real townships and streets (乡镇/街道) of each county with real villages/communities where known.
TOWNSHIPS = {
    "chengqu": {"东街街道": ["东街社区", "书院社区"], "西街街道": ["西街社区"], "北石店镇": ["北石店村"], "钟家庄街道": ["钟家庄社区"]},
    "zezhou": {"巴公镇": ["巴公一村", "巴公二村"], "金村镇": ["金村"], "南村镇": ["南村"], "高都镇": ["高都村"], "大阳镇": ["大阳村"]},
    "gaoping": {"米山镇": ["米西村"], "北诗镇": ["北诗村"], "东城街道": ["东关社区"], "神农镇": ["团池村"], "陈区镇": ["陈区村"]},
    "yangcheng": {"凤城镇": ["北关社区"], "润城镇": ["润城村", "上庄村"], "北留镇": ["皇城村"], "町店镇": ["町店村"]},
    "lingchuan": {"崇文镇": ["崇安社区"], "礼义镇": ["礼义村"], "附城镇": ["附城村"], "平城镇": ["平城村"]},
    "qinshui": {"龙港镇": ["杏园社区"], "端氏镇": ["端氏村"], "嘉峰镇": ["嘉峰村"], "郑村镇": ["湘峪村"]},
}

REGION_CODES = {"chengqu": "140502", "zezhou": "140525", "gaoping": "140581", "yangcheng": "140522", "lingchuan": "140524", "qinshui": "140521"}

# The seed's projects, rotated over the venues so every one of them appears in the finder.
SEED_PROJECTS = ["柔力球", "健身秧歌", "广场舞", "太极拳(剑)", "门球", "健身球操", "持杖健走", "气排球", "健身气功", "乒乓球",
                 "太极扇", "健身花戏", "网球", "象棋", "地掷球"]
SCHEDULES = [("135", dt.time(7, 0), dt.time(8, 30)), ("1234567", dt.time(19, 30), dt.time(21, 0)), ("246", dt.time(8, 30), dt.time(10, 30)),
             ("12345", dt.time(15, 0), dt.time(17, 0))]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林郑"
GIVEN = ["秀英", "桂兰", "建国", "玉梅", "志强", "淑珍", "国华", "凤英", "福生", "素琴", "长青", "翠花"]

# The state each organisation ends in for the 2023 campaign, cycled over every county's organisations.
STATES_2023 = ["passed", "draft", "submitted", "failed", "rectifying", "closed", "excellent", "none"]


def _phone(n: int) -> str:
    return f"139{35600000 + n:08d}"


def seed(*, stdout, password):
    User = get_user_model()
    for username, slug in COORDINATORS.items():
        user = User.objects.filter(username=username).first()
        if user is not None:
            ensure(UnitAssignment, {"user": user}, {"organisation": Organisation.objects.get(slug=slug), "role": AssignmentRole.COORDINATOR})
    correspondent = User.objects.filter(username="tongxun").first()
    if correspondent is not None:
        ensure(UnitAssignment, {"user": correspondent}, {"organisation": Organisation.objects.get(slug="zezhou"), "role": AssignmentRole.CORRESPONDENT})

    projects = {p.name: p for p in Project.objects.all()}
    counter = 0
    grassroots_by_unit: dict[str, list[Organisation]] = {}
    for unit_slug, townships in TOWNSHIPS.items():
        unit = Organisation.objects.get(slug=unit_slug)
        orgs = grassroots_by_unit.setdefault(unit_slug, [])
        for order, (township_name, villages) in enumerate(townships.items(), start=1):
            counter += 1
            township, _ = ensure(Organisation, {"parent": unit, "name": township_name}, {
                "level": OrgLevel.TOWNSHIP, "sort_order": order, "address": f"{unit.short_name}{township_name}",
                "contact_person": f"{SURNAMES[counter % len(SURNAMES)]}主任", "contact_phone": _phone(counter),
                "phone_public": counter % 3 != 0, "founded_on": dt.date(2019, 3, 1 + counter % 27),
                "office_area_m2": Decimal(20 + counter * 3), "funding_mode": FundingMode.QUOTA if counter % 2 else FundingMode.REIMBURSED,
                "has_sign": True, "rules_on_wall": counter % 4 != 0, "team_count": 3, "activist_count": 10 + counter,
            })
            orgs.append(township)
            for v_order, village_name in enumerate(villages, start=1):
                counter += 1
                village, _ = ensure(Organisation, {"parent": township, "name": village_name}, {
                    "level": OrgLevel.VILLAGE, "sort_order": v_order, "address": f"{township_name}{village_name}",
                    "contact_person": f"{SURNAMES[counter % len(SURNAMES)]}会长", "contact_phone": _phone(counter),
                    "phone_public": counter % 2 == 0, "founded_on": dt.date(2020, 5, 1 + counter % 27),
                    "office_area_m2": Decimal(15 + counter), "funding_mode": FundingMode.QUOTA if counter % 3 else FundingMode.NONE,
                    "has_sign": counter % 5 != 0, "rules_on_wall": counter % 3 != 0, "team_count": 2, "activist_count": 5 + counter % 7,
                })
                orgs.append(village)

    # People, venues and teams.
    n = 0
    for unit_slug, orgs in grassroots_by_unit.items():
        for org in orgs:
            people = []
            for k in range(3):
                n += 1
                gender = "F" if n % 3 else "M"
                birth = dt.date(1948 + n % 15, 1 + n % 12, 1 + n % 27)
                id_number = make_id_number(REGION_CODES[unit_slug], birth, 100 + 2 * n, gender)
                person, _ = ensure(Person, {"id_number": id_number}, {
                    "name": SURNAMES[n % len(SURNAMES)] + GIVEN[n % len(GIVEN)], "gender": gender, "birth_date": birth,
                    "phone": _phone(5000 + n), "organisation": org,
                    "role": [PersonRole.CAPTAIN, PersonRole.ACTIVIST, PersonRole.INSTRUCTOR][k],
                })
                people.append(person)
            is_township = org.level == OrgLevel.TOWNSHIP
            venue_name = f"{org.name}{'文体广场' if is_township else '文化活动中心'}"
            first = SEED_PROJECTS[n % len(SEED_PROJECTS)]
            second = SEED_PROJECTS[(n + 5) % len(SEED_PROJECTS)]
            venue, _ = ensure(Venue, {"organisation": org, "name": venue_name}, {
                "address": org.address or org.name, "kind": "outdoor" if is_township else "indoor",
                "area_m2": Decimal(1200 if is_township else 300), "opening_hours": "每天 6:00—21:30" if is_township else "每天 8:00—20:00",
            })
            if set(venue.projects.values_list("name", flat=True)) != {first, second}:
                venue.projects.set([projects[first], projects[second]])
            for t, project_name in enumerate((first, second)):
                days, start, end = SCHEDULES[(n + t) % len(SCHEDULES)]
                ensure(Team, {"organisation": org, "name": f"{org.name.removesuffix('社区').removesuffix('村')}{project_name}队"}, {
                    "project": projects[project_name], "venue": venue, "leader": people[t], "member_count": 12 + (n + t) % 20,
                    "weekdays": days, "start_time": start, "end_time": end,
                })

    _seed_campaigns(grassroots_by_unit)


def _campaign(year: int, deadline: dt.date, start: dt.date, end: dt.date) -> Campaign:
    campaign, _ = ensure(Campaign, {"year": year}, {
        "title": "基层组织建设年活动验收评比", "document_number": "晋市老体字〔2020〕1号",
        "standard": Standard.objects.get(code="liuyou", version=1),
        "selfcheck_deadline": deadline, "inspection_start": start, "inspection_end": end,
    })
    return campaign


QUESTIONNAIRE = {"has_annual_plan": True, "committee_complete": True, "regular_activities": 5, "holiday_events": 4,
                 "activists_trained": 6, "records_archived": True, "summary": "组织健全，活动经常，资料齐全。"}


def _selfcheck(campaign, org, *, submit: bool, when: dt.date):
    selfcheck = SelfCheck.objects.filter(campaign=campaign, organisation=org).first()
    if selfcheck is not None:
        return selfcheck
    selfcheck = SelfCheck.objects.create(campaign=campaign, organisation=org, **(QUESTIONNAIRE if submit else {"has_annual_plan": True}))
    items = list(campaign.standard.items.all())
    for i, item in enumerate(items if submit else items[:3]):
        SelfCheckAnswer.objects.create(selfcheck=selfcheck, item=item, met=(i != 2 or submit), note="")
    if submit:
        SelfCheck.objects.filter(pk=selfcheck.pk).update(
            status=SelfCheckStatus.SUBMITTED,
            submitted_at=timezone.make_aware(dt.datetime.combine(when, dt.time(10, 0))),
        )
    return selfcheck


def _inspect(campaign, org, *, on: dt.date, result: str, staff):
    if Inspection.objects.filter(campaign=campaign, organisation=org).exists():
        return None
    if result == InspectionResult.EXCELLENT:
        scores = {item.pk: (Decimal("10"), True) for item in campaign.standard.items.all()}
    elif result == InspectionResult.PASS:
        scores = {item.pk: (Decimal("8"), item.code != "funds") for item in campaign.standard.items.all()}
    else:
        scores = {item.pk: (Decimal("4") if item.code in ("funds", "rules", "venue") else Decimal("7"), item.code not in ("funds", "rules", "venue"))
                  for item in campaign.standard.items.all()}
    inspection = services.inspection_record(
        campaign=campaign, organisation=org, inspected_on=on, inspectors="市老体协秘书处、县老体协联络员",
        scores=scores, methods=(True, True, result == InspectionResult.FAIL), note="",
    )
    return services.inspection_confirm(inspection=inspection, user=staff, due_on=on + dt.timedelta(days=30))


def _seed_campaigns(grassroots_by_unit):
    staff = get_user_model().objects.filter(username="mishu").first()
    today = timezone.localdate()
    # 2022: as the seed tells it, inspected in March–April; all done, two rectifications closed.
    c2022 = _campaign(2022, dt.date(2022, 2, 28), dt.date(2022, 3, 1), dt.date(2022, 4, 30))
    # 2023: the current campaign. Its self-check deadline stays open on the demo server so a
    # coordinator can try the form; the inspection window (March–April in the plan) follows it.
    deadline_2023 = max(dt.date(2023, 2, 28), today + dt.timedelta(days=60))
    start_2023 = max(dt.date(2023, 3, 1), deadline_2023 + dt.timedelta(days=1))
    c2023 = _campaign(2023, deadline_2023, start_2023, max(dt.date(2023, 4, 30), start_2023 + dt.timedelta(days=60)))
    for unit_orgs in grassroots_by_unit.values():
        for i, org in enumerate(unit_orgs):
            _selfcheck(c2022, org, submit=True, when=dt.date(2022, 2, 20))
            result = InspectionResult.EXCELLENT if i % 3 == 0 else InspectionResult.PASS
            if i == 3:
                result = InspectionResult.FAIL
            inspection = _inspect(c2022, org, on=dt.date(2022, 3, 10 + i % 15), result=result, staff=staff)
            if inspection is not None and result == InspectionResult.FAIL:
                rect = inspection.opened_rectification
                services.rectification_report(rectification=rect, report="已落实办公经费，制度已上墙。")
                services.reinspection_close(rectification=rect, user=staff, inspected_on=dt.date(2022, 4, 25), inspectors="市老体协秘书处",
                                            scores={item.pk: (Decimal("9"), True) for item in c2022.standard.items.all()})

            state = STATES_2023[i % len(STATES_2023)]
            if state == "none":
                continue
            _selfcheck(c2023, org, submit=state != "draft", when=dt.date(2023, 2, 20))
            if state in ("draft", "submitted"):
                continue
            on = dt.date(2023, 3, 5 + i % 20)
            result = {"passed": InspectionResult.PASS, "excellent": InspectionResult.EXCELLENT}.get(state, InspectionResult.FAIL)
            inspection = _inspect(c2023, org, on=on, result=result, staff=staff)
            if inspection is None or result != InspectionResult.FAIL:
                continue
            rect = inspection.opened_rectification
            if state == "failed":
                continue  # 待整改, and overdue: the dashboard counts it
            services.rectification_report(rectification=rect, report="已补齐活动场地器材，经费改为定额划拨，请复查。")
            if state == "closed":
                services.reinspection_close(rectification=rect, user=staff, inspected_on=on + dt.timedelta(days=25), inspectors="市老体协秘书处",
                                            scores={item.pk: (Decimal("9"), True) for item in c2023.standard.items.all()})
    assert Rectification.objects.filter(status=RectificationStatus.CLOSED).exists()
