"""CommitteeScopedAdminMixin as the events and training admins will use it: deep paths and scoped FKs."""

from types import SimpleNamespace

from django.contrib import admin
from django.contrib.admin.sites import AdminSite

from committees.admin_scoping import CommitteeScopedAdminMixin, committee_pk_of
from committees.models import Officer, OfficerRole


def test_committee_pk_of_follows_a_path():
    obj = SimpleNamespace(entry=SimpleNamespace(event=SimpleNamespace(committee_id=5)))
    assert committee_pk_of(obj, "entry__event__committee") == 5
    assert committee_pk_of(SimpleNamespace(entry=None), "entry__event__committee") is None
    assert committee_pk_of(SimpleNamespace(pk=9), "pk") == 9


class PersonScopedOfficerAdmin(CommitteeScopedAdminMixin, admin.ModelAdmin):
    committee_field = "committee"
    # Person -> Officer -> Committee: the person choices are the committee's own people.
    committee_scoped_fks = {"person": "officer_positions__committee"}


def test_scoped_foreign_key_choices(rf, committee_officer, staff_user, menqiu_officers, pingpang_officer, appoint, menqiu):
    appoint(menqiu, OfficerRole.MEMBER, name="冯国栋第二职务", ended_on=None)
    model_admin = PersonScopedOfficerAdmin(Officer, AdminSite())
    request = rf.get("/")
    request.user = committee_officer
    field = model_admin.formfield_for_foreignkey(Officer._meta.get_field("person"), request)
    assert set(field.queryset) == {o.person for o in Officer.objects.filter(committee=menqiu)}
    committee_field = model_admin.formfield_for_foreignkey(Officer._meta.get_field("committee"), request)
    assert list(committee_field.queryset) == [menqiu] and committee_field.required
    request.user = staff_user
    field = model_admin.formfield_for_foreignkey(Officer._meta.get_field("person"), request)
    assert pingpang_officer.person in field.queryset
    assert model_admin.has_change_permission(request, pingpang_officer)
    request.user = committee_officer
    assert not model_admin.has_change_permission(request, pingpang_officer)
    assert not model_admin.has_delete_permission(request, pingpang_officer)
    assert model_admin.has_change_permission(request, menqiu_officers["director"])
