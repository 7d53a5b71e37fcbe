"""Accounts and headers (issue 10): lockout and unlock, Chinese password rules, CSRF on every form,
the Content Security Policy and the other security headers, and the production settings."""

import json
import os
import re
import secrets
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from .authz_rows import ROWS
from .authz_support import ROLE_USERS, admin_sample, build_world

PASSWORD = "pw-Jincheng-2023"
CJK = re.compile(r"[\u4e00-\u9fff]")


# ---- lockout -------------------------------------------------------------------------------------------


def _login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_repeated_failures_lock_the_account_with_a_chinese_page_and_staff_unlock_it(client, zezhou_coordinator, staff_user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, "zezhou", "wrong-password")
        assert response.status_code == 200
        assert "用户名或密码不正确" in response.content.decode()
    locked = _login(client, "zezhou", "wrong-password")
    assert locked.status_code in (403, 429)
    assert "登录已暂停" in locked.content.decode()
    # even the right password is refused now
    again = _login(client, "zezhou", PASSWORD)
    assert again.status_code in (403, 429) and "联系市老体协秘书处" in again.content.decode()
    attempt = AccessAttempt.objects.get(username="zezhou")

    # 秘书处 sees the lock in the admin (in Chinese) and deletes it
    staff = Client()
    staff.force_login(staff_user)
    listing = staff.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert "zezhou" in listing.content.decode() and "登录尝试" in listing.content.decode()
    unlocked = staff.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert unlocked.status_code == 302
    assert not AccessAttempt.objects.filter(username="zezhou").exists()

    welcome = _login(client, "zezhou", PASSWORD)
    assert welcome.status_code == 302 and welcome["Location"] == reverse("portal")


def test_a_coordinator_cannot_unlock_anyone(client, zezhou_coordinator):
    client.force_login(zezhou_coordinator)
    response = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_lockout_is_per_username_and_address(client, zezhou_coordinator, gaoping_coordinator):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "zezhou", "wrong-password")
    # another account from the same address still logs in
    assert _login(Client(), "gaoping", PASSWORD).status_code == 302


# ---- password rules in Chinese ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "new_password, expected",
    [
        ("123", ["密码太短，至少需要 8 个字符。", "这个密码太常见了。", "密码只包含数字。"]),
        ("password", ["这个密码太常见了。"]),
        ("zezhou2023", ["太相似"]),
        ("98765432101", ["密码只包含数字。"]),
    ],
)
def test_password_rules_answer_in_chinese(client, zezhou_coordinator, new_password, expected):
    client.force_login(zezhou_coordinator)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 200
    html = response.content.decode()
    for message in expected:
        assert message in html
    assert "This password" not in html and "too short" not in html


def test_password_help_and_mismatch_are_chinese(client, zezhou_coordinator):
    client.force_login(zezhou_coordinator)
    html = client.get(reverse("accounts:password_change")).content.decode()
    assert "你的密码必须包含至少 8 个字符。" in html
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "not-my-password", "new_password1": "Qinshui-River-88", "new_password2": "Qinshui-River-89"},
    )
    html = response.content.decode()
    assert "你的旧密码不正确" in html
    assert "两个密码条目不匹配" in html or "输入的两个密码不一致" in html


def test_strong_password_is_accepted(client, zezhou_coordinator):
    client.force_login(zezhou_coordinator)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Qinshui-River-88", "new_password2": "Qinshui-River-88"},
    )
    assert response.status_code == 302


# ---- CSRF ------------------------------------------------------------------------------------------------------


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self._current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = {"method": (attrs.get("method") or "get").lower(), "token": False, "action": attrs.get("action")}
            self.forms.append(self._current)
        elif tag == "input" and self._current is not None and attrs.get("name") == "csrfmiddlewaretoken":
            self._current["token"] = True

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def _post_forms_without_token(html):
    parser = _Forms()
    parser.feed(html)
    return [f for f in parser.forms if f["method"] == "post" and not f["token"]], len(parser.forms)


def test_every_post_form_carries_a_csrf_token(db, superuser):
    """Every page of the central table as anonymous, a coordinator and staff, and every admin
    change list, add and change page as a superuser."""
    world = build_world()
    pages, checked_forms = [], 0
    for role in ("anonymous", "zezhou", "staff"):
        client = Client()
        if ROLE_USERS[role]:
            client.force_login(world[ROLE_USERS[role]])
        for name, row in ROWS.items():
            if row["get"][role] != 200 or "kwargs" in row:
                continue
            pages.append((client, reverse(name)))
    root = Client()
    root.force_login(superuser)
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages += [(root, reverse(f"{info}_changelist")), (root, reverse(f"{info}_add"))]
        obj = admin_sample(world, model)
        if obj is not None:
            pages.append((root, reverse(f"{info}_change", args=[obj.pk])))
    pages.append((Client(), reverse("admin:login")))
    for client, url in pages:
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        missing, count = _post_forms_without_token(response.content.decode())
        checked_forms += count
        assert not missing, f"{url} 有没有 CSRF 令牌的 POST 表单：{missing}"
    assert checked_forms >= 10


