from django.contrib.auth import get_user_model

from .models import Committee, CommitteeOfficerAccount


def seed(*, stdout, password):
    officer = get_user_model().objects.filter(username="menqiu").first()
    if officer is not None:
        CommitteeOfficerAccount.objects.update_or_create(user=officer, defaults={"committee": Committee.objects.get(slug="menqiu")})
