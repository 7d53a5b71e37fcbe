"""Scope an admin to the committee a 专委会 officer manages.

The committees and events admins use it. Staff (秘书处, superusers) see everything; a
committee officer sees only rows whose `committee_field` path leads to their committee; any other
logged-in admin user sees nothing. Another committee's object answers 404 on its change, delete
and history URLs (the admin's default would redirect to the index with a message).

    class EntryAdmin(CommitteeScopedAdminMixin, admin.ModelAdmin):
        committee_field = "event__committee"          # lookup path from the model to Committee
        committee_scoped_fks = {"event": "committee"}  # FK fields whose choices are scoped too

`committee_field = "pk"` scopes the Committee model itself.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.roles import is_secretariat

from .models import Committee, officer_committee


def committee_pk_of(obj, path: str):
    """Follow `path` ("entry__event__committee") from obj to the committee's primary key, or None."""
    if path == "pk":
        return obj.pk
    *hops, last = path.split("__")
    node = obj
    for hop in hops:
        node = getattr(node, hop, None)
        if node is None:
            return None
    # committee_id avoids loading the committee row.
    return getattr(node, f"{last}_id", None) if hasattr(node, f"{last}_id") else getattr(getattr(node, last, None), "pk", None)


class CommitteeScopedAdminMixin:
    committee_field: str = "committee"
    # Other FK fields on the form, mapped to the lookup path from *their* model to Committee.
    committee_scoped_fks: dict[str, str] = {}

    # -- who is asking ------------------------------------------------------------------------

    def scope_committee(self, request):
        """None for staff (no limit); the officer's committee; or False when the user may see nothing."""
        if is_secretariat(request.user):
            return None
        committee = officer_committee(request.user)
        return committee if committee is not None else False

    def _scope_filter(self, queryset, committee, path):
        if committee is False:
            return queryset.none()
        if committee is None:
            return queryset
        return queryset.filter(**{path: committee.pk} if path != "pk" else {"pk": committee.pk})

    def in_scope(self, request, obj) -> bool:
        committee = self.scope_committee(request)
        if committee is None:
            return True
        if committee is False:
            return False
        return committee_pk_of(obj, self.committee_field) == committee.pk

    # -- reads ------------------------------------------------------------------------------

    def get_queryset(self, request):
        return self._scope_filter(super().get_queryset(request), self.scope_committee(request), self.committee_field)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and self.scope_committee(request) is not None:
            # Out of scope (or missing): 404 rather than the admin's redirect to the index.
            raise Http404
        return obj

    # -- history (django-simple-history's views look records up without get_object) -----------

    def _check_history_scope(self, request, object_id):
        """An officer reads history only of live rows in scope (else 404, like get_object); staff
        also read a deleted record's history, to bring it back."""
        if self.scope_committee(request) is not None and not self.get_queryset(request).filter(pk=object_id).exists():
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._check_history_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_history_scope(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        committee = self.scope_committee(request)
        if committee is not None:
            if db_field.related_model is Committee:
                kwargs["queryset"] = self._scope_filter(Committee.objects.all(), committee, "pk")
            elif db_field.name in self.committee_scoped_fks:
                queryset = kwargs.get("queryset") or db_field.remote_field.model._default_manager.all()
                # distinct(): a path through a reverse relation may match a row more than once.
                kwargs["queryset"] = self._scope_filter(queryset, committee, self.committee_scoped_fks[db_field.name]).distinct()
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if committee is not None and field is not None and db_field.related_model is Committee:
            # An officer's rows always belong to their committee (never to the association).
            field.required = True
            field.empty_label = None
            field.help_text = ""
        return field

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        committee = self.scope_committee(request)
        if committee and self.committee_field == "committee":
            initial.setdefault("committee", committee.pk)
        return initial

    # -- writes -----------------------------------------------------------------------------

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (obj is None or self.in_scope(request, obj))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or self.in_scope(request, obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or self.in_scope(request, obj))

    def save_model(self, request, obj, form, change):
        # The form already limits the committee choices; this is the last line if a form forgets.
        if not self.in_scope(request, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)
