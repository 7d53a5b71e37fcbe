"""Machinery of the authorization matrix: the world of users and objects, every URL pattern of the
project, the admin rules, and a one-query snapshot of every table's row count."""

import importlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import Role

from .authz_rows import PLACEHOLDER_ROWS, ROLES, ROWS

# role -> key of its user in the world (anonymous has none)
ROLE_USERS = {
    "anonymous": None,
    "no_role": "no_role",
    "zezhou": "zezhou_coord",
    "gaoping": "gaoping_coord",
    "correspondent": "correspondent",
    "committee": "committee_officer",
    "staff": "staff",
}

PASSWORD = "pw-Jincheng-2023"


# ---- the apps' contributions ------------------------------------------------------------------


def app_authz_modules():
    """Every `<app>/tests/authz.py` that exists, in settings.LOCAL_APPS order."""
    found = []
    for label in settings.LOCAL_APPS:
        name = f"{label}.tests.authz"
        try:
            found.append((label, importlib.import_module(name)))
        except ModuleNotFoundError as exc:
            if exc.name not in (name, f"{label}.tests"):
                raise
    return found


def all_rows():
    """The central rows, the apps' rows (which replace the foundation's placeholders), and which
    module each row came from, so that a failure says where to look."""
    rows, origin = {}, {}
    for key, row in PLACEHOLDER_ROWS.items():
        rows[key], origin[key] = row, "jinshi_laotixie/tests/authz_rows.py (placeholder)"
    for key, row in ROWS.items():
        rows[key], origin[key] = row, "jinshi_laotixie/tests/authz_rows.py"
    for label, module in app_authz_modules():
        for key, row in getattr(module, "AUTHZ_ROWS", {}).items():
            rows[key], origin[key] = row, f"{label}/tests/authz.py"
    return rows, origin


# ---- the world -------------------------------------------------------------------------------


def _user(username, *, role=None, unit=None, committee=None, is_staff=False, full_name=""):
    from django.contrib.auth import get_user_model

    from grassroots.models import UnitAssignment
    from grassroots.models.organisations import AssignmentRole

    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, is_staff=is_staff, full_name=full_name
    )
    if role:
        user.groups.add(Group.objects.get(name=str(role)))
    if unit is not None:
        kind = AssignmentRole.CORRESPONDENT if role == Role.CORRESPONDENT else AssignmentRole.COORDINATOR
        UnitAssignment.objects.create(user=user, organisation=unit, role=kind)
    if committee is not None:
        from committees.models import CommitteeOfficerAccount

        CommitteeOfficerAccount.objects.create(user=user, committee=committee)
    return user


def _ensure_people(world):
    import datetime as dt

    from common.identity import make_id_number
    from grassroots.models import Person

    for n, key, unit in ((1, "person_zezhou", "zezhou"), (2, "person_gaoping", "gaoping")):
        if key not in world:
            birth = dt.date(1954, 3, n)
            world[key] = Person.objects.create(
                organisation=world[unit], name=f"矩阵人员{n}", gender="F", birth_date=birth,
                id_number=make_id_number("140502", birth, 300 + n * 2, "F"),
            )


