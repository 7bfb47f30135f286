"""The introduction page, /introduce/: three emails of a double opt-in introduction, as
templates to copy without JavaScript and filled in from the form with it (RFC 6068 links)."""

from __future__ import annotations

import gzip
import shutil
from urllib.parse import quote, unquote, urlsplit

import pytest
from playwright.sync_api import expect

from tests.share_with.test_browser import CONTRAST, WAIT_MS
from tests.site.test_browser import axe_violations
from tests.site.test_validator import nu_check
from tests.support import parse_html, save_screenshot

INTRODUCE = "introduce/"
PLACEHOLDERS = ["[Name A]", "[Name B]", "[Why they should meet]", "[Post title]", "[Post address]"]
TRICKY = {
    "name_a": "Zoë & Ann",
    "email_a": "zoë+intro@example.org",
    "name_b": "Bo #1",
    "email_b": "bo?x=1@example.org",
    "reason": "Both run 100% remote teams = lots to share?\nZoë hired 3 people in Q4 🎉 + more",
}


def mailto_parts(href: str) -> tuple[str, str, str]:
    """(address, subject, body) of a mailto: link, decoded as RFC 6068 says."""
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    fields = dict(pair.split("=", 1) for pair in parts.query.split("&"))
    assert set(fields) == {"subject", "body"}
    return unquote(parts.path), unquote(fields["subject"]), unquote(fields["body"])


def rfc6068(text: str) -> str:
    """What encodeURIComponent makes of a header value with CRLF line breaks."""
    return quote(text.replace("\n", "\r\n"), safe="!*'()")


def test_the_page_is_built_listed_and_linked(site):
    page = parse_html(site.page(INTRODUCE))
    assert page.select_one("h1").get_text() == "Introduce two people"
    assert page.select_one("[data-pagefind-body]"), "readers can find it with search"
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{site.url}/{INTRODUCE}</loc>" in sitemap
    post = parse_html(site.page("the-art-of-the-introduction/"))
    assert post.select_one(f'article a[href="{site.url}/{INTRODUCE}"]'), "the post links the page"
    assert page.select_one(f'link[href="{site.url}/theme/share_with/introduce.css"]')
    script = page.select_one(f'script[src="{site.url}/theme/share_with/introduce.js"]')
    assert script.has_attr("defer") and not script.get_text(strip=True)
    assert not page.select("[style], script:not([src]):not([type='application/ld+json'])")
    served = (site.output / "theme/share_with/introduce.js").read_bytes()
    assert len(gzip.compress(served, 9)) < 2048


def test_without_javascript_three_templates_to_copy_each_a_working_mailto(site):
    page = parse_html(site.page(INTRODUCE))
    form = page.select_one("form#introduce-form")
    assert form.has_attr("hidden"), "the form needs the script, so it starts hidden"
    for field in form.select("input, textarea, select"):
        assert page.select_one(f'label[for="{field["id"]}"]'), f"{field['id']} has no label"
    assert "square brackets" in page.select_one("noscript").get_text()
    drafts = page.select("[data-draft]")
    assert [draft["data-draft"] for draft in drafts] == ["a", "b", "both"]
    for draft in drafts:
        subject = draft.select_one('[data-part="subject"]').get_text()
        body = draft.select_one('[data-part="body"]').get_text()
        href = draft.select_one('a[data-part="mailto"]')["href"]
        assert mailto_parts(href) == ("", subject, body.replace("\n", "\r\n"))
        assert "+" not in href and " " not in href and "\n" not in href
        assert "%0D%0A%0D%0A" in href, "line breaks are CRLF"
        assert "[Name A]" in body and "[Name B]" in body and "[Why they should meet]" in body
    first, second, both = (draft.get_text() for draft in drafts)
    assert "Would you like to meet [Name B]?" in first
    assert "Would you like to meet [Name A]?" in second
    assert "[Name A], meet [Name B]. [Name B], meet [Name A]." in both


def test_the_post_list_is_every_published_post(site):
    page = parse_html(site.page(INTRODUCE))
    options = page.select("#introduce-post option")
    assert options[0]["value"] == "" and options[0].get_text() == "No post"
    urls = [option["value"] for option in options[1:]]
    assert len(urls) == len(set(urls)) >= 10
    for option in options[1:]:
        post = parse_html(site.page(urlsplit(option["value"]).path))
        assert post.select_one('link[rel="canonical"]')["href"] == option["value"]
        assert post.select_one("h1").get_text(strip=True) == option.get_text()


@pytest.mark.validator
def test_the_introduction_and_fediverse_pages_pass_the_nu_html_checker(site, tmp_path):
    for relative in (INTRODUCE, "share/fediverse/"):
        target = tmp_path / relative
        target.mkdir(parents=True)
        shutil.copy(site.page(relative), target / "index.html")
    result = nu_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def fill_in(page, values: dict[str, str]) -> None:
    for name, value in values.items():
        page.locator(f'[name="{name}"]').fill(value)


