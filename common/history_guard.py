"""Close a hole in django-simple-history's admin revert view, for every app at once.

SimpleHistoryAdmin.history_form_view checks only *view* permission and then, on POST, saves the
old version: a staff member who may only look at a model (a committee officer, say) could roll
its records back. Here a POST to that view needs change permission on the object, as the admin's
own change view does. Installed once from CommonConfig.ready(), so every app's history admin is
covered without importing anything new.
"""

import functools

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


def install() -> None:
    original = SimpleHistoryAdmin.history_form_view
    if getattr(original, "_change_permission_guard", False):
        return

    @functools.wraps(original)
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            # a deleted record (restored from its history) has no live row: ask at model level
            obj = self.get_queryset(request).filter(pk=object_id).first()
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        return original(self, request, object_id, version_id, extra_context)

    history_form_view._change_permission_guard = True
    SimpleHistoryAdmin.history_form_view = history_form_view
