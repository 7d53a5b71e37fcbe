from django.db import migrations

# slug, name, short name, project names
COMMITTEES = [
    ("menqiu", "门球专项委员会", "门球专委会", ["门球"]),
    ("pingpangqiu", "乒乓球专项委员会", "乒乓球专委会", ["乒乓球"]),
    ("qipai", "棋牌专项委员会", "棋牌专委会", ["象棋", "围棋", "桥牌"]),
    ("rouliqiu", "柔力球专项委员会", "柔力球专委会", ["柔力球"]),
    ("yangge", "健身秧歌专项委员会", "健身秧歌专委会", ["健身秧歌", "健身花戏"]),
    ("qiucao", "健身球操专项委员会", "健身球操专委会", ["健身球操"]),
    ("wangqiu", "网球专项委员会", "网球专委会", ["网球"]),
    ("taiji", "太极专项委员会", "太极专委会", ["太极拳(剑)", "太极扇", "健身气功"]),
    ("guangchangwu", "广场舞专项委员会", "广场舞专委会", ["广场舞"]),
    ("qipaiqiu", "气排球专项委员会", "气排球专委会", ["气排球"]),
    ("jianzou", "持杖健走专项委员会", "持杖健走专委会", ["持杖健走"]),
]


def create_committees(apps, schema_editor):
    Committee = apps.get_model("committees", "Committee")
    Project = apps.get_model("grassroots", "Project")
    for order, (slug, name, short, project_names) in enumerate(COMMITTEES, start=1):
        committee, _ = Committee.objects.get_or_create(
            slug=slug, defaults={"name": name, "short_name": short, "sort_order": order * 10}
        )
        committee.projects.add(*Project.objects.filter(name__in=project_names))


class Migration(migrations.Migration):
    dependencies = [("committees", "0001_initial"), ("grassroots", "0003_projects_catalogue")]
    operations = [migrations.RunPython(create_committees, migrations.RunPython.noop)]
