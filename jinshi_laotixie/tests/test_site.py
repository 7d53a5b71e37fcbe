import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parents[2]


def _load_settings(module, **env):
    """Import a settings module in a fresh interpreter with exactly the given environment."""
    code = f"import importlib; m = importlib.import_module('{module}'); print(m.DEBUG, m.DATABASES['default']['ENGINE'])"
    base_env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}
    return subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env={**base_env, **env}, capture_output=True, text=True)


def test_dev_settings_default_to_sqlite_and_debug():
    result = _load_settings("jinshi_laotixie.settings.dev")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3"]


def test_database_url_selects_postgresql():
    result = _load_settings("jinshi_laotixie.settings.dev", DATABASE_URL="postgres://u@127.0.0.1:5432/x")
    # Django's PostgreSQL backend with a cheaper health check (common/db_backends/postgresql).
    assert result.stdout.split() == ["True", "common.db_backends.postgresql"]


def test_production_refuses_a_missing_secret_key():
    result = _load_settings("jinshi_laotixie.settings.production", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_loads_with_a_secret_key():
    result = _load_settings("jinshi_laotixie.settings.production", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


def test_production_passes_check_deploy():
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "SECRET_KEY": "k" * 20 + "Q9v#x2" * 6, "ALLOWED_HOSTS": "example.org",
           "DJANGO_SETTINGS_MODULE": "jinshi_laotixie.settings.production"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_healthz_ok(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db(transaction=True)
def test_healthz_503_when_database_is_unreachable(client):
    # Point the live connection at a database that does not exist (a real failure, not a mock).
    saved = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        # The in-memory test database is never really closed by Django: hand it a closed handle.
        import sqlite3

        live = connection.connection
        dead = sqlite3.connect(":memory:")
        dead.close()
        connection.connection = dead
    else:
        connection.close()
        connection.settings_dict["PORT"] = "1"
    try:
        response = client.get("/healthz/")
    finally:
        if connection.vendor == "sqlite":
            connection.connection = live
        else:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error"}


def test_public_base_page(client, db):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in html
    assert "data-textsize-toggle" in html and "大字" in html
    assert "textsize-init.js" in html.split("</head>")[0]  # applied before the body paints
    assert 'class="skip-link"' in html
    for label in ["首页", "协会动态", "通知公告", "赛事活动", "专委会", "健身去哪儿", "培训工作", "关于协会"]:
        assert label in html


def test_no_static_asset_comes_from_a_foreign_host(client, db):
    html = client.get("/").content.decode()
    tags = re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html)
    for tag in tags:
        for url in re.findall(r'(?:src|href)="([^"]+)"', tag):
            assert not re.match(r"^(https?:)?//", url), f"external asset: {tag}"


def test_every_navigation_link_answers_without_error(client, db):
    html = client.get("/").content.decode()
    nav = html.split('id="site-nav"')[1].split("</nav>")[0]
    for href in re.findall(r'href="([^"]+)"', nav):
        assert client.get(href).status_code == 200, href


def test_404_page_is_chinese(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_403_and_500_pages_are_chinese(rf, db):
    from jinshi_laotixie import views

    assert "没有权限" in views.permission_denied(rf.get("/")).content.decode()
    response = views.server_error(rf.get("/"))
    assert response.status_code == 500 and "服务器出错了" in response.content.decode()


def test_portal_needs_login(client, db):
    response = client.get(reverse("portal"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_robots_and_sitemap(client, db):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and "sitemap.xml" in robots
    assert client.get("/sitemap.xml").status_code == 200


def _counts():
    from django.apps import apps

    return {model._meta.label: model.objects.count() for model in apps.get_models() if not model._meta.label.startswith(("sessions.", "axes."))}


def _diff(a, b):
    return {k: (a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)}


def test_seed_demo_twice_gives_the_same_counts(db):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    first = _counts()
    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert _diff(first, _counts()) == {}
    from django.contrib.auth import get_user_model

    usernames = set(get_user_model().objects.values_list("username", flat=True))
    assert {"admin", "mishu", "zezhou", "gaoping", "jinrong", "jinneng", "tongxun", "menqiu"} <= usernames


def test_seed_demo_refuses_without_debug(db, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
