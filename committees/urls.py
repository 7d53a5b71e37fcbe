from django.urls import path
from django.utils.translation import gettext_lazy as _

from common.views import placeholder

app_name = "committees"

urlpatterns = [
    path("", placeholder, {"title": _("专委会")}, name="committee_list"),
]
