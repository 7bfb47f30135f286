"""The follow page on the built site: every feed in output/feeds/, and ways to subscribe."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.support import parse_html, save_screenshot

FOLLOW = "follow/"


def test_the_follow_page_lists_every_feed_the_site_publishes(site):
    page = parse_html(site.page(FOLLOW))
    linked = {
        link["href"].removeprefix(site.url + "/")
        for link in page.select("main a[type]")
        if link["type"] in {"application/atom+xml", "application/rss+xml"}
    }
    published = {
        path.relative_to(site.output).as_posix() for path in (site.output / "feeds").rglob("*.xml")
    }
    assert published, "the build writes feeds"
    assert linked == published


def test_each_feed_link_says_its_format_and_what_it_follows(site):
    page = parse_html(site.page(FOLLOW))
    for link in page.select("main a[type]"):
        name = " ".join(link.get_text(" ").split())
        kind = "Atom" if link["type"] == "application/atom+xml" else "RSS"
        assert name.startswith(f"{kind} feed: ") and link["href"].endswith(f".{kind.lower()}.xml")


def test_subscribe_links_are_plain_links_to_readers_with_our_main_feed(site):
    page = parse_html(site.page(FOLLOW))
    links = page.select("main .follow__readers a")
    assert len(links) >= 3
    for link in links:
        assert urlsplit(link["href"]).hostname not in {None, "127.0.0.1"}
        assert f"{site.url}/feeds/all.atom.xml" in link["href"]
    assert not page.select('script[src]:not([src^="' + site.url + '"])')


def test_the_follow_page_offers_the_blogrolls_opml_and_is_in_the_menu(site):
    page = parse_html(site.page(FOLLOW))
    opml = page.select_one('main a[href$="recommendations.opml"]')
    assert (site.output / urlsplit(opml["href"]).path.lstrip("/")).is_file()
    current = page.select_one('nav.site-nav a[aria-current="page"]')
    assert current["href"] == f"{site.url}/{FOLLOW}" and current.get_text() == "Follow"
    elsewhere = (
        parse_html(site.page("about/"))
        .select_one("nav.site-nav")
        .find("a", href=f"{site.url}/{FOLLOW}")
    )
    assert elsewhere is not None and not elsewhere.has_attr("aria-current")


def test_say_hello_points_to_the_follow_page_with_an_absolute_link(site):
    page = parse_html(site.page("say-hello/"))
    hrefs = [link["href"] for link in page.select("main a[href]")]
    assert f"{site.url}/{FOLLOW}" in hrefs
    assert not [href for href in hrefs if href.startswith("/")]


@pytest.mark.browser
def test_the_follow_page_in_a_browser(site, browser_context):
    context, watch = browser_context
    page = context.new_page()
    page.goto(f"{site.url}/{FOLLOW}")
    assert page.get_by_role("heading", name="Reading lists").is_visible()
    save_screenshot(page, "follow-page")
    watch.assert_clean()
