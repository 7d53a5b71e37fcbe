"""Pages of grassroots for logged-in coordinators and staff, under /portal/grassroots/."""

from django.urls import path

from . import portal_views as views

app_name = "grassroots_portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/add/", views.organisation_form, name="organisation_add"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_form, name="organisation_edit"),
    path("organisations/<int:pk>/dissolve/", views.organisation_dissolve, name="organisation_dissolve"),
    path("people/", views.person_list, name="person_list"),
    path("people/add/", views.person_form, name="person_add"),
    path("people/<int:pk>/edit/", views.person_form, name="person_edit"),
    path("venues/", views.venue_list, name="venue_list"),
    path("venues/add/", views.venue_form, name="venue_add"),
    path("venues/<int:pk>/edit/", views.venue_form, name="venue_edit"),
    path("teams/", views.team_list, name="team_list"),
    path("teams/add/", views.team_form, name="team_add"),
    path("teams/<int:pk>/edit/", views.team_form, name="team_edit"),
    path("selfchecks/", views.selfcheck_list, name="selfcheck_list"),
    path("selfchecks/<int:year>/<int:org_pk>/", views.selfcheck_fill, name="selfcheck_fill"),
    path("rectifications/<int:pk>/", views.rectification_report, name="rectification_report"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("export/<slug:kind>.xlsx", views.export_xlsx, name="export"),
    path("import/<slug:kind>/", views.import_xlsx, name="import"),
    path("import/<slug:kind>/template.xlsx", views.import_template, name="import_template"),
]
