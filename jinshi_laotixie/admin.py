from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import ReminderLog, SitePage


@admin.register(SitePage)
class SitePageAdmin(SimpleHistoryAdmin):
    list_display = ("title", "slug", "sort_order", "is_published", "updated_at")
    list_editable = ("sort_order", "is_published")
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ("sent_at", "user", "title", "due")
    list_filter = ("sent_at",)
    search_fields = ("user__username", "user__full_name", "title")
    readonly_fields = ("user", "key", "title", "due", "sent_at")
    date_hierarchy = "sent_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("收件人"))
    def recipient(self, obj):
        return obj.user.display_name
