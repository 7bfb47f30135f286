"""From the cache to what templates show: plain data, already escaped, and the files
that are not HTML (the network's Atom feed and the OPML list).

Reads saved state only; never the network. Every string from a feed reaches the
templates as `Markup` (escaped text, or HTML that `sanitize` allowed), so a theme
that forgets `|e` still cannot let markup through.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from zoneinfo import ZoneInfo

from feedgenerator import Atom1Feed
from markupsafe import Markup, escape
from pelican.utils import strftime

from .cache import (
    EMPTY_FEED,
    GONE,
    MOVED,
    NOT_A_FEED,
    STALE,
    UNREACHABLE,
    BlogState,
    entry_sort_key,
)
from .config import Blog
from .opml import write_opml
from .settings import BlogrollSettings

BLOGROLL_PATH = "blogroll/"
NETWORK_PATH = "network/"
NETWORK_PAGE_PATH = "network/page/{number}/"
FEED_PATH = "feeds/network.atom.xml"
OPML_PATH = ".well-known/recommendations.opml"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Reader-facing words for a blog's trouble; the client's own message stays in the data
# folder and the author's refresh table.
PROBLEM_WORDS = {
    UNREACHABLE: "Unreachable since {since}",
    MOVED: "Moved: its feed is no longer at its address (since {since})",
    NOT_A_FEED: "Not a feed: its address no longer serves one (since {since})",
    EMPTY_FEED: "Its feed has been empty since {since}",
    GONE: "Gone: its feed was removed on {since}",
}
SHORT_DATE = "%-d %b"
ATOM_ID = re.compile(r"^(?:https?://|tag:|urn:)[^\s<>\"{}|\\^`]+$")


@dataclass(frozen=True)
class Site:
    """The Pelican settings rendering needs."""

    name: str
    url: str
    feed_domain: str
    timezone: ZoneInfo
    date_format: str
    language: str

    @classmethod
    def from_settings(cls, settings: Mapping[str, object]) -> Site:
        url = str(settings.get("SITEURL") or "").rstrip("/")
        return cls(
            name=str(settings.get("SITENAME") or ""),
            url=url,
            feed_domain=str(settings.get("FEED_DOMAIN") or url).rstrip("/"),
            timezone=ZoneInfo(str(settings.get("TIMEZONE") or "UTC")),
            date_format=str(settings.get("DEFAULT_DATE_FORMAT") or "%Y-%m-%d"),
            language=str(settings.get("DEFAULT_LANG") or "en"),
        )

    def date(self, when: datetime) -> tuple[str, str]:
        """(machine-readable, human) forms of `when` in the site's time zone."""
        local = when.astimezone(self.timezone)
        return local.isoformat(), strftime(local, self.date_format)


@dataclass(frozen=True)
class EntryView:
    entry_id: str
    title: Markup
    link: Markup
    conversation_url: Markup
    has_comments: bool
    when: datetime
    date_iso: str
    date_label: str
    author: Markup | None
    summary: Markup
    blog_name: Markup
    blog_url: Markup
    blog_anchor: str


@dataclass(frozen=True)
class BlogView:
    anchor: str
    name: Markup
    url: Markup
    feed_url: Markup | None
    tags: tuple[Markup, ...]
    why: Markup
    state: str
    status: Markup
    problem: Markup | None
    latest: EntryView | None


@dataclass(frozen=True)
class Day:
    date_iso: str
    label: str
    entries: tuple[EntryView, ...]


@dataclass(frozen=True)
class NetworkPage:
    number: int
    path: str
    days: tuple[Day, ...]
    previous_path: str | None
    next_path: str | None
    total: int

    @property
    def save_as(self) -> str:
        return self.path + "index.html"


@dataclass(frozen=True)
class Blogroll:
    """Everything templates get as `blogroll`."""

    blogs: tuple[BlogView, ...]
    entries: tuple[EntryView, ...]
    latest: tuple[EntryView, ...]
    pages: tuple[NetworkPage, ...]
    updated: datetime
    page_path: str = BLOGROLL_PATH
    network_path: str = NETWORK_PATH
    feed_url: str = ""
    opml_url: str = ""


def build(
    blogs: list[Blog],
    states: Mapping[str, BlogState | None],
    settings: BlogrollSettings,
    site: Site,
) -> Blogroll:
    """The template data for `blogs`, from whatever the cache holds (possibly nothing)."""
    views, entries = [], []
    for blog in blogs:
        state = states.get(blog.key)
        blog_entries = [
            _entry_view(blog, entry, site) for entry in (state.entries if state else [])
        ]
        views.append(_blog_view(blog, state, blog_entries[0] if blog_entries else None, site))
        if state is None or state.status != GONE:
            entries.extend(blog_entries)
    entries.sort(key=lambda view: (view.when, str(view.blog_name)), reverse=True)
    return Blogroll(
        blogs=tuple(views),
        entries=tuple(entries),
        latest=tuple(entries[: settings.widget_entries]),
        pages=_pages(entries, settings.network_per_page, site),
        updated=_updated(entries, states),
        feed_url=f"{site.feed_domain}/{FEED_PATH}",
        opml_url=f"{site.url}/{OPML_PATH}",
    )


