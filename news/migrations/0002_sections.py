from django.db import migrations

SECTIONS = [
    ("dongtai", "协会动态", "市老体协的工作动态和新闻。"),
    ("tongzhi", "通知公告", "通知、公告和公示。"),
    ("saishi", "赛事活动", "老年人体育赛事和展示活动的报道。"),
    ("jiceng", "基层风采", "各县（市、区）和基层老体协的活动。"),
    ("peixun", "培训工作", "裁判员、教练员和健身骨干培训。"),
    ("dangjian", "党建工作", "联合党支部的学习和活动。"),
]


def create_sections(apps, schema_editor):
    Section = apps.get_model("news", "Section")
    for order, (slug, name, description) in enumerate(SECTIONS, start=1):
        Section.objects.update_or_create(slug=slug, defaults={"name": name, "description": description, "sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [migrations.RunPython(create_sections, migrations.RunPython.noop)]
