"""Cheaper rows for the admin's long changelists.

The admin renders each row's action checkbox through the form renderer: a template render per row,
a third of the people changelist's server time at scale (cProfile: 100 rows, 1.5 of 4.9 s spent in
items_for_result under the profiler). PlainActionCheckbox writes the same element in Python.
"""

from django.contrib.admin import helpers
from django.utils.html import format_html
from django.utils.translation import gettext as _


class PlainActionCheckbox:
    """Mix into a ModelAdmin before ModelAdmin itself: the same <input> as
    ModelAdmin.action_checkbox (checked by common's tests), without a template per row."""

    def action_checkbox(self, obj):
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME, str(obj.pk), label,
        )
