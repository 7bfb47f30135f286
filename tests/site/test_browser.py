"""The site in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import pytest

from tests.support import ROOT, save_screenshot

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[dict]:
    """Serious and critical axe-core violations on the current page (WCAG A/AA rules)."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test`, which runs `npm ci`")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.map(n => n.target.join(' '))}));
        }"""
    )
    return [v for v in result if v["impact"] in {"serious", "critical"}]


@pytest.mark.parametrize("browser_context", [{"bypass_csp": True}], indirect=True)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_home_to_post_is_clean_and_accessible(site, browser_context, scheme):
    context, watch = browser_context
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(site.url + "/")
    assert page.locator("h1").first.is_visible()
    save_screenshot(page, f"home-{scheme}")
    assert axe_violations(page) == []

    first_post = page.locator(".post-list .post-summary__title a").first
    title = first_post.inner_text()
    first_post.click()
    page.wait_for_load_state("load")
    assert page.locator("article h1").inner_text() == title
    save_screenshot(page, f"post-{scheme}")
    assert axe_violations(page) == []
    watch.assert_clean()


def test_keyboard_user_can_skip_to_content(site, browser_context):
    context, watch = browser_context
    page = context.new_page()
    page.goto(site.url + "/about/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible(), "the skip link shows when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    watch.assert_clean()


def test_pages_work_without_csp_bypass_and_without_outside_requests(site, browser_context):
    """With the real CSP enforced, every kind of page loads with no violation or error."""
    context, watch = browser_context
    page = context.new_page()
    for path in ["/", "/archives/", "/tags/", "/categories/", "/say-hello/", "/404.html"]:
        page.goto(site.url + path)
        assert page.locator("main").count() == 1
    page.goto(site.url + "/archives/")
    page.locator("main a.u-url").first.click()
    page.wait_for_load_state("load")
    assert page.locator("article.h-entry h1").count() == 1
    watch.assert_clean()
