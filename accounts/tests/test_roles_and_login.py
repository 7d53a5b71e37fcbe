import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import Role, is_coordinator, is_secretariat


@pytest.mark.django_db
def test_role_groups_exist_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"秘书处", "专委会", "联络员", "通讯员"} <= names


@pytest.mark.django_db
def test_roles_have_the_permissions_they_need():
    secretariat = Group.objects.get(name=Role.SECRETARIAT)
    coordinator = Group.objects.get(name=Role.COORDINATOR)
    secretariat_perms = set(secretariat.permissions.values_list("content_type__app_label", "codename"))
    coordinator_perms = set(coordinator.permissions.values_list("content_type__app_label", "codename"))
    assert ("grassroots", "change_organisation") in secretariat_perms
    assert ("grassroots", "delete_person") in secretariat_perms
    assert ("accounts", "change_user") in secretariat_perms
    assert ("grassroots", "add_person") in coordinator_perms
    # A coordinator never deletes: dissolving is a status change.
    assert ("grassroots", "delete_organisation") not in coordinator_perms
    assert ("accounts", "change_user") not in coordinator_perms


def test_role_predicates(staff_user, zezhou_coordinator, plain_user, superuser):
    assert is_secretariat(staff_user) and is_secretariat(superuser)
    assert not is_secretariat(zezhou_coordinator) and not is_secretariat(plain_user)
    assert is_coordinator(zezhou_coordinator) and not is_coordinator(staff_user)


def test_login_page_is_chinese_and_logs_in(client, zezhou_coordinator):
    page = client.get(reverse("accounts:login"))
    assert page.status_code == 200
    assert "登录" in page.content.decode()
    response = client.post(reverse("accounts:login"), {"username": "zezhou", "password": "pw-Jincheng-2023"})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal")


def test_wrong_password_shows_chinese_error(client, zezhou_coordinator):
    response = client.post(reverse("accounts:login"), {"username": "zezhou", "password": "wrong"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_lockout_after_repeated_failures(client, zezhou_coordinator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "zezhou", "password": "wrong"})
    # Even the right password is refused now, with a clear Chinese message.
    response = client.post(reverse("accounts:login"), {"username": "zezhou", "password": "pw-Jincheng-2023"})
    assert response.status_code == 429
    body = response.content.decode()
    assert "登录已暂停" in body and "秘书处" in body
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username(client, zezhou_coordinator, gaoping_coordinator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "zezhou", "password": "wrong"})
    response = client.post(reverse("accounts:login"), {"username": "gaoping", "password": "pw-Jincheng-2023"})
    assert response.status_code == 302


def test_password_change_requires_login(client, db):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_password_change_in_chinese(client, zezhou_coordinator):
    client.force_login(zezhou_coordinator)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "pw-Jincheng-2023", "new_password1": "123", "new_password2": "123"},
    )
    assert response.status_code == 200
    assert "密码" in response.content.decode()
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "pw-Jincheng-2023", "new_password1": "Taiji-Rouliqiu-88", "new_password2": "Taiji-Rouliqiu-88"},
    )
    assert response.status_code == 302
    zezhou_coordinator.refresh_from_db()
    assert zezhou_coordinator.check_password("Taiji-Rouliqiu-88")
