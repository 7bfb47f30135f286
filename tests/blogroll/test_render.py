"""render: cache states into template data, the network feed and the OPML list."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import feedparser
from markupsafe import Markup
from pelican.plugins.blogroll import render
from pelican.plugins.blogroll.cache import BlogState
from pelican.plugins.blogroll.config import Blog
from pelican.plugins.blogroll.settings import BlogrollSettings

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
SITE = render.Site.from_settings(
    {
        "SITENAME": "Give First",
        "SITEURL": "https://givefirst.example",
        "TIMEZONE": "Europe/London",
        "DEFAULT_DATE_FORMAT": "%-d %B %Y",
    }
)
SETTINGS = BlogrollSettings.from_settings(
    {"BLOGROLL_NETWORK_PER_PAGE": 3, "BLOGROLL_WIDGET_ENTRIES": 2}
)


def blog(name: str, **fields) -> Blog:
    slug = name.lower().replace(" ", "-")
    return Blog(name, f"https://{slug}.example/", f"https://{slug}.example/feed", **fields)


def entries(slug: str, *hours: int, comments: bool = False) -> list[dict]:
    return [
        {
            "id": f"{slug}-{hour}",
            "title": f"{slug} <b>{hour}</b>",
            "link": f"https://{slug}.example/{hour}",
            "comments": f"https://{slug}.example/{hour}#comments" if comments else None,
            "published": (T0 - timedelta(hours=hour)).isoformat(),
            "author": None,
            "summary": "<p>Safe <em>summary</em></p>",
            "first_seen": T0.isoformat(),
        }
        for hour in hours
    ]


def state(key: str, status: str, items: list[dict], **fields) -> BlogState:
    values = {"checked_at": T0.isoformat(), "updated_at": T0.isoformat(), **fields}
    return BlogState(key=key, status=status, entries=items, **values)


BLOGS = [
    blog("Fresh", why="Because <it> helps", tags=("careers",)),
    blog("Stale"),
    blog("Gone"),
    blog("Never"),
    blog("Failing"),
]
STATES = {
    "fresh-example": state("fresh-example", "ok", entries("fresh", 1, 30, 50, comments=True)),
    "stale-example": state(
        "stale-example",
        "stale",
        entries("stale", 2, 26),
        reason="HTTP 500 Internal Server Error",
        problem="unreachable",
        since=(T0 - timedelta(days=2)).isoformat(),
        updated_at=(T0 - timedelta(days=3)).isoformat(),
    ),
    "gone-example": state(
        "gone-example", "gone", entries("gone", 0), since=T0.isoformat(), problem="gone"
    ),
    "failing-example": state(
        "failing-example",
        "stale",
        [],
        updated_at=None,
        reason="Cannot connect to host failing.example:443 ssl:default [Connect call failed]",
        problem="not a feed",
        since=T0.isoformat(),
    ),
}


def test_every_blog_is_shown_with_its_state():
    roll = render.build(BLOGS, STATES, SETTINGS, SITE)
    assert [str(view.name) for view in roll.blogs] == [b.name for b in BLOGS]
    assert [view.state for view in roll.blogs] == ["ok", "stale", "gone", "pending", "pending"]
    statuses = [str(view.status) for view in roll.blogs]
    assert statuses == [
        "Last updated 20 November 2026.",
        "Unreachable since 18 Nov; showing our copy from 17 November 2026.",
        "Gone: its feed was removed on 20 Nov.",
        "",  # never fetched: listed plainly
        "Not a feed: its address no longer serves one (since 20 Nov).",
    ]
    problems = [view.problem and str(view.problem) for view in roll.blogs]
    assert problems == [None, "unreachable", "gone", None, "not a feed"]


def test_readers_never_see_the_clients_own_words():
    roll = render.build(BLOGS, STATES, SETTINGS, SITE)
    shown = " ".join(f"{view.status} {view.problem}" for view in roll.blogs)
    for state_ in STATES.values():
        assert not state_.reason or state_.reason not in shown
    assert "ssl:default" not in shown and "HTTP 500" not in shown


def test_everything_from_a_feed_reaches_templates_escaped():
    roll = render.build(BLOGS, STATES, SETTINGS, SITE)
    fresh = roll.blogs[0]
    assert isinstance(fresh.latest.title, Markup)
    assert str(fresh.latest.title) == "fresh &lt;b&gt;1&lt;/b&gt;"
    assert str(fresh.why) == "Because &lt;it&gt; helps"
    assert str(fresh.latest.summary) == "<p>Safe <em>summary</em></p>"
    assert str(fresh.latest.conversation_url) == "https://fresh.example/1#comments"
    assert roll.blogs[1].latest.conversation_url == roll.blogs[1].latest.link


def test_the_network_is_newest_first_without_gone_blogs_and_paginated():
    roll = render.build(BLOGS, STATES, SETTINGS, SITE)
    assert [e.entry_id for e in roll.entries] == [
        "fresh-1", "stale-2", "stale-26", "fresh-30", "fresh-50",
    ]  # fmt: skip
    assert [e.entry_id for e in roll.latest] == ["fresh-1", "stale-2"]
    first, second = roll.pages
    assert (first.path, first.previous_path, first.next_path) == (
        "network/",
        None,
        "network/page/2/",
    )
    assert (second.path, second.previous_path, second.next_path) == (
        "network/page/2/",
        "network/",
        None,
    )
    assert second.save_as == "network/page/2/index.html"
    assert [(day.label, [e.entry_id for e in day.entries]) for day in first.days] == [
        ("20 November 2026", ["fresh-1", "stale-2"]),
        ("19 November 2026", ["stale-26"]),
    ]


def test_days_follow_the_site_time_zone():
    late = {"late-example": state("late-example", "ok", entries("late", 9))}  # 00:00 UTC
    roll = render.build([blog("Late")], late, SETTINGS, SITE)
    (day,) = roll.pages[0].days
    assert (day.date_iso, day.label) == ("2026-11-20", "20 November 2026")  # 00:00 GMT


def test_no_cache_at_all_still_renders():
    roll = render.build(BLOGS, {}, SETTINGS, SITE)
    assert {view.state for view in roll.blogs} == {"pending"}
    assert roll.entries == () and len(roll.pages) == 1 and roll.pages[0].days == ()
    assert roll.updated > render.EPOCH  # never "updated in 1970": now, with nothing fetched


def test_the_atom_feed_has_absolute_links_and_stable_dates():
    roll = render.build(BLOGS, STATES, SETTINGS, SITE)
    text = render.atom_feed(roll, SITE, limit=4)
    assert text == render.atom_feed(roll, SITE, limit=4)  # reproducible: no "now"
    feed = feedparser.parse(io.BytesIO(text.encode()))
    assert not feed.bozo and feed.version == "atom10"
    assert feed.feed.title == "Give First: from our network"
    assert feed.feed.link == "https://givefirst.example/network/"
    assert [e.link for e in feed.entries] == [
        "https://fresh.example/1", "https://stale.example/2",
        "https://stale.example/26", "https://fresh.example/30",
    ]  # fmt: skip
    assert feed.entries[0].title == "fresh <b>1</b>"
    assert feed.entries[0].author == "Fresh"
    assert len({e.id for e in feed.entries}) == 4
    assert feed.feed.updated == (T0 - timedelta(hours=1)).isoformat()  # the newest entry


def test_opml_lists_current_feed_addresses():
    moved = {"fresh-example": BlogState(key="fresh-example", feed_url="https://new.example/feed")}
    roll = render.build(BLOGS[:2], moved, SETTINGS, SITE)
    root = ET.fromstring(render.opml(BLOGS[:2], moved, SITE, roll.updated))
    outlines = root.findall("./body/outline")
    assert [o.get("xmlUrl") for o in outlines] == [
        "https://new.example/feed",
        "https://stale.example/feed",
    ]
    assert outlines[0].get("description") == "Because <it> helps"
    assert outlines[0].get("category") == "careers"
    assert root.findtext("./head/title") == "Give First: blogs we read"
