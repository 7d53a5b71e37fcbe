from django.contrib.auth import get_user_model

from common.seeding import ensure

from .models import Committee, CommitteeOfficerAccount


def seed(*, stdout, password):
    officer = get_user_model().objects.filter(username="menqiu").first()
    if officer is not None:
        ensure(CommitteeOfficerAccount, {"user": officer}, {"committee": Committee.objects.get(slug="menqiu")})
