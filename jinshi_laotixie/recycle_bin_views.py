"""The 回收站 admin page: records deleted in the admin, and a button that brings each one back.

Secretariat staff (and superusers) only, and of those only the models they may delete: a
committee officer never sees it, so no committee's rows leak to another. The generic reads and
the restore are in common/recycle_bin; the apps register their models there.
"""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.roles import is_secretariat
from common.recycle_bin import recycle_bin
from common.recycle_bin.services import RestoreRefused, deleted_rows, deleted_with_counts, history_model, record_restore

PER_PAGE = 30


def bin_models_for(user) -> dict:
    """The registered models this user may restore (delete permission on each)."""
    if not is_secretariat(user):
        return {}
    return {
        label: model for label, model in recycle_bin.models().items()
        if user.has_perm(f"{model._meta.app_label}.delete_{model._meta.model_name}")
    }


def _admin_url(model, kind, pk):
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{kind}", args=[pk])
    except NoReverseMatch:
        return ""


@require_http_methods(["GET", "POST"])
def recycle_bin_view(request):
    allowed = bin_models_for(request.user)
    if not allowed:
        raise PermissionDenied
    chosen = request.GET.get("model") or request.POST.get("filter") or ""
    if request.method == "POST":
        return _restore(request, allowed, chosen)
    shown = {chosen: allowed[chosen]} if chosen in allowed else allowed
    page = Paginator(deleted_rows(shown), PER_PAGE).get_page(request.GET.get("p"))
    context = {
        **admin.site.each_context(request),
        "title": _("回收站"),
        "page_obj": page,
        "rows": _describe(page.object_list, allowed),
        "models": [(label, model._meta.verbose_name) for label, model in allowed.items()],
        "chosen": chosen if chosen in allowed else "",
        "filter_query": urlencode({"model": chosen}) if chosen in allowed else "",
    }
    return TemplateResponse(request, "admin/recycle_bin.html", context)


def _describe(page_rows, allowed) -> list[dict]:
    """What the table shows for each row of the page: the record as it was, who deleted it, when,
    and the rows that went with it. A few queries per kind on the page, not per row."""
    page_rows = list(page_rows)
    users = get_user_model()._base_manager.in_bulk({row[4] for row in page_rows if row[4]})
    versions, went_with = {}, {}
    for label in {row[0] for row in page_rows}:
        model, rows = allowed[label], [row for row in page_rows if row[0] == label]
        found = history_model(model).objects.in_bulk([row[2] for row in rows])
        # Keyed by kind too: each history table numbers its rows on its own.
        instances = {(label, history_id): version.instance for history_id, version in found.items()}
        # The rows' names (str()) read their foreign keys, e.g. an entry's item: one query each.
        relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
        prefetch_related_objects(list(instances.values()), *relations)
        versions.update(instances)
        went_with[label] = deleted_with_counts(model, [(row[1], row[3]) for row in rows])
    described = []
    for label, pk, history_id, deleted_at, user_id in page_rows:
        model = allowed[label]
        user = users.get(user_id)
        described.append({
            "label": label,
            "pk": pk,
            "kind": model._meta.verbose_name,
            "text": str(versions[label, history_id]),
            "deleted_by": (getattr(user, "display_name", "") or user.get_username()) if user else _("（未知）"),
            "deleted_at": deleted_at,
            "children": [_("%(kind)s %(n)s 条") % {"kind": name, "n": count} for name, count in went_with[label][pk].items()],
            "history_url": _admin_url(model, "history", pk),
        })
    return described


def _restore(request, allowed, chosen):
    back = reverse("recycle_bin") + (f"?{urlencode({'model': chosen})}" if chosen in allowed else "")
    model = allowed.get(request.POST.get("model", ""))
    pk = request.POST.get("pk", "")
    if model is None or not pk.isdigit():
        messages.error(request, _("请选择要恢复的记录。"))
        return redirect(back)
    try:
        plan = record_restore(model=model, pk=int(pk), user=request.user)
    except RestoreRefused as refused:
        for message in refused.messages:
            messages.error(request, message)
        return redirect(back)
    restored = plan[0].instance
    extra = len(plan) - 1
    text = _("已恢复%(kind)s“%(obj)s”。") % {"kind": model._meta.verbose_name, "obj": restored}
    if extra:
        text += _("同时恢复了与它一起删除的 %(n)s 条相关记录。") % {"n": extra}
    messages.success(request, text)
    return redirect(back)
