from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

_labels: dict[tuple[type, str | None], dict[str, str]] = {}


def labels(choices: type[models.Choices]) -> dict:
    """{value: translated label} of a choices class, made once per language and process. A page
    that shows a label per row (search hits, lists) otherwise translates a lazy label for each row,
    a catalogue lookup through Django's per-request language state (about 8 µs each)."""
    key = (choices, get_language())
    found = _labels.get(key)
    if found is None:
        found = _labels[key] = {value: str(label) for value, label in choices.choices}
    return found


class Gender(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


class Level(models.TextChoices):
    """The level of the body that organises an event or a course."""

    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
