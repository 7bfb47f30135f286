"""The preview in Chromium: the tab reloads itself after a save and shows build errors,
with the site's Content-Security-Policy enforced."""

from __future__ import annotations

import pytest

from tests.preview.running import PATIENCE, copy_site, running_preview
from tests.support import save_screenshot

pytestmark = pytest.mark.browser

POST = "/share-like-a-friend/"
GOOD_DATE = "Date: 2026-01-12 09:00"
BAD_DATE = "Date: 2026-13-45 99:00"


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    root = tmp_path_factory.mktemp("live")
    site = copy_site(root / "site")
    with running_preview(root / "preview", site) as preview:
        yield site.content / "share-like-a-friend.md", preview


def open_listening(context, url: str):
    """A tab on `url` whose preview script is connected to the event stream."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("html[data-preview=listening]", state="attached")
    return page


def test_the_tab_reloads_itself_after_a_save(live, browser_context):
    post, preview = live
    context, watch = browser_context
    page = open_listening(context, preview.url + POST)
    sentence = "Saved in the editor, shown without touching the browser."
    with page.expect_navigation(timeout=PATIENCE * 1000):
        post.write_text(post.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    page.wait_for_selector(f"text={sentence}", timeout=PATIENCE * 1000)
    save_screenshot(page, "preview-reloaded")
    watch.assert_clean()


def test_a_broken_post_shows_an_overlay_naming_file_and_line(live, browser_context):
    post, preview = live
    context, watch = browser_context
    page = open_listening(context, preview.url + POST)
    title = page.locator("article h1").inner_text()
    good = post.read_text(encoding="utf-8")
    post.write_text(good.replace(GOOD_DATE, BAD_DATE), encoding="utf-8")
    try:
        overlay = page.locator(".preview-problems")
        overlay.wait_for(state="visible", timeout=PATIENCE * 1000)
        save_screenshot(page, "preview-error-overlay")
        assert "share-like-a-friend.md:2" in overlay.inner_text()
        assert page.locator("article h1").inner_text() == title, "the last good page stays"
        assert preview.get(POST).status == 200
    finally:
        post.write_text(good, encoding="utf-8")
    overlay.wait_for(state="detached", timeout=PATIENCE * 1000)
    watch.assert_clean()
