from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import about_views, bench_views, dashboard, recycle_bin_views, report_views, views

admin.site.site_header = _("晋城市老年人体育协会 管理后台")
admin.site.site_title = _("市老体协管理后台")
admin.site.index_title = _("秘书处工作台")

handler403 = "jinshi_laotixie.views.permission_denied"
handler404 = "jinshi_laotixie.views.page_not_found"
handler500 = "jinshi_laotixie.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("bench/baseline/", bench_views.baseline, name="bench_baseline"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": views.SITEMAPS}, name="sitemap"),
    path("about/", views.about, name="about"),
    path("about/<slug:slug>/", about_views.about_page, name="about_page"),
    path("search/", views.search, name="search"),
    path("portal/", views.workbench, name="portal"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("reports/", report_views.report_index, name="report_index"),
    path("reports/<int:year>/", report_views.report, name="report"),
    path("reports/<int:year>/report.xlsx", report_views.report_xlsx, name="report_xlsx"),
    path("reports/<int:year>/report.docx", report_views.report_docx, name="report_docx"),
    path("accounts/", include("accounts.urls")),
    # Before admin.site.urls, whose catch-all would answer first. Staff-only (admin_view).
    path("admin/recycle-bin/", admin.site.admin_view(recycle_bin_views.recycle_bin_view), name="recycle_bin"),
    path("admin/", admin.site.urls),
    path("find/", include("grassroots.urls")),
    path("committees/", include("committees.urls")),
    path("events/", include("events.urls")),
    path("training/", include("training.urls")),
    path("", include("news.urls")),
    path("portal/grassroots/", include("grassroots.portal_urls")),
    path("portal/committees/", include("committees.portal_urls")),
    path("portal/events/", include("events.portal_urls")),
    path("portal/training/", include("training.portal_urls")),
    path("portal/news/", include("news.portal_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
