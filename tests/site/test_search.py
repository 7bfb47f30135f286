"""Search: Pagefind's static index of posts, pages and reading lists, used in a real browser."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.site.test_pages import POSTS, read_metadata
from tests.support import html_pages, parse_html, save_screenshot

WORD = re.compile(r"[a-z]{7,}")


def indexed_pages(site) -> dict[str, str]:
    """Site-relative URL → text of every page Pagefind indexes (its data-pagefind-body)."""
    pages = {}
    for path in html_pages(site.output):
        body = parse_html(path).select_one("[data-pagefind-body]")
        if body is not None:
            url = path.relative_to(site.output).as_posix().removesuffix("index.html")
            pages[url] = body.get_text(" ").lower()
    return pages


def word_in_one_post_only(site) -> tuple[str, str]:
    """A word that appears in exactly one indexed page, which is a post: (word, post URL)."""
    pages = indexed_pages(site)
    counts = Counter(word for text in pages.values() for word in set(WORD.findall(text)))
    posts = {f"{read_metadata(source)['slug']}/" for source in POSTS}
    for word in sorted(counts):
        if counts[word] == 1:
            url = next(url for url, text in pages.items() if word in WORD.findall(text))
            if url in posts:
                return word, url
    pytest.fail("no word appears in one post only")


def test_posts_pages_and_reading_lists_are_indexed_and_nothing_else(site):
    pages = indexed_pages(site)
    posts = {f"{read_metadata(source)['slug']}/" for source in POSTS}
    assert posts <= pages.keys()
    assert {"about/", "say-hello/", "reading-lists/start-here/"} <= pages.keys()
    assert not {"", "archives/", "blogroll/", "network/", "search/", "404.html"} & pages.keys()
    indexed = int(re.search(r"Indexed (\d+) pages", site.search_log)[1])
    assert indexed == len(pages)


def test_an_outside_reads_note_is_indexed_with_its_list(site):
    list_page = parse_html(site.page("reading-lists/for-introverts/"))
    note = list_page.select_one(".reading-list__item--outside .reading-list__note")
    assert note.find_parent(attrs={"data-pagefind-body": True}) is not None


@pytest.mark.parametrize("source", POSTS[:3], ids=lambda p: p.stem)
def test_share_and_network_boxes_are_left_out_of_the_index(site, source):
    soup = parse_html(site.page(f"{read_metadata(source)['slug']}/"))
    body = soup.select_one("[data-pagefind-body]")
    assert body.name == "article"
    assert soup.select_one("aside.share-with") and not body.select("aside, .share-with, nav")
    assert soup.select_one(".blogroll-widget") and not body.select(".blogroll-widget")


def test_every_page_has_the_search_field_in_its_header(site):
    for path in html_pages(site.output):
        form = parse_html(path).select_one("header.site-header form[role=search]")
        assert form is not None, path
        assert form["action"] == f"{site.url}/search/"
        assert form.select_one("input[name=q]")["aria-label"] == "Search this site"


def test_only_the_search_pages_may_compile_webassembly(site):
    """Pagefind searches in a worker; its fallback on the page itself needs WebAssembly."""
    for path in html_pages(site.output):
        soup = parse_html(path)
        csp = soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
        name = path.relative_to(site.output).as_posix()
        allowed = name in {"search/index.html", "404.html"}
        assert ("'wasm-unsafe-eval'" in csp) == allowed, name
        assert bool(soup.select("script[src$='/js/search.js']")) == allowed, name


@pytest.mark.browser
def test_a_word_from_one_post_finds_that_post_first(site, browser_context):
    context, watch = browser_context
    word, url = word_in_one_post_only(site)
    page = context.new_page()
    page.goto(f"{site.url}/")
    page.get_by_role("search").get_by_role("searchbox").fill(word)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site.url}/search/?q={word}")
    first = page.locator(".search__results li a").first
    first.wait_for()
    assert first.get_attribute("href") == f"/{url}"
    status = page.get_by_role("status")
    assert status.inner_text() == f"1 page found for “{word}”."
    assert page.locator(".search__results mark").first.inner_text().lower().startswith(word)
    save_screenshot(page, "search-results")
    first.focus()
    assert first.evaluate("el => el === document.activeElement")
    watch.assert_clean()


@pytest.mark.browser
def test_the_404_page_searches_in_place(site, browser_context):
    context, watch = browser_context
    word, url = word_in_one_post_only(site)
    page = context.new_page()
    page.goto(f"{site.url}/404.html")
    box = page.locator("main").get_by_role("searchbox")
    assert box.input_value() == "", "no words to take from /404.html"
    box.fill(word)
    box.press("Enter")
    page.locator("main .search__results li a").first.wait_for()
    assert page.locator("main .search__results li a").first.get_attribute("href") == f"/{url}"
    assert page.url == f"{site.url}/404.html", "a missing page keeps its address"
    watch.assert_clean()


@pytest.mark.browser
def test_a_missing_address_is_searched_for_its_words(site, browser_context):
    """A server answers a missing page with 404.html; its search starts from the address."""
    context, watch = browser_context
    body = (site.output / "404.html").read_bytes()
    context.route(
        "**/grow-roots/",
        lambda route: route.fulfill(status=404, body=body, content_type="text/html"),
    )
    page = context.new_page()
    page.goto(f"{site.url}/grow-roots/")
    first = page.locator("main .search__results li a").first
    first.wait_for()
    assert page.locator("main").get_by_role("searchbox").input_value() == "grow roots"
    assert first.get_attribute("href") == "/grow-roots-before-branches/"
    assert watch.outside_requests == [] and watch.page_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("browser_context", [{"javascript": False}], indirect=True)
def test_without_javascript_the_search_page_says_how_to_search(site, browser_context):
    context, watch = browser_context
    page = context.new_page()
    page.goto(f"{site.url}/about/")
    page.get_by_role("search").get_by_role("searchbox").fill("introductions")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site.url}/search/?q=introductions")
    note = page.locator("[data-search-without-js]")
    assert note.is_visible()
    assert f"site:{site.url.split('://')[1]}" in note.inner_text()
    watch.assert_clean()
