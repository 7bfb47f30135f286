"""The fediverse page says what is being shared and shows errors as errors; posts name
their author's fediverse account when SHARE_WITH_FEDIVERSE_CREATOR is set."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from pelican.plugins.share_with.settings import ShareWithError, validate
from playwright.sync_api import expect

from tests.share_with.helpers import make_settings
from tests.share_with.test_browser import CONTRAST, WAIT_MS
from tests.site.test_browser import axe_violations
from tests.support import BuildFailed, build_site, parse_html, save_screenshot

FEDIVERSE = "share/fediverse/"
ONLY_SHARE_WITH = {"PLUGINS": ["pelican.plugins.share_with"]}
POST = "how-can-i-help-you/"
CREATOR = "@ada@example.social"
HOSTILE_TITLE = '<img src=x onerror="document.title=1"> & "Q"'


@pytest.mark.parametrize("account", ["ada", "@ada", "ada@example.social", "@ada@localhost", 7])
def test_a_malformed_creator_account_fails_naming_the_setting(account):
    with pytest.raises(
        ShareWithError, match=r"SHARE_WITH_FEDIVERSE_CREATOR must be .*@user@server"
    ):
        validate(make_settings(SHARE_WITH_FEDIVERSE_CREATOR=account))


@pytest.mark.parametrize("account", ["", CREATOR, " @Ada.L@Mastodon.Example.ORG "])
def test_well_formed_creator_accounts_pass(account):
    validate(make_settings(SHARE_WITH_FEDIVERSE_CREATOR=account))


@pytest.mark.parametrize("save_as", [None, 3])
def test_the_introduction_page_setting_must_be_a_path_or_empty(save_as):
    with pytest.raises(ShareWithError, match="SHARE_WITH_INTRODUCE_SAVE_AS must be a path"):
        validate(make_settings(SHARE_WITH_INTRODUCE_SAVE_AS=save_as))


@pytest.fixture(scope="module")
def creator_site(tmp_path_factory):
    """The real content, with the author's fediverse account set."""
    output = tmp_path_factory.mktemp("fediverse-creator") / "output"
    settings = {"SHARE_WITH_FEDIVERSE_CREATOR": f" {CREATOR} "}
    build_site(output, siteurl="https://creator.example", extra_settings=settings)
    return output


def test_every_post_names_its_fediverse_creator_and_no_other_page_does(creator_site):
    posts = [
        path for path in creator_site.glob("*/index.html") if parse_html(path).select("body.post")
    ]
    assert len(posts) >= 10
    for path in posts:
        metas = parse_html(path).select('head meta[name="fediverse:creator"]')
        assert [meta["content"] for meta in metas] == [CREATOR], path
    for page in ("index.html", "about/index.html", "share/fediverse/index.html"):
        assert not parse_html(creator_site / page).select('meta[name="fediverse:creator"]'), page


def small_content(folder: Path, body: str) -> Path:
    folder.mkdir()
    (folder / "post.md").write_text(
        f"Title: A post\nDate: 2026-01-02 10:00\nSlug: a-post\n\n{body}\n", encoding="utf-8"
    )
    return folder


def test_an_empty_save_as_turns_the_introduction_page_off(tmp_path):
    build_site(
        tmp_path / "output",
        siteurl="https://off.example",
        content=small_content(tmp_path / "content", "Nothing to introduce."),
        extra_settings={**ONLY_SHARE_WITH, "SHARE_WITH_INTRODUCE_SAVE_AS": ""},
    )
    assert not (tmp_path / "output" / "introduce").exists()
    assert "/introduce/" not in (tmp_path / "output" / "sitemap.xml").read_text(encoding="utf-8")
    post = parse_html(tmp_path / "output" / "a-post" / "index.html")
    assert post.select(".share-with details li > a"), "More ways to share is there"
    assert not post.find("a", string="Introduce two people"), "but links no missing page"


def test_a_post_links_the_page_absolutely_and_fails_clearly_when_it_is_off(tmp_path):
    content = small_content(tmp_path / "content", "Try our [drafter](/introduce/).")
    build_site(
        tmp_path / "on",
        siteurl="https://on.example/blog",
        content=content,
        extra_settings=ONLY_SHARE_WITH,
    )
    link = parse_html(tmp_path / "on" / "a-post" / "index.html").find("a", string="drafter")
    assert link["href"] == "https://on.example/blog/introduce/"
    with pytest.raises(BuildFailed) as failure:
        build_site(
            tmp_path / "off",
            siteurl="https://on.example",
            content=content,
            extra_settings={**ONLY_SHARE_WITH, "SHARE_WITH_INTRODUCE_SAVE_AS": ""},
        )
    assert 'post.md: links to the introduction page (href="/introduce/")' in failure.value.output
    assert "SHARE_WITH_INTRODUCE_SAVE_AS is empty" in failure.value.output


