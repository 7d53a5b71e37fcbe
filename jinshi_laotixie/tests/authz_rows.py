"""The authorization table for the site-wide and accounts URLs (issue 10).

Each app adds its own rows in `<app>/tests/authz.py` (AUTHZ_ROWS); test_authz_matrix.py joins them.
A row, keyed by the URL name ("namespace:name"):

    "kwargs": lambda world: {...}     # URL kwargs (optional); or "args": lambda world: [...]
    "url":    lambda world: "/path/"  # instead of kwargs/args, when reverse() cannot build it
    "get":    {role: expected, ...}   # for every role in ROLES
    "post":   {role: expected, ...}   # POST with an empty body; None = same as get (405 also accepted)
    "skip":   "why"                   # only for patterns that cannot be requested (say why)

Expected values: an HTTP status (200, 403, 404, 405 …); 302 means "redirect to a login page"
(ours or the admin's); "redirect" means a redirect anywhere else; a tuple means any of these.
Admin URLs need no rows: test_authz_matrix.py derives them from admin.site._registry and the
permissions each role holds; a row for an admin URL name ("admin:events_event_change") overrides it.
"""

ROLES = ("anonymous", "no_role", "zezhou", "gaoping", "correspondent", "committee", "staff")
LOGGED_IN = ROLES[1:]


def every(value, **overrides):
    """{role: value} for every role, with some roles overridden: every(200, anonymous=302)."""
    table = dict.fromkeys(ROLES, value)
    table.update(overrides)
    return table


ROWS = {
    # Site-wide pages (jinshi_laotixie/urls.py).
    "home": {"get": every(200), "post": every(200)},
    "about": {"get": every(200), "post": every(200)},
    "search": {"get": every(200), "post": every(200)},
    "healthz": {"get": every(200), "post": every(405)},
    # The benchmark's do-nothing view (require_GET).
    "bench_baseline": {"get": every(200), "post": every(405)},
    # An about page staff edit in the admin (made by migration 0002); public, a POST reads it too.
    "about_page": {"kwargs": lambda w: {"slug": w["site_page"].slug}, "get": every(200), "post": every(200)},
    "robots_txt": {"get": every(200), "post": every(405)},
    "sitemap": {"get": every(200), "post": every(200)},
    # The workbench: any login (a user without a role sees an empty list), never anonymous.
    "portal": {"get": every(200, anonymous=302), "post": every(200, anonymous=302)},
    # Accounts.
    "accounts:login": {
        # redirect_authenticated_user: a logged-in user is sent on to the workbench.
        "get": every("redirect", anonymous=200),
        "post": every("redirect", anonymous=200),
    },
    # Logout is POST-only since Django 5.
    "accounts:logout": {"get": every(405), "post": every("redirect")},
    "accounts:password_change": {"get": every(200, anonymous=302), "post": every(200, anonymous=302)},
    "accounts:password_change_done": {"get": every(200, anonymous=302), "post": every(405, anonymous=302)},
    # Issue 8 (site): staff-only dashboard and annual report; a coordinator gets 403, never figures.
    "dashboard": {"get": every(403, anonymous=302, staff=200), "post": every(403, anonymous=302, staff=200)},
    "report_index": {"get": every(403, anonymous=302, staff="redirect"), "post": every(403, anonymous=302, staff="redirect")},
    "report": {"kwargs": lambda w: {"year": 2022}, "get": every(403, anonymous=302, staff=200), "post": every(403, anonymous=302, staff=200)},
    "report_xlsx": {"kwargs": lambda w: {"year": 2022}, "get": every(403, anonymous=302, staff=200), "post": every(403, anonymous=302, staff=200)},
    "report_docx": {"kwargs": lambda w: {"year": 2022}, "get": every(403, anonymous=302, staff=200), "post": every(403, anonymous=302, staff=200)},
    # Organisations are dissolved (撤销), never deleted: whoever may see one is sent to its page with
    # a message saying so (GET and POST alike, nothing deleted); the officer, who may not, gets 403.
    # (Here, not in grassroots/tests/authz.py, whose own matrix holds only grassroots' URL names.)
    "admin:grassroots_organisation_delete": {
        "args": lambda w: [w["org_zezhou"].pk],
        "get": every(302, committee=403, staff="redirect"),
        "post": every(302, committee=403, staff="redirect"),
    },
    # The admin's 回收站 (recycle bin, a custom admin page): secretariat staff only; the committee
    # officer is staff but may see it no more than other committees' rows. An empty POST restores
    # nothing and goes back to the list with a message.
    "recycle_bin": {"get": every(302, committee=403, staff=200), "post": every(302, committee=403, staff="redirect")},
}

# The foundation's placeholder pages for the apps' landing URLs. An app's own AUTHZ_ROWS replace
# these rows as soon as the app's authz.py exists.
PLACEHOLDER_ROWS = {
    "grassroots:finder": {"get": every(200), "post": every(200)},
    "committees:committee_list": {"get": every(200), "post": every(200)},
    "events:event_list": {"get": every(200), "post": every(200)},
    "training:course_list": {"get": every(200), "post": every(200)},
    "news:article_list": {"get": every(200), "post": every(200)},
    "news:section": {"kwargs": lambda w: {"slug": "dongtai"}, "get": every(200), "post": every(200)},
    "news:document_list": {"get": every(200), "post": every(200)},
}

# URL patterns that the matrix cannot request, each with the reason. Keep this list short.
SKIP = {
    # Serves MEDIA_ROOT only when DEBUG is on (development); never mounted in tests or production.
    "^media/(?P<path>.*)$": "DEBUG-only media serving",
}
