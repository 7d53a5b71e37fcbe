"""Test-only URLconf: the project's URLs plus a second admin site for foundation models whose real
admin an app has not registered yet (Organisation), so that the XSS harness can render them now."""

from django.contrib import admin
from django.urls import path

from grassroots.models import Organisation
from jinshi_laotixie.urls import urlpatterns as project_urlpatterns

site = admin.AdminSite(name="xssadmin")


class OrganisationXssAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "introduction", "address", "contact_person")
    search_fields = ("name",)


site.register(Organisation, OrganisationXssAdmin)

urlpatterns = [path("xss-admin/", site.urls), *project_urlpatterns]
