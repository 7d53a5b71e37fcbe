"""Bulk benchmark data for the organisation tree, people, venues and teams (see seed_bulk).

Marker: every organisation this module creates has a slug starting with ``bulk-``; everything it
creates hangs under such an organisation (people, venues, teams). ``reset()`` deletes exactly that.
Rows are inserted with bulk_create, so no history rows are written (simple-history listens to save()).
"""

import datetime as dt
import random
from collections.abc import Iterator
from decimal import Decimal

from common.identity import make_id_number

from .models import (
    Campaign,
    Inspection,
    InspectionResult,
    InspectionScore,
    Organisation,
    OrgLevel,
    Person,
    PersonRole,
    Project,
    SelfCheck,
    SelfCheckAnswer,
    SelfCheckStatus,
    Standard,
    Team,
    Venue,
    VenueKind,
    venue_search_text,
)

MARKER = "bulk-"
# Bulk campaigns (ten years of 六有 self-checks and inspections of the bulk organisations) carry a
# zero-width space at the end of their title.
CAMPAIGN_MARK = "\u200b"
CAMPAIGNS = 10
BATCH = 2000

# Per-unit share of townships and the GB/T 2260 region code their people's ID numbers start with.
UNIT_WEIGHTS = {
    "chengqu": (7, "140502"),
    "zezhou": (17, "140525"),
    "gaoping": (16, "140581"),
    "yangcheng": (13, "140522"),
    "lingchuan": (12, "140524"),
    "qinshui": (14, "140521"),
    "jinrong": (2, "140500"),
    "jinneng": (2, "140500"),
}
BASE_COUNTS = {"townships": 200, "villages": 2500, "people": 100_000, "venues": 3000, "teams": 5000}

PLACE_CHARS = (
    "东西南北上下前后中大小新老高长安和平兴福庆阳泉河川山岭沟坪庄峪头口湾坡寨店关堡头"
    "柳杨槐松柏桃杏李枣花石金银铁马龙凤鹤牛羊鹿云水洪清明光华丰润泽德仁义礼孝文武"
)
TOWNSHIP_SUFFIXES = ["镇"] * 6 + ["乡"] * 2 + ["街道"] * 2
SECTOR_BRANCH_SUFFIXES = ["支行", "分公司", "分厂", "工区", "离退休支部"]
VILLAGE_SUFFIXES = ["村"] * 8 + ["社区"] * 2
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
    "苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史"
    "顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文牛申卫靳原焦郜"
)
GIVEN_MALE = "建国军华明伟强平志刚文德成海林忠福贵宝山生永发兴春庆红俊玉新才荣中祥茂富顺昌"
GIVEN_FEMALE = "秀英兰芳玉珍桂凤华丽萍霞红梅琴云燕敏娟翠巧彩莲香月花淑惠静素爱慧芬菊"
VENUE_KINDS = [
    ("文化广场", VenueKind.OUTDOOR),
    ("健身广场", VenueKind.OUTDOOR),
    ("老年活动中心", VenueKind.INDOOR),
    ("门球场", VenueKind.OUTDOOR),
    ("综合文化服务中心", VenueKind.INDOOR),
    ("体育公园", VenueKind.OUTDOOR),
    ("乒乓球室", VenueKind.INDOOR),
    ("棋牌室", VenueKind.INDOOR),
    ("气排球场", VenueKind.OUTDOOR),
    ("全民健身路径", VenueKind.OUTDOOR),
    ("多功能活动室", VenueKind.INDOOR),
    ("河滨健身步道", VenueKind.OUTDOOR),
]
TEAM_SUFFIXES = ["队", "健身队", "协会", "爱好者队", "老年队", "代表队"]
HOURS = ["每天 6:00—21:00", "每天 7:00—20:00", "周一至周五 8:00—18:00", "全天开放", "每天 6:30—11:00，15:00—20:00"]


def counts(scale: float) -> dict[str, int]:
    return {key: max(1, round(value * scale)) for key, value in BASE_COUNTS.items()}


