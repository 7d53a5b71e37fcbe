"""The authorization matrix (issue 10): every URL pattern of the project, GET and POST, as every role.

The expected answers are the union of jinshi_laotixie/tests/authz_rows.py (site-wide and accounts
URLs) and every app's `<app>/tests/authz.py` AUTHZ_ROWS; admin URLs follow rules derived from
admin.site._registry and each role's permissions (authz_support.admin_expectation). A URL pattern
with neither a row nor a rule fails with a message naming it. A refused POST must leave the row
count of every table unchanged.
"""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from .authz_rows import ROLES, SKIP
from .authz_support import (
    ROLE_USERS,
    admin_expectation,
    admin_url,
    all_cases,
    all_rows,
    allowed,
    build_world,
    expected_for,
    is_refusal,
    outcome,
    row_count_diff,
    row_counts,
)

ROWS, ORIGIN = all_rows()
CASES = [case for case in all_cases() if case.route not in SKIP and case.key not in SKIP]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the whole module, rolled back at its end (each test also runs in a savepoint)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build_world()
            # Log every role in once: a login costs a dozen queries (session, last_login, history,
            # axes' access log), and each test then only presents the session cookie.
            built["_sessions"] = {}
            for role, user_key in ROLE_USERS.items():
                if user_key is not None:
                    client = Client()
                    client.force_login(built[user_key])
                    built["_sessions"][role] = client.cookies[settings.SESSION_COOKIE_NAME].value
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _url(case, row, world):
    if row is not None and "url" in row:
        return row["url"](world)
    if case.admin_kind is not None and (row is None or not ({"kwargs", "args"} & set(row))):
        return admin_url(case, world)
    kwargs = row["kwargs"](world) if "kwargs" in row else None
    args = row["args"](world) if "args" in row else None
    return reverse(case.key, kwargs=kwargs, args=args)


def _client(world, role):
    client = Client()
    if role in world["_sessions"]:
        # A logout in an earlier test deleted the session row only inside that test's savepoint.
        client.cookies[settings.SESSION_COOKIE_NAME] = world["_sessions"][role]
    return client


@pytest.mark.parametrize("case", CASES, ids=[case.key for case in CASES])
def test_every_url_answers_every_role_as_the_table_says(case, world, db):
    row = ROWS.get(case.key)
    if row is None and case.admin_kind is None:
        pytest.fail(
            f"网址 {case.key}（{case.route}）在授权矩阵里没有一行。请在该应用的 tests/authz.py 的 AUTHZ_ROWS 里"
            f"（站点级网址在 jinshi_laotixie/tests/authz_rows.py）写明每个角色的 GET 和 POST 应答。"
        )
    try:
        url = _url(case, row, world)
    except LookupError as exc:
        pytest.fail(str(exc))
    problems = []
    for role in ROLES:
        user = world[ROLE_USERS[role]] if ROLE_USERS[role] else None
        if row is not None:
            expect_get, expect_post = row["get"][role], expected_for(row, "post", role)
        else:
            try:
                expect_get, expect_post = admin_expectation(case, role, user, world)
            except LookupError as exc:
                pytest.fail(str(exc))

        got = outcome(_client(world, role).get(url))
        if got not in allowed(expect_get):
            problems.append(f"GET  {role:<13} expected {expect_get!r:<22} got {got!r}")

        client = _client(world, role)
        before = row_counts()
        got = outcome(client.post(url, {}))
        if got not in allowed(expect_post):
            problems.append(f"POST {role:<13} expected {expect_post!r:<22} got {got!r}")
        if is_refusal(got):
            changed = row_count_diff(before, row_counts())
            if changed:
                problems.append(f"POST {role:<13} was refused ({got!r}) but changed rows: {changed}")
    origin = ORIGIN.get(case.key, "admin rules in jinshi_laotixie/tests/authz_support.py")
    assert not problems, f"{case.key} {url} (table: {origin})\n" + "\n".join(problems)


def test_every_row_names_a_url_that_exists():
    keys = {case.key for case in all_cases()}
    stale = sorted(key for key in ROWS if key not in keys)
    assert not stale, f"这些行对应的网址已不存在，请删除或改名：{stale}"


def test_matrix_covers_admin_and_every_app_namespace():
    keys = {case.key for case in CASES}
    assert {"home", "accounts:login", "admin:index", "admin:accounts_user_change", "admin:auth_group_changelist"} <= keys
    # every app's public landing page is in the matrix, whether from a placeholder or the app's own rows
    for name in ("grassroots:finder", "committees:committee_list", "events:event_list", "training:course_list",
                 "news:article_list", "news:document_list"):
        assert name in keys and name in ROWS
