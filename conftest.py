"""Fixtures shared by every app's tests: the demo units, one user per role, and a browser."""

import datetime as dt
import os
import shutil

import pytest
from django.contrib.auth.models import Group

from accounts.roles import Role


@pytest.fixture(autouse=True, scope="session")
def _jinja2_pages_report_their_context():
    """response.context and assertTemplateUsed for Jinja2 pages too: Django's test client hears of a
    rendered template through the template_rendered signal, which only its own engine sends."""
    from django.template import Context
    from django.template.backends import jinja2 as jinja2_backend
    from django.test.signals import template_rendered

    original = jinja2_backend.Template.render

    class Rendered:
        def __init__(self, name):
            self.name = name

    def render(self, context=None, request=None):
        html = original(self, context, request)
        values = dict(context or {}, request=request) if request is not None else dict(context or {})
        template_rendered.send(sender=self, template=Rendered(self.template.name), context=Context(values))
        return html

    jinja2_backend.Template.render = render
    yield
    jinja2_backend.Template.render = original


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache, so a page cached by one test never leaks into another."""
    from django.core.cache import cache

    cache.clear()
    yield


# Rows that data migrations create (groups are re-made by post_migrate). A transactional test ends
# with a flush that deletes them, and serialized_rollback does not restore them once Playwright's event
# loop has run, so transactional tests put them back before they start.
MIGRATION_DATA = [
    ("grassroots", "0002_tree_rules_and_member_units", "create_tree"),
    ("grassroots", "0003_projects_catalogue", "create_projects"),
    ("grassroots", "0005_liuyou_standard_v1", "create_standard"),
    ("committees", "0002_seed_committees", "create_committees"),
    ("news", "0002_sections", "create_sections"),
    ("jinshi_laotixie", "0002_about_pages", "create_pages"),
]


def restore_migration_data():
    import importlib

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from accounts.roles import sync_roles

    sync_roles()
    # The migrations' own historical models, as during migrate: no history rows, no signals.
    apps = MigrationLoader(connection).project_state().apps
    with connection.schema_editor(atomic=False) as schema_editor:
        for app_label, migration, function in MIGRATION_DATA:
            module = importlib.import_module(f"{app_label}.migrations.{migration}")
            getattr(module, function)(apps, schema_editor)


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (len(marker.args) > 0 and marker.args[0])):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _migration_data_for_transactional_tests(request):
    if _is_transactional(request):
        request.getfixturevalue("transactional_db")
        from grassroots.models import Organisation

        if not Organisation.objects.exists():
            restore_migration_data()
    yield


@pytest.fixture
def city(db):
    from grassroots.models import Organisation

    return Organisation.objects.get(level=1)


@pytest.fixture
def unit(db):
    """unit("zezhou") -> that member unit (created by migration)."""
    from grassroots.models import Organisation

    def get(slug):
        return Organisation.objects.get(slug=slug)

    return get


@pytest.fixture
def zezhou(unit):
    return unit("zezhou")


@pytest.fixture
def gaoping(unit):
    return unit("gaoping")


@pytest.fixture
def make_user(db, django_user_model):
    def make(username, *, role=None, unit=None, committee=None, is_staff=False, password="pw-Jincheng-2023", **extra):
        from grassroots.models import UnitAssignment
        from grassroots.models.organisations import AssignmentRole

        user = django_user_model.objects.create_user(username=username, password=password, is_staff=is_staff, **extra)
        if role:
            user.groups.add(Group.objects.get(name=str(role)))
        if unit is not None:
            assignment_role = AssignmentRole.CORRESPONDENT if role == Role.CORRESPONDENT else AssignmentRole.COORDINATOR
            UnitAssignment.objects.create(user=user, organisation=unit, role=assignment_role)
        if committee is not None:
            from committees.models import CommitteeOfficerAccount

            CommitteeOfficerAccount.objects.create(user=user, committee=committee)
        return user

    return make


@pytest.fixture
def staff_user(make_user):
    return make_user("mishu", role=Role.SECRETARIAT, is_staff=True, full_name="王秘书")


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("root", password="pw-Jincheng-2023")


@pytest.fixture
def zezhou_coordinator(make_user, zezhou):
    return make_user("zezhou", role=Role.COORDINATOR, unit=zezhou, full_name="泽州联络员")


@pytest.fixture
def gaoping_coordinator(make_user, gaoping):
    return make_user("gaoping", role=Role.COORDINATOR, unit=gaoping, full_name="高平联络员")


@pytest.fixture
def correspondent(make_user, zezhou):
    return make_user("tongxun", role=Role.CORRESPONDENT, unit=zezhou, full_name="泽州通讯员")


@pytest.fixture
def committee_officer(make_user, db):
    from committees.models import Committee

    return make_user("menqiu", role=Role.COMMITTEE_OFFICER, committee=Committee.objects.get(slug="menqiu"), is_staff=True)


@pytest.fixture
def plain_user(make_user):
    return make_user("nobody")


@pytest.fixture
def make_person(db):
    """make_person(org, name=..., birth=date, gender="F") -> a Person with a valid ID number."""
    from common.identity import make_id_number
    from grassroots.models import Person

    counter = {"n": 0}

    def make(organisation, *, name=None, birth=dt.date(1955, 5, 1), gender="F", with_id=True, **extra):
        counter["n"] += 1
        n = counter["n"]
        id_number = make_id_number("140502", birth, 100 + n * 2, gender) if with_id else ""
        return Person.objects.create(
            organisation=organisation, name=name or f"测试人员{n}", gender=gender, birth_date=birth, id_number=id_number, **extra
        )

    return make


# ---- a real browser -------------------------------------------------------------------------

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR", os.path.join(os.path.dirname(__file__), "screenshots"))


def _browser_unavailable_reason():
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright 未安装"
    if not (os.path.exists(CHROMIUM_PATH) or shutil.which("chromium")):
        return f"找不到 Chromium（{CHROMIUM_PATH}）：apt-get install chromium fonts-noto-cjk"
    return None


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. In CI a missing browser fails; elsewhere it skips."""
    reason = _browser_unavailable_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI 中浏览器测试不能跳过：{reason}")
        pytest.skip(reason)
    # Playwright's sync API runs an event loop; Django's ORM must still be usable in the test.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """screenshot(page, "name") saves screenshots/name.png for a person to look at."""
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)

    def take(page, name, full_page=True):
        path = os.path.join(SCREENSHOT_DIR, f"{name}.png")
        page.screenshot(path=path, full_page=full_page)
        return path

    return take


def login_in_browser(page, live_server_url, username, password="pw-Jincheng-2023"):
    page.goto(f"{live_server_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_load_state()


@pytest.fixture
def browser_login():
    return login_in_browser
