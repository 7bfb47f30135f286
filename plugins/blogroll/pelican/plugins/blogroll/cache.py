"""The blogroll cache: one JSON file per blog, each replaced atomically, never trusted.

A refresh killed at any instant leaves every file wholly old or wholly new
(givefirst_kit.files). Yet a file can be cut short by a full disk, edited by hand or left
by another version, so every read checks it against the schema below: one that fails is
moved aside, kept and named in a warning, and its blog counts as not fetched yet. The
build reads this folder and nothing else.

The folder is data the repository tracks (`BLOGROLL_DATA_PATH`), so each file is written
to make a readable diff: indented, keys sorted, entries in a fixed order, and not
rewritten at all when a refresh learnt nothing new about the blog.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import stat
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from givefirst_kit.files import write_atomically

from .config import is_web_url
from .sanitize import FORBIDDEN_CHARACTERS

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

# A field's check: a test of its value, and what the value must be (for the message).
Check = tuple[Callable[[object], bool], str]


class CacheFileError(ValueError):
    """A cache file cannot be used; the message names the value and what was wrong."""


def _is_moment(value: object) -> bool:
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except (TypeError, ValueError):
        return False


def _optional(check: Check) -> Check:
    test, expected = check
    return (lambda value: value is None or test(value)), f"{expected} or null"


TEXT: Check = (lambda value: isinstance(value, str)), "text"
# What the refresh writes of a feed has been through the sanitizer, which drops every
# character XML forbids; one of them in such a field means the file did not come from it.
CLEAN_TEXT: Check = (
    (lambda value: isinstance(value, str) and not FORBIDDEN_CHARACTERS.search(value)),
    "text without control characters",
)
WEB_ADDRESS: Check = is_web_url, "an http(s) address"
MOMENT: Check = _is_moment, "an ISO date and time with its time zone"
BLOG_FIELDS: dict[str, Check] = {
    "version": (
        lambda value: type(value) is int and value == FORMAT_VERSION,
        f"{FORMAT_VERSION}, the cache format this version of the plugin reads",
    ),
    "key": TEXT,
    "configured_feed": _optional(WEB_ADDRESS),
    "feed_url": _optional(WEB_ADDRESS),
    "feed_title": CLEAN_TEXT,
    "etag": _optional(TEXT),
    "last_modified": _optional(TEXT),
    "body_digest": _optional(TEXT),
    "status": (
        (lambda value: value in (NEW, OK, STALE, GONE)),
        f"one of {NEW}, {OK}, {STALE}, {GONE}",
    ),
    "reason": _optional(TEXT),
    "problem": _optional(((lambda value: value in PROBLEMS), f"one of {', '.join(PROBLEMS)}")),
    "since": _optional(MOMENT),
    "checked_at": _optional(MOMENT),
    "updated_at": _optional(MOMENT),
    "retry_not_before": _optional(MOMENT),
    "entries": ((lambda value: isinstance(value, list)), "a list"),
}
ENTRY_FIELDS: dict[str, Check] = {
    "id": (
        (lambda value: CLEAN_TEXT[0](value) and bool(value.strip())),
        "non-empty text without control characters",
    ),
    "title": CLEAN_TEXT,
    "link": WEB_ADDRESS,
    "comments": _optional(WEB_ADDRESS),
    "published": _optional(MOMENT),
    "author": _optional(CLEAN_TEXT),
    "summary": CLEAN_TEXT,
    "first_seen": _optional(MOMENT),
}
REFRESHED_FIELDS: dict[str, Check] = {"finished_at": MOMENT}


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
    for name, (test, expected) in fields.items():
        if name not in data:
            raise CacheFileError(f"{prefix}{name}: missing")
        if not test(data[name]):
            raise CacheFileError(f"{prefix}{name}: expected {expected}, got {_show(data[name])}")
    return data


def _show(value: object) -> str:
    """A short description of a JSON value, for a message."""
    if isinstance(value, dict | list):
        return f"{'an object' if isinstance(value, dict) else 'a list'} of {len(value)}"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


BLOGS_FOLDER = "blogs"
REFRESHED_FILE = "refreshed.json"
LOCK_FILE = ".lock"
LARGEST_FILE = 16 * 1024 * 1024  # a blog's file holds a few entries: tens of kB
# When we last asked, not what we learnt: a file whose other fields are unchanged is not
# rewritten for these alone, so a refresh that found nothing new leaves no diff.
WHEN_ASKED = ("checked_at", "updated_at")


class RefreshRunning(RuntimeError):
    """Another refresh holds the cache."""


@dataclass
class BlogState:
    """What we know about one blog's feed, from every refresh so far."""

    key: str
    configured_feed: str | None = None
    feed_url: str | None = None
    feed_title: str = ""
    etag: str | None = None
    last_modified: str | None = None
    body_digest: str | None = None
    status: str = NEW
    reason: str | None = None
    problem: str | None = None
    since: str | None = None
    checked_at: str | None = None
    updated_at: str | None = None
    retry_not_before: str | None = None
    entries: list[dict] = field(default_factory=list)

    @property
    def fetched(self) -> bool:
        """True once any fetch of this blog has worked."""
        return self.updated_at is not None

    def mark_ok(self, now: datetime) -> None:
        self.status, self.reason, self.problem, self.since = OK, None, None, None
        self.retry_not_before = None
        self.checked_at = self.updated_at = now.isoformat()

    def mark_failed(self, reason: str, now: datetime, problem: str, *, status: str = STALE) -> None:
        """Keep the entries; record why (`reason`, for the author), what that means
        (`problem`, for readers) and, if this starts a failing run, since when."""
        if self.status != status or self.problem != problem or self.since is None:
            self.since = now.isoformat()
        self.status, self.reason, self.problem = status, reason, problem
        self.checked_at = now.isoformat()

    def merge(self, fresh: list[dict], now: datetime, keep: int) -> int:
        """Add `fresh` entries (newer copies replace older ones); return how many are new."""
        known = {entry["id"]: entry for entry in self.entries}
        known_links = {entry["link"] for entry in self.entries}
        added = 0
        for entry in fresh:
            previous = known.get(entry["id"])
            if previous is None and entry["link"] in known_links:
                previous = next(e for e in self.entries if e["link"] == entry["link"])
                known.pop(previous["id"], None)
            if previous is None:
                added += 1
            seen = previous.get("first_seen") if previous else None
            known[entry["id"]] = {**entry, "first_seen": seen or now.isoformat()}
        self.entries = sorted(known.values(), key=entry_order, reverse=True)[:keep]
        return added

    def prune(self, now: datetime, max_age_days: int, keep: int) -> None:
        """Drop entries older than `max_age_days` and all but the newest `keep`, so the
        data folder cannot grow without end."""
        oldest = now - timedelta(days=max_age_days)
        recent = [entry for entry in self.entries if _moment_of(entry) >= oldest]
        self.entries = sorted(recent, key=entry_order, reverse=True)[:keep]


