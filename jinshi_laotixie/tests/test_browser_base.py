"""The base page in a real browser: font sizes, the large-text switch, no sideways scrolling."""

import pytest

pytestmark = pytest.mark.browser


def _font_px(page, selector="body"):
    return float(page.evaluate(f"parseFloat(getComputedStyle(document.querySelector('{selector}')).fontSize)"))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_home_normal_and_large_text(browser, live_server, screenshot, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        assert _font_px(page) >= 18
        # Nothing wider than the screen: a phone reader never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(page, f"home-{width}-normal")
        page.click("[data-textsize-toggle]")
        assert _font_px(page) >= 22
        assert page.get_attribute("[data-textsize-toggle]", "aria-pressed") == "true"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(page, f"home-{width}-large")
        # Touch targets: the switch and every navigation link are at least 44px tall.
        heights = page.evaluate(
            "Array.from(document.querySelectorAll('[data-textsize-toggle], .quick-link, .site-footer a'))"
            ".filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect().height)"
        )
        assert heights and min(heights) >= 44
    finally:
        context.close()
