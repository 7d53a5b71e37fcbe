"""Demo accounts. Their password comes from DEMO_PASSWORD (default jincheng2023); see README."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .roles import Role

# username, full name, role group, is_staff
DEMO_ACCOUNTS = [
    ("mishu", "秘书处王秘书", Role.SECRETARIAT, True),
    ("chengqu", "城区联络员", Role.COORDINATOR, False),
    ("zezhou", "泽州县联络员", Role.COORDINATOR, False),
    ("gaoping", "高平市联络员", Role.COORDINATOR, False),
    ("yangcheng", "阳城县联络员", Role.COORDINATOR, False),
    ("lingchuan", "陵川县联络员", Role.COORDINATOR, False),
    ("qinshui", "沁水县联络员", Role.COORDINATOR, False),
    ("jinrong", "金融分会联络员", Role.COORDINATOR, False),
    ("jinneng", "晋能装备联络员", Role.COORDINATOR, False),
    ("tongxun", "泽州县通讯员", Role.CORRESPONDENT, False),
    ("menqiu", "门球专委会干事", Role.COMMITTEE_OFFICER, True),
]


def seed(*, stdout, password):
    User = get_user_model()
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"full_name": "系统管理员", "is_staff": True, "is_superuser": True}
    )
    if created:
        admin.set_password(password)
        admin.save()
    for username, full_name, role, is_staff in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name, "is_staff": is_staff})
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=str(role)))
