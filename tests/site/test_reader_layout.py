"""What a reader sees and reaches: focus on every tab stop, the phone's first screen, archives."""

from __future__ import annotations

import pytest

from tests.support import save_screenshot

pytestmark = pytest.mark.browser

# The focused element, and whether a reader can see that it has the focus: its middle is
# on screen and not clipped away (a visually hidden link is, by its 1px parent), and it
# draws an outline at least 2px wide.
FOCUS_SHOWN = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const rect = el.getClientRects()[0] || el.getBoundingClientRect();  // a link's first line
    const x = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    const style = getComputedStyle(el);
    return {
        name: `${el.tagName} ${(el.textContent || el.ariaLabel || "").trim().slice(0, 40)}`,
        seen: rect.width >= 4 && rect.height >= 4 && hit !== null && el.contains(hit),
        outlined: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    };
}"""


def test_every_tab_stop_on_a_post_shows_its_focus(site, browser_context):
    context, watch = browser_context
    page = context.new_page()
    page.goto(f"{site.url}/questions-worth-asking/")
    stops, unseen = [], []
    for _ in range(300):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_SHOWN)
        if stop is None or (stops and stop["name"] == stops[0]["name"]):
            break
        stops.append(stop)
        if not (stop["seen"] and stop["outlined"]):
            unseen.append(stop)
    assert len(stops) > 20, "the post, its lists, read next, sharing and the footer"
    assert unseen == []
    watch.assert_clean()


def test_the_first_posts_title_shows_without_scrolling_on_a_phone(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{site.url}/")
    title = page.locator(".post-list .post-summary__title").first
    box = title.bounding_box()
    assert box["y"] + box["height"] <= 844
    assert page.locator("header.site-header").bounding_box()["height"] <= 160
    save_screenshot(page, "home-phone")
    context.close()


# Where each line of an element's text starts, left to right.
LINE_STARTS = """el => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return Array.from(range.getClientRects(), rect => Math.round(rect.x));
}"""


def test_archive_dates_share_a_column_and_titles_align(site, browser_context):
    context, watch = browser_context
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site.url}/archives/")
    dates = {round(box["x"]) for box in (t.bounding_box() for t in page.locator("main time").all())}
    titles = page.locator("main a.u-url").all()
    assert len(dates) == 1
    assert len({round(title.bounding_box()["x"]) for title in titles}) == 1
    lines = [title.evaluate(LINE_STARTS) for title in titles]
    assert any(len(starts) > 1 for starts in lines), "at 390px some titles wrap"
    for starts in lines:
        assert len(set(starts)) == 1, "a wrapped title's lines start in its column"
    watch.assert_clean()
