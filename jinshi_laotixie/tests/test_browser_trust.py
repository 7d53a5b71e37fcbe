"""Real-browser checks (issue 10): axe-core accessibility scan, large text on a phone, the XSS
corpus in Chromium, and the base pages under the real Content Security Policy.

axe-core comes from the npm registry (package.json; `npm ci` in .ci/run) and is injected from
node_modules with page.add_script_tag(content=...). Our CSP allows no inline script, so the axe
and XSS contexts are opened with Playwright's bypass_csp=True: axe needs it to be injected, and
the XSS test must prove that *escaping* stops the payloads, not only the CSP. Every other context
here runs under the real CSP.

The lead extends AXE_PAGES as the apps land (news detail, event page, finder, portal forms …).
"""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from .xss_payloads import XSS_PAYLOADS

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# (screenshot name, URL name, kwargs) — a URL name of None means a literal path
AXE_PAGES = [
    ("home", "home", {}),
    ("login", "accounts:login", {}),
    ("search", "search", {}),
    ("about", "about", {}),
    ("finder", "grassroots:finder", {}),
    ("committees", "committees:committee_list", {}),
    ("events", "events:event_list", {}),
    ("training", "training:course_list", {}),
    ("news", "news:article_list", {}),
    ("news-section", "news:section", {"slug": "dongtai"}),
    ("documents", "news:document_list", {}),
    ("not-found", None, "/no-such-page/"),
]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _url(live_server, name, kwargs):
    if name is None:
        return live_server.url + kwargs
    return live_server.url + reverse(name, kwargs=kwargs or None)


@pytest.fixture
def csp_free_page(browser):
    """A desktop context that ignores the page's CSP (for axe injection and the XSS proof only)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def _axe(page):
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
        }"""
    )


@pytest.mark.parametrize("shot, name, kwargs", AXE_PAGES, ids=[p[0] for p in AXE_PAGES])
def test_axe_finds_no_serious_or_critical_violation(shot, name, kwargs, live_server, csp_free_page, screenshot):
    assert AXE_JS.exists(), "node_modules/axe-core 不存在：先运行 npm ci"
    response = csp_free_page.goto(_url(live_server, name, kwargs))
    assert response.status == (404 if name is None else 200)
    violations = _axe(csp_free_page)
    screenshot(csp_free_page, f"axe-{shot}")
    results_dir = Path(ROOT / "screenshots")
    results_dir.mkdir(exist_ok=True)
    (results_dir / f"axe-{shot}.json").write_text(json.dumps(violations, ensure_ascii=False, indent=1), encoding="utf-8")
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


def test_large_text_on_a_phone_survives_a_reload(live_server, phone_page, screenshot):
    console = []
    phone_page.on("console", lambda m: console.append(m.text))
    phone_page.goto(live_server.url + reverse("home"))
    html = phone_page.locator("html")
    toggle = phone_page.locator("[data-textsize-toggle]").first
    before = phone_page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert "text-large" not in (html.get_attribute("class") or "")
    toggle.click()
    assert "text-large" in (html.get_attribute("class") or "")
    assert toggle.get_attribute("aria-pressed") == "true"
    phone_page.reload()
    assert "text-large" in (phone_page.locator("html").get_attribute("class") or "")
    assert phone_page.locator("[data-textsize-toggle]").first.get_attribute("aria-pressed") == "true"
    after = phone_page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert after > before
    # the switch fits the phone: a 44px touch target, no sideways scrolling
    box = phone_page.locator("[data-textsize-toggle]").first.bounding_box()
    assert box["height"] >= 44
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "phone-large-text-after-reload")
    # all of it worked under the real CSP (site.js and textsize-init.js are external files)
    assert not [m for m in console if "Content Security Policy" in m], console


@pytest.mark.parametrize("name", ["home", "accounts:login", "search", "about"])
def test_base_pages_work_under_the_real_csp(name, live_server, desktop_page):
    messages, errors = [], []
    desktop_page.on("console", lambda m: messages.append(m.text))
    desktop_page.on("pageerror", lambda e: errors.append(str(e)))
    response = desktop_page.goto(live_server.url + reverse(name))
    assert "script-src 'self'" in response.headers.get("content-security-policy", "")
    desktop_page.wait_for_load_state("networkidle")
    assert not [m for m in messages if "Content Security Policy" in m or "Refused" in m], messages
    assert not errors, errors
    # Bootstrap's bundle and site.js really ran
    assert desktop_page.evaluate("typeof window.bootstrap") == "object"


def test_xss_corpus_fires_no_dialog_in_chromium(live_server, csp_free_page, superuser, django_user_model, screenshot):
    dialogs = []
    csp_free_page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    # the detector works: an unescaped payload in this context does fire a dialog
    csp_free_page.set_content(XSS_PAYLOADS[6])
    csp_free_page.wait_for_timeout(200)
    assert dialogs == ["5"], dialogs
    dialogs.clear()
    # stored payloads: one user per payload, all on one admin change list (full name column)
    for n, payload in enumerate(XSS_PAYLOADS):
        django_user_model.objects.create(username=f"xss{n:02d}", full_name=payload.replace("\x00", "")[:50])
    # reflected payloads: the search box
    for payload in XSS_PAYLOADS:
        csp_free_page.goto(live_server.url + reverse("search") + "?" + _query(payload))
        csp_free_page.wait_for_load_state("load")
    page = csp_free_page
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("input[name=username]", "root")
    page.fill("input[name=password]", "pw-Jincheng-2023")
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_load_state("load")
    page.goto(live_server.url + reverse("admin:accounts_user_changelist") + "?o=1")
    page.wait_for_load_state("load")
    assert page.locator("#result_list").count() == 1
    screenshot(page, "xss-admin-user-list")
    # hover and focus everything, in case a handler slipped through as an attribute
    for element in page.locator("#result_list td, #result_list th").all()[:80]:
        element.hover()
    page.wait_for_timeout(300)
    assert dialogs == [], dialogs
    # no payload became markup: no handler attribute, script, frame or foreign element in the list
    injected = page.evaluate(
        """() => [...document.querySelectorAll('#result_list *')].filter(e =>
            [...e.attributes].some(a => a.name.startsWith('on'))
            || ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'svg', 'VIDEO', 'AUDIO', 'DETAILS', 'MARQUEE', 'XSS'].includes(e.tagName)
            || (e.tagName === 'IMG' && !e.getAttribute('src').startsWith('/static/'))
        ).map(e => e.outerHTML.slice(0, 80))"""
    )
    assert injected == [], injected


def _query(payload):
    from urllib.parse import urlencode

    return urlencode({"q": payload.replace("\x00", "")})