def entry_sort_key(entry: dict) -> str:
    """Newest first by publication date; undated entries by when we first saw them."""
    return entry.get("published") or entry.get("first_seen") or ""


def entry_order(entry: dict) -> tuple[datetime, str]:
    """A total order: by date, then by id, so the same entries always save in one order."""
    return _moment_of(entry), entry["id"]


def _moment_of(entry: dict) -> datetime:
    key = entry_sort_key(entry)
    return datetime.fromisoformat(key) if key else datetime.min.replace(tzinfo=UTC)


class Cache:
    """The folder at `path`: `blogs/<key>.json` per blog, plus `refreshed.json`."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.blogs = self.path / BLOGS_FOLDER

    def load(self, key: str) -> BlogState | None:
        data = _load_checked(self.blogs / f"{key}.json", lambda data: check_blog_file(data, key))
        if data is None:
            return None
        return BlogState(**{name: value for name, value in data.items() if name != "version"})

    def save(self, state: BlogState) -> None:
        """Write `state`, unless its file already says the same apart from WHEN_ASKED."""
        file = self.blogs / f"{state.key}.json"
        data = {"version": FORMAT_VERSION, **vars(state)}
        if not _same_news(file, data):
            write_json(file, data)

    def refreshed_at(self) -> datetime | None:
        """When the last complete refresh finished, if one ever did."""
        file = self.path / REFRESHED_FILE
        data = _load_checked(file, lambda data: check_fields(data, REFRESHED_FIELDS))
        return None if data is None else datetime.fromisoformat(data["finished_at"])

    def mark_refreshed(self, now: datetime) -> None:
        write_json(self.path / REFRESHED_FILE, {"finished_at": now.isoformat()})

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the cache for one refresh; raise RefreshRunning if another holds it.

        Also clears temporary files a killed refresh may have left behind.
        """
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / LOCK_FILE, "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise RefreshRunning(f"another refresh is using {self.path}") from None
            for leftover in self.path.rglob(".*.tmp"):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            yield


def _read_json(file: Path) -> object:
    """The JSON value in `file`: FileNotFoundError when there is none, CacheFileError when
    it cannot be read as JSON."""
    try:
        info = file.stat()
        if stat.S_ISREG(info.st_mode) and info.st_size <= LARGEST_FILE:
            return json.loads(file.read_bytes())
    except FileNotFoundError:
        raise
    except OSError as problem:
        raise CacheFileError(f"cannot be read: {problem.strerror or problem}") from None
    except (ValueError, RecursionError) as problem:  # UnicodeDecodeError is a ValueError
        raise CacheFileError(f"not valid JSON: {problem}") from None
    if not stat.S_ISREG(info.st_mode):
        raise CacheFileError("not a regular file")
    raise CacheFileError(f"{info.st_size:,} bytes, more than a cache file ever holds")


def _load_checked(file: Path, check: Callable[[object], object]) -> dict | None:
    """`file`'s data if `check` passes it; None if there is none, or if it fails (set aside)."""
    try:
        data = _read_json(file)
        check(data)
    except FileNotFoundError:
        return None
    except CacheFileError as problem:
        set_aside(file, problem)
        return None
    return data


def _same_news(file: Path, data: dict) -> bool:
    """Whether `file` already holds `data`, apart from WHEN_ASKED (an unreadable one does not)."""
    try:
        saved = _read_json(file)
    except (FileNotFoundError, CacheFileError):
        return False
    return isinstance(saved, dict) and all(
        saved.get(key) == value for key, value in data.items() if key not in WHEN_ASKED
    )


def set_aside(file: Path, problem: CacheFileError) -> None:
    """Move an unusable cache file out of the way (never delete it) and say so."""
    aside = file.with_name(f"{file.name}.rejected-{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}")
    try:
        os.rename(file, aside)
        moved = f"moved to {aside.name}"
    except OSError as error:
        moved = f"could not be moved aside ({error.strerror or error})"
    # Printed, not logged: `pelican --fatal warnings` (how `make html` builds) turns a
    # logged warning into a traceback and a failed build, and a cache file must do neither.
    print(
        f"WARNING blogroll: cache file {file} is unusable ({problem}), {moved}; its blog "
        "counts as not fetched until the next refresh (`make feeds`) writes a new one",
        file=sys.stderr,
    )


def write_json(path: Path, data: dict) -> None:
    """Write `data` whole or not at all; indented with sorted keys, as the folder is tracked
    and this diffs line by line."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    write_atomically(path, text.encode("utf-8"))


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
