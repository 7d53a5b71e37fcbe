"""Pages of grassroots for logged-in coordinators, correspondents and staff, under /portal/grassroots/."""

app_name = "grassroots_portal"

urlpatterns = []
