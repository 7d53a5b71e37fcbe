from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/calendar.ics", views.event_calendar, name="event_calendar"),
    path("calendar.ics", views.calendar_feed, name="calendar"),
    path("festivals/", views.festival_list, name="festival_list"),
    path("festivals/<int:edition>/", views.festival_detail, name="festival_detail"),
    path("outreach/", views.outreach, name="outreach"),
]
