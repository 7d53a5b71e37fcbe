"""Form widgets for the public filter forms, where rendering speed shows at scale.

Django renders a <select> through its form templates, one template render per <option>: the
finder's three selects (50 options) cost 9 ms of a 25 ms page. PlainSelect writes the same HTML
(same name, id, attributes and selected option, every value and label escaped) in Python.
"""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


class PlainSelect(forms.Select):
    """A single <select> rendered without templates. Option groups are not used on these forms."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        options = []
        for option_value, option_label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            mark = ""
            if option_value in selected:
                mark, selected = " selected", set()  # one selected option, as Django's Select does
            # Labels are plain (or lazily translated) text: escaped like every value here.
            options.append(f'<option value="{escape(option_value)}"{mark}>{escape(str(option_label))}</option>')
        return mark_safe(f"<select{flatatt(final_attrs)}>" + "".join(options) + "</select>")


def plain_selects(form, css_class: str = "form-select") -> None:
    """Swap every single-choice select of ``form`` for a PlainSelect with the same choices."""
    for field in form.fields.values():
        widget = field.widget
        if type(widget) is forms.Select:
            attrs = {**widget.attrs}
            attrs.setdefault("class", css_class)
            field.widget = PlainSelect(attrs=attrs, choices=field.choices)
