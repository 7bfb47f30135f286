"""A post with replies in Chromium: the reply form posts to the endpoint with JavaScript
off and the site's own Content-Security-Policy on, and the conversation is accessible."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from tests.site.test_browser import axe_violations
from tests.support import ARTIFACTS, save_screenshot

pytestmark = pytest.mark.browser

POST = "ten-habits-from-online-communities"
WAIT_MS = 10_000


@pytest.mark.parametrize("browser_context", [{"javascript": False}], indirect=True)
def test_the_reply_form_posts_to_the_endpoint_without_javascript(
    conversation_site, browser_context
):
    context, watch = browser_context
    page = context.new_page()
    page.goto(f"{conversation_site.url}/{POST}/")
    replies = page.locator("#replies")
    assert replies.locator("li.p-comment").count() == 3
    save_screenshot(page, "conversation-post-with-replies")
    ARTIFACTS.mkdir(exist_ok=True)
    replies.screenshot(path=str(ARTIFACTS / "conversation-replies.png"))

    source = page.get_by_label("Replied on your own blog? Send us the link:")
    source.fill("https://ana.example/2026/05/three-comments")
    with page.expect_navigation(timeout=WAIT_MS):
        page.get_by_role("button", name="Send").click()
    assert page.url == conversation_site.endpoint
    assert "Your Webmention was received." in page.content()

    [sent] = [post for post in conversation_site.receiver.posts() if post.path == "/webmention"]
    assert parse_qs(sent.body) == {
        "source": ["https://ana.example/2026/05/three-comments"],
        "target": [f"{conversation_site.url}/{POST}/"],
    }
    watch.assert_clean()


@pytest.mark.parametrize("browser_context", [{"javascript": False}], indirect=True)
def test_the_form_asks_for_an_address_before_sending(conversation_site, browser_context):
    context, watch = browser_context
    page = context.new_page()
    page.goto(f"{conversation_site.url}/{POST}/")
    before = len(conversation_site.receiver.posts())
    page.get_by_label("Replied on your own blog? Send us the link:").fill("not an address")
    page.get_by_role("button", name="Send").click()
    assert page.url == f"{conversation_site.url}/{POST}/", "the browser kept the form"
    assert len(conversation_site.receiver.posts()) == before
    watch.assert_clean()


@pytest.mark.parametrize("browser_context", [{"bypass_csp": True}], indirect=True)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_conversation_is_accessible(conversation_site, browser_context, scheme):
    context, watch = browser_context
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{conversation_site.url}/{POST}/")
    page.locator("#replies").scroll_into_view_if_needed()
    save_screenshot(page, f"conversation-{scheme}")
    assert axe_violations(page) == []

    field = page.get_by_label("Replied on your own blog? Send us the link:")
    field.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    outline = field.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "the focused field shows where the keyboard is"
    watch.assert_clean()
