"""Demo data of the organisation tree: coordinator assignments and real townships."""

from django.contrib.auth import get_user_model

from common.seeding import ensure

from .models import Organisation, OrgLevel, UnitAssignment
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

# Real townships and streets (乡镇/街道) with a few villages/communities under each.
TOWNSHIPS = {
    "chengqu": {"东街街道": ["东街社区", "书院社区"], "西街街道": ["西街社区"], "北石店镇": ["北石店村"]},
    "zezhou": {"巴公镇": ["巴公一村", "巴公二村"], "金村镇": ["金村"], "南村镇": ["南村"]},
    "gaoping": {"米山镇": ["米西村"], "北诗镇": ["北诗村"], "东城街道": ["东关社区"]},
    "yangcheng": {"凤城镇": ["北关社区"], "润城镇": ["润城村"]},
    "lingchuan": {"崇文镇": ["崇安社区"], "礼义镇": ["礼义村"]},
    "qinshui": {"龙港镇": ["杏园社区"], "端氏镇": ["端氏村"]},
}


def seed(*, stdout, password):
    User = get_user_model()
    for username, slug in COORDINATORS.items():
        user = User.objects.filter(username=username).first()
        if user is not None:
            ensure(
                UnitAssignment,
                {"user": user},
                {"organisation": Organisation.objects.get(slug=slug), "role": AssignmentRole.COORDINATOR},
            )
    correspondent = User.objects.filter(username="tongxun").first()
    if correspondent is not None:
        ensure(
            UnitAssignment,
            {"user": correspondent},
            {"organisation": Organisation.objects.get(slug="zezhou"), "role": AssignmentRole.CORRESPONDENT},
        )
    for unit_slug, townships in TOWNSHIPS.items():
        unit = Organisation.objects.get(slug=unit_slug)
        for order, (township_name, villages) in enumerate(townships.items(), start=1):
            township, _ = Organisation.objects.get_or_create(
                parent=unit, name=township_name, defaults={"level": OrgLevel.TOWNSHIP, "sort_order": order}
            )
            for v_order, village_name in enumerate(villages, start=1):
                Organisation.objects.get_or_create(
                    parent=township, name=village_name, defaults={"level": OrgLevel.VILLAGE, "sort_order": v_order}
                )
