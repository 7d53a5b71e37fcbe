"""Counts of an article's photos and attachments, and of a document's attachments, kept on the row.

The article and document pages read them to skip the query for photos or attachments when there are
none (nearly every article: a query costs 0.5-1 ms of Python on the bench machines). Only
``recount`` writes them, after every save and delete of a photo or attachment (signals, so that
admin inlines, portal formsets, the recycle bin and ``QuerySet.delete()`` are all covered);
``Article.save()`` and ``Document.save()`` leave them out of their UPDATE, so an instance loaded
before a photo was added does not put an old count back. ``bulk_create`` sends no signals: code
that bulk-creates photos or attachments calls ``recount`` itself.
"""

from django.db.models.signals import post_delete, post_save, pre_save

COUNTER_FIELDS = ("photo_count", "attachment_count")

# child model label -> (foreign key to the parent, the parent's counter)
COUNTED = {
    "news.ArticlePhoto": ("article", "photo_count"),
    "news.ArticleAttachment": ("article", "attachment_count"),
    "news.DocumentAttachment": ("document", "attachment_count"),
}


def _writable_fields(model) -> list[str]:
    cached = model.__dict__.get("_fields_without_counters")
    if cached is None:
        cached = [f.attname for f in model._meta.concrete_fields if not f.primary_key and f.name not in COUNTER_FIELDS]
        model._fields_without_counters = cached
    return cached


def without_counters(instance, kwargs: dict) -> dict:
    """save() keyword arguments that update every field of an existing row but its counters."""
    if instance._state.adding or kwargs.get("force_insert") or kwargs.get("update_fields") is not None:
        return kwargs
    deferred = instance.get_deferred_fields()  # as Django does: a row loaded with only() saves what it loaded
    return {**kwargs, "update_fields": [name for name in _writable_fields(type(instance)) if name not in deferred]}


def recount(child_model, parent_id) -> int:
    """Store the number of ``child_model`` rows of the parent on the parent; returns it."""
    fk_name, counter = COUNTED[child_model._meta.label]
    parent_model = child_model._meta.get_field(fk_name).related_model
    count = child_model._base_manager.filter(**{f"{fk_name}_id": parent_id}).count()
    parent_model._base_manager.filter(pk=parent_id).update(**{counter: count})
    return count


def _parent_id(instance):
    return getattr(instance, COUNTED[instance._meta.label][0] + "_id")


def _remember_parent(sender, instance, raw=False, **kwargs):
    """A changed row may have moved to another parent: that one's count changes too."""
    if instance.pk is not None and not instance._state.adding:
        fk_name = COUNTED[sender._meta.label][0]
        instance._counted_parent_id = (
            sender._base_manager.filter(pk=instance.pk).values_list(f"{fk_name}_id", flat=True).first()
        )


def _recount(sender, instance, **kwargs):
    fk_name, counter = COUNTED[sender._meta.label]
    parent_id = _parent_id(instance)
    count = recount(sender, parent_id)
    # The parent object the caller holds (objects.create(article=article), formsets) sees it at once.
    parent = instance._state.fields_cache.get(fk_name)
    if parent is not None and parent.pk == parent_id:
        setattr(parent, counter, count)
    previous = instance.__dict__.pop("_counted_parent_id", None)
    if previous is not None and previous != parent_id:
        recount(sender, previous)


def connect() -> None:
    from django.apps import apps

    for label in COUNTED:
        model = apps.get_model(label)
        pre_save.connect(_remember_parent, sender=model, dispatch_uid=f"counters-pre-{label}")
        post_save.connect(_recount, sender=model, dispatch_uid=f"counters-save-{label}")
        post_delete.connect(_recount, sender=model, dispatch_uid=f"counters-delete-{label}")