def test_a_post_without_token_is_refused(zezhou_coordinator):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "zezhou", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


# ---- CSP and headers ----------------------------------------------------------------------------------------------


def _csp(response):
    header = response.get("Content-Security-Policy", "")
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inline, self.handlers = [], []
        self._in_inline = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.handlers += [name for name in attrs if name.startswith("on")]
        if tag == "script" and "src" not in attrs and attrs.get("type") not in ("application/json", "application/ld+json"):
            self.inline.append(attrs)
        for name in ("href", "src", "action"):
            if (attrs.get(name) or "").strip().lower().startswith("javascript:"):
                self.handlers.append(f"{name}=javascript:")


PUBLIC_PAGES = ["home", "about", "search", "accounts:login", "grassroots:finder", "news:article_list"]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_csp_is_sent_without_unsafe_inline_scripts_and_pages_need_none(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    policy = _csp(response)
    assert policy, "没有 Content-Security-Policy 头"
    script_src = policy.get("script-src", policy.get("default-src"))
    assert script_src and "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert policy.get("object-src") == ["'none'"]
    assert policy.get("frame-ancestors") == ["'none'"]
    for directive, sources in policy.items():
        foreign = [s for s in sources if s.startswith("http") or s == "*"]
        assert not foreign, f"{directive} 允许外部来源：{foreign}"
    scripts = _Scripts()
    scripts.feed(response.content.decode())
    assert not scripts.inline, f"{name} 有内联脚本，会被 CSP 拦下：{scripts.inline}"
    assert not scripts.handlers, f"{name} 有内联事件处理：{scripts.handlers}"


def test_security_headers_on_every_kind_of_answer(client, db, staff_user):
    answers = [client.get("/"), client.get("/no-such-page/"), client.get(reverse("healthz")), client.get(reverse("admin:login"))]
    for response in answers:
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert "Content-Security-Policy" in response
    assert answers[1].status_code == 404


def test_session_and_csrf_cookies_are_httponly(client, zezhou_coordinator):
    response = client.post(reverse("accounts:login"), {"username": "zezhou", "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies[settings.SESSION_COOKIE_NAME]["httponly"]


# ---- production settings --------------------------------------------------------------------------------------------

PROBE = r"""
import json, django
django.setup()
from django.conf import settings
from django.test import Client
c = Client()
plain = c.get("/robots.txt")
secure = c.get("/robots.txt", secure=True)
health = c.get("/healthz/")
print(json.dumps({
    "session_secure": settings.SESSION_COOKIE_SECURE, "session_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "csrf_secure": settings.CSRF_COOKIE_SECURE, "hsts": settings.SECURE_HSTS_SECONDS, "debug": settings.DEBUG,
    "plain_status": plain.status_code, "plain_location": plain.get("Location", ""),
    "secure_hsts": secure.get("Strict-Transport-Security", ""), "secure_csp": secure.get("Content-Security-Policy", ""),
    "health_status": health.status_code,
}))
"""


def _production_env(**extra):
    # the browser fixture sets DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never would
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        DJANGO_SETTINGS_MODULE="jinshi_laotixie.settings.production",
        SECRET_KEY=secrets.token_urlsafe(48)[:50],
        ALLOWED_HOSTS="portal.example.org,testserver",
        **extra,
    )
    return env


def test_production_cookies_hsts_and_https_redirect():
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=_production_env(), cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert facts["session_secure"] and facts["session_httponly"] and facts["csrf_secure"] and not facts["debug"]
    assert facts["hsts"] >= 31536000
    assert facts["plain_status"] == 301 and facts["plain_location"].startswith("https://")
    assert "max-age=31536000" in facts["secure_hsts"] and "includeSubDomains" in facts["secure_hsts"]
    assert facts["secure_csp"]
    # the load balancer's probe over plain HTTP is not redirected
    assert facts["health_status"] in (200, 503)


def test_check_deploy_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(), cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_a_weak_secret_key():
    env = _production_env()
    env["SECRET_KEY"] = "short"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
    assert CJK.search(result.stderr)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"])
def test_login_never_redirects_off_site(client, zezhou_coordinator, target):
    response = client.post(reverse("accounts:login") + "?next=" + target, {"username": "zezhou", "password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal")
