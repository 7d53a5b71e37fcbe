"""Pages of events for logged-in coordinators and staff, under /portal/events/."""

from django.urls import path

from . import portal_views as views

app_name = "events_portal"

urlpatterns = [
    path("", views.entry_index, name="entry_index"),
    path("<int:event_pk>/enter/", views.entry_create, name="entry_create"),
    path("<int:event_pk>/form/", views.entry_sheet, name="entry_sheet"),
    path("<int:event_pk>/export/entries.xlsx", views.export_entries, name="export_entries"),
    path("<int:event_pk>/export/results.xlsx", views.export_results, name="export_results"),
    path("entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/submit/", views.entry_submit, name="entry_submit"),
    path("entries/<int:pk>/withdraw/", views.entry_withdraw, name="entry_withdraw"),
    path("entries/<int:pk>/certificate.pdf", views.participation_certificate, name="participation_certificate"),
    path("awards/<int:pk>/certificate.pdf", views.award_certificate, name="award_certificate"),
]