def build_world() -> dict:
    """Users of every role with their units, the 门球 officer account, then each app's objects."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from committees.models import Committee
    from grassroots.models import Organisation

    world: dict = {}
    world["city"] = Organisation.objects.get(level=1)
    world["zezhou"] = Organisation.objects.get(slug="zezhou")
    world["gaoping"] = Organisation.objects.get(slug="gaoping")
    world["menqiu"] = Committee.objects.get(slug="menqiu")
    world["staff"] = _user("m_staff", role=Role.SECRETARIAT, is_staff=True, full_name="矩阵秘书")
    world["zezhou_coord"] = _user("m_zezhou", role=Role.COORDINATOR, unit=world["zezhou"], full_name="矩阵泽州")
    world["gaoping_coord"] = _user("m_gaoping", role=Role.COORDINATOR, unit=world["gaoping"], full_name="矩阵高平")
    world["correspondent"] = _user("m_tongxun", role=Role.CORRESPONDENT, unit=world["zezhou"], full_name="矩阵通讯员")
    world["committee_officer"] = _user(
        "m_menqiu", role=Role.COMMITTEE_OFFICER, committee=world["menqiu"], is_staff=True, full_name="矩阵门球"
    )
    world["no_role"] = _user("m_nobody", full_name="矩阵无角色")
    # The admin's sample User is a coordinator, not the staff member looking at it.
    world["admin_sample:accounts.user"] = world["zezhou_coord"]
    # django-axes registers three admins; give each a row so their object pages can be requested.
    world["axes_attempt"] = AccessAttempt.objects.create(
        username="m_zezhou", ip_address="10.0.0.9", user_agent="matrix", failures_since_start=5, get_data="", post_data=""
    )
    world["axes_log"] = AccessLog.objects.create(username="m_zezhou", ip_address="10.0.0.9", user_agent="matrix")
    world["axes_failure"] = AccessFailureLog.objects.create(username="m_zezhou", ip_address="10.0.0.9", user_agent="matrix")

    for label, module in app_authz_modules():
        if label != "grassroots":
            _ensure_people(world)  # later apps may rely on the people grassroots would make
        make_world = getattr(module, "make_world", None)
        if make_world is not None:
            make_world(world)
    _ensure_people(world)
    _ensure_history(world)
    return world


def _ensure_history(world):
    """Objects made by migrations have no historical row; the revert view needs one."""
    for model in admin.site._registry:
        history = getattr(model, "history", None)
        if history is None or not hasattr(history, "bulk_history_create"):
            continue
        obj = admin_sample(world, model)
        if obj is not None and not history.model.objects.filter(**{model._meta.pk.attname: obj.pk}).exists():
            history.bulk_history_create([obj], default_change_reason="authz matrix")


def admin_sample(world, model):
    """The object whose admin pages the matrix requests: a world entry if one is of this model."""
    key = f"admin_sample:{model._meta.label_lower}"
    if key in world:
        return world[key]
    for value in world.values():
        if type(value) is model:
            return value
    return model._default_manager.order_by("pk").first()


# ---- every URL pattern -------------------------------------------------------------------------


@dataclass
class Entry:
    key: str
    route: str
    namespace: str | None
    name: str | None
    pattern: URLPattern = field(repr=False)


def iter_entries(resolver=None, prefix="", namespace=None):
    resolver = resolver or get_resolver()
    for item in resolver.url_patterns:
        route = prefix + str(item.pattern)
        if isinstance(item, URLResolver):
            ns = namespace
            if item.namespace:
                ns = f"{namespace}:{item.namespace}" if namespace else item.namespace
            yield from iter_entries(item, route, ns)
        else:
            key = (f"{namespace}:{item.name}" if namespace else item.name) if item.name else route
            yield Entry(key=key, route=route, namespace=namespace, name=item.name, pattern=item)


ADMIN_MODEL_KINDS = (
    "changelist", "add", "change", "delete", "history", "simple_history",
    "import", "process_import", "export",
)
ADMIN_SITE_KINDS = (
    "index", "login", "logout", "password_change", "password_change_done", "autocomplete", "jsi18n", "view_on_site",
)


@dataclass
class Case:
    """One thing the matrix requests: a URL pattern, or one instance of the admin's per-app page."""

    key: str
    route: str
    admin_kind: str | None = None  # None for non-admin URLs
    model: type | None = None
    app_label: str | None = None


def admin_model_prefixes():
    return {f"admin/{m._meta.app_label}/{m._meta.model_name}/": m for m in admin.site._registry}


