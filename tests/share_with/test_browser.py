"""The share block and fediverse page in Chromium: what the script adds, what works without it."""

from __future__ import annotations

import io
import re
import time
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.support import ARTIFACTS, save_screenshot

pytestmark = pytest.mark.browser

POST = "how-can-i-help-you/"
FEDIVERSE = "share/fediverse/"
READING_LIST = "reading-lists/for-introverts/"
WAIT_MS = 5_000
NO_CLIPBOARD = "Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});"
REFUSING_CLIPBOARD = """
Object.defineProperty(Navigator.prototype, 'clipboard', {
  get: () => ({writeText: () => Promise.reject(new DOMException('no', 'NotAllowedError'))}),
});
"""
NO_NATIVE_SHARE = "delete Navigator.prototype.share; delete Navigator.prototype.canShare;"
RECORD_NATIVE_SHARE = """
Navigator.prototype.share = function (data) {
  window.sharedWith = {title: data.title, url: data.url};
  return Promise.resolve();
};
"""
CONTRAST = """
(element) => {
  const channels = (colour) => colour.match(/[\\d.]+/g).map(Number);
  const background = (node) => {
    for (; node; node = node.parentElement) {
      const [r, g, b, a = 1] = channels(getComputedStyle(node).backgroundColor);
      if (a > 0) return [r, g, b];
    }
    return [255, 255, 255];
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const l1 = luminance(channels(getComputedStyle(element).color));
  const l2 = luminance(background(element));
  return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
}
"""


def stand_in_for(page, url: str) -> list[str]:
    """Answer this page's requests to `url`'s host locally, recording them.

    Only that host: every other request still meets the fixture, which aborts and
    records anything that tries to leave 127.0.0.1.
    """
    parts = urlsplit(url)
    requested: list[str] = []

    def answer(route):
        requested.append(route.request.url)
        route.fulfill(
            status=200, content_type="text/html", body="<!DOCTYPE html><title>stand-in</title>"
        )

    page.route(f"{parts.scheme}://{parts.netloc}/**", answer)
    return requested


