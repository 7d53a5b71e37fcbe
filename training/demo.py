"""Demo data: the seed's 2022 training and this year's courses open for nomination.

2022 (seed, section 5): 100余名 activists at national and provincial courses (持杖健走, 健身秧歌,
广场舞, 柔力球, 健身球操: referee, coach, new-routine and new-rules courses, online and on site);
the 二级社会体育指导员 course with the city sports bureau; the 健身花戏 course with 晋中 coaches;
county courses (广场舞, 健身球, 柔力球, 太极拳, 太极扇, 健身气功, 门球) that trained 1000余.
Everyone is a real Person row with a valid ID number, in the six counties' townships and villages.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from committees.models import Committee
from common.choices import Level
from common.identity import make_id_number
from common.seeding import quiet_update_or_create
from grassroots.models import Organisation, OrgLevel, Person, Project

from .models import Course, CourseKind, Grade, Nomination, NominationStatus, Qualification, QualificationKind
from .services import certificate_number_for

D = dt.date
COUNTIES = ["chengqu", "zezhou", "gaoping", "yangcheng", "lingchuan", "qinshui"]
REGION = {"chengqu": "140502", "zezhou": "140525", "gaoping": "140581", "yangcheng": "140522", "lingchuan": "140524", "qinshui": "140521"}
COUNTY_NAME = {"chengqu": "城区", "zezhou": "泽州县", "gaoping": "高平市", "yangcheng": "阳城县", "lingchuan": "陵川县", "qinshui": "沁水县"}

# title, project slug, kind, level, organiser, online, start, end, venue, people
NATIONAL_PROVINCIAL_2022 = [
    ("全国持杖健走项目教练员线上培训班", "chizhangjianzou", CourseKind.COACH, Level.NATIONAL, "中国老年人体育协会", True, D(2022, 4, 12), D(2022, 4, 14), "线上", 12),
    ("全国第八套健身秧歌新编套路线上培训", "jianshenyangge", CourseKind.NEW_ROUTINE, Level.NATIONAL, "中国老年人体育协会", True, D(2022, 5, 10), D(2022, 5, 12), "线上", 18),
    ("全国广场舞竞赛新规则线上培训班", "guangchangwu", CourseKind.NEW_RULES, Level.NATIONAL, "国家体育总局社会体育指导中心", True, D(2022, 6, 20), D(2022, 6, 22), "线上", 15),
    ("山西省柔力球裁判员培训班", "rouliqiu", CourseKind.REFEREE, Level.PROVINCIAL, "山西省老年人体育协会", False, D(2022, 7, 18), D(2022, 7, 21), "太原市", 14),
    ("山西省健身球操第13套规定套路培训班", "jianshenqiucao", CourseKind.NEW_ROUTINE, Level.PROVINCIAL, "山西省老年人体育协会", False, D(2022, 8, 8), D(2022, 8, 10), "太原市", 16),
    ("山西省柔力球教练员培训班", "rouliqiu", CourseKind.COACH, Level.PROVINCIAL, "山西省体育局", False, D(2022, 9, 5), D(2022, 9, 8), "太原市", 12),
    ("山西省持杖健走裁判员线上培训", "chizhangjianzou", CourseKind.REFEREE, Level.PROVINCIAL, "山西省老年人体育协会", True, D(2022, 10, 11), D(2022, 10, 12), "线上", 10),
    ("全国健身球操裁判员线上培训班", "jianshenqiucao", CourseKind.REFEREE, Level.NATIONAL, "中国老年人体育协会", True, D(2022, 11, 15), D(2022, 11, 17), "线上", 9),
]
CITY_INSTRUCTOR_2022 = ("二级社会体育指导员培训班", None, CourseKind.INSTRUCTOR, Level.CITY, "晋城市体育局、晋城市老年人体育协会", False, D(2022, 8, 22), D(2022, 8, 26), "晋城市体育中心", 40)
CITY_HUAXI_2022 = ("健身花戏培训班（晋中市老体协教练授课）", "jianshenhuaxi", CourseKind.NEW_ROUTINE, Level.CITY, "晋城市老年人体育协会", False, D(2022, 9, 19), D(2022, 9, 21), "晋城市老年活动中心", 45)
# Per county: (project slug, kind, people). 1038 in all.
COUNTY_2022 = {
    "chengqu": [("guangchangwu", CourseKind.NEW_ROUTINE, 62), ("rouliqiu", CourseKind.COACH, 48), ("jianshenqigong", CourseKind.COACH, 40), ("menqiu", CourseKind.REFEREE, 30)],
    "zezhou": [("guangchangwu", CourseKind.COACH, 70), ("taijiquan", CourseKind.COACH, 52), ("jianshenqiucao", CourseKind.NEW_ROUTINE, 46), ("menqiu", CourseKind.REFEREE, 32)],
    "gaoping": [("guangchangwu", CourseKind.NEW_ROUTINE, 66), ("rouliqiu", CourseKind.NEW_ROUTINE, 50), ("taijishan", CourseKind.COACH, 38), ("menqiu", CourseKind.COACH, 30)],
    "yangcheng": [("guangchangwu", CourseKind.COACH, 58), ("jianshenqigong", CourseKind.NEW_ROUTINE, 44), ("taijiquan", CourseKind.COACH, 40), ("menqiu", CourseKind.REFEREE, 28)],
    "lingchuan": [("guangchangwu", CourseKind.NEW_ROUTINE, 52), ("taijishan", CourseKind.COACH, 36), ("jianshenqiucao", CourseKind.NEW_ROUTINE, 34), ("menqiu", CourseKind.NEW_ROUTINE, 26)],
    "qinshui": [("guangchangwu", CourseKind.COACH, 54), ("rouliqiu", CourseKind.COACH, 38), ("jianshenqigong", CourseKind.COACH, 36), ("menqiu", CourseKind.REFEREE, 28)],
}
# The totals a 2022 annual summary quotes (the figures test checks the page against these).
EXPECTED_2022 = {"national": 54, "provincial": 52, "city": 85, "county": 1038}

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN_F = ["秀英", "桂英", "秀兰", "玉兰", "桂兰", "凤英", "秀珍", "玉梅", "淑珍", "翠英", "素芳", "美玲", "爱琴", "丽华", "春梅", "金凤", "彩霞", "红梅"]
GIVEN_M = ["建国", "建华", "国强", "志强", "永明", "卫东", "学军", "德明", "保平", "文斌", "振华", "和平", "海林", "胜利", "晋生", "满仓", "福来", "国庆"]


def _person_rows(slug: str, count: int, orgs: list[Organisation]):
    """Deterministic people of one county: the same call always yields the same ID numbers."""
    rows = []
    for i in range(count):
        gender = "F" if i % 3 else "M"
        birth = D(1948, 1, 1) + dt.timedelta(days=(i * 53) % 5100)
        id_number = make_id_number(REGION[slug], birth, 2 * i + 1 if gender == "M" else 2 * i, gender)
        given = (GIVEN_F if gender == "F" else GIVEN_M)[(i // len(SURNAMES)) % 18]
        name = SURNAMES[(i * 7 + COUNTIES.index(slug) * 11) % len(SURNAMES)] + given
        phone = f"139{REGION[slug][-2:]}{i:06d}"[:11]
        rows.append((id_number, name, gender, birth, phone, orgs[i % len(orgs)]))
    return rows


def _ensure_people(slug: str, count: int) -> list[Person]:
    county = Organisation.objects.get(slug=slug)
    orgs = list(Organisation.objects.filter(member_unit=county, level__in=(OrgLevel.TOWNSHIP, OrgLevel.VILLAGE)).order_by("level", "sort_order", "pk"))
    orgs = orgs or [county]
    rows = _person_rows(slug, count, orgs)
    existing = {p.id_number: p for p in Person.objects.filter(id_number__in=[r[0] for r in rows])}
    # bulk_create skips Person.save(), so member_unit is set here by hand.
    Person.objects.bulk_create([
        Person(id_number=id_number, name=name, gender=gender, birth_date=birth, phone=phone, organisation=org,
               member_unit_id=org.member_unit_id, role="activist")
        for id_number, name, gender, birth, phone, org in rows if id_number not in existing
    ], batch_size=500)
    by_id = {p.id_number: p for p in Person.objects.filter(id_number__in=[r[0] for r in rows])}
    return [by_id[r[0]] for r in rows]


def _course(spec, projects, **extra) -> Course:
    title, project_slug, kind, level, organiser, online, start, end, venue, _people = spec
    course, _created = quiet_update_or_create(Course,
        title=title, starts_on=start,
        defaults={
            "project": projects.get(project_slug), "kind": kind, "level": level, "organiser": organiser, "is_online": online,
            "ends_on": end, "venue": venue, "is_published": True, **extra,
        },
    )
    return course


class _Pools:
    def __init__(self, people: dict[str, list[Person]]):
        self.people = people
        self.next = dict.fromkeys(people, 0)

    def take(self, slug: str, count: int) -> list[Person]:
        start = self.next[slug]
        self.next[slug] = start + count
        return self.people[slug][start : start + count]


def _nominate(course: Course, people: list[Person], status_for) -> None:
    have = set(Nomination.objects.filter(course=course).values_list("person_id", flat=True))
    Nomination.objects.bulk_create([
        Nomination(course=course, person=p, unit_id=p.member_unit_id, status=status_for(i),
                   certificate_issuer=course.issuer if status_for(i) == NominationStatus.PASSED else "",
                   certificate_date=course.ends_on if status_for(i) == NominationStatus.PASSED else None)
        for i, p in enumerate(people) if p.pk not in have
    ], batch_size=500)
    missing = list(Nomination.objects.filter(course=course, status=NominationStatus.PASSED, certificate_number="").select_related("course"))
    for n in missing:
        n.certificate_number = certificate_number_for(n)
    Nomination.objects.bulk_update(missing, ["certificate_number"], batch_size=500)


@transaction.atomic
def seed(*, stdout, password):
    projects = {p.slug: p for p in Project.objects.all()}
    need = {slug: sum(n for _p, _k, n in COUNTY_2022[slug]) + 75 for slug in COUNTIES}
    people = {slug: _ensure_people(slug, need[slug]) for slug in COUNTIES}
    pools = _Pools(people)

    # National and provincial: people from every county in turn.
    for index, spec in enumerate(NATIONAL_PROVINCIAL_2022):
        course = _course(spec, projects, quota_per_unit=4)
        chosen = []
        for k in range(spec[-1]):
            slug = COUNTIES[(index + k) % len(COUNTIES)]
            chosen.append(people[slug][need[slug] - 1 - (index * 3 + k // len(COUNTIES)) % 60])
        _nominate(course, chosen, lambda i: NominationStatus.PASSED if i % 4 == 0 else NominationStatus.ATTENDED)

    # City: 二级社会体育指导员 with the city sports bureau (passing raises 三级 to 二级).
    instructor = _course(CITY_INSTRUCTOR_2022, projects, grants_kind=QualificationKind.INSTRUCTOR, grants_grade=Grade.SECOND,
                         certificate_issuer="晋城市体育局", description="配合市体育局举办，考核合格者取得二级社会体育指导员资格。")
    chosen = [p for slug in COUNTIES for p in pools.take(slug, 7)][: CITY_INSTRUCTOR_2022[-1]]
    _nominate(instructor, chosen, lambda i: NominationStatus.PASSED)
    Nomination.objects.filter(course=instructor, new_grade="").update(previous_grade="三级社会体育指导员", new_grade="二级社会体育指导员")
    for person in chosen:
        quiet_update_or_create(Qualification,
            person=person, kind=QualificationKind.INSTRUCTOR, project=None,
            defaults={"grade": Grade.SECOND, "issuer": "晋城市体育局", "issued_on": instructor.ends_on, "course": instructor,
                      "certificate_number": Nomination.objects.get(course=instructor, person=person).certificate_number},
        )
    huaxi = _course(CITY_HUAXI_2022, projects, description="邀请晋中市老年人体育协会教练授课，推广健身花戏。")
    chosen = [p for slug in COUNTIES for p in pools.take(slug, 8)][: CITY_HUAXI_2022[-1]]
    _nominate(huaxi, chosen, lambda i: NominationStatus.PASSED if i % 5 else NominationStatus.ATTENDED)

    # County courses.
    for c_index, slug in enumerate(COUNTIES):
        for k, (project_slug, kind, count) in enumerate(COUNTY_2022[slug]):
            start = D(2022, 4 + k * 2, 10 + c_index)
            spec = (f"{COUNTY_NAME[slug]}{projects[project_slug].name}{CourseKind(kind).label}培训班", project_slug, kind, Level.COUNTY,
                    f"{COUNTY_NAME[slug]}老年人体育协会", False, start, start + dt.timedelta(days=2), f"{COUNTY_NAME[slug]}老年活动中心", count)
            course = _course(spec, projects)
            _nominate(course, pools.take(slug, count), lambda i: NominationStatus.ATTENDED if i % 10 == 0 else NominationStatus.PASSED)

    # Referee qualifications from the provincial 柔力球 course; a few run out soon (reminders).
    today = timezone.localdate()
    referee_course = Course.objects.get(title=NATIONAL_PROVINCIAL_2022[3][0], starts_on=NATIONAL_PROVINCIAL_2022[3][6])
    for i, n in enumerate(Nomination.objects.filter(course=referee_course).select_related("person").order_by("pk")[:6]):
        quiet_update_or_create(Qualification,
            person=n.person, kind=QualificationKind.REFEREE, project=referee_course.project,
            defaults={"grade": Grade.SECOND, "issuer": referee_course.organiser, "issued_on": referee_course.ends_on,
                      "course": referee_course, "expires_on": max(today + dt.timedelta(days=20 + 12 * i), referee_course.ends_on + dt.timedelta(days=1))},
        )

    # This year's courses, open for nomination now (following the 2023 plan's training section).
    opens = today - dt.timedelta(days=5)
    closes = today + dt.timedelta(days=25)
    start = today + dt.timedelta(days=40)
    upcoming = [
        (f"{start.year}年全市柔力球教练员培训班", "rouliqiu", CourseKind.COACH, Level.CITY, "晋城市老年人体育协会", False, start, start + dt.timedelta(days=3), "晋城市全民健身中心", 3, {}),
        (f"{start.year}年全市门球裁判员培训班", "menqiu", CourseKind.REFEREE, Level.CITY, "晋城市老年人体育协会门球专项委员会", False, start + dt.timedelta(days=14), start + dt.timedelta(days=16), "晋城市门球场", 5, {"grants_kind": QualificationKind.REFEREE, "grants_grade": Grade.THIRD}),
        (f"{start.year}年山西省健身秧歌新编套路线上培训", "jianshenyangge", CourseKind.NEW_ROUTINE, Level.PROVINCIAL, "山西省老年人体育协会", True, start + dt.timedelta(days=7), start + dt.timedelta(days=8), "线上", 2, {}),
        (f"{start.year}年三级社会体育指导员培训班", None, CourseKind.INSTRUCTOR, Level.CITY, "晋城市体育局、晋城市老年人体育协会", False, start + dt.timedelta(days=21), start + dt.timedelta(days=25), "晋城市体育中心", 6, {"grants_kind": QualificationKind.INSTRUCTOR, "grants_grade": Grade.THIRD, "certificate_issuer": "晋城市体育局"}),
    ]
    committees = {c.slug: c for c in Committee.objects.all()}
    for title, project_slug, kind, level, organiser, online, s, e, venue, quota, extra in upcoming:
        extra = {**extra, "quota_per_unit": quota, "nomination_opens": opens, "nomination_closes": closes,
                 "description": "请各县（市、区）老体协在推荐截止日期前，通过工作平台推荐本单位健身骨干。"}
        if project_slug == "menqiu" and "menqiu" in committees:
            extra["committee"] = committees["menqiu"]
        quiet_update_or_create(Course,
            title=title,
            defaults={"project": projects.get(project_slug), "kind": kind, "level": level, "organiser": organiser, "is_online": online,
                      "starts_on": s, "ends_on": e, "venue": venue, "is_published": True, **extra},
        )
    stdout.write(f"  training: {Course.objects.count()} 个培训班，{Nomination.objects.count()} 条推荐记录")
