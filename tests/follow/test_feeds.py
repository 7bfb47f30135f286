"""The follow page's data on its own: groups from settings and context, subscribe links."""

from __future__ import annotations

from types import SimpleNamespace

from pelican.plugins.follow import DEFAULTS
from pelican.plugins.follow.feeds import follow

SETTINGS = {
    **DEFAULTS,
    "SITEURL": "https://example.org",
    "FEED_DOMAIN": "https://feeds.example.org",
    "DEFAULT_LANG": "en",
    "FEED_ALL_ATOM": "feeds/all.atom.xml",
    "FEED_ALL_RSS": None,
    "CATEGORY_FEED_ATOM": "feeds/{slug}.atom.xml",
    "CATEGORY_FEED_RSS": "feeds/{slug}.rss.xml",
}


class Named(SimpleNamespace):
    def __str__(self) -> str:
        return self.name


def test_without_the_list_and_blogroll_plugins_only_pelicans_feeds_are_listed():
    context = {"categories": [(Named(name="Job hunting", slug="job-hunting"), [])]}
    data = follow(SETTINGS, context)
    assert [group.slug for group in data.groups] == ["everything", "categories"]
    everything, categories = data.groups
    assert everything.feeds[0].atom == "https://feeds.example.org/feeds/all.atom.xml"
    assert everything.feeds[0].rss is None
    assert categories.feeds[0].title == "Job hunting"
    assert categories.feeds[0].rss == "https://feeds.example.org/feeds/job-hunting.rss.xml"
    assert data.opml_url is None and data.fediverse is None


def test_reading_lists_and_the_network_feed_join_when_their_plugins_are_on():
    context = {
        "reading_lists": [
            Named(name="x", title="Start here", feed_url="https://e.org/l.atom.xml"),
            Named(name="y", title="No feed", feed_url=None),
        ],
        "blogroll": SimpleNamespace(feed_url="https://e.org/n.xml", opml_url="https://e.org/o"),
    }
    data = follow(SETTINGS, context)
    lists = next(group for group in data.groups if group.slug == "reading-lists")
    assert [(feed.title, feed.atom) for feed in lists.feeds] == [
        ("Start here", "https://e.org/l.atom.xml")
    ]
    assert data.groups[-1].feeds[0].atom == "https://e.org/n.xml"
    assert data.opml_url == "https://e.org/o"


def test_subscribe_links_carry_the_main_feed_escaped_for_a_query():
    settings = {**SETTINGS, "FOLLOW_READERS": {"Reader": "https://r.example/add?u={url}"}}
    settings["FEED_ALL_ATOM"] = "feeds/all posts?x&y.xml"
    (reader,) = follow(settings, {}).readers
    assert reader.url == (
        "https://r.example/add?u=https://feeds.example.org/feeds/all%20posts%3Fx%26y.xml"
    )


def test_no_main_feed_means_no_subscribe_links():
    settings = {**SETTINGS, "FEED_ALL_ATOM": None}
    assert follow(settings, {}).readers == ()


def test_a_fediverse_account_is_passed_on_when_set():
    account = {"handle": "@givefirst@social.example", "url": "https://social.example/@givefirst"}
    assert follow({**SETTINGS, "FOLLOW_FEDIVERSE": account}, {}).fediverse == account