def test_without_the_setting_posts_have_no_creator(site):
    assert not parse_html(site.page(POST)).select('meta[name="fediverse:creator"]')


def test_without_javascript_each_post_is_named_and_linked_back(site):
    page = parse_html(site.page(FEDIVERSE))
    sections = page.select("noscript .share-fediverse__post")
    assert sections
    for section in sections:
        heading = section.select_one("h3")
        link = heading.select_one("a")
        assert heading.get_text().startswith("Sharing: ")
        assert urlsplit(link["href"]).netloc == urlsplit(site.url).netloc
        post = parse_html(site.page(urlsplit(link["href"]).path))
        assert post.select_one('link[rel="canonical"]')["href"] == link["href"]
        assert post.select_one("h1").get_text(strip=True) == link.get_text()
    shared = page.select_one("#share-fediverse-what")
    assert shared.has_attr("hidden"), "the script fills it in, so it starts hidden"


@pytest.mark.browser
def test_the_page_names_the_post_and_links_back_to_it(site, browser_context):
    context, watch = browser_context
    page = context.new_page()
    page.goto(f"{site.url}/{POST}")
    title = page.locator("h1").inner_text()
    page.get_by_text("More ways to share").click()
    page.get_by_role("link", name="Share on Mastodon").click()
    page.wait_for_url(f"{site.url}/{FEDIVERSE}?**")
    shared = page.locator("#share-fediverse-what")
    expect(shared).to_have_text(f"Sharing: {title}", timeout=WAIT_MS)
    expect(shared.get_by_role("link", name=title)).to_have_attribute("href", f"{site.url}/{POST}")
    watch.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("address", "shown"),
    [
        (" https://elsewhere.example/post/", ""),
        (" javascript:alert(1)", " javascript:alert(1)"),
        ("", ""),
    ],
)
def test_a_title_is_text_and_only_this_site_is_linked(site, browser_context, address, shown):
    context, watch = browser_context
    page = context.new_page()
    page.goto(f"{site.url}/{FEDIVERSE}?text={quote(HOSTILE_TITLE + address)}")
    shared = page.locator("#share-fediverse-what")
    expect(shared).to_have_text(f"Sharing: {HOSTILE_TITLE}{shown}", timeout=WAIT_MS)
    assert shared.locator("img").count() == 0, "the title is never parsed as HTML"
    assert page.locator("#share-fediverse-post").get_attribute("href") is None
    assert page.title() != "1"
    watch.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize("browser_context", [{"javascript": False}], indirect=True)
def test_without_javascript_the_page_names_the_post_it_came_from(site, browser_context):
    context, watch = browser_context
    page = context.new_page()
    page.goto(f"{site.url}/{POST}")
    title = page.locator("h1").inner_text()
    href = page.locator('.share-with a[href*="/share/fediverse/"]').get_attribute("href")
    page.goto(href)
    expect(page.locator("#share-fediverse-what")).to_be_hidden()
    section = page.locator(f"#{urlsplit(href).fragment}")
    expect(section.locator("h3")).to_have_text(f"Sharing: {title}")
    expect(section.locator("h3 a")).to_have_attribute("href", f"{site.url}/{POST}")
    watch.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_error_reads_as_an_error_in_both_colour_schemes(site, browser_context, scheme):
    context, watch = browser_context
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site.url}/{FEDIVERSE}?text=A%20post")
    instance = page.get_by_label("Your server")
    instance.fill("not a server")
    instance.press("Enter")
    error = page.get_by_role("alert")
    expect(error).to_contain_text("is not a server address", timeout=WAIT_MS)
    assert error.evaluate("e => getComputedStyle(e, '::before').content") == '"Error: "'
    assert error.evaluate(CONTRAST) >= 4.5
    colours = error.evaluate(
        "e => [getComputedStyle(e).color, getComputedStyle(document.body).color]"
    )
    assert colours[0] != colours[1], "coloured as an error, besides the word"
    save_screenshot(page, f"share_with-fediverse-error-{scheme}")
    watch.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize("browser_context", [{"bypass_csp": True}], indirect=True)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_with_the_post_named_and_an_error(site, browser_context, scheme):
    context, watch = browser_context
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site.url}/{FEDIVERSE}?text={quote('A post ' + site.url + '/' + POST)}")
    expect(page.locator("#share-fediverse-what a[href]")).to_be_visible(timeout=WAIT_MS)
    page.get_by_label("Your server").press("Enter")
    expect(page.get_by_role("alert")).to_be_visible()
    assert axe_violations(page) == []
    watch.assert_clean()
