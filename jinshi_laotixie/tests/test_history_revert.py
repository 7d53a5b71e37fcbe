"""History and undo in the admin (issue 10): staff revert a record to an earlier version; someone
who may only view it cannot.

django-simple-history's revert view (history_form_view) checks only *view* permission before it
saves a POST: this test found that a staff member with view permission alone could roll a user
back. common/history_guard.py now requires change permission for that POST, for every app's
history admin; the matrix's rule for `*_simple_history` POSTs (403 without change permission)
checks it for every model with history in the admin.
"""

from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse


def _viewer(django_user_model):
    viewer = django_user_model.objects.create_user("viewer", password="pw-Jincheng-2023", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_user", content_type__app_label="accounts"))
    return viewer


def _old_version(user):
    return user.history.order_by("history_id").first()


def test_a_viewer_cannot_revert_a_record(django_user_model, zezhou_coordinator):
    first = _old_version(zezhou_coordinator)
    zezhou_coordinator.full_name = "改过的名字"
    zezhou_coordinator.save()
    client = Client()
    client.force_login(_viewer(django_user_model))
    url = reverse("admin:accounts_user_simple_history", args=[zezhou_coordinator.pk, first.history_id])
    page = client.get(url)
    assert page.status_code == 200  # looking at the old version is allowed
    staff_view = Client()
    staff_view.force_login(django_user_model.objects.create_superuser("su2", password="pw-Jincheng-2023"))
    # what a real revert form would carry (taken from the page a superuser sees), and an empty POST
    for data in (_revert_data(staff_view.get(url)), {}):
        response = client.post(url, data)
        zezhou_coordinator.refresh_from_db()
        assert zezhou_coordinator.full_name == "改过的名字", f"只有查看权限的人把记录回滚了（{response.status_code}）"
        assert response.status_code == 403


def test_staff_can_revert_a_record(client, staff_user, zezhou_coordinator):
    first = _old_version(zezhou_coordinator)
    zezhou_coordinator.full_name = "改过的名字"
    zezhou_coordinator.save()
    client.force_login(staff_user)
    url = reverse("admin:accounts_user_simple_history", args=[zezhou_coordinator.pk, first.history_id])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, _revert_data(page))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    zezhou_coordinator.refresh_from_db()
    assert zezhou_coordinator.full_name == "泽州联络员"


def _revert_data(page):
    """What the revert form would send: the old version's values, as the browser posts them."""
    from django import forms

    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or field.disabled:
            continue
        if isinstance(field, forms.FileField):
            continue  # a browser sends a file input only when a new file is chosen; the form keeps the old one
        if isinstance(value, (list, tuple)) or hasattr(value, "all"):
            data[name] = [getattr(v, "pk", v) for v in (value.all() if hasattr(value, "all") else value)]
        elif hasattr(value, "hour"):  # the admin's split date/time widget
            data[f"{name}_0"], data[f"{name}_1"] = value.strftime("%Y-%m-%d"), value.strftime("%H:%M:%S")
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    return data


def test_a_deleted_record_comes_back_from_its_history(client, make_user, superuser):
    """Undo of a delete: the history view still offers the last version, and saving it brings the
    row back (a superuser here: 秘书处 may not delete users at all)."""
    victim = make_user("to_delete", full_name="将被删除")
    pk = victim.pk
    victim.delete()
    version = victim.history.model.objects.filter(id=pk).exclude(history_type="-").order_by("-history_id").first()
    client.force_login(superuser)
    url = reverse("admin:accounts_user_simple_history", args=[pk, version.history_id])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, _revert_data(page))
    assert response.status_code == 302
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.get(pk=pk).full_name == "将被删除"
