"""One refresh: every feed at once, then parse and sanitize what changed, then save.

Each blog is saved the moment it is done, so an interrupted refresh keeps all it
finished. A blog that fails keeps its last good entries and is marked stale. One
deadline holds for the whole refresh, fetching and parsing alike; parsing runs in
worker processes within a CPU and memory budget (`worker`), while the event loop goes
on fetching.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from http import HTTPStatus

from .cache import EMPTY_FEED, GONE, MOVED, NEW, NOT_A_FEED, UNREACHABLE, BlogState, Cache, now_utc
from .config import Blog
from .fetch import Fetched, Fetcher
from .parse import FeedError, looks_like_feed
from .settings import BlogrollSettings
from .worker import ParseWorkers

UPDATED, UNCHANGED, EMPTY, FAILED, WAITING = "updated", "unchanged", "empty", "failed", "waiting"


@dataclass
class Outcome:
    """What one refresh did for one blog: a row of the report table."""

    blog: Blog
    status: str
    detail: str = ""
    new_entries: int = 0
    seconds: float = 0.0
    not_modified: bool = False
    moved_to: str | None = None
    answered: bool = False  # a server sent an HTTP answer (so we are not offline)


def refresh(
    blogs: list[Blog],
    settings: BlogrollSettings,
    *,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Refresh `blogs` into the data folder; raises cache.RefreshRunning if one is already
    running."""
    cache = Cache(settings.data_path)
    with cache.exclusive():
        outcomes = asyncio.run(refresh_blogs(blogs, cache, settings, on_done))
        cache.mark_refreshed(now_utc())
    return outcomes


@dataclass
class Run:
    """What the blogs of one refresh share."""

    settings: BlogrollSettings
    cache: Cache
    fetcher: Fetcher
    workers: ParseWorkers