def arrive(page, requested: list[str]) -> str:
    """Wait for the navigation a stand-in answered; return the URL it asked for."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while not requested:
        assert time.monotonic() < deadline, "no navigation happened"
        page.wait_for_timeout(50)
    page.wait_for_load_state()
    return requested.pop()


def canonical(page) -> str:
    return page.locator('link[rel="canonical"]').get_attribute("href")


def test_copy_link_copies_the_canonical_url_and_announces_it(site, browser_context):
    context, watch = browser_context
    page = context.new_page()
    page.goto(f"{site.url}/{POST}")
    page.locator('.share-with a[href^="mailto:"]').focus()
    page.keyboard.press("Tab")
    focused = page.evaluate_handle("document.activeElement")
    assert focused.get_attribute("data-share") == "copy", "Tab order follows the list"
    assert focused.evaluate("e => getComputedStyle(e).outlineStyle") == "solid", "focus is visible"
    page.keyboard.press("Enter")
    status = page.locator('.share-with [role="status"]')
    expect(status).to_have_text(
        "Link copied. Paste it in a message to the person you have in mind.", timeout=WAIT_MS
    )
    expect(status).to_be_visible()
    assert status.get_attribute("role") == "status"
    assert (
        page.evaluate("navigator.clipboard.readText()") == canonical(page) == f"{site.url}/{POST}"
    )
    assert page.url == f"{site.url}/{POST}", "copying must not navigate"
    page.locator(".share-with").scroll_into_view_if_needed()
    save_screenshot(page, "share_with-post-block")
    watch.assert_clean()


@pytest.mark.parametrize("clipboard", [NO_CLIPBOARD, REFUSING_CLIPBOARD], ids=["none", "refused"])
def test_when_the_clipboard_cannot_be_written_the_address_is_shown_selected(
    site, browser_context, clipboard
):
    context, watch = browser_context
    page = context.new_page()
    page.add_init_script(clipboard)
    page.goto(f"{site.url}/{POST}")
    page.locator('.share-with [data-share="copy"]').click()
    status = page.locator('.share-with [role="status"]')
    expect(status).to_have_text(f"Copy this address: {site.url}/{POST}", timeout=WAIT_MS)
    assert page.evaluate("getSelection().toString()") == f"{site.url}/{POST}"
    watch.assert_clean()


def test_native_share_appears_only_where_the_browser_has_it(site, browser_context):
    context, watch = browser_context
    without = context.new_page()
    without.add_init_script(NO_NATIVE_SHARE)
    without.goto(f"{site.url}/{POST}")
    expect(without.locator('[data-share="copy"]')).to_be_visible()
    expect(without.locator('[data-share="share"]')).to_be_hidden()

    page = context.new_page()
    page.add_init_script(RECORD_NATIVE_SHARE)
    page.goto(f"{site.url}/{POST}")
    button = page.get_by_role("button", name="Share…")
    expect(button).to_be_visible(timeout=WAIT_MS)
    button.focus()
    page.keyboard.press("Space")
    page.wait_for_function("window.sharedWith !== undefined", timeout=WAIT_MS)
    assert page.evaluate("window.sharedWith") == {
        "title": page.locator("h1").inner_text(),
        "url": canonical(page),
    }
    watch.assert_clean()


def test_the_fediverse_page_checks_remembers_and_forwards(site, browser_context):
    context, watch = browser_context
    page = context.new_page()
    page.goto(f"{site.url}/{POST}")
    expected_text = f"{page.locator('h1').inner_text()} {canonical(page)}"
    page.get_by_text("More ways to share").click()
    page.get_by_role("link", name="Share on Mastodon").click()
    page.wait_for_url(f"{site.url}/{FEDIVERSE}?**")
    shared_page = page.url
    instance = page.get_by_label("Your server")
    expect(page.get_by_label("Your post")).to_have_value(expected_text)
    expect(instance).to_have_value("")
    error = page.locator("#share-fediverse-instance-error")
    for bad in [
        "",
        "not a server",
        "localhost",
        "127.0.0.1",
        "mastodon.social:8080",
        "-x-.example",
        "a/b/../c",
    ]:
        instance.fill(bad)
        instance.press("Enter")
        expect(error).to_be_visible()
        assert error.inner_text()
        assert instance.get_attribute("aria-invalid") == "true"
        assert page.evaluate("document.activeElement.id") == "share-fediverse-instance"
        assert page.url == shared_page and watch.outside_requests == []

    mastodon = stand_in_for(page, "https://mastodon.social/")
    fosstodon = stand_in_for(page, "https://fosstodon.org/")
    instance.fill("  https://Mastodon.Social/@someone ")
    page.get_by_role("button", name="Continue to my server").click()
    forwarded = urlsplit(arrive(page, mastodon))
    assert (forwarded.scheme, forwarded.netloc, forwarded.path) == (
        "https",
        "mastodon.social",
        "/share",
    )
    assert parse_qs(forwarded.query) == {"text": [expected_text]}

    page.goto(shared_page)
    expect(instance).to_have_value("mastodon.social")
    forget = page.get_by_role("button", name="Forget my server")
    expect(forget).to_be_visible()
    page.get_by_role("button", name="Continue to my server").click()
    assert urlsplit(arrive(page, mastodon)).path == "/share"

    page.goto(shared_page)
    page.get_by_role("button", name="Forget my server").click()
    expect(instance).to_have_value("")
    page.reload()
    expect(instance).to_have_value("")
    instance.fill("@me@Fosstodon.org")
    instance.press("Enter")
    assert urlsplit(arrive(page, fosstodon)).path == "/share"
    watch.assert_clean()


@pytest.mark.parametrize("browser_context", [{"javascript": False}], indirect=True)
def test_without_javascript_every_link_still_works(site, browser_context):
    context, watch = browser_context
    page = context.new_page()
    post = f"{site.url}/{POST}"
    page.goto(post)
    # Copy and Share need the script: without it they stay hidden, nothing dead is shown.
    for control in ('[data-share="share"]', '[data-share="copy"]'):
        expect(page.locator(control)).to_be_hidden()
    assert page.locator(".share-with button:visible").count() == 0
    expect(page.locator('.share-with > ul a[href^="mailto:"]')).to_be_visible()
    summary = page.locator(".share-with summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".share-with details")).to_have_attribute("open", "")
    page.keyboard.press("Enter")
    links = page.locator(".share-with li:not([hidden]) > a")
    hrefs = [links.nth(index).get_attribute("href") for index in range(links.count())]
    assert len(hrefs) >= 12
    for index, href in enumerate(hrefs):
        scheme, netloc = urlsplit(href)[:2]
        if scheme in {"mailto", "sms"}:
            assert urlsplit(href).query, href
            continue
        if page.url != post:
            page.go_back()
        if page.locator(".share-with details[open]").count() == 0:
            page.get_by_text("More ways to share").click()
        link = page.locator(".share-with li:not([hidden]) > a").nth(index)
        if netloc == urlsplit(site.url).netloc:
            link.click()
            page.wait_for_load_state()
            assert unquote(page.url) == unquote(href)
        else:
            requested = stand_in_for(page, href)
            link.click()
            assert unquote(arrive(page, requested)) == unquote(href)

    fediverse = next(href for href in hrefs if href.startswith(f"{site.url}/{FEDIVERSE}"))
    page.goto(fediverse)
    expect(page.locator("#share-fediverse-form")).to_be_hidden()
    section = page.locator(f"#{urlsplit(fediverse).fragment}")
    expect(section).to_be_visible()
    expect(section.get_by_label("Text to copy")).to_have_value(
        parse_qs(urlsplit(fediverse).query)["text"][0]
    )
    expect(page.locator(".share-fediverse__post:not(:target)").first).to_be_hidden()
    watch.assert_clean()


def ink_share(png: bytes, ink: tuple[int, ...], paper: tuple[int, ...]) -> float:
    """Share of an image's pixels nearer the ink colour than the paper colour."""
    with Image.open(io.BytesIO(png)) as image:
        data = image.convert("RGB").tobytes()
    pixels = list(zip(data[0::3], data[1::3], data[2::3], strict=True))

    def distance(a, b):
        return sum((x - y) ** 2 for x, y in zip(a, b, strict=True))

    return sum(distance(pixel, ink) < distance(pixel, paper) for pixel in pixels) / len(pixels)


