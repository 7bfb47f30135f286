"""Meet the checked lists with the site's posts: positions, reading time, neighbours.

Everything the templates and the feed show is computed here, once, as plain data with
absolute URLs.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from givefirst_kit.text import plain_text
from pelican.utils import slugify

from .load import OutsideRead, PostItem, ReadingList, ReadingListError, where

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    """One numbered read in a list: one of our posts (`article`) or an outside read.

    `title`, `note` and `author` are plain text (templates escape them); `url` is absolute.
    """

    position: int
    anchor: str
    title: str
    url: str
    note: str | None = None
    article: Any = None
    kind: str | None = None
    author: str | None = None

    @property
    def reading_time(self) -> int | None:
        """Our post's minutes (counted once every page is read); None for an outside read."""
        return self.article.reading_time if self.article else None

    @property
    def host(self) -> str | None:
        """Where an outside read lives, so readers know they are leaving the site."""
        return None if self.article else urlsplit(self.url).hostname


@dataclass(frozen=True)
class ResolvedList:
    """A list ready to render: `path` is site-relative, every other URL absolute."""

    slug: str
    title: str
    summary: str | None
    audience: str | None
    path: str
    url: str
    feed_url: str | None
    entries: tuple[Entry, ...]
    updated: datetime

    @property
    def posts(self) -> tuple[Entry, ...]:
        return tuple(entry for entry in self.entries if entry.article is not None)

    @property
    def reading_time(self) -> int:
        """Minutes for our posts in the list: the sum of the times shown beside them."""
        return sum(entry.reading_time for entry in self.posts)


def resolve(
    lists: Iterable[ReadingList],
    *,
    articles: Iterable[Any],
    drafts: Iterable[Any],
    settings: dict,
) -> list[ResolvedList]:
    """Lists with their posts found; raises ReadingListError naming every unknown slug.

    A draft named by a list is left out with a warning: it has no page to link to yet.
    """
    published = {article.slug: article for article in articles}
    draft_slugs = {draft.slug for draft in drafts}
    problems: list[str] = []
    resolved = []
    for reading_list in lists:
        entries = []
        for number, item in enumerate(reading_list.items, 1):
            if isinstance(item, OutsideRead) or item.slug in published:
                entries.append(_entry(item, published, len(entries) + 1, settings))
            elif item.slug in draft_slugs:
                logger.warning(
                    "%s: item %d: the post '%s' is a draft, so it is left out of the list "
                    "'%s' until it is published (set its `Status:` to published, or remove "
                    "the item).",
                    where(reading_list.source, item.line),
                    number,
                    item.slug,
                    reading_list.title,
                )
            else:
                problems.append(_unknown_slug(reading_list, item, number, published))
        resolved.append(_resolved_list(reading_list, _unique_anchors(entries), settings))
    if problems:
        raise ReadingListError(problems)
    return resolved


def _unknown_slug(
    reading_list: ReadingList, item: PostItem, number: int, published: dict[str, Any]
) -> str:
    close = difflib.get_close_matches(item.slug, list(published), n=3, cutoff=0.6)
    suggestion = (
        f"closest existing slugs: {', '.join(close)}"
        if close
        else "no published post has a similar slug"
    )
    return (
        f"{where(reading_list.source, item.line)}: item {number}: no published post has the "
        f"slug '{item.slug}'; {suggestion}. A post's slug is its `Slug:` metadata, or its "
        "file name."
    )


def _entry(
    item: PostItem | OutsideRead, published: dict[str, Any], position: int, settings: dict
) -> Entry:
    if isinstance(item, PostItem):
        article = published[item.slug]
        title, url = plain_text(article.title), absolute(settings["SITEURL"], article.url)
        return Entry(position, f"post-{article.slug}", title, url, item.note, article)
    anchor = "read-" + slugify(item.title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    return Entry(
        position, anchor, item.title, item.url, item.note, kind=item.kind, author=item.author
    )


def _unique_anchors(entries: list[Entry]) -> tuple[Entry, ...]:
    """Two outside reads with the same title still get their own anchor."""
    seen: dict[str, int] = {}
    unique = []
    for entry in entries:
        seen[entry.anchor] = seen.get(entry.anchor, 0) + 1
        if seen[entry.anchor] > 1:
            entry = replace(entry, anchor=f"{entry.anchor}-{seen[entry.anchor]}")
        unique.append(entry)
    return tuple(unique)


def _resolved_list(
    reading_list: ReadingList, entries: tuple[Entry, ...], settings: dict
) -> ResolvedList:
    path = settings["READING_LISTS_LIST_URL"].format(slug=reading_list.slug)
    atom = settings["READING_LISTS_FEED_ATOM"]
    feed_domain = settings.get("FEED_DOMAIN") or settings["SITEURL"]
    # Updated: the newest date among the list's posts; the file's own date when it has none.
    dates = [
        getattr(entry.article, "modified", None) or entry.article.date
        for entry in entries
        if entry.article is not None
    ] or [datetime.fromtimestamp(reading_list.source.stat().st_mtime, tz=UTC)]
    return ResolvedList(
        slug=reading_list.slug,
        title=reading_list.title,
        summary=reading_list.summary,
        audience=reading_list.audience,
        path=path,
        url=absolute(settings["SITEURL"], path),
        feed_url=absolute(feed_domain, atom.format(slug=reading_list.slug)) if atom else None,
        entries=entries,
        updated=max(dates),
    )


def absolute(base: str, path: str) -> str:
    """`path` under `base` (SITEURL or FEED_DOMAIN), with exactly one slash between."""
    return f"{base.rstrip('/')}/{path.lstrip('/')}"


def memberships(resolved_lists: Iterable[ResolvedList]) -> dict[str, list[dict]]:
    """For each post slug, its place in every list: what `article.reading_lists` holds."""
    by_slug: dict[str, list[dict]] = {}
    for reading_list in resolved_lists:
        entries = reading_list.entries
        for index, entry in enumerate(entries):
            if entry.article is None:
                continue
            by_slug.setdefault(entry.article.slug, []).append(
                {
                    "slug": reading_list.slug,
                    "title": reading_list.title,
                    "url": reading_list.url,
                    "position": entry.position,
                    "total": len(entries),
                    "previous": _step(entries[index - 1]) if index > 0 else None,
                    "next": _step(entries[index + 1]) if index + 1 < len(entries) else None,
                }
            )
    return by_slug


def _step(entry: Entry) -> dict:
    return {"title": entry.title, "url": entry.url, "kind": entry.kind, "author": entry.author}
