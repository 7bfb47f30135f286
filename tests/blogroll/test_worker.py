"""worker: feeds parsed and sanitized in worker processes, within a CPU and memory budget."""

from __future__ import annotations

import asyncio
import json
import os
from datetime import UTC, datetime

import pytest
from pelican.plugins.blogroll.parse import FeedError
from pelican.plugins.blogroll.worker import ParseWorkers, do_task

from tests.blogroll.feedserver import FIXTURES
from tests.blogroll.helpers import (
    assert_safe_entry,
    costly_feed,
    is_running,
    run_async,
    wait_for,
    workers_of,
)

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
RSS = (FIXTURES / "rss20.xml").read_bytes()
URL = "http://rss20.example/feed.xml"
FAR = float("inf")  # no deadline


def read_all(workers: ParseWorkers, *bodies: bytes) -> list[tuple[str, list[dict]] | Exception]:
    """Each body read in turn by the same workers: the result, or the exception raised."""

    async def run() -> list:
        results = []
        try:
            for body in bodies:
                try:
                    results.append(await workers.read_feed(body, URL, "", 40, NOW))
                except FeedError as problem:
                    results.append(problem)
        finally:
            await workers.close()
        return results

    return run_async(run())


def test_feeds_are_read_one_after_another_by_one_worker():
    started = []

    async def run() -> list:
        workers = ParseWorkers(cpu_seconds=10, memory_mb=512, deadline_at=FAR)
        results = [await workers.read_feed(RSS, URL, "", 40, NOW) for _ in range(3)]
        started.extend(workers_of(os.getpid()))
        await workers.close()
        return results

    results = run_async(run())
    assert len(started) == 1
    for title, entries in results:
        assert title == "RSS 2.0 Blog"
        assert [entry["title"] for entry in entries] == ["RSS 2.0 entry one", "RSS 2.0 entry two"]
        for entry in entries:
            assert_safe_entry(entry, words=40)
    wait_for(lambda: not is_running(started[0]), "the worker outlived close()")


def test_a_sites_feeds_are_found_in_a_worker():
    page = (FIXTURES / "site.html").read_bytes()

    async def run() -> list[str]:
        workers = ParseWorkers(cpu_seconds=10, memory_mb=512, deadline_at=FAR)
        try:
            return await workers.find_feeds(page, "http://site.example/blog/")
        finally:
            await workers.close()

    assert run_async(run()) == [
        "http://site.example/blog/feed.atom",
        "http://site.example/blog/comments/feed/",
    ]


def test_a_body_that_is_no_feed_says_why():
    (problem,) = read_all(ParseWorkers(10, 512, FAR), b"<html><p>hello</p></html>")
    assert isinstance(problem, FeedError)
    assert str(problem).startswith("not an RSS, Atom or JSON feed")


def test_a_feed_over_the_cpu_budget_is_too_complex_and_the_next_one_is_read():
    """The worker is stopped by the kernel at its CPU limit, then replaced."""
    problem, (title, _) = read_all(
        ParseWorkers(cpu_seconds=1, memory_mb=512, deadline_at=FAR), costly_feed(2), RSS
    )
    assert str(problem) == (
        "too complex to read safely: it needs more than "
        "1 s of processor time (BLOGROLL_PARSE_CPU_SECONDS)"
    )
    assert title == "RSS 2.0 Blog"


def test_a_feed_over_the_memory_budget_is_too_complex():
    """A million empty JSON Feed items: a few MB of bytes, far more in memory."""
    items = ",".join(["{}"] * 1_500_000)
    body = f'{{"version": "https://jsonfeed.org/version/1.1", "items": [{items}]}}'.encode()
    problem, (title, _) = read_all(
        ParseWorkers(cpu_seconds=60, memory_mb=128, deadline_at=FAR), body, RSS
    )
    assert str(problem) == (
        "too complex to read safely: it needs more than 128 MB of memory (BLOGROLL_PARSE_MEMORY_MB)"
    )
    assert title == "RSS 2.0 Blog"


def test_cancelling_a_read_stops_its_worker():
    """What the refresh does when its deadline comes in the middle of a feed."""
    workers_seen = []

    async def run() -> None:
        workers = ParseWorkers(cpu_seconds=120, memory_mb=512, deadline_at=FAR)
        reading = asyncio.create_task(workers.read_feed(costly_feed(2), URL, "", 40, NOW))
        while not workers_seen:
            await asyncio.sleep(0.01)
            workers_seen.extend(workers_of(os.getpid()))
        reading.cancel()
        with pytest.raises(asyncio.CancelledError):
            await reading
        await workers.close()

    run_async(run())
    wait_for(lambda: not any(map(is_running, workers_seen)), "the worker kept parsing")


def test_a_reply_is_plain_json():
    """Replies are data, never code: JSON, not pickle."""
    job = {"task": "feed", "url": URL, "content_type": "", "words": 40, "now": NOW.isoformat()}
    reply = do_task(job, RSS)
    assert json.loads(json.dumps(reply)) == reply
