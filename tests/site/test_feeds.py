"""The Atom and RSS feeds, read by a real feed parser."""

from __future__ import annotations

import feedparser
import pytest

from tests.site.test_pages import POSTS, read_metadata

FEEDS = ["feeds/all.atom.xml", "feeds/all.rss.xml"]


@pytest.mark.parametrize("feed_path", FEEDS)
def test_all_posts_feed_parses_and_matches_the_posts(site, feed_path):
    feed = feedparser.parse((site.output / feed_path).read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    links = [entry.link for entry in feed.entries]
    expected = {f"{site.url}/{read_metadata(source)['slug']}/" for source in POSTS}
    assert set(links) == expected
    for entry in feed.entries:
        assert entry.title
        assert entry.published_parsed
        content = entry.content[0].value if "content" in entry else entry.description
        assert len(content.split()) > 300, f"{entry.link}: full content expected"
        assert 'href="/' not in content and 'src="/' not in content, "relative URL"


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_every_category_has_a_feed_of_its_own_posts(site, kind):
    by_category: dict[str, set[str]] = {}
    for source in POSTS:
        meta = read_metadata(source)
        slug = meta["category"].lower().replace(" ", "-")
        by_category.setdefault(slug, set()).add(f"{site.url}/{meta['slug']}/")
    for slug, links in by_category.items():
        feed = feedparser.parse((site.output / f"feeds/category/{slug}.{kind}.xml").read_bytes())
        assert feed.bozo == 0
        assert {entry.link for entry in feed.entries} == links


def test_feed_links_are_absolute(site):
    feed = feedparser.parse((site.output / "feeds/all.atom.xml").read_bytes())
    assert feed.feed.link.startswith(site.url)
    for entry in feed.entries:
        assert entry.link.startswith(site.url + "/")
        assert entry.id
