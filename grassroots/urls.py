from django.urls import path
from django.utils.translation import gettext_lazy as _

from common.views import placeholder

app_name = "grassroots"

urlpatterns = [
    path("", placeholder, {"title": _("健身去哪儿")}, name="finder"),
]