def _entry_view(blog: Blog, entry: dict, site: Site) -> EntryView:
    when = datetime.fromisoformat(entry_sort_key(entry) or EPOCH.isoformat())
    date_iso, date_label = site.date(when)
    comments = entry.get("comments")
    return EntryView(
        entry_id=entry["id"],
        title=escape(entry["title"]),
        link=escape(entry["link"]),
        conversation_url=escape(comments or entry["link"]),
        has_comments=bool(comments),
        when=when,
        date_iso=date_iso,
        date_label=date_label,
        author=escape(entry["author"]) if entry.get("author") else None,
        summary=Markup(entry.get("summary") or ""),
        blog_name=escape(blog.name),
        blog_url=escape(blog.url),
        blog_anchor=f"blog-{blog.key}",
    )


def _blog_view(
    blog: Blog, state: BlogState | None, latest: EntryView | None, site: Site
) -> BlogView:
    feed = _feed_address(blog, state)
    problem = state.problem if state and state.status in (STALE, GONE) else None
    return BlogView(
        anchor=f"blog-{blog.key}",
        name=escape(blog.name),
        url=escape(blog.url),
        feed_url=escape(feed) if feed else None,
        tags=tuple(escape(tag) for tag in blog.tags),
        why=escape(blog.why),
        state="pending"
        if state is None or not (state.fetched or state.status == GONE)
        else state.status,
        status=escape(status_text(state, site)),
        problem=escape(problem) if problem else None,
        latest=latest,
    )


def _feed_address(blog: Blog, state: BlogState | None) -> str | None:
    """Where the feed is now: discovered or moved (the cache), else as listed."""
    return (state.feed_url if state else None) or blog.feed


def status_text(state: BlogState | None, site: Site) -> str:
    """One sentence for readers on how current our copy of this blog is, in plain words:
    never the client's message. Empty for a blog never fetched."""
    if state is None or state.status not in (STALE, GONE):
        return f"Last updated {_label(state.updated_at, site)}." if state and state.fetched else ""
    since = _label(state.since or state.checked_at, site, SHORT_DATE)
    words = PROBLEM_WORDS.get(state.problem, PROBLEM_WORDS[UNREACHABLE]).format(since=since)
    if state.fetched and state.status != GONE:
        return f"{words}; showing our copy from {_label(state.updated_at, site)}."
    return f"{words}."


def _label(iso: str | None, site: Site, date_format: str | None = None) -> str:
    if not iso:
        return "an unknown date"
    local = datetime.fromisoformat(iso).astimezone(site.timezone)
    return strftime(local, date_format or site.date_format)


def _pages(entries: list[EntryView], per_page: int, site: Site) -> tuple[NetworkPage, ...]:
    chunks = [entries[i : i + per_page] for i in range(0, len(entries), per_page)] or [[]]
    paths = [NETWORK_PATH] + [
        NETWORK_PAGE_PATH.format(number=number) for number in range(2, len(chunks) + 1)
    ]
    pages = []
    for index, chunk in enumerate(chunks):
        days = tuple(
            Day(views[0].date_iso[:10], site.date(views[0].when)[1], tuple(views))
            for views in (list(group) for _, group in groupby(chunk, key=lambda v: v.date_iso[:10]))
        )
        pages.append(
            NetworkPage(
                number=index + 1,
                path=paths[index],
                days=days,
                previous_path=paths[index - 1] if index else None,
                next_path=paths[index + 1] if index + 1 < len(paths) else None,
                total=len(chunks),
            )
        )
    return tuple(pages)


def _updated(entries: list[EntryView], states: Mapping[str, BlogState | None]) -> datetime:
    """When the network last changed: its newest entry's date, reproducible unlike 'now';
    without entries, the last time we asked, and only with no data at all, now."""
    if entries:
        return max(view.when for view in entries)
    asked = [s.checked_at for s in states.values() if s and s.checked_at]
    return max(map(datetime.fromisoformat, asked), default=None) or datetime.now(UTC)


def atom_feed(blogroll: Blogroll, site: Site, limit: int) -> str:
    """The network's latest entries as Atom, every link absolute."""
    feed = Atom1Feed(
        title=f"{site.name}: from our network",
        link=f"{site.url}/{NETWORK_PATH}",
        description=f"The latest posts from the blogs {site.name} reads.",
        feed_url=blogroll.feed_url,
        language=site.language,
    )
    # <updated> is the network's last change, not the build time: rebuilds stay identical.
    feed.latest_post_date = lambda: blogroll.updated
    used: set[str] = set()
    for view in blogroll.entries[:limit]:
        feed.add_item(
            title=view.title.unescape(),
            link=view.link.unescape(),
            description=str(view.summary),
            author_name=(view.author or view.blog_name).unescape(),
            pubdate=view.when,
            unique_id=_atom_id(view, used),
        )
    return feed.writeString("utf-8")


def _atom_id(view: EntryView, used: set[str]) -> str:
    """Keep the source's id when it is a usable IRI (as Planet does), else a stable UUID URN;
    never the same id twice in one feed."""
    candidate = view.entry_id
    if not ATOM_ID.match(candidate) or candidate in used:
        candidate = uuid.uuid5(uuid.NAMESPACE_URL, f"{view.blog_anchor} {view.entry_id}").urn
    used.add(candidate)
    return candidate


def opml(
    blogs: list[Blog], states: Mapping[str, BlogState | None], site: Site, when: datetime
) -> str:
    """Our blogroll as OPML, with each feed's current address."""
    pairs = [(blog, _feed_address(blog, states.get(blog.key))) for blog in blogs]
    return write_opml(pairs, title=f"{site.name}: blogs we read", when=when)
