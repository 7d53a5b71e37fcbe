"""Reads and the restore of the 回收站 (see __init__.py)."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import CharField, Exists, F, OuterRef, Value
from django.utils.translation import gettext as _

# Rows cascade-deleted with a parent get their history rows within the same delete (Django deletes
# children first, in one transaction). A window this wide never catches a member removed by hand
# on another day, and survives a slow delete of a large team.
CASCADE_WINDOW = dt.timedelta(seconds=30)
RESTORE_REASON = "从回收站恢复"


class RestoreRefused(Exception):
    """The restore would break a rule of the data; nothing was written. messages are in Chinese."""

    def __init__(self, messages: list[str]):
        super().__init__(" ".join(messages))
        self.messages = messages


def history_model(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


def _pk_name(model) -> str:
    return model._meta.pk.attname


def deleted_versions(model) -> models.QuerySet:
    """History rows of `model` that are deletes and the latest row of their record."""
    history = history_model(model)
    pk = _pk_name(model)
    later = history.objects.filter(**{pk: OuterRef(pk)}, history_id__gt=OuterRef("history_id"))
    return history.objects.filter(history_type="-").exclude(Exists(later))


def deleted_rows(bin_models: dict[str, type[models.Model]]):
    """(label, pk, history_id, history_date, history_user_id) of every record in the bin for the
    given models, newest delete first, as one query (a UNION) that a Paginator can slice."""
    parts = [
        deleted_versions(model).order_by().annotate(
            r_label=Value(label, output_field=CharField()), r_pk=F(_pk_name(model)), r_hid=F("history_id"),
            r_date=F("history_date"), r_user=F("history_user_id"),
        ).values_list("r_label", "r_pk", "r_hid", "r_date", "r_user")
        for label, model in bin_models.items()
    ]
    if not parts:
        return []
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return query.order_by("-r_date", "-r_hid")


def cascade_children(model):
    """(child model, FK field) for every model with history that a delete of `model` cascades to."""
    found = []
    for rel in model._meta.related_objects:
        if not (rel.one_to_many or rel.one_to_one) or rel.on_delete is not models.CASCADE:
            continue
        child = rel.related_model
        if hasattr(child._meta, "simple_history_manager_attribute"):
            found.append((child, rel.field))
    return found


def children_deleted_with(model, pk, deleted_at) -> list[tuple[type[models.Model], object]]:
    """(child model, delete history row) of the rows that went with this record's delete."""
    rows = []
    for child, fk in cascade_children(model):
        versions = deleted_versions(child).filter(
            **{fk.attname: pk},
            history_date__gte=deleted_at - CASCADE_WINDOW,
            history_date__lte=deleted_at + CASCADE_WINDOW,
        ).order_by("history_id")
        rows.extend((child, version) for version in versions)
    return rows


def deleted_with_counts(model, deletes: list[tuple[object, dt.datetime]]) -> dict[object, dict[str, int]]:
    """For each (pk, deleted_at) of ``model``: {child verbose name: rows deleted with it}, in one
    query per child model for the whole list (children_deleted_with asks per record)."""
    counts: dict[object, dict[str, int]] = {pk: {} for pk, _at in deletes}
    if not deletes:
        return counts
    when = dict(deletes)
    earliest, latest = min(when.values()) - CASCADE_WINDOW, max(when.values()) + CASCADE_WINDOW
    for child, fk in cascade_children(model):
        name = str(child._meta.verbose_name)
        versions = deleted_versions(child).filter(
            **{f"{fk.attname}__in": list(when)}, history_date__gte=earliest, history_date__lte=latest
        ).values_list(fk.attname, "history_date")
        for parent_pk, deleted_at in versions:
            if abs(deleted_at - when[parent_pk]) <= CASCADE_WINDOW:
                counts[parent_pk][name] = counts[parent_pk].get(name, 0) + 1
    return counts


@dataclass
class Planned:
    model: type[models.Model]
    deleted: object  # the '-' history row
    instance: models.Model = field(init=False)

    def __post_init__(self):
        history = history_model(self.model)
        pk = _pk_name(self.model)
        last = (
            history.objects.filter(**{pk: getattr(self.deleted, pk)}, history_id__lt=self.deleted.history_id)
            .exclude(history_type="-").order_by("-history_id").first()
        )
        self.instance = (last or self.deleted).instance


def plan_restore(model, pk) -> list[Planned]:
    """The record and, depth first, everything cascade-deleted with it; parents before children."""
    deleted = deleted_versions(model).filter(**{_pk_name(model): pk}).first()
    if deleted is None:
        raise RestoreRefused([_("这条记录不在回收站里（可能已经恢复过了）。")])
    plan, todo = [], [Planned(model, deleted)]
    while todo:
        item = todo.pop(0)
        plan.append(item)
        todo.extend(
            Planned(child, version)
            for child, version in children_deleted_with(item.model, item.instance.pk, item.deleted.history_date)
        )
    return plan


def _label(item: Planned) -> str:
    return f"{item.model._meta.verbose_name}“{item.instance}”"


def _check(plan: list[Planned]) -> list[str]:
    """Everything that would stop the restore, in Chinese; empty when it can go ahead."""
    errors = []
    coming_back = {(item.model._meta.concrete_model, item.instance.pk) for item in plan}
    for item in plan:
        obj = item.instance
        for fk in obj._meta.concrete_fields:
            if not fk.is_relation or getattr(obj, fk.attname) is None:
                continue
            target = fk.remote_field.model
            target_pk = getattr(obj, fk.attname)
            if (target._meta.concrete_model, target_pk) in coming_back:
                continue
            if not target._base_manager.filter(**{fk.target_field.attname: target_pk}).exists():
                if fk.null:
                    setattr(obj, fk.attname, None)  # e.g. the author's account is gone: keep the record
                else:
                    errors.append(_("无法恢复%(obj)s：它所属的%(target)s已不存在。") % {
                        "obj": _label(item), "target": target._meta.verbose_name})
        try:
            obj.validate_unique()
            obj.validate_constraints()
        except ValidationError as exc:
            for message in exc.messages:
                errors.append(_("无法恢复%(obj)s：%(why)s") % {"obj": _label(item), "why": message})
    return errors


def record_restore(*, model, pk, user) -> list[Planned]:
    """Bring the record back with its original pk, and the rows deleted with it, all or nothing.

    Raises RestoreRefused (nothing written) when a rule of the data would break, e.g. a new person
    with the same ID number was registered since the delete."""
    plan = plan_restore(model, pk)
    errors = _check(plan)
    if errors:
        raise RestoreRefused(errors)
    try:
        with transaction.atomic():
            for item in plan:
                obj = item.instance
                # save() stamps auto_now_add fields as if the record were new: put the originals back.
                created = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields
                           if getattr(f, "auto_now_add", False)}
                obj._history_user = user
                obj._change_reason = RESTORE_REASON
                obj.save(force_insert=True)
                if created:
                    type(obj)._base_manager.filter(pk=obj.pk).update(**created)
    except IntegrityError:
        # A rule the checks above could not see (a race with another save): all rolled back.
        raise RestoreRefused([_("恢复会与现有记录冲突，已取消，没有恢复任何内容。")]) from None
    return plan
