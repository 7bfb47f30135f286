"""Every feed the site publishes, grouped for the follow page, and ways to subscribe.

Pure functions of the settings and the build's context: Pelican's own feed settings,
and the data the reading_lists and blogroll plugins put in the context when they are on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote


@dataclass(frozen=True)
class Feed:
    """One thing to follow, in one or both formats (absolute URLs, or None)."""

    title: str
    atom: str | None = None
    rss: str | None = None


@dataclass(frozen=True)
class FeedGroup:
    slug: str
    title: str
    feeds: tuple[Feed, ...]


@dataclass(frozen=True)
class Reader:
    """A feed reader's own page for subscribing to our main feed."""

    name: str
    url: str


@dataclass(frozen=True)
class Follow:
    """What the follow page shows: `page.follow`."""

    groups: tuple[FeedGroup, ...]
    readers: tuple[Reader, ...]
    main_feed: str | None
    opml_url: str | None
    fediverse: dict | None


def _url(base: str, path: str | None, **names: str) -> str | None:
    return f"{base.rstrip('/')}/{path.format(**names)}" if path else None


def _pelican_group(
    slug: str, title: str, items: Iterable[Any], settings: dict, kind: str
) -> FeedGroup:
    """Category, tag or author feeds, as Pelican writes them (`CATEGORY_FEED_ATOM`...)."""
    base = settings.get("FEED_DOMAIN") or settings["SITEURL"]
    atom, rss = settings.get(f"{kind}_FEED_ATOM"), settings.get(f"{kind}_FEED_RSS")
    feeds = tuple(
        Feed(str(item), _url(base, atom, slug=item.slug), _url(base, rss, slug=item.slug))
        for item in items
        if atom or rss
    )
    return FeedGroup(slug, title, feeds)


def feed_groups(settings: dict, context: dict) -> tuple[FeedGroup, ...]:
    """All the feeds, in the order a reader chooses: everything, then narrower ones."""
    base = settings.get("FEED_DOMAIN") or settings["SITEURL"]
    everything = [
        Feed(
            "All posts",
            _url(base, settings.get("FEED_ALL_ATOM")),
            _url(base, settings.get("FEED_ALL_RSS")),
        ),
        Feed(
            f"Posts in {settings['DEFAULT_LANG']}",
            _url(base, settings.get("FEED_ATOM")),
            _url(base, settings.get("FEED_RSS")),
        ),
    ]
    groups = [
        FeedGroup(
            "everything", "Everything we publish", tuple(f for f in everything if f.atom or f.rss)
        ),
        _pelican_group(
            "categories",
            "By category",
            (c for c, _ in context.get("categories", ())),
            settings,
            "CATEGORY",
        ),
        _pelican_group("tags", "By tag", (t for t, _ in context.get("tags", ())), settings, "TAG"),
        _pelican_group(
            "authors", "By author", (a for a, _ in context.get("authors", ())), settings, "AUTHOR"
        ),
    ]
    reading_lists = context.get("reading_lists", ())
    groups.append(
        FeedGroup(
            "reading-lists",
            "Reading lists",
            tuple(Feed(rl.title, atom=rl.feed_url) for rl in reading_lists if rl.feed_url),
        )
    )
    blogroll = context.get("blogroll")
    if blogroll is not None and blogroll.feed_url:
        groups.append(
            FeedGroup(
                "network",
                "From the blogs we follow",
                (Feed("Their latest posts", atom=str(blogroll.feed_url)),),
            )
        )
    return tuple(group for group in groups if group.feeds)


def readers(templates: dict[str, str], feed_url: str | None) -> tuple[Reader, ...]:
    """Subscribe links: each reader's URL template with the feed's address put in `{url}`."""
    if not feed_url:
        return ()
    address = quote(feed_url, safe=":/")
    return tuple(Reader(name, template.format(url=address)) for name, template in templates.items())


def follow(settings: dict, context: dict) -> Follow:
    groups = feed_groups(settings, context)
    main = groups[0].feeds[0] if groups and groups[0].slug == "everything" else None
    main_feed = (main.atom or main.rss) if main else None
    blogroll = context.get("blogroll")
    return Follow(
        groups=groups,
        readers=readers(settings["FOLLOW_READERS"], main_feed),
        main_feed=main_feed,
        opml_url=str(blogroll.opml_url) if blogroll is not None and blogroll.opml_url else None,
        fediverse=settings["FOLLOW_FEDIVERSE"],
    )