def all_cases() -> list[Case]:
    prefixes = admin_model_prefixes()
    cases, seen = [], set()
    for entry in iter_entries():
        if entry.namespace == "admin":
            model = next((m for p, m in prefixes.items() if entry.route.startswith(p)), None)
            if model is not None:
                stem = f"{model._meta.app_label}_{model._meta.model_name}_"
                if entry.name is None:
                    kind = "redirect"  # the bare <object_id>/ that redirects to the change page
                elif entry.name.startswith(stem) and entry.name[len(stem):] in ADMIN_MODEL_KINDS:
                    kind = entry.name[len(stem):]
                elif entry.name.endswith("_password_change"):
                    kind = "user_password"  # UserAdmin names it auth_user_password_change, whatever the model
                else:
                    kind = "custom"
                key = entry.key if entry.name else f"admin:{stem}redirect"
                cases.append(Case(key, entry.route, kind, model))
            elif entry.name == "app_list":
                for label in sorted({m._meta.app_label for m in admin.site._registry}):
                    cases.append(Case(f"admin:app_list[{label}]", entry.route, "app_list", app_label=label))
            elif entry.name is None and entry.route.endswith("(?P<url>.*)$"):
                cases.append(Case("admin:catch_all", entry.route, "catch_all"))
            else:
                cases.append(Case(entry.key, entry.route, entry.name if entry.name in ADMIN_SITE_KINDS else "custom"))
        else:
            cases.append(Case(entry.key, entry.route))
    unique = []
    for case in cases:
        if case.key not in seen:
            seen.add(case.key)
            unique.append(case)
    return unique


# ---- admin rules ---------------------------------------------------------------------------------


def admin_url(case: Case, world) -> str:
    kind, model = case.admin_kind, case.model
    if kind == "app_list":
        return reverse("admin:app_list", kwargs={"app_label": case.app_label})
    if kind == "catch_all":
        return "/admin/no-such-page/"
    if kind == "view_on_site":
        from django.contrib.contenttypes.models import ContentType

        sample = world["zezhou_coord"]
        return reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(sample).pk, sample.pk])
    if model is None:
        return reverse(case.key)
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    if kind in ("changelist", "add", "import", "process_import", "export"):
        return reverse(f"{info}_{kind}")
    obj = admin_sample(world, model)
    if obj is None:
        raise LookupError(
            f"管理后台的 {model._meta.label} 在矩阵的 world 里没有对象：请在该应用的 tests/authz.py make_world() 里创建一个。"
        )
    if kind == "redirect":
        return f"/admin/{model._meta.app_label}/{model._meta.model_name}/{obj.pk}/"
    if kind == "simple_history":
        record = model.history.model.objects.filter(**{model._meta.pk.attname: obj.pk}).order_by("history_id").first()
        return reverse(f"{info}_simple_history", args=[obj.pk, record.history_id])
    return reverse(case.key, args=[obj.pk])


def _model_admin_perms(model, user, obj):
    """What the ModelAdmin itself allows (its has_*_permission overrides included: a log nobody
    edits, a rectification only a failed inspection opens, an organisation that is never deleted)."""
    from django.test import RequestFactory

    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/admin/")
    request.user = user
    return {
        "view": model_admin.has_view_or_change_permission(request, obj),
        "add": model_admin.has_add_permission(request),
        "change": model_admin.has_change_permission(request, obj),
        "delete": model_admin.has_delete_permission(request, obj),
    }


