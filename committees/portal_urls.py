"""Pages of committees for logged-in coordinators, correspondents and staff, under /portal/committees/."""

app_name = "committees_portal"

urlpatterns = []
