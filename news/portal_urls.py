"""Pages of news for logged-in coordinators, correspondents and staff, under /portal/news/."""

from django.urls import path

from . import portal_views

app_name = "news_portal"

urlpatterns = [
    path("", portal_views.draft_list, name="draft_list"),
    path("new/", portal_views.draft_create, name="draft_create"),
    path("<int:pk>/edit/", portal_views.draft_edit, name="draft_edit"),
    path("<int:pk>/submit/", portal_views.draft_submit, name="draft_submit"),
    path("<int:pk>/preview/", portal_views.draft_preview, name="draft_preview"),
]
