"""What the cache files must hold, checked each time one is read.

The refresh writes them, but a file can be cut short by a full disk, edited by hand or
left by another version. The refresh and the build both check every file against this
schema rather than trust it, so no value in the cache folder can crash either of them;
`cache` sets a file that fails aside.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from .config import is_web_url

FORMAT_VERSION = 2
# Blog states: "new" (never tried), "ok" (last fetch worked), "stale" (failing since
# `since`, last good entries kept), "gone" (answered 410; not asked again until the
# feed in the list changes).
NEW, OK, STALE, GONE = "new", "ok", "stale", "gone"
# What a failing blog's trouble means to a reader (its `reason` is the client's own words,
# for the author only): the server did not answer, the feed is no longer at its address,
# the address serves something that is not a feed, the feed has no entries, or it is gone.
UNREACHABLE, MOVED, NOT_A_FEED, EMPTY_FEED = "unreachable", "moved", "not a feed", "empty"
PROBLEMS = (UNREACHABLE, MOVED, NOT_A_FEED, EMPTY_FEED, GONE)

# A check returns None for a good value, else what it expected instead.
Check = Callable[[object], str | None]


class CacheFileError(ValueError):
    """A cache file cannot be used; the message names the value and what was wrong."""


def _text(value: object) -> str | None:
    return None if isinstance(value, str) else "text"


def _identifier(value: object) -> str | None:
    return None if isinstance(value, str) and value.strip() else "non-empty text"


def _web_address(value: object) -> str | None:
    return None if is_web_url(value) else "an http(s) address"


def _moment(value: object) -> str | None:
    try:
        if datetime.fromisoformat(value).tzinfo is not None:
            return None
    except (TypeError, ValueError):
        pass
    return "an ISO date and time with its time zone"


def _status(value: object) -> str | None:
    return None if value in (NEW, OK, STALE, GONE) else f"one of {NEW}, {OK}, {STALE}, {GONE}"


def _problem(value: object) -> str | None:
    return None if value in PROBLEMS else f"one of {', '.join(PROBLEMS)}"


def _version(value: object) -> str | None:
    if type(value) is int and value == FORMAT_VERSION:
        return None
    return f"{FORMAT_VERSION}, the cache format this version of the plugin reads"


def _list(value: object) -> str | None:
    return None if isinstance(value, list) else "a list"


def _optional(check: Check) -> Check:
    def check_unless_null(value: object) -> str | None:
        expected = None if value is None else check(value)
        return expected and f"{expected} or null"

    return check_unless_null


BLOG_FIELDS: dict[str, Check] = {
    "version": _version,
    "key": _text,
    "configured_feed": _optional(_web_address),
    "feed_url": _optional(_web_address),
    "feed_title": _text,
    "etag": _optional(_text),
    "last_modified": _optional(_text),
    "body_digest": _optional(_text),
    "status": _status,
    "reason": _optional(_text),
    "problem": _optional(_problem),
    "since": _optional(_moment),
    "checked_at": _optional(_moment),
    "updated_at": _optional(_moment),
    "retry_not_before": _optional(_moment),
    "entries": _list,
}
ENTRY_FIELDS: dict[str, Check] = {
    "id": _identifier,
    "title": _text,
    "link": _web_address,
    "comments": _optional(_web_address),
    "published": _optional(_moment),
    "author": _optional(_text),
    "summary": _text,
    "first_seen": _optional(_moment),
}
REFRESHED_FIELDS: dict[str, Check] = {"finished_at": _moment}


def check_blog_file(data: object, key: str) -> None:
    """Raise CacheFileError unless `data` is the state of blog `key` as the cache writes it."""
    data = check_fields(data, BLOG_FIELDS)
    if data["key"] != key:
        raise CacheFileError(f"key: {_show(data['key'])} is another blog's; this file is {key!r}")
    for number, entry in enumerate(data["entries"]):
        check_fields(entry, ENTRY_FIELDS, f"entries[{number}].")


def check_fields(data: object, fields: Mapping[str, Check], prefix: str = "") -> dict:
    """`data`, if it is an object holding every field, each as checked; else CacheFileError."""
    if not isinstance(data, dict):
        where = prefix.rstrip(".") or "the file"
        raise CacheFileError(f"{where}: expected an object, got {_show(data)}")
    for name, check in fields.items():
        if name not in data:
            raise CacheFileError(f"{prefix}{name}: missing")
        expected = check(data[name])
        if expected:
            raise CacheFileError(f"{prefix}{name}: expected {expected}, got {_show(data[name])}")
    return data


def _show(value: object) -> str:
    """A short description of a JSON value, for a message."""
    if isinstance(value, dict | list):
        return f"{'an object' if isinstance(value, dict) else 'a list'} of {len(value)}"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."
