from django.urls import path

from . import views
from .feeds import LatestArticlesFeed, SectionFeed

app_name = "news"

urlpatterns = [
    path("news/", views.article_list, name="article_list"),
    path("news/feed/", LatestArticlesFeed(), name="feed"),
    path("news/section/<slug:slug>/", views.section, name="section"),
    path("news/section/<slug:slug>/feed/", SectionFeed(), name="section_feed"),
    path("news/<int:pk>/", views.article_detail, name="article_detail"),
    path("news/attachment/<int:pk>/", views.article_attachment, name="article_attachment"),
    path("a/<int:pk>/", views.short_link, name="short"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/attachment/<int:pk>/", views.document_attachment, name="document_attachment"),
]
