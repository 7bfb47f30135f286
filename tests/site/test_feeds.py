"""The Atom and RSS feeds, read by a real feed parser."""

from __future__ import annotations

import feedparser
import pytest
from pelican.settings import read_settings

from tests.site.test_pages import POSTS, read_metadata
from tests.support import ROOT

FEEDS = ["feeds/all.atom.xml", "feeds/all.rss.xml"]
FEED_MAX_ITEMS = read_settings(str(ROOT / "pelicanconf.py"))["FEED_MAX_ITEMS"]


def newest_posts(sources):
    """The posts a feed carries: the newest FEED_MAX_ITEMS, as feed readers want."""
    return sorted(sources, key=lambda source: read_metadata(source)["date"], reverse=True)[
        :FEED_MAX_ITEMS
    ]


@pytest.mark.parametrize("feed_path", FEEDS)
def test_all_posts_feed_parses_and_matches_the_posts(site, feed_path):
    feed = feedparser.parse((site.output / feed_path).read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    links = [entry.link for entry in feed.entries]
    expected = [f"{site.url}/{read_metadata(source)['slug']}/" for source in newest_posts(POSTS)]
    assert links == expected
    for entry in feed.entries:
        assert entry.title
        assert entry.published_parsed
        content = entry.content[0].value if "content" in entry else entry.description
        assert len(content.split()) > 300, f"{entry.link}: full content expected"
        assert 'href="/' not in content and 'src="/' not in content, "relative URL"


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_every_category_has_a_feed_of_its_own_posts(site, kind):
    by_category: dict[str, list] = {}
    for source in POSTS:
        by_category.setdefault(read_metadata(source)["category"], []).append(source)
    for category, sources in by_category.items():
        slug = category.lower().replace(" ", "-")
        feed = feedparser.parse((site.output / f"feeds/category/{slug}.{kind}.xml").read_bytes())
        assert feed.bozo == 0
        links = [f"{site.url}/{read_metadata(source)['slug']}/" for source in newest_posts(sources)]
        assert [entry.link for entry in feed.entries] == links


def test_feed_links_are_absolute(site):
    feed = feedparser.parse((site.output / "feeds/all.atom.xml").read_bytes())
    assert feed.feed.link.startswith(site.url)
    for entry in feed.entries:
        assert entry.link.startswith(site.url + "/")
        assert entry.id
