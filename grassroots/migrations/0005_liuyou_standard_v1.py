"""The six-haves standard, version 1, exists on every installation (staff edit it as data)."""

from decimal import Decimal

from django.db import migrations

ITEMS = [
    # code, title, guidance, evidence required
    ("org", "有组织", "成立老年人体育协会，领导班子健全（会长、副会长、秘书长），挂牌办公，有年初工作计划。", "挂牌照片、班子名单、年初计划"),
    ("venue", "有场地", "有固定的办公场所和经常性活动场地，标明面积（㎡）。", "办公场所和活动场地照片"),
    ("funds", "有经费", "有稳定的活动经费来源（定额划拨或实报实销）。", "经费拨付凭证或说明"),
    ("activists", "有骨干", "有一支热心老年体育的健身骨干队伍，骨干每年参加培训。", "骨干名单、培训记录"),
    ("activities", "有活动", "有经常性的健身活动队伍和活动时间，节日开展活动。", "活动照片、队伍名单"),
    ("rules", "有制度", "有工作制度并上墙，活动资料归档。", "制度上墙照片、档案目录"),
]


def create_standard(apps, schema_editor):
    Standard = apps.get_model("grassroots", "Standard")
    StandardItem = apps.get_model("grassroots", "StandardItem")
    standard, _ = Standard.objects.get_or_create(
        code="liuyou", version=1,
        defaults={"name": "基层老体协“六有”标准", "note": "有组织、有场地、有经费、有骨干、有活动、有制度，每项满分10分。"},
    )
    for order, (code, title, guidance, evidence) in enumerate(ITEMS, start=1):
        StandardItem.objects.get_or_create(
            standard=standard, code=code,
            defaults={"title": title, "guidance": guidance, "evidence_required": evidence, "max_score": Decimal("10"), "sort_order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("grassroots", "0004_sixhaves")]
    operations = [migrations.RunPython(create_standard, migrations.RunPython.noop)]
