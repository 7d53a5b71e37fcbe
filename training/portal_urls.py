"""Pages of training for logged-in coordinators, correspondents and staff, under /portal/training/."""

app_name = "training_portal"

urlpatterns = []
