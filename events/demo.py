"""Demo data: the seed document's 2022 activities with their real awards, and 2023 events open for entry.

The 2023 events keep their 2023 dates, but their registration window is set around the day the demo is
loaded, so that the entry flow can be tried whenever the demo runs.
"""

import datetime as dt

from django.utils import timezone

from committees.models import Committee
from common.choices import Level
from common.identity import make_id_number
from common.seeding import quiet_update_or_create
from grassroots.models import Organisation, Person, Project

from .models import AgeGroup, Award, AwardType, Entry, EntryStatus, Event, EventKind, Festival, Item, RoutineKind, TeamSize

CITY_BODIES_2022 = "晋城市老年人体育协会、中共晋城市委老干部局、晋城市体育局、晋城市卫生健康委员会"
NATIONAL_HOST = "国家体育总局群体司、中华全国体育总会群体部、中国老年人体育协会"

# Demo people: (unit slug, name, gender, birth date).
PEOPLE = [
    ("zezhou", "李秀英", "F", dt.date(1958, 3, 12)), ("zezhou", "王桂兰", "F", dt.date(1957, 7, 2)),
    ("zezhou", "张玉梅", "F", dt.date(1960, 1, 20)), ("zezhou", "刘淑珍", "F", dt.date(1959, 11, 5)),
    ("zezhou", "陈凤英", "F", dt.date(1961, 4, 18)), ("zezhou", "杨秀兰", "F", dt.date(1956, 9, 9)),
    ("zezhou", "赵春梅", "F", dt.date(1962, 2, 14)), ("zezhou", "黄丽华", "F", dt.date(1958, 6, 30)),
    ("zezhou", "周桂芳", "F", dt.date(1957, 12, 1)), ("zezhou", "吴玉兰", "F", dt.date(1960, 8, 8)),
    ("zezhou", "孙建国", "M", dt.date(1955, 5, 4)), ("zezhou", "马志强", "M", dt.date(1953, 10, 1)),
    ("zezhou", "郭小红", "F", dt.date(1968, 5, 5)),
    ("gaoping", "牛秀珍", "F", dt.date(1958, 2, 2)), ("gaoping", "常爱莲", "F", dt.date(1959, 3, 3)),
    ("gaoping", "秦建华", "M", dt.date(1954, 4, 4)), ("gaoping", "申海平", "M", dt.date(1956, 6, 6)),
]
REGIONS = {"zezhou": "140525", "gaoping": "140581", "city": "140502"}


def _people():
    people = {}
    for n, (slug, name, gender, birth) in enumerate(PEOPLE, start=1):
        unit = Organisation.objects.get(slug=slug)
        id_number = make_id_number(REGIONS[slug], birth, 300 + n * 2, gender)
        person, _ = quiet_update_or_create(Person,
            id_number=id_number,
            defaults={"name": name, "gender": gender, "birth_date": birth, "organisation": unit, "role": "member"},
        )
        people[name] = person
    return people


def _event(title, **fields):
    event, _ = quiet_update_or_create(Event, title=title, defaults={"is_published": True, **fields})
    return event


def _item(event, key, **fields):
    item, _ = quiet_update_or_create(Item, event=event, sort_order=key, defaults=fields)
    return item


def _entry(item, unit, team_name, *, members=(), status=EntryStatus.ACCEPTED, routine_title="", participants_text=""):
    entry, _ = quiet_update_or_create(Entry,
        item=item, unit=unit, team_name=team_name,
        defaults={"event": item.event, "status": status, "routine_title": routine_title,
                  "participants_text": participants_text},
        create_defaults={"submitted_at": timezone.now()},
    )
    for person in members:
        entry.members.get_or_create(person=person, defaults={"item": item})
    return entry


def _award(entry, award_type, rank=None):
    award, _ = quiet_update_or_create(Award,
        entry=entry, award_type=award_type, other_name="", defaults={"event": entry.event, "rank": rank}
    )
    return award


