"""Pages of news for logged-in coordinators, correspondents and staff, under /portal/news/."""

app_name = "news_portal"

urlpatterns = []