async def refresh_blogs(
    blogs: list[Blog],
    cache: Cache,
    settings: BlogrollSettings,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    async with Fetcher(settings) as fetcher:
        budget = (settings.parse_cpu_seconds, settings.parse_memory_mb)
        workers = ParseWorkers(*budget, deadline_at=fetcher.deadline_at)
        run = Run(settings, cache, fetcher, workers)

        async def one(blog: Blog) -> Outcome:
            started = time.monotonic()
            outcome = await _refresh_blog(blog, run)
            outcome.seconds = time.monotonic() - started
            if on_done:
                on_done(outcome)
            return outcome

        try:
            return await asyncio.gather(*(one(blog) for blog in blogs))
        finally:
            await workers.close()


async def _refresh_blog(blog: Blog, run: Run) -> Outcome:
    now = now_utc()
    state = run.cache.load(blog.key) or BlogState(key=blog.key)
    if state.configured_feed != blog.feed:
        _start_over(state, blog)
    if state.status == GONE:
        return Outcome(blog, GONE, f"gone since {state.since}; change its feed to try again")
    if _asked_to_wait(state, now, run.settings.retry_after_max):
        return Outcome(blog, WAITING, f"server asked us to wait until {state.retry_not_before}")
    if state.feed_url is None:
        fetched = await _discover(blog, run, state)
    else:
        fetched = await run.fetcher.get(
            state.feed_url, etag=state.etag, last_modified=state.last_modified
        )
    outcome = await _apply(blog, state, fetched, run, now)
    outcome.answered = fetched.status is not None
    state.prune(now, run.settings.max_age_days, run.settings.entries_per_blog)
    await asyncio.to_thread(run.cache.save, state)  # fsync waits for the disk, not the loop
    return outcome


def _asked_to_wait(state: BlogState, now: datetime, longest: float) -> bool:
    """Whether the server's Retry-After still holds; one from further off than `longest`
    (left by an older version, or edited) does not."""
    if state.retry_not_before is None:
        return False
    until = datetime.fromisoformat(state.retry_not_before)
    return now < until <= now + timedelta(seconds=longest)


def _start_over(state: BlogState, blog: Blog) -> None:
    """The feed in the list changed (or this is the first run): forget the old address."""
    state.configured_feed = state.feed_url = blog.feed
    state.etag = state.last_modified = state.body_digest = state.retry_not_before = None
    if state.status == GONE:
        state.status, state.reason, state.problem, state.since = NEW, None, None, None


async def _discover(blog: Blog, run: Run, state: BlogState) -> Fetched:
    """Load the site and follow its `<link rel="alternate">` to the feed."""
    page = await run.fetcher.get(blog.url)
    if page.error or page.status != 200 or looks_like_feed(page.body, page.content_type):
        return page
    try:
        candidates = await run.workers.find_feeds(page.body, page.final_url)
    except FeedError as problem:
        page.error = f"{blog.url} could not be read: {problem}"
        return page
    except TimeoutError:
        page.error = f"refresh deadline reached ({run.settings.deadline:g} s)"
        return page
    if not candidates:
        page.error = f"{blog.url} advertises no feed; add `feed:` for this blog in the list"
        return page
    state.feed_url = candidates[0]
    return await run.fetcher.get(candidates[0])


async def _apply(
    blog: Blog, state: BlogState, fetched: Fetched, run: Run, now: datetime
) -> Outcome:
    """Record what the server said in `state`; say what happened."""
    if fetched.error:
        # A page that answered 200 yet failed is a site whose feed we could not find.
        problem = NOT_A_FEED if fetched.status == 200 else UNREACHABLE
        return _failed(blog, state, fetched.error, now, problem=problem)
    status = fetched.status or 0
    if status == 410:
        state.mark_failed("the feed answered 410 Gone", now, GONE, status=GONE)
        return Outcome(blog, GONE, "410 Gone: will not be asked again")
    if status in {429, 503} and fetched.retry_after is not None:
        until = now + timedelta(seconds=max(fetched.retry_after, 1))
        state.retry_not_before = until.isoformat()
        reason = f"HTTP {status} {_phrase(status)}; asked to wait until {until:%Y-%m-%d %H:%M} UTC"
        return _failed(blog, state, reason, now, problem=UNREACHABLE, outcome=WAITING)
    if status not in {200, 304}:
        if status == 404 and state.configured_feed is None:
            state.feed_url = None  # a discovered feed that vanished: discover again next time
        problem = MOVED if status == 404 else UNREACHABLE
        return _failed(blog, state, f"HTTP {status} {_phrase(status)}", now, problem=problem)
    moved = _follow_permanent_move(state, fetched)
    if status == 304:
        state.mark_ok(now)
        return Outcome(blog, UNCHANGED, "304 Not Modified", not_modified=True, moved_to=moved)
    if state.feed_url is None:
        state.feed_url = fetched.final_url  # the site's address answered with a feed
    outcome = await _read_body(blog, state, fetched, run, now)
    outcome.moved_to = moved
    return outcome


async def _read_body(
    blog: Blog, state: BlogState, fetched: Fetched, run: Run, now: datetime
) -> Outcome:
    """Take in a feed the server sent whole (200): parse it unless it is the one we read last."""
    digest = hashlib.sha256(fetched.body).hexdigest()
    if digest == state.body_digest and state.fetched:
        state.etag, state.last_modified = fetched.etag, fetched.last_modified
        state.mark_ok(now)
        return Outcome(blog, UNCHANGED, "same content as last time")
    settings = run.settings
    try:
        feed_title, fresh = await run.workers.read_feed(
            fetched.body, fetched.final_url, fetched.content_type, settings.summary_words, now
        )
    except FeedError as problem:
        reason = f"not a usable feed: {problem}"
        return _failed(blog, state, reason, now, problem=NOT_A_FEED)
    except TimeoutError:
        reason = f"refresh deadline reached ({settings.deadline:g} s)"
        return _failed(blog, state, reason, now, problem=UNREACHABLE)
    if not fresh:
        reason = "the feed answered with no entries"
        return _failed(blog, state, reason, now, problem=EMPTY_FEED, outcome=EMPTY)
    # Validators only for a body we could read, or a 304 would hide a broken feed.
    state.etag, state.last_modified = fetched.etag, fetched.last_modified
    state.body_digest = digest
    state.feed_title = feed_title
    added = state.merge(fresh, now, settings.entries_per_blog)
    state.mark_ok(now)
    return Outcome(blog, UPDATED, f"{len(fresh)} entries in the feed", added)


def _failed(
    blog: Blog, state: BlogState, reason: str, now: datetime, *, problem: str, outcome: str = FAILED
) -> Outcome:
    """Keep the last good entries, record why this try failed (for the author) and what
    that means (for readers), and report it."""
    state.mark_failed(reason, now, problem)
    return Outcome(blog, outcome, reason)


def _follow_permanent_move(state: BlogState, fetched: Fetched) -> str | None:
    """After a 301/308 chain that ended well, ask the new address from now on."""
    if fetched.moved_to and fetched.moved_to != state.feed_url:
        state.feed_url = fetched.moved_to
        return fetched.moved_to
    return None


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "(unknown status)"
