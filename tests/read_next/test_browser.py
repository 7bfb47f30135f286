"""Read next in a real browser: shown under the post, each link reachable by keyboard."""

from __future__ import annotations

import pytest

from tests.support import ARTIFACTS

pytestmark = pytest.mark.browser


def test_read_next_is_shown_and_each_link_takes_the_focus(site, browser_context):
    context, watch = browser_context
    page = context.new_page()
    page.goto(f"{site.url}/the-biggest-networking-mistake/")
    box = page.get_by_role("complementary", name="Read next")
    box.scroll_into_view_if_needed()
    assert box.is_visible()
    links = box.get_by_role("link").all()
    assert 2 <= len(links) <= 3
    for link in links:
        link.focus()
        assert link.evaluate("el => el === document.activeElement")
        assert link.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
    ARTIFACTS.mkdir(exist_ok=True)
    box.screenshot(path=str(ARTIFACTS / "read-next.png"))
    watch.assert_clean()
