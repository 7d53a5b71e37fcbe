"""Demo data: committee introductions, their officers and the association's leadership (第七届).

The names are invented. Each officer is a grassroots Person (in the city association or a member
unit) with a valid demo ID number; everything is keyed on natural keys so running twice changes nothing.
"""

import datetime as dt

from django.contrib.auth import get_user_model

from common.identity import make_id_number
from common.seeding import ensure
from grassroots.models import Organisation, Person
from grassroots.models.people import PersonRole

from .models import Committee, CommitteeOfficerAccount, Officer, OfficerRole

ASSOCIATION_TERM = 7
ASSOCIATION_STARTED = dt.date(2021, 6, 18)

REGION = {
    "city": "140502", "chengqu": "140502", "zezhou": "140525", "gaoping": "140581", "yangcheng": "140522",
    "lingchuan": "140524", "qinshui": "140521", "jinrong": "140502", "jinneng": "140502",
}

# (name, gender, birth year, unit slug, role, sort order)
LEADERSHIP = [
    ("李建国", "M", 1954, "city", OfficerRole.CHAIRMAN, 0),
    ("王志强", "M", 1956, "city", OfficerRole.EXECUTIVE_VICE_CHAIRMAN, 0),
    ("赵淑芳", "F", 1958, "chengqu", OfficerRole.VICE_CHAIRMAN, 1),
    ("郭天明", "M", 1955, "zezhou", OfficerRole.VICE_CHAIRMAN, 2),
    ("牛玉兰", "F", 1957, "gaoping", OfficerRole.VICE_CHAIRMAN, 3),
    ("常振华", "M", 1956, "jinneng", OfficerRole.VICE_CHAIRMAN, 4),
    ("张保平", "M", 1960, "city", OfficerRole.SECRETARY_GENERAL, 0),
    ("段丽萍", "F", 1962, "city", OfficerRole.DEPUTY_SECRETARY_GENERAL, 1),
    ("申晓东", "M", 1961, "jinrong", OfficerRole.DEPUTY_SECRETARY_GENERAL, 2),
    ("陈德厚", "M", 1946, "city", OfficerRole.ADVISER, 1),
]

# slug -> (introduction, founded, term, contact person, [(name, gender, birth year, unit, role, sort)])
COMMITTEES = {
    "menqiu": (
        "门球专委会负责全市老年门球运动的组织、交流比赛、裁判员培训和基层门球队建设，"
        "每年组织市级门球交流赛，并选派队伍参加省级比赛。",
        dt.date(1996, 5, 1), 5, "冯国栋",
        [("冯国栋", "M", 1955, "zezhou", OfficerRole.DIRECTOR, 0), ("秦永红", "F", 1958, "chengqu", OfficerRole.DEPUTY_DIRECTOR, 1),
         ("吕建平", "M", 1957, "gaoping", OfficerRole.DEPUTY_DIRECTOR, 2), ("焦秀梅", "F", 1960, "city", OfficerRole.SECRETARY_GENERAL, 0),
         ("靳小军", "M", 1959, "yangcheng", OfficerRole.MEMBER, 1)],
    ),
    "pingpangqiu": (
        "乒乓球专委会组织全市老年乒乓球交流活动和比赛，推广适合老年人的健身打法。",
        dt.date(2003, 9, 1), 4, "崔文斌",
        [("崔文斌", "M", 1957, "chengqu", OfficerRole.DIRECTOR, 0), ("杨桂香", "F", 1959, "jinrong", OfficerRole.DEPUTY_DIRECTOR, 1),
         ("霍建新", "M", 1961, "city", OfficerRole.SECRETARY_GENERAL, 0)],
    ),
    "qipai": (
        "棋牌专委会负责象棋、围棋、桥牌等棋牌项目，常年组织老年棋牌交流赛和进社区活动。",
        dt.date(2005, 3, 1), 4, "田茂林",
        [("田茂林", "M", 1953, "city", OfficerRole.DIRECTOR, 0), ("武成贵", "M", 1956, "lingchuan", OfficerRole.DEPUTY_DIRECTOR, 1),
         ("裴润生", "M", 1958, "qinshui", OfficerRole.SECRETARY_GENERAL, 0)],
    ),
    "rouliqiu": (
        "柔力球专委会推广柔力球套路和网式比赛，组织单拍、双拍集体自选套路交流展示。",
        dt.date(2010, 4, 1), 3, "范秀英",
        [("范秀英", "F", 1958, "zezhou", OfficerRole.DIRECTOR, 0), ("刘彩霞", "F", 1960, "gaoping", OfficerRole.DEPUTY_DIRECTOR, 1),
         ("韩丽君", "F", 1962, "city", OfficerRole.SECRETARY_GENERAL, 0)],
    ),
    "yangge": (
        "健身秧歌专委会负责健身秧歌、健身花戏的规定套路推广和展示活动。",
        dt.date(2008, 6, 1), 3, "姬美玲",
        [("姬美玲", "F", 1957, "chengqu", OfficerRole.DIRECTOR, 0), ("卫红梅", "F", 1961, "yangcheng", OfficerRole.DEPUTY_DIRECTOR, 1),
         ("原素珍", "F", 1963, "city", OfficerRole.SECRETARY_GENERAL, 0)],
    ),
    "qiucao": (
        "健身球操专委会推广全国健身球操规定套路，组织基层球操队交流展示。",
        dt.date(2012, 5, 1), 3, "贾翠萍",
        [("贾翠萍", "F", 1959, "gaoping", OfficerRole.DIRECTOR, 0), ("毕玉琴", "F", 1961, "zezhou", OfficerRole.SECRETARY_GENERAL, 0)],
    ),
    "wangqiu": (
        "网球专委会组织老年网球交流活动，选派队伍参加全省老年人网球交流赛。",
        dt.date(2011, 8, 1), 3, "孟庆和",
        [("孟庆和", "M", 1956, "jinneng", OfficerRole.DIRECTOR, 0), ("宋立新", "M", 1960, "city", OfficerRole.SECRETARY_GENERAL, 0)],
    ),
    "taiji": (
        "太极专委会推广太极拳（剑）、太极扇和健身气功，常年开展公园晨练辅导。",
        dt.date(2000, 10, 1), 5, "程玉林",
        [("程玉林", "M", 1952, "city", OfficerRole.DIRECTOR, 0), ("侯淑珍", "F", 1957, "qinshui", OfficerRole.DEPUTY_DIRECTOR, 1),
         ("李慧敏", "F", 1961, "chengqu", OfficerRole.SECRETARY_GENERAL, 0)],
    ),
    "guangchangwu": (
        "广场舞专委会引导基层广场舞队健康有序开展活动，组织广场舞展示交流。",
        dt.date(2015, 6, 1), 2, "白雪梅",
        [("白雪梅", "F", 1962, "yangcheng", OfficerRole.DIRECTOR, 0), ("马凤琴", "F", 1963, "lingchuan", OfficerRole.SECRETARY_GENERAL, 0)],
    ),
    "qipaiqiu": (
        "气排球专委会推广适合中老年人的气排球运动，组织市级气排球交流赛。",
        dt.date(2016, 4, 1), 2, "邢志刚",
        [("邢志刚", "M", 1958, "gaoping", OfficerRole.DIRECTOR, 0), ("苗春燕", "F", 1962, "zezhou", OfficerRole.SECRETARY_GENERAL, 0)],
    ),
    "jianzou": (
        "持杖健走专委会组织持杖健走培训和健走活动，倡导科学健身。",
        dt.date(2019, 9, 1), 1, "曹连生",
        [("曹连生", "M", 1957, "city", OfficerRole.DIRECTOR, 0), ("庞桂芝", "F", 1961, "chengqu", OfficerRole.SECRETARY_GENERAL, 0)],
    ),
}