def seed(*, stdout, password):
    city = Organisation.objects.get(level=1)
    zezhou, gaoping = Organisation.objects.get(slug="zezhou"), Organisation.objects.get(slug="gaoping")
    project = {p.slug: p for p in Project.objects.all()}
    committee = {c.slug: c for c in Committee.objects.all()}
    people = _people()

    # ---- 2022: the 5th festival ---------------------------------------------------------------
    fifth, _ = quiet_update_or_create(Festival, edition=5, defaults={
        "year": 2022, "title": "晋城市第五届老年文体艺术节", "theme": "喜迎二十大，银辉添新彩",
        "start_date": dt.date(2022, 5, 1), "end_date": dt.date(2022, 10, 31), "organisers": CITY_BODIES_2022,
        "description": "市老体协会同市委老干部局、市体育局、市卫健委等部门联袂举办。各项交流比赛在严守抗疫规定、"
                       "采取严格防护措施的前提下成功举办，推动了全市老年文体事业多元、健康、创新发展。",
    })
    contests = [
        ("晋城市第五届老年文体艺术节柔力球交流比赛", "rouliqiu", "rouliqiu", dt.date(2022, 5, 20), "晋城市体育中心"),
        ("晋城市第五届老年文体艺术节健身秧歌展示", "jianshenyangge", "yangge", dt.date(2022, 6, 10), "晋城市白马寺山广场"),
        ("晋城市第五届老年文体艺术节健身球操交流比赛", "jianshenqiucao", "qiucao", dt.date(2022, 7, 8), "晋城市体育中心"),
        ("晋城市第五届老年文体艺术节门球交流赛", "menqiu", "menqiu", dt.date(2022, 9, 16), "晋城市门球场"),
    ]
    for title, proj, comm, day, venue in contests:
        event = _event(title, kind=EventKind.FESTIVAL, level=Level.CITY, project=project[proj], committee=committee[comm],
                       festival=fifth, host=CITY_BODIES_2022, organiser=committee[comm].name, venue=venue,
                       start_date=day, end_date=day)
        _item(event, 1, size=TeamSize.GROUP, team_min=1, team_max=20, name="集体项目")

    # ---- 2022: committees' holiday events -------------------------------------------------------
    for title, proj, comm, start, venue in [
        ("2022年庆元旦门球比赛", "menqiu", "menqiu", dt.date(2022, 1, 1), "晋城市门球场"),
        ("庆祝中国人民解放军建军95周年老兵门球赛", "menqiu", "menqiu", dt.date(2022, 8, 1), "晋城市门球场"),
        ("“庆七一、迎二十大”乒乓球友谊赛", "pingpangqiu", "pingpangqiu", dt.date(2022, 6, 28), "晋城市全民健身中心"),
        ("“金缘杯”中老年围棋联谊赛", "weiqi", "qipai", dt.date(2022, 9, 24), "晋城市棋院"),
    ]:
        _event(title, kind=EventKind.HOLIDAY, level=Level.CITY, project=project[proj], committee=committee[comm],
               host="晋城市老年人体育协会", organiser=committee[comm].name, venue=venue, start_date=start, end_date=start)

    # ---- 2022: national and provincial events the city delegation attended ---------------------
    online = _event("全民健身线上运动会（老年人项目）", kind=EventKind.EXTERNAL, level=Level.NATIONAL, is_online=True,
                    host=NATIONAL_HOST, start_date=dt.date(2022, 6, 1), end_date=dt.date(2022, 6, 30),
                    results_released=True,
                    description="市老体协柔力球队、健身秧歌队、健身球操队参加，各项目均取得优胜奖。")
    for key, proj, fields, team, routine in [
        (1, "rouliqiu", {"racket": "single", "routine_kind": RoutineKind.FREE, "routine_title": "《兵哥哥》"}, "晋城市老体协柔力球队", "《兵哥哥》"),
        (2, "rouliqiu", {"racket": "single", "routine_kind": RoutineKind.SET, "set_number": "《走向复兴》"}, "晋城市老体协柔力球队", ""),
        (3, "jianshenyangge", {"routine_kind": RoutineKind.SET, "set_number": "第八套"}, "晋城市老体协健身秧歌队", ""),
        (4, "jianshenyangge", {"routine_kind": RoutineKind.FREE, "routine_title": "《情系西口》"}, "晋城市老体协健身秧歌队", "《情系西口》"),
        (5, "jianshenqiucao", {"routine_kind": RoutineKind.SET, "set_number": "第13套"}, "晋城市老体协健身球操队", ""),
    ]:
        item = _item(online, key, project=project[proj], name=f"{project[proj].name}{'单拍' if fields.get('racket') else ''}"
                     f"集体{'自选' if fields['routine_kind'] == RoutineKind.FREE else '规定'}套路", size=TeamSize.GROUP,
                     team_min=1, team_max=30, **fields)
        _award(_entry(item, city, team, routine_title=routine), AwardType.WINNER)

    yangge = _event("《喜迎二十大，奋进新征程》秧歌舞线上比赛", kind=EventKind.EXTERNAL, level=Level.NATIONAL, is_online=True,
                    host="中国老年人体育协会", project=project["jianshenyangge"], committee=committee["yangge"],
                    start_date=dt.date(2022, 9, 20), end_date=dt.date(2022, 9, 30), results_released=True,
                    description="国庆前夕，市老体协健身秧歌队被推荐参赛，规定和自选均荣获一等奖。")
    for key, fields in [(1, {"routine_kind": RoutineKind.SET, "set_number": "第八套", "name": "规定套路"}),
                        (2, {"routine_kind": RoutineKind.FREE, "routine_title": "《情系西口》", "name": "自选套路"})]:
        item = _item(yangge, key, size=TeamSize.GROUP, team_min=1, team_max=30, **fields)
        _award(_entry(item, city, "晋城市老体协健身秧歌队"), AwardType.FIRST)

    province_host = "山西省老年人体育协会"
    rlq = _event("“喜迎二十大、健身庆盛世”山西省老年人柔力球交流展示活动", kind=EventKind.EXTERNAL, level=Level.PROVINCIAL,
                 project=project["rouliqiu"], committee=committee["rouliqiu"], host=province_host, venue="太原市",
                 start_date=dt.date(2022, 8, 18), end_date=dt.date(2022, 8, 20), results_released=True)
    jia = quiet_update_or_create(AgeGroup, event=rlq, label="甲组", defaults={"reference_date": dt.date(2022, 8, 18)})[0]
    for key, kind in [(1, RoutineKind.SET), (2, RoutineKind.FREE)]:
        item = _item(rlq, key, age_group=jia, size=TeamSize.GROUP, team_min=1, team_max=30, routine_kind=kind,
                     set_number="规定套路" if kind == RoutineKind.SET else "", name=f"甲组{RoutineKind(kind).label}")
        _award(_entry(item, city, "晋城市柔力球代表队"), AwardType.WINNER)
    tennis = _event("“喜迎二十大、健身庆盛世”山西省老年人网球交流比赛", kind=EventKind.EXTERNAL, level=Level.PROVINCIAL,
                    project=project["wangqiu"], committee=committee["wangqiu"], host=province_host, venue="太原市",
                    start_date=dt.date(2022, 9, 6), end_date=dt.date(2022, 9, 8), results_released=True)
    tjia = quiet_update_or_create(AgeGroup, event=tennis, label="甲组", defaults={"reference_date": dt.date(2022, 9, 6)})[0]
    doubles = _item(tennis, 1, age_group=tjia, size=TeamSize.PAIR, discipline="男双", team_min=2, team_max=2, name="甲组男双")
    team = _item(tennis, 2, size=TeamSize.GROUP, discipline="团体", team_min=1, team_max=12, name="团体")
    _award(_entry(doubles, city, "晋城市网球代表队"), AwardType.RANK_ONLY, rank=5)
    _award(_entry(team, city, "晋城市网球代表队"), AwardType.TEAM_EXCELLENT)

    # ---- 2023: the 6th festival, open for entry --------------------------------------------------
    # Whole days, so that loading the demo twice on one day changes nothing.
    now = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    sixth, _ = quiet_update_or_create(Festival, edition=6, defaults={
        "year": 2023, "title": "晋城市第六届老年文体艺术节", "theme": "学习贯彻二十大，健康快乐向未来",
        "start_date": dt.date(2023, 5, 1), "end_date": dt.date(2023, 10, 31), "organisers": CITY_BODIES_2022,
        "description": "全年自办交流比赛项目纳入艺术节统筹考虑，力争办成一届成功、圆满、和谐、安全的全市老年人文体盛会。",
    })
    rouli23 = _event("晋城市第六届老年文体艺术节柔力球交流比赛", kind=EventKind.FESTIVAL, level=Level.CITY,
                     project=project["rouliqiu"], committee=committee["rouliqiu"], festival=sixth, host=CITY_BODIES_2022,
                     organiser="柔力球专项委员会", venue="晋城市体育中心体育馆", start_date=dt.date(2023, 6, 16),
                     end_date=dt.date(2023, 6, 17), registration_opens=now - dt.timedelta(days=7),
                     registration_closes=now + dt.timedelta(days=60), quota_per_unit=3,
                     description="各县（市、区）老体协、晋能装备制造集团老体协、市老体协金融分会组队参加。每单位限报 3 队。")
    g60 = quiet_update_or_create(AgeGroup, event=rouli23, label="甲组", defaults={
        "min_age": 60, "max_age": 69, "reference_date": dt.date(2023, 6, 16)})[0]
    g70 = quiet_update_or_create(AgeGroup, event=rouli23, label="乙组", defaults={
        "min_age": 70, "reference_date": dt.date(2023, 6, 16)})[0]
    _item(rouli23, 1, age_group=g60, racket="single", size=TeamSize.GROUP, routine_kind=RoutineKind.SET,
          set_number="第十二套", team_min=6, team_max=12, name="")
    _item(rouli23, 2, age_group=g60, racket="single", size=TeamSize.GROUP, routine_kind=RoutineKind.FREE,
          team_min=6, team_max=12, name="")
    _item(rouli23, 3, age_group=g70, racket="single", size=TeamSize.PAIR, routine_kind=RoutineKind.SET,
          set_number="第十二套", team_min=2, team_max=2, name="")
    yg23 = _event("晋城市第六届老年文体艺术节健身秧歌交流展示", kind=EventKind.FESTIVAL, level=Level.CITY,
                  project=project["jianshenyangge"], committee=committee["yangge"], festival=sixth, host=CITY_BODIES_2022,
                  organiser="健身秧歌专项委员会", venue="晋城市白马寺山广场", start_date=dt.date(2023, 7, 7),
                  end_date=dt.date(2023, 7, 7), registration_opens=now - dt.timedelta(days=3),
                  registration_closes=now + dt.timedelta(days=45), quota_per_unit=2)
    women = quiet_update_or_create(AgeGroup, event=yg23, label="女子组", defaults={
        "gender": "F", "min_age": 55, "reference_date": dt.date(2023, 7, 7)})[0]
    _item(yg23, 1, age_group=women, size=TeamSize.GROUP, routine_kind=RoutineKind.SET, set_number="第八套",
          team_min=10, team_max=12, name="")
    mq23 = _event("2023年“七一”全市中老年门球比赛", kind=EventKind.HOLIDAY, level=Level.CITY, project=project["menqiu"],
                  committee=committee["menqiu"], host="晋城市老年人体育协会", organiser="门球专项委员会", venue="晋城市门球场",
                  start_date=dt.date(2023, 6, 29), end_date=dt.date(2023, 6, 30),
                  registration_opens=now - dt.timedelta(days=2), registration_closes=now + dt.timedelta(days=30),
                  quota_per_unit=2)
    _item(mq23, 1, discipline="团体", size=TeamSize.GROUP, team_min=5, team_max=7, name="")
    # A draft and a submitted entry of 泽州县, so the pages have something in them.
    rouli_item = rouli23.items.get(sort_order=1)
    if not Entry.objects.filter(item=rouli_item, unit=zezhou).exists():
        members = [people[n] for n in ("李秀英", "王桂兰", "张玉梅", "刘淑珍", "陈凤英", "赵春梅")]
        _entry(rouli_item, zezhou, "泽州县柔力球一队", members=members, status=EntryStatus.SUBMITTED)
    _ = gaoping

    # ---- 走基层 2023: some counties have theirs, the others still owe one -------------------------
    for slug, title, day in [
        ("zezhou", "老年体育健身项目走基层·泽州县巴公镇站", dt.date(2023, 5, 18)),
        ("gaoping", "老年体育健身项目走基层·高平市米山镇站", dt.date(2023, 6, 8)),
        ("yangcheng", "老年体育健身项目走基层·阳城县凤城镇站", dt.date(2023, 9, 14)),
    ]:
        _event(title, kind=EventKind.OUTREACH, level=Level.CITY, host="晋城市老年人体育协会",
               organiser=Organisation.objects.get(slug=slug).name, host_unit=Organisation.objects.get(slug=slug),
               venue=title.split("·")[1].removesuffix("站"), start_date=day, end_date=day,
               description="深入基层，送文化、送健康、送欢乐。")
    stdout.write(f"  赛事 {Event.objects.count()} 项，报名 {Entry.objects.count()} 条，奖项 {Award.objects.count()} 个")
