from django.urls import path
from django.utils.translation import gettext_lazy as _

from common.views import placeholder

app_name = "training"

urlpatterns = [
    path("", placeholder, {"title": _("培训工作")}, name="course_list"),
]
