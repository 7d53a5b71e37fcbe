"""Pages of training for logged-in coordinators and staff, under /portal/training/."""

from django.urls import path

from . import portal_views as views

app_name = "training_portal"

urlpatterns = [
    path("", views.index, name="index"),
    path("courses/<int:pk>/nominate/", views.nominate, name="nominate"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("figures/<int:year>/", views.figures, name="figures"),
    path("figures/<int:year>/xlsx/", views.figures_xlsx, name="figures_xlsx"),
    path("reminders/", views.reminders, name="reminders"),
    path("certificates/<int:pk>.pdf", views.certificate, name="certificate"),
]
