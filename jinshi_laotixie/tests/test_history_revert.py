"""History and undo in the admin (issue 10): staff revert a record to an earlier version; someone
who may only view it cannot.

django-simple-history's revert view (history_form_view) checks only *view* permission before it
handles a POST; what stops a viewer is that the admin form then fails to validate. This pins that
down for the User admin; the matrix's rule for `*_simple_history` POSTs (403 without change
permission) flags any model where a viewer's POST is accepted.
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
    assert client.get(url).status_code == 200  # looking at the old version is allowed
    response = client.post(url, {})
    zezhou_coordinator.refresh_from_db()
    print("viewer POST", response.status_code, zezhou_coordinator.full_name)
    assert response.status_code == 403
    assert zezhou_coordinator.full_name == "改过的名字"


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
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or field.disabled:
            continue
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