@pytest.mark.browser
def test_the_script_fills_in_both_asks_and_the_introduction_rfc_6068(site, browser_context):
    context, watch = browser_context
    page = context.new_page()
    page.goto(f"{site.url}/{INTRODUCE}")
    form = page.locator("#introduce-form")
    expect(form).to_be_visible(timeout=WAIT_MS)
    fill_in(page, TRICKY)
    page.get_by_label("A post of ours as background").select_option(
        label="The art of the introduction"
    )
    page.get_by_role("button", name="Write the emails").click()
    expect(page.locator("#introduce-status")).to_contain_text("ready", timeout=WAIT_MS)

    hrefs = {
        key: page.locator(f'[data-draft="{key}"] a[data-part="mailto"]').get_attribute("href")
        for key in ("a", "b", "both")
    }
    reason_encoded = (
        "Both%20run%20100%25%20remote%20teams%20%3D%20lots%20to%20share%3F%0D%0A"
        "Zo%C3%AB%20hired%203%20people%20in%20Q4%20%F0%9F%8E%89%20%2B%20more"
    )
    assert hrefs["a"].startswith(
        "mailto:zo%C3%AB%2Bintro@example.org?subject=Would%20you%20like%20to%20meet%20Bo%20%231%3F"
        "&body=Hi%20Zo%C3%AB%20%26%20Ann%2C%0D%0A%0D%0A"
    )
    assert reason_encoded in hrefs["a"] and reason_encoded in hrefs["both"]
    assert hrefs["b"].startswith(
        "mailto:bo%3Fx%3D1@example.org?subject=Would%20you%20like%20to%20meet%20Zo%C3%AB%20%26%20Ann%3F&"
    )
    assert hrefs["both"].startswith(
        "mailto:zo%C3%AB%2Bintro@example.org,bo%3Fx%3D1@example.org"
        "?subject=Zo%C3%AB%20%26%20Ann%2C%20meet%20Bo%20%231&"
    )
    post_url = f"{site.url}/the-art-of-the-introduction/"
    for key, href in hrefs.items():
        draft = page.locator(f'[data-draft="{key}"]')
        subject = draft.locator('[data-part="subject"]').inner_text()
        body = draft.locator('[data-part="body"]').text_content()
        assert href.split("?", 1)[1] == f"subject={rfc6068(subject)}&body={rfc6068(body)}"
        assert not any(placeholder in body for placeholder in PLACEHOLDERS), key
        assert f"The art of the introduction, {post_url}" in body
    expect(page.locator('[data-draft="a"] h3')).to_have_text("1. Ask Zoë & Ann")
    save_screenshot(page, "share_with-introduce-filled")

    page.get_by_label("A post of ours as background").select_option(value="")
    page.get_by_role("button", name="Write the emails").click()
    body = page.locator('[data-draft="both"] [data-part="body"]')
    expect(body).not_to_contain_text("background")
    assert "\n\n\n" not in body.text_content()
    watch.assert_clean()


@pytest.mark.browser
def test_a_missing_name_is_an_error_announced_with_focus_on_the_field(site, browser_context):
    context, watch = browser_context
    page = context.new_page()
    page.goto(f"{site.url}/{INTRODUCE}")
    expect(page.locator("#introduce-form")).to_be_visible(timeout=WAIT_MS)
    fill_in(page, {"name_a": "Ada", "reason": "You both teach."})
    page.get_by_role("button", name="Write the emails").click()
    error = page.get_by_role("alert")
    expect(error).to_have_text("Please write the second person's name.")
    name_b = page.locator("#introduce-name-b")
    expect(name_b).to_be_focused()
    assert name_b.get_attribute("aria-invalid") == "true"
    assert page.locator("#introduce-name-a").get_attribute("aria-invalid") is None
    assert "Error: " in error.evaluate("e => getComputedStyle(e, '::before').content")
    assert page.locator("[data-draft=a] h3").inner_text() == "1. Ask [Name A]", "nothing filled"
    watch.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_order_visible_focus_and_contrast(site, browser_context, scheme):
    context, watch = browser_context
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site.url}/{INTRODUCE}")
    expect(page.locator("#introduce-form")).to_be_visible(timeout=WAIT_MS)
    page.locator("#introduce-name-a").focus()
    order = ["introduce-email-a", "introduce-name-b", "introduce-email-b", "introduce-reason"]
    for expected in order:
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        assert focused.get_attribute("id") == expected
        assert focused.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.get_by_role("button", name="Write the emails").click()
    error = page.get_by_role("alert")
    expect(error).to_be_visible()
    assert error.evaluate(CONTRAST) >= 4.5
    for text in page.locator(".introduce .meta, .introduce__body, .introduce h3").all():
        assert text.evaluate(CONTRAST) >= 4.5
    save_screenshot(page, f"share_with-introduce-{scheme}")
    watch.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize("browser_context", [{"bypass_csp": True}], indirect=True)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_before_and_after_the_drafts(site, browser_context, scheme):
    context, watch = browser_context
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site.url}/{INTRODUCE}")
    expect(page.locator("#introduce-form")).to_be_visible(timeout=WAIT_MS)
    page.get_by_role("button", name="Write the emails").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert axe_violations(page) == []
    fill_in(page, TRICKY)
    page.get_by_role("button", name="Write the emails").click()
    expect(page.locator("#introduce-status")).to_contain_text("ready", timeout=WAIT_MS)
    assert axe_violations(page) == []
    watch.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize("browser_context", [{"javascript": False}], indirect=True)
def test_without_javascript_the_templates_show_and_the_form_does_not(site, browser_context):
    context, watch = browser_context
    page = context.new_page()
    page.goto(f"{site.url}/{INTRODUCE}")
    expect(page.locator("#introduce-form")).to_be_hidden()
    manual = page.locator(".introduce__manual")  # in <noscript>: Playwright's text engine skips it
    expect(manual).to_be_visible()
    expect(manual).to_contain_text("Without JavaScript, copy the three emails")
    for key in ("a", "b", "both"):
        draft = page.locator(f'[data-draft="{key}"]')
        expect(draft.locator('[data-part="body"]')).to_contain_text("[Why they should meet]")
        expect(draft.get_by_role("link", name="Open in your email app")).to_be_visible()
    save_screenshot(page, "share_with-introduce-no-javascript")
    watch.assert_clean()
