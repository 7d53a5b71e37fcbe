"""Pages of events for logged-in coordinators, correspondents and staff, under /portal/events/."""

app_name = "events_portal"

urlpatterns = []
