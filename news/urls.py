from django.urls import path
from django.utils.translation import gettext_lazy as _

from common.views import placeholder

app_name = "news"

urlpatterns = [
    path("news/", placeholder, {"title": _("新闻")}, name="article_list"),
    path("news/section/<slug:slug>/", placeholder, {"title": _("新闻栏目")}, name="section"),
    path("documents/", placeholder, {"title": _("文件")}, name="document_list"),
]