def has_data() -> bool:
    return Organisation.objects.filter(slug__startswith=MARKER).exists()


def bulk_counts() -> dict[str, int]:
    bulk_orgs = Organisation.objects.filter(slug__startswith=MARKER)
    return {
        "townships": bulk_orgs.filter(level=OrgLevel.TOWNSHIP).count(),
        "villages": bulk_orgs.filter(level=OrgLevel.VILLAGE).count(),
        "people": Person.objects.filter(organisation__slug__startswith=MARKER).count(),
        "venues": Venue.objects.filter(organisation__slug__startswith=MARKER).count(),
        "teams": Team.objects.filter(organisation__slug__startswith=MARKER).count(),
        "campaigns": Campaign.objects.filter(title__endswith=CAMPAIGN_MARK).count(),
        "selfchecks": SelfCheck.objects.filter(organisation__slug__startswith=MARKER).count(),
        "inspections": Inspection.objects.filter(organisation__slug__startswith=MARKER).count(),
    }


def reset(*, stdout) -> None:
    """Delete the bulk rows with plain DELETEs: the ORM's delete() would load 100,000 people and
    write a history row for each through simple-history's signals."""
    bulk_orgs = Organisation.objects.filter(slug__startswith=MARKER)
    org_ids = bulk_orgs.values("pk")
    db = Organisation.objects.db
    _refuse_foreign_references()
    InspectionScore.objects.filter(inspection__organisation__in=org_ids)._raw_delete(db)
    Inspection.objects.filter(organisation__in=org_ids)._raw_delete(db)
    SelfCheckAnswer.objects.filter(selfcheck__organisation__in=org_ids)._raw_delete(db)
    SelfCheck.objects.filter(organisation__in=org_ids)._raw_delete(db)
    Campaign.objects.filter(title__endswith=CAMPAIGN_MARK)._raw_delete(db)
    # Rows elsewhere that point at bulk rows with SET_NULL (teams' leaders and venues are bulk too).
    Team.objects.filter(organisation__in=org_ids)._raw_delete(Team.objects.db)
    Venue.projects.through.objects.filter(venue__organisation__in=org_ids)._raw_delete(Venue.objects.db)
    Venue.objects.filter(organisation__in=org_ids)._raw_delete(Venue.objects.db)
    Person.objects.filter(organisation__in=org_ids)._raw_delete(Person.objects.db)
    # Children before parents: the parent key is PROTECT.
    for level in (OrgLevel.VILLAGE, OrgLevel.TOWNSHIP):
        Organisation.objects.filter(slug__startswith=MARKER, level=level)._raw_delete(Organisation.objects.db)
    stdout.write("  grassroots: 已删除批量数据")


def _refuse_foreign_references() -> None:
    """Rows of other apps that are not bulk rows but point at bulk people (the apps' own resets ran
    before this one): deleting the people would fail only at COMMIT with a bare foreign-key error.
    It happens when demo data was loaded after bulk data (a demo picked bulk organisations)."""
    from django.core.management.base import CommandError
    from django.db import models

    found = []
    for rel in Person._meta.related_objects:
        model = rel.related_model
        if model._meta.app_label == "grassroots" or getattr(rel, "on_delete", None) is not models.PROTECT:
            continue
        if model.__name__.startswith("Historical"):
            continue
        count = model._base_manager.filter(**{f"{rel.field.name}__organisation__slug__startswith": MARKER}).count()
        if count:
            found.append(f"{model._meta.label} {count}")
    if found:
        raise CommandError(
            "这些非批量数据引用了批量人员，无法只删除批量数据：" + "，".join(found)
            + "。请重建数据库（先 seed_demo 再 seed_bulk）。"
        )


def _progress(stdout, label: str, done: int, total: int) -> None:
    progress = getattr(stdout, "progress", None)  # seed_bulk's output draws a bar; a plain stream does not
    if progress is not None:
        progress(label, done, total)


def _batched_create(model, objects: list, *, stdout, label: str) -> list:
    created = []
    for start in range(0, len(objects), BATCH):
        created.extend(model.objects.bulk_create(objects[start : start + BATCH]))
        _progress(stdout, label, min(start + BATCH, len(objects)), len(objects))
    return created