def admin_expectation(case: Case, role: str, user, world=None) -> tuple[object, object]:
    """(expected GET, expected POST) for an admin URL, from the permissions the role holds."""
    kind = case.admin_kind
    if user is None or not (user.is_active and user.is_staff):
        if kind == "login":
            return 200, 200
        if kind == "logout":
            # admin_view sends a non-staff logout to the admin index, which then asks for a login.
            return "redirect", "redirect"
        return 302, 302
    site = {
        "index": (200, 200),
        "login": ("redirect", 200),
        "logout": (405, "redirect"),
        "password_change": (200, 200),
        "password_change_done": (200, 405),
        "autocomplete": (403, 405),
        "jsi18n": (200, 405),
        "view_on_site": (404, 404),  # the sample (a User) has no public page
        "catch_all": (404, 404),
    }
    if kind in site and case.model is None:
        return site[kind]
    if kind == "app_list":
        granted = any(
            user.has_perm(f"{case.app_label}.{action}_{m._meta.model_name}")
            for m in admin.site._registry
            if m._meta.app_label == case.app_label
            for action in ("view", "add", "change", "delete")
        )
        return (200, 200) if granted else (404, 404)
    if kind == "custom" or case.model is None:
        raise LookupError(f"管理后台网址 {case.key}（{case.route}）没有规则：请在 AUTHZ_ROWS 里为它写一行。")

    opts = case.model._meta

    def perm(action):
        return user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")

    view, add, change, delete = perm("view") or perm("change"), perm("add"), perm("change"), perm("delete")
    if world is not None:
        # The committee officer's sample may lie outside their committee (the admin then redirects):
        # ask their ModelAdmin about the model; ask about the object itself for everyone else.
        obj = None if role == "committee" or kind in ("changelist", "add", "import", "process_import", "export") else admin_sample(world, case.model)
        granted = _model_admin_perms(case.model, user, obj)
        view, add, change, delete = view and granted["view"], add and granted["add"], change and granted["change"], delete and granted["delete"]
    # A committee officer may meet an object outside their committee: the admin then redirects
    # to its index ("does not exist"), which is as good as a refusal.
    scoped = (200, "redirect") if role == "committee" else 200
    if kind == "changelist":
        return (200, 200) if view else (403, 403)
    if kind == "add":
        return (200, (200, "redirect")) if add else (403, 403)
    if kind in ("change", "simple_history"):
        get = scoped if view else 403
        return get, ((200, "redirect") if change else 403)
    if kind == "delete":
        return (scoped, (200, "redirect")) if delete else (403, 403)
    if kind == "history":
        return (scoped, scoped) if view else (403, 403)
    if kind == "redirect":
        return "redirect", "redirect"
    if kind == "user_password":
        return (200, 200) if change else (403, 403)
    if kind == "import":
        return (200, 200) if change else (403, 403)
    if kind == "process_import":
        # import-export's process_import is POST-only: a GET is refused with 405 before any permission check.
        return ((200, "redirect", 400, 405), (200, "redirect", 400)) if change else ((403, 405), 403)
    if kind == "export":
        return (200, 200) if view else (403, 403)
    raise LookupError(f"未知的管理后台网址类型 {kind}（{case.key}）")


# ---- answers and row counts ---------------------------------------------------------------------

LOGIN_PATHS = {"/accounts/login/", "/admin/login/"}


def outcome(response):
    """The answer as the table writes it: a status, 302 for a login redirect, "redirect" otherwise."""
    if response.status_code in (301, 302, 303, 307, 308):
        path = urlsplit(response["Location"]).path
        return 302 if path in LOGIN_PATHS else "redirect"
    return response.status_code


def allowed(expected) -> set:
    if isinstance(expected, (tuple, list, set, frozenset)):
        return set(expected)
    return {expected}


def is_refusal(result) -> bool:
    return result == 302 or (isinstance(result, int) and result >= 400)


# Tables whose rows change on purpose with any request: sessions (force_login), axes' login logs.
VOLATILE_TABLES = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}


def _count_sql():
    tables = sorted(
        {
            m._meta.db_table
            for m in apps.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.proxy
        }
        - VOLATILE_TABLES
    )
    qn = connection.ops.quote_name
    parts = [f"SELECT '{t}', COUNT(*) FROM {qn(t)}" for t in tables]
    return " UNION ALL ".join(parts)


def row_counts() -> dict[str, int]:
    """Row count of every table of the project, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(_count_sql())
        return dict(cursor.fetchall())


def row_count_diff(before, after) -> dict:
    return {t: (before.get(t), after.get(t)) for t in set(before) | set(after) if before.get(t) != after.get(t)}


def expected_for(row, method, role):
    table = row.get(method)
    if table is None and method == "post":
        get = allowed(row["get"][role])
        return get | {405}
    return table[role]


__all__ = ["ROLES", "ROLE_USERS"]
