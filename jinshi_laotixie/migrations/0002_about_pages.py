from django.db import migrations

PAGES = [
    (
        "jianjie",
        "协会简介",
        "晋城市老年人体育协会的组织与工作",
        "<p>晋城市老年人体育协会是在市委、市政府领导下，在省老体协和市体育、民政等部门支持指导下，"
        "组织和推动全市老年人体育健身活动的群众性体育组织。</p>"
        "<p>协会下设城区、泽州县、高平市、阳城县、陵川县、沁水县六个县（市、区）老体协，以及市老体协金融分会、"
        "晋能装备制造集团老体协两个会员单位，并设有门球、乒乓球、棋牌、柔力球、健身秧歌等专项委员会。"
        "乡镇（街道）和行政村（社区）老体协按照“六有”标准（有组织、有场地、有经费、有骨干、有活动、有制度）开展基层组织建设。</p>"
        "<p>协会每年举办老年文体艺术节，组织节日交流比赛和“走基层”活动，选派健身骨干参加全国、全省培训，"
        "并组队参加全国、全省老年人体育健身交流比赛。</p>",
    ),
    (
        "lianxi",
        "联系我们",
        "协会秘书处的联系方式",
        "<p>各县（市、区）老体协、会员单位和各专委会的联系方式见本页下方“会员单位”。"
        "群众咨询健身场地和活动时间，可以使用本站的“健身去哪儿”。</p>",
    ),
]


def create_pages(apps, schema_editor):
    SitePage = apps.get_model("jinshi_laotixie", "SitePage")
    for order, (slug, title, summary, body) in enumerate(PAGES, start=1):
        SitePage.objects.get_or_create(slug=slug, defaults={"title": title, "summary": summary, "body": body, "sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("jinshi_laotixie", "0001_initial")]
    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
