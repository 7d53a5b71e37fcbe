from django.urls import path
from django.utils.translation import gettext_lazy as _

from common.views import placeholder

app_name = "events"

urlpatterns = [
    path("", placeholder, {"title": _("赛事活动")}, name="event_list"),
]
