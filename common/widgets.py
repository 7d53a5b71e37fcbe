"""Form widgets for the public filter forms, where rendering speed shows at scale.

Django renders a <select> through its form templates, one template render per <option>: the
finder's three selects (50 options) cost 9 ms of a 25 ms page. PlainSelect writes the same HTML
(same name, id, attributes and selected option, every value and label escaped) in Python.
"""

from html import escape

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.safestring import mark_safe


def attributes_html(attrs: dict) -> str:
    """What django.forms.utils.flatatt writes (name="value" pairs sorted, then the true booleans
    sorted; False and None left out; everything escaped), as one f-string per attribute: flatatt
    goes through format_html_join, which was 3 % of the finder's CPU for its three selects."""
    pairs, flags = [], []
    for name, value in attrs.items():
        if isinstance(value, bool):
            if value:
                flags.append(name)
        elif value is not None:
            pairs.append((name, value))
    pairs.sort()
    flags.sort()
    return "".join(
        [f' {escape(str(name))}="{escape(str(value))}"' for name, value in pairs] + [f" {escape(str(name))}" for name in flags]
    )


class PlainSelect(forms.Select):
    """A single <select> rendered without templates. Option groups are not used on these forms."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        options = []
        for option_value, option_label in self._option_pairs():
            option_value = "" if option_value is None else str(option_value)
            mark = ""
            if option_value in selected:
                mark, selected = " selected", set()  # one selected option, as Django's Select does
            # Labels are plain (or lazily translated) text: escaped like every value here.
            options.append(f'<option value="{escape(option_value)}"{mark}>{escape(str(option_label))}</option>')
        return mark_safe(f"<select{attributes_html(final_attrs)}>" + "".join(options) + "</select>")


    def _option_pairs(self):
        choices = self.choices
        if isinstance(choices, ModelChoiceIterator):
            # Django's iterator reads the queryset with .iterator(): on PostgreSQL a server-side cursor
            # (DECLARE, FETCH, CLOSE: 1.6 ms per select) for a list of a few dozen rows. Read it plainly.
            field = choices.field
            if field.empty_label is not None:
                yield "", field.empty_label
            for obj in choices.queryset.all():
                yield choices.choice(obj)
            return
        yield from choices


def plain_selects(form, css_class: str = "form-select") -> None:
    """Swap every single-choice select of ``form`` for a PlainSelect with the same choices."""
    for field in form.fields.values():
        widget = field.widget
        if type(widget) is forms.Select:
            attrs = {**widget.attrs}
            attrs.setdefault("class", css_class)
            field.widget = PlainSelect(attrs=attrs, choices=field.choices)