def colours(element) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The computed text colour and background colour of a share control."""
    values = element.evaluate(
        "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
    )
    return tuple(tuple(int(float(n)) for n in re.findall(r"[\d.]+", value)[:3]) for value in values)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_block_and_its_icons_are_readable_in_both_colour_schemes_and_absent_in_print(
    site, browser_context, scheme
):
    context, watch = browser_context
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.add_init_script(RECORD_NATIVE_SHARE)
    with page.expect_response(re.compile(r"/share/icons\.svg$"), timeout=WAIT_MS) as sprite:
        page.goto(f"{site.url}/{POST}")
    assert sprite.value.status == 200 and urlsplit(sprite.value.url).hostname == "127.0.0.1"
    page.get_by_text("More ways to share").click()
    texts = page.locator(
        ".share-with h2, .share-with h2 + p, .share-with summary, .share-with li > *:visible"
    )
    expect(texts.last).to_be_visible()
    for index in range(texts.count()):
        ratio = texts.nth(index).evaluate(CONTRAST)
        assert ratio >= 4.5, f"{texts.nth(index).inner_text()!r}: contrast {ratio:.2f}"

    assert page.locator(".share-with details svg").count() == 0, "More holds text links"
    controls = page.locator(".share-with > ul > li > *:visible")
    assert controls.count() == 3
    for index in range(controls.count()):
        control = controls.nth(index)
        icon = control.locator("svg")
        box = icon.bounding_box()
        assert box["width"] >= 16 and box["height"] >= 16, control.inner_text()
        ink, paper = colours(control)
        deadline = time.monotonic() + WAIT_MS / 1000
        while (drawn := ink_share(icon.screenshot(), ink, paper)) < 0.05:
            assert time.monotonic() < deadline, f"{control.inner_text()!r}: icon not drawn"
            page.wait_for_timeout(50)
        assert drawn < 0.9, f"{control.inner_text()!r}: a block of colour, not an icon"
    page.emulate_media(media="print")
    expect(page.locator(".share-with")).to_be_hidden()
    watch.assert_clean()


@pytest.mark.parametrize(
    ("width", "scheme", "sms_shown"),
    [(1280, "light", False), (1280, "dark", False), (390, "light", True)],
    ids=["wide-light", "wide-dark", "phone"],
)
def test_one_person_first_on_one_row_and_more_ways_open_with_the_keyboard(
    site, browser_context, width, scheme, sms_shown
):
    context, watch = browser_context
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(color_scheme=scheme)
    page.add_init_script(RECORD_NATIVE_SHARE)
    page.goto(f"{site.url}/{POST}")
    primary = page.locator(".share-with > ul > li > *")
    expect(primary.last).to_be_visible(timeout=WAIT_MS)
    assert primary.all_inner_texts() == ["Email it to them", "Copy link", "Share…"]
    block = page.locator(".share-with").bounding_box()
    boxes = [primary.nth(index).bounding_box() for index in range(primary.count())]
    assert len({round(box["y"]) for box in boxes}) == 1, "the primary actions share a row"
    assert boxes[-1]["x"] + boxes[-1]["width"] <= block["x"] + block["width"]
    assert max(box["height"] for box in boxes) < 60, "labels fit without wrapping"

    more = page.locator(".share-with details")
    expect(more.get_by_role("link", name="Share on LinkedIn")).to_be_hidden()
    page.get_by_role("button", name="Share…").focus()
    page.keyboard.press("Tab")
    summary = page.locator(".share-with summary")
    expect(summary).to_be_focused()
    assert summary.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    expect(more.get_by_role("link", name="Share on LinkedIn")).to_be_visible()
    page.keyboard.press("Space")
    expect(more.get_by_role("link", name="Share on LinkedIn")).to_be_hidden()
    page.keyboard.press("Space")
    expect(more.get_by_role("link", name="Share on LinkedIn")).to_be_visible()
    sms = more.get_by_role("link", name="Send as Text message")
    if sms_shown:
        expect(sms).to_be_visible()
    else:
        expect(sms).to_be_hidden()
    ARTIFACTS.mkdir(exist_ok=True)
    name = "phone" if sms_shown else scheme
    path = ARTIFACTS / f"share_with-block-{name}.png"
    page.locator(".share-with").screenshot(path=str(path), timeout=120_000)
    print(f"screenshot: {path}")
    watch.assert_clean()


def test_a_reading_list_is_shared_like_a_post(site, browser_context):
    context, watch = browser_context
    page = context.new_page()
    page.goto(f"{site.url}/{READING_LIST}")
    block = page.locator(".share-with")
    expect(block.locator("h2 + p")).to_have_text(
        "Know an introvert or anyone who dreads small talk? Send this to them."
    )
    block.get_by_role("link", name="Copy link").click()
    expect(block.locator('[role="status"]')).to_contain_text("Link copied", timeout=WAIT_MS)
    assert page.evaluate("navigator.clipboard.readText()") == f"{site.url}/{READING_LIST}"
    block.scroll_into_view_if_needed()
    path = ARTIFACTS / "share_with-reading-list-block.png"
    block.screenshot(path=str(path), timeout=120_000)
    print(f"screenshot: {path}")
    watch.assert_clean()


def test_two_posts_preview_two_different_cards_the_size_their_tags_say(site, browser_context):
    """What a link preview reads: each post's og:image, loaded as Chromium decodes it."""
    context, watch = browser_context
    page = context.new_page()
    cards = {}
    for post in (POST, "be-interested-not-interesting/"):
        page.goto(f"{site.url}/{post}")
        tag = {
            name: page.locator(f'meta[property="og:image{name}"]').get_attribute("content")
            for name in ("", ":width", ":height", ":alt")
        }
        assert tag[":alt"].startswith(page.locator("h1").inner_text())
        page.goto(tag[""])
        size = page.evaluate("[document.images[0].naturalWidth, document.images[0].naturalHeight]")
        assert size == [int(tag[":width"]), int(tag[":height"])] == [1200, 630]
        cards[post] = page.screenshot()
    first, second = cards.values()
    assert first != second, "two posts, two cards"
    watch.assert_clean()
