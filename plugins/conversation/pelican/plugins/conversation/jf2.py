"""A JF2 feed of received Webmentions into safe mention records.

JF2 is what webmention.io's API serves (`/api/mentions.jf2`), and self-hosted receivers
and Bridgy (Mastodon and Bluesky replies) speak it too. Every field is untrusted and
may be of any type: names become plain text, replies pass the blogroll's allowlist and
are cut to a number of words, only http(s) links survive, and private mentions are
dropped. What comes out is plain data for `received.json`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from urllib.parse import urlsplit

from pelican.plugins.blogroll.sanitize import (
    AUTHOR_CHARACTERS,
    plain_text,
    safe_url,
    summary_html,
)

# wm-property (or the JF2 property itself) → what the mention is.
KINDS = {
    "in-reply-to": "reply",
    "like-of": "like",
    "repost-of": "repost",
    "bookmark-of": "bookmark",
    "mention-of": "mention",
}
MAX_MENTIONS = 5_000  # bounds the work a hostile feed of many tiny entries can cause


class FeedError(ValueError):
    """The body is not a JF2 feed we can read; the message says why."""


def mentions(body: bytes, *, words: int, seen_at: datetime) -> list[dict]:
    """The feed's public mentions as safe records, oldest first, each once (by its id)."""
    try:
        data = json.loads(body)
    except RecursionError:
        raise FeedError("JSON nested too deeply") from None
    except ValueError as problem:
        raise FeedError(f"not JSON ({problem})") from None
    children = data.get("children") if isinstance(data, dict) else None
    if not isinstance(children, list):
        raise FeedError("no `children` list")
    kept: dict[str, dict] = {}
    for child in children[:MAX_MENTIONS]:
        mention = _mention(child, words=words, seen_at=seen_at)
        if mention is not None:
            kept[mention["id"]] = mention
    return sorted(kept.values(), key=lambda mention: mention["published"] or "")


def _mention(child: object, *, words: int, seen_at: datetime) -> dict | None:
    if not isinstance(child, dict) or child.get("wm-private") is True:
        return None
    kind = KINDS.get(child.get("wm-property")) or next(
        (kind for name, kind in KINDS.items() if name in child), "mention"
    )
    property_name = next(name for name, value in KINDS.items() if value == kind)
    target = safe_url(child.get("wm-target")) or safe_url(_first(child.get(property_name)))
    url = safe_url(child.get("url")) or safe_url(child.get("wm-source"))
    if target is None or url is None:
        return None
    author = child.get("author") if isinstance(child.get("author"), dict) else {}
    author_url = safe_url(_first(author.get("url")))
    name = plain_text(_first(author.get("name")), is_html=False, limit=AUTHOR_CHARACTERS)
    return {
        "id": _id(child, kind, url, target),
        "kind": kind,
        "target": urlsplit(target).path or "/",
        "url": url,
        "author": name or urlsplit(author_url or url).hostname,
        "author_url": author_url,
        "published": _date(child.get("published"), seen_at)
        or _date(child.get("wm-received"), seen_at),
        "html": _content(child.get("content"), url, words) if kind == "reply" else "",
    }


def _first(value: object) -> object:
    """JF2 allows a list where one value is expected: take the first."""
    return value[0] if isinstance(value, list) and value else value


def _id(child: dict, kind: str, url: str, target: str) -> str:
    """webmention.io's own id when there is one; else one made of what the mention is."""
    wm_id = child.get("wm-id")
    if isinstance(wm_id, int | str) and str(wm_id).isdigit():
        return f"wm-{wm_id}"
    return "wm-" + hashlib.sha256(f"{kind} {url} {target}".encode()).hexdigest()[:16]


def _date(value: object, seen_at: datetime) -> str | None:
    """ISO 8601 with a time zone (UTC when none is given), never later than `seen_at`."""
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(when, seen_at).isoformat()


def _content(content: object, base: str, words: int) -> str:
    if isinstance(content, dict):
        if isinstance(content.get("html"), str):
            return summary_html(content["html"], is_html=True, base=base, words=words)
        content = content.get("text")
    return summary_html(content, is_html=False, base=base, words=words)
