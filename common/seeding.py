"""Helpers for idempotent demo data: a second run must write nothing, not even history rows."""

from django.db import models


def ensure(model: type[models.Model], lookup: dict, defaults: dict | None = None) -> tuple[models.Model, bool]:
    """Like update_or_create, but saves only when a value really differs (so no new history row)."""
    defaults = defaults or {}
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **defaults), True
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, defaults[name])
        obj.save()
    return obj, False
