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


def quiet_update_or_create(model: type[models.Model], defaults: dict | None = None, create_defaults: dict | None = None, **lookup):
    """update_or_create's signature, ensure()'s behaviour: an unchanged row is not saved again."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **{**(defaults or {}), **(create_defaults or {})}), True
    obj, _created = ensure(model, {"pk": obj.pk}, defaults or {})
    return obj, False