def _person(name, gender, year, unit_slug, index):
    birth = dt.date(year, 1 + index % 12, 1 + (index * 7) % 28)
    # Sequences 7xx keep these demo IDs apart from other apps' demo people.
    id_number = make_id_number(REGION[unit_slug], birth, 700 + index * 2 + (1 if gender == "M" else 0), gender)
    person, _created = Person.objects.get_or_create(
        id_number=id_number,
        defaults={
            "name": name, "gender": gender, "birth_date": birth, "organisation": Organisation.objects.get(slug=unit_slug),
            "role": PersonRole.OFFICER, "note": "演示数据",
        },
    )
    return person


def _appoint(person, committee, role, term, started_on, sort_order):
    ensure(
        Officer,
        {"person": person, "committee": committee, "role": role, "term": term},
        {"started_on": started_on, "sort_order": sort_order, "ended_on": None},
    )


def seed(*, stdout, password):
    officer = get_user_model().objects.filter(username="menqiu").first()
    if officer is not None:
        ensure(CommitteeOfficerAccount, {"user": officer}, {"committee": Committee.objects.get(slug="menqiu")})

    index = 0
    for name, gender, year, unit, role, sort_order in LEADERSHIP:
        index += 1
        _appoint(_person(name, gender, year, unit, index), None, role, ASSOCIATION_TERM, ASSOCIATION_STARTED, sort_order)

    # The previous term's chairman: an ended position, kept as the record shows.
    index += 1
    former = _person("吴福生", "M", 1949, "city", index)
    ensure(
        Officer,
        {"person": former, "committee": None, "role": OfficerRole.CHAIRMAN, "term": ASSOCIATION_TERM - 1},
        {"started_on": dt.date(2016, 6, 20), "ended_on": dt.date(2021, 6, 17)},
    )

    for slug, (introduction, founded, term, contact, officers) in COMMITTEES.items():
        committee = Committee.objects.filter(slug=slug).first()
        if committee is None:
            continue
        ensure(
            Committee,
            {"pk": committee.pk},
            {
                "introduction": committee.introduction or introduction,
                "founded_on": committee.founded_on or founded,
                "current_term": term,
                "contact_person": committee.contact_person or contact,
            },
        )
        started = dt.date(2021, 9, 1)
        for name, gender, year, unit, role, sort_order in officers:
            index += 1
            _appoint(_person(name, gender, year, unit, index), committee, role, term, started, sort_order)
    stdout.write(f"  专委会与协会领导：{Officer.objects.count()} 个职务")