def _place(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(PLACE_CHARS) for _ in range(length))


def _unique_names(rng: random.Random, count: int, suffixes: list[str], taken: set[str]) -> Iterator[str]:
    made = 0
    while made < count:
        name = _place(rng, rng.choice((2, 2, 2, 3))) + rng.choice(suffixes)
        if name not in taken:
            taken.add(name)
            made += 1
            yield name


def _split(total: int, weights: list[int]) -> list[int]:
    """Split total over weights, every share at least 1 when total allows."""
    whole = sum(weights)
    shares = [max(1, total * w // whole) for w in weights]
    index = 0
    while sum(shares) < total:
        shares[index % len(shares)] += 1
        index += 1
    while sum(shares) > total and max(shares) > 1:
        shares[shares.index(max(shares))] -= 1
    return shares


def seed(*, scale: float, rng: random.Random, stdout) -> None:
    wanted = counts(scale)
    units = {unit.slug: unit for unit in Organisation.objects.member_units().filter(slug__in=UNIT_WEIGHTS)}
    slugs = [slug for slug in UNIT_WEIGHTS if slug in units]
    projects = list(Project.objects.active().order_by("pk"))
    sequence = iter(range(1, 10**7))

    # Townships (level 3) under each member unit.
    townships: list[Organisation] = []
    for slug, share in zip(slugs, _split(wanted["townships"], [UNIT_WEIGHTS[s][0] for s in slugs]), strict=True):
        unit = units[slug]
        suffixes = TOWNSHIP_SUFFIXES if unit.unit_kind == "county" else SECTOR_BRANCH_SUFFIXES
        taken = set(Organisation.objects.filter(parent=unit).values_list("name", flat=True))
        for order, name in enumerate(_unique_names(rng, share, suffixes, taken), start=1):
            townships.append(
                Organisation(
                    name=name,
                    slug=f"{MARKER}t{next(sequence):06d}",
                    level=OrgLevel.TOWNSHIP,
                    parent=unit,
                    member_unit_id=unit.pk,
                    sort_order=order,
                    address=f"山西省晋城市{unit.short_name}{name}",
                    contact_person=_person_name(rng, rng.choice("MF")),
                    contact_phone=_mobile(rng, set()),
                    founded_on=dt.date(rng.randint(1995, 2020), rng.randint(1, 12), rng.randint(1, 28)),
                    team_count=rng.randint(2, 30),
                    activist_count=rng.randint(5, 80),
                )
            )
    townships = _batched_create(Organisation, townships, stdout=stdout, label="乡镇/街道")

    villages: list[Organisation] = []
    unit_of = units_by_pk(units)
    for township, share in zip(townships, _split(wanted["villages"], [1] * len(townships)), strict=True):
        unit = unit_of[township.member_unit_id]
        for order, name in enumerate(_unique_names(rng, share, VILLAGE_SUFFIXES, set()), start=1):
            villages.append(
                Organisation(
                    name=name,
                    slug=f"{MARKER}v{next(sequence):06d}",
                    level=OrgLevel.VILLAGE,
                    parent=township,
                    member_unit_id=township.member_unit_id,
                    sort_order=order,
                    address=f"山西省晋城市{unit.short_name}{township.name}{name}",
                    team_count=rng.randint(0, 8),
                    activist_count=rng.randint(0, 20),
                )
            )
    villages = _batched_create(Organisation, villages, stdout=stdout, label="村/社区")
    grassroots = townships + villages
    region = {units[s].pk: UNIT_WEIGHTS[s][1] for s in slugs}

    people: list[Person] = []
    seen_ids: set[str] = set(Person.objects.exclude(id_number="").values_list("id_number", flat=True))
    seen_phones: set[str] = set()
    today = dt.date.today()
    for _ in range(wanted["people"]):
        # Most people live in villages and communities; one in ten is registered at a township.
        org = rng.choice(villages) if rng.random() < 0.9 else rng.choice(townships)
        gender = rng.choice("MF")
        birth = today - dt.timedelta(days=rng.randint(55 * 365, 88 * 365))
        while True:
            id_number = make_id_number(region[org.member_unit_id], birth, rng.randint(0, 999), gender)
            if id_number not in seen_ids:
                seen_ids.add(id_number)
                break
            birth -= dt.timedelta(days=1)
        people.append(
            Person(
                name=_person_name(rng, gender),
                gender=gender,
                birth_date=birth,
                id_number=id_number,
                phone=_mobile(rng, seen_phones) if rng.random() < 0.85 else "",
                organisation_id=org.pk,
                member_unit_id=org.member_unit_id,
                role=rng.choices(list(PersonRole), weights=[80, 10, 4, 3, 1, 1, 1])[0],
            )
        )
    people = _batched_create(Person, people, stdout=stdout, label="人员")

    venues: list[Venue] = []
    venue_names: dict[int, set[str]] = {}
    for _ in range(wanted["venues"]):
        org = rng.choice(grassroots)
        taken = venue_names.setdefault(org.pk, set())
        kind_name, kind = rng.choice(VENUE_KINDS)
        name, number = f"{org.name}{kind_name}", 2
        while name in taken:
            name, number = f"{org.name}{kind_name}{number}号", number + 1
        taken.add(name)
        address = f"{org.address}{rng.randint(1, 200)}号"
        venues.append(
            Venue(
                organisation_id=org.pk,
                name=name,
                kind=kind,
                address=address,
                search_text=venue_search_text(name, address, org.name),
                member_unit_id=org.member_unit_id,
                area_m2=rng.randint(60, 6000),
                opening_hours=rng.choice(HOURS),
                is_public=rng.random() < 0.95,
            )
        )
    venues = _batched_create(Venue, venues, stdout=stdout, label="场地")
    links = [
        Venue.projects.through(venue_id=venue.pk, project_id=project.pk)
        for venue in venues
        for project in rng.sample(projects, k=min(len(projects), rng.randint(1, 4)))
    ]
    _batched_create(Venue.projects.through, links, stdout=stdout, label="场地项目")

    venues_by_org: dict[int, list[Venue]] = {}
    for venue in venues:
        venues_by_org.setdefault(venue.organisation_id, []).append(venue)
    people_by_org: dict[int, list[Person]] = {}
    for person in people:
        people_by_org.setdefault(person.organisation_id, []).append(person)
    teams: list[Team] = []
    team_names: dict[int, set[str]] = {}
    for _ in range(wanted["teams"]):
        org = rng.choice(grassroots)
        project = rng.choice(projects)
        taken = team_names.setdefault(org.pk, set())
        base = f"{org.name}{project.name}"
        name = base + rng.choice(TEAM_SUFFIXES)
        number = 2
        while name in taken:
            name = f"{base}{number}队"
            number += 1
        taken.add(name)
        start = dt.time(rng.choice((6, 7, 8, 9, 15, 16, 19)), rng.choice((0, 30)))
        members = people_by_org.get(org.pk, [])
        teams.append(
            Team(
                organisation_id=org.pk,
                project_id=project.pk,
                name=name,
                leader_id=rng.choice(members).pk if members else None,
                member_count=rng.randint(6, 60),
                venue_id=rng.choice(venues_by_org[org.pk]).pk if org.pk in venues_by_org else None,
                weekdays=rng.choice(("1234567", "135", "246", "12345", "67", "1357")),
                start_time=start,
                end_time=dt.time(start.hour + rng.choice((1, 2)), start.minute),
                is_active=rng.random() < 0.92,
            )
        )
    _batched_create(Team, teams, stdout=stdout, label="队伍")
    _seed_campaigns(rng=rng, stdout=stdout, townships=townships, villages=villages, scale=scale)


def _seed_campaigns(*, rng: random.Random, stdout, townships: list, villages: list, scale: float) -> None:
    """Ten yearly campaigns: a self-check from most bulk organisations, inspections of a third,
    with an answer and a score per standard item."""
    standard = Standard.objects.order_by("-version").first()
    if standard is None:
        return
    items = list(standard.items.order_by("sort_order", "pk"))
    taken = set(Campaign.objects.values_list("year", flat=True))
    years = [year for year in range(dt.date.today().year - 1, 1990, -1) if year not in taken][:CAMPAIGNS]
    campaigns = _batched_create(
        Campaign,
        [
            Campaign(
                year=year,
                title="基层组织建设年活动验收评比" + CAMPAIGN_MARK,
                standard=standard,
                document_number=f"晋市老体字〔{year}〕1号",
                selfcheck_deadline=dt.date(year, 9, 30),
                inspection_start=dt.date(year, 10, 10),
                inspection_end=dt.date(year, 11, 30),
            )
            for year in sorted(years)
        ],
        stdout=stdout,
        label="验收活动",
    )
    orgs = townships + villages
    now = dt.datetime.now(dt.UTC)
    selfchecks, inspections = [], []
    for campaign in campaigns:
        for org in orgs:
            if rng.random() < 0.8:
                submitted = rng.random() < 0.9
                selfchecks.append(
                    SelfCheck(
                        campaign_id=campaign.pk,
                        organisation_id=org.pk,
                        status=SelfCheckStatus.SUBMITTED if submitted else SelfCheckStatus.DRAFT,
                        has_annual_plan=rng.random() < 0.8,
                        committee_complete=rng.random() < 0.85,
                        regular_activities=rng.randint(1, 14),
                        holiday_events=rng.randint(0, 8),
                        activists_trained=rng.randint(0, 20),
                        records_archived=rng.random() < 0.7,
                        summary="对照“六有”标准逐项自查，组织健全，活动经常。",
                        submitted_at=now if submitted else None,
                    )
                )
            if rng.random() < 0.33:
                inspections.append(
                    Inspection(
                        campaign_id=campaign.pk,
                        organisation_id=org.pk,
                        inspected_on=campaign.inspection_start + dt.timedelta(days=rng.randint(0, 40)),
                        inspectors="市老体协验收组",
                    )
                )
    selfchecks = _batched_create(SelfCheck, selfchecks, stdout=stdout, label="自查")
    _batched_create(
        SelfCheckAnswer,
        [
            SelfCheckAnswer(selfcheck_id=check.pk, item_id=item.pk, met=rng.random() < 0.85)
            for check in selfchecks
            for item in items
        ],
        stdout=stdout,
        label="自查条目",
    )
    scores = []
    for inspection in inspections:
        total = 0
        for item in items:
            score = Decimal(str(round(rng.uniform(0.5, 1.0) * float(item.max_score), 1)))
            total += float(score)
            scores.append((inspection, item, score))
        maximum = sum(float(item.max_score) for item in items) or 1
        result = (
            InspectionResult.EXCELLENT
            if total / maximum >= 0.9
            else InspectionResult.PASS
            if total / maximum >= 0.6
            else InspectionResult.FAIL
        )
        inspection.total_score = round(total, 1)
        inspection.proposed_result = result
        inspection.result = result if rng.random() < 0.9 else ""
    inspections = _batched_create(Inspection, inspections, stdout=stdout, label="验收")
    _batched_create(
        InspectionScore,
        [
            InspectionScore(inspection_id=inspection.pk, item_id=item.pk, score=score, met=float(score) >= 0.6 * float(item.max_score))
            for inspection, item, score in scores
        ],
        stdout=stdout,
        label="验收评分",
    )


def units_by_pk(units: dict[str, Organisation]) -> dict[int, Organisation]:
    return {unit.pk: unit for unit in units.values()}


def _person_name(rng: random.Random, gender: str) -> str:
    pool = GIVEN_MALE if gender == "M" else GIVEN_FEMALE
    given = rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def _mobile(rng: random.Random, seen: set[str]) -> str:
    while True:
        number = "1" + rng.choice("3456789") + f"{rng.randint(0, 999_999_999):09d}"
        if number not in seen:
            seen.add(number)
            return number
