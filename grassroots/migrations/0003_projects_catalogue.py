from django.db import migrations

PROJECTS = [
    # name, slug, category, public description
    ("柔力球", "rouliqiu", "ball", "以球拍和软球完成迎、引、抛、接的圆弧动作，动作柔和，适合中老年人。"),
    ("气排球", "qipaiqiu", "ball", "球体轻、速度慢的排球运动，集体项目，老少皆宜。"),
    ("健身球操", "jianshenqiucao", "dance", "手持健身球配合音乐完成成套动作，全国有统一的规定套路。"),
    ("持杖健走", "chizhangjianzou", "other", "手持健走杖行走，减轻膝关节负担，锻炼全身。"),
    ("太极拳(剑)", "taijiquan", "martial", "传统武术项目，包括太极拳和太极剑，动作舒缓，强身健体。"),
    ("太极扇", "taijishan", "martial", "手持折扇演练的太极套路，兼具观赏性和健身性。"),
    ("广场舞", "guangchangwu", "dance", "在广场等开放场地集体跳的健身舞蹈。"),
    ("乒乓球", "pingpangqiu", "ball", "室内小球项目，锻炼反应和协调能力。"),
    ("门球", "menqiu", "ball", "以球槌击球通过球门的团体项目，深受老年人喜爱。"),
    ("网球", "wangqiu", "ball", "隔网对打的球拍运动，设单打、双打和团体项目。"),
    ("健身气功", "jianshenqigong", "martial", "八段锦、五禽戏、六字诀、易筋经等国家推广功法。"),
    ("健身秧歌", "jianshenyangge", "dance", "在传统秧歌基础上编排的健身套路，有全国统一的规定套路。"),
    ("健身花戏", "jianshenhuaxi", "dance", "源自民间花戏的健身舞蹈，载歌载舞。"),
    ("象棋", "xiangqi", "board", "中国象棋，益智健脑。"),
    ("围棋", "weiqi", "board", "黑白对弈的传统棋类项目。"),
    ("桥牌", "qiaopai", "board", "四人两组的智力牌类项目。"),
    ("钓鱼", "diaoyu", "other", "休闲垂钓，亲近自然。"),
    ("地掷球", "dizhiqiu", "ball", "在场地上滚掷球接近目标球的项目，运动量适中。"),
]


def create_projects(apps, schema_editor):
    Project = apps.get_model("grassroots", "Project")
    for order, (name, slug, category, description) in enumerate(PROJECTS, start=1):
        Project.objects.get_or_create(
            name=name, defaults={"slug": slug, "category": category, "description": description, "sort_order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("grassroots", "0002_tree_rules_and_member_units")]
    operations = [migrations.RunPython(create_projects, migrations.RunPython.noop)]
