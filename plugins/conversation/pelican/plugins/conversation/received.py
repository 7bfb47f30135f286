"""Refresh the received mentions: fetch the JF2 feed (`WEBMENTION_RECEIVED`) into
`received.json`, as the blogroll refreshes a blog's feed.

A conditional GET through the blogroll's client and limits; a feed that fails, is too
big or is not JF2 leaves the last good mentions in place, marked stale with the reason
and since when. The feed's address may hold a secret token (webmention.io's does), so
it is never written down or printed: the file keeps a digest of it, the report a
redacted copy.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import parse_qsl, urlsplit

from pelican.plugins.blogroll.cache import now_utc
from pelican.plugins.blogroll.fetch import Fetched, Fetcher
from pelican.plugins.blogroll.settings import Limits

from . import store
from .jf2 import FeedError, mentions
from .settings import ConversationSettings

UPDATED, UNCHANGED, FAILED, OFF = "updated", "unchanged", "failed", "off"


@dataclass
class Outcome:
    """What one refresh did: a row of the report."""

    feed: str  # redacted
    status: str
    detail: str
    kinds: Counter = field(default_factory=Counter)


def refresh(options: ConversationSettings, limits: Limits) -> Outcome:
    if options.received is None:
        return Outcome("", OFF, "WEBMENTION_RECEIVED is not set: no received mentions to fetch")
    state = store.read(options.data_path, store.RECEIVED)
    feed_key = hashlib.sha256(options.received.encode()).hexdigest()[:16]
    if state.get("feed") != feed_key:  # another feed: its validators are not ours
        state = {"mentions": state.get("mentions", []), "feed": feed_key}
    fetched = asyncio.run(_get(options.received, limits, state))
    outcome = _apply(state, fetched, options.reply_words)
    outcome.feed = redacted(options.received)
    outcome.kinds = Counter(mention["kind"] for mention in state.get("mentions", []))
    store.write(options.data_path, store.RECEIVED, state)
    return outcome


async def _get(url: str, limits: Limits, state: dict) -> Fetched:
    async with Fetcher(limits) as fetcher:
        return await fetcher.get(
            url, etag=state.get("etag"), last_modified=state.get("last_modified")
        )


def _apply(state: dict, fetched: Fetched, words: int) -> Outcome:
    now = now_utc()
    state["checked_at"] = now.isoformat()
    if fetched.error or fetched.status not in {200, 304}:
        reason = fetched.error or f"HTTP {fetched.status} {_phrase(fetched.status)}"
        return _failed(state, reason, now.isoformat())
    digest = hashlib.sha256(fetched.body).hexdigest()
    if fetched.status == 304 or digest == state.get("body_digest"):
        _ok(state)
        detail = "304 Not Modified" if fetched.status == 304 else "same content as last time"
        return Outcome("", UNCHANGED, detail)
    try:
        fresh = mentions(fetched.body, words=words, seen_at=now)
    except FeedError as problem:
        return _failed(state, f"not a usable JF2 feed: {problem}", now.isoformat())
    state.update(
        mentions=fresh,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        body_digest=digest,
        updated_at=now.isoformat(),
    )
    _ok(state)
    return Outcome("", UPDATED, f"{len(fresh)} mentions in the feed")


def _ok(state: dict) -> None:
    state.update(status="ok", reason=None, since=None)


def _failed(state: dict, reason: str, now: str) -> Outcome:
    """Keep the mentions; say why, and since when the feed has been failing."""
    if state.get("status") != "stale":
        state["since"] = now
    state.update(status="stale", reason=reason)
    kept = len(state.get("mentions", []))
    return Outcome("", FAILED, f"{reason}; kept the last good {kept} mentions")


def redacted(url: str) -> str:
    """The address with its query values hidden: `...mentions.jf2?domain=…&token=…`."""
    parts = urlsplit(url)
    query = "&".join(f"{name}=…" for name, _ in parse_qsl(parts.query, keep_blank_values=True))
    return f"{parts.scheme}://{parts.netloc}{parts.path}" + (f"?{query}" if query else "")


def _phrase(status: int | None) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
