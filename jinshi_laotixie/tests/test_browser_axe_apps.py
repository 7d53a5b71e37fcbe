"""axe-core on the apps' pages with real content (issue 10 item 7): an event with results, a
committee, the finder with a filter, an article, a document, a course, and the portal forms as the
role that fills them. One world (authz_support.build_world) serves every page; each page's
violations are written to screenshots/axe-<name>.json next to its screenshot."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from conftest import login_in_browser

from .authz_support import PASSWORD, build_world
from .test_browser_trust import AXE_JS, ROOT, _axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# (name, url builder taking the world, world key of the user to log in as, or None)
APP_PAGES = [
    ("event-results", lambda w: reverse("events:event_detail", args=[w["event"].pk]), None),
    ("committee", lambda w: reverse("committees:committee_detail", args=[w["committee_menqiu"].slug]), None),
    ("finder-filtered", lambda w: reverse("grassroots:finder") + "?q=%E9%97%A8%E7%90%83", None),
    ("venue", lambda w: reverse("grassroots:venue_detail", args=[w["venue_zezhou"].pk]), None),
    ("article", lambda w: reverse("news:article_detail", args=[w["article_zezhou"].pk]), None),
    ("document", lambda w: reverse("news:document_detail", args=[w["document"].pk]), None),
    ("course", lambda w: reverse("training:course_detail", args=[w["course_past"].pk]), None),
    ("portal-workbench", lambda w: reverse("portal"), "zezhou_coord"),
    ("portal-entry-form", lambda w: reverse("events_portal:entry_create", args=[w["event"].pk]), "zezhou_coord"),
    ("portal-nomination-form", lambda w: reverse("training_portal:nominate", args=[w["course_open"].pk]), "zezhou_coord"),
    ("portal-selfcheck-form", lambda w: reverse(
        "grassroots_portal:selfcheck_fill", kwargs={"year": w["campaign"].year, "org_pk": w["org_zezhou"].pk}), "zezhou_coord"),
    ("portal-draft-form", lambda w: reverse("news_portal:draft_create"), "correspondent"),
]


@pytest.fixture
def axe_contexts(browser):
    """new() opens a desktop context that lets axe be injected; one per logged-in user (cookies)."""
    opened = []

    def new():
        opened.append(browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", bypass_csp=True))
        return opened[-1]

    yield new
    for context in opened:
        context.close()


def test_axe_on_app_pages_with_content(live_server, axe_contexts, screenshot):
    assert AXE_JS.exists(), "node_modules/axe-core 不存在：先运行 npm ci"
    from events.models import Event

    world = build_world()
    Event.objects.filter(pk=world["event"].pk).update(results_released=True)
    results_dir = Path(ROOT / "screenshots")
    results_dir.mkdir(exist_ok=True)
    pages, problems, summary = {}, [], {}
    for name, build, user_key in APP_PAGES:
        key = user_key or "anonymous"
        if key not in pages:
            pages[key] = axe_contexts().new_page()
            if user_key:
                login_in_browser(pages[key], live_server.url, world[user_key].username, PASSWORD)
        page = pages[key]
        response = page.goto(live_server.url + build(world))
        if response.status != 200:
            problems.append(f"{name}: HTTP {response.status}")
            continue
        violations = _axe(page)
        screenshot(page, f"axe-{name}")
        (results_dir / f"axe-{name}.json").write_text(json.dumps(violations, ensure_ascii=False, indent=1), encoding="utf-8")
        summary[name] = {impact: sum(1 for v in violations if v["impact"] == impact) for impact in ("critical", "serious", "moderate", "minor")}
        bad = [v for v in violations if v["impact"] in ("serious", "critical")]
        if bad:
            problems.append(f"{name}: " + json.dumps(bad, ensure_ascii=False))
    (results_dir / "axe-app-pages-summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    assert not problems, "\n".join(problems)
