from django.urls import path

from . import views

app_name = "grassroots"

urlpatterns = [
    path("", views.finder, name="finder"),
    path("venue/<int:pk>/", views.venue_detail, name="venue_detail"),
]
