"""Where fetched feeds are parsed and sanitized: a worker thread for a few blogs, worker
processes for many.

This module is all a parser process imports (with `parse` and `sanitize`), never the
HTTP client or Pelican, so the processes boot in a fraction of a second.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import sanitize
from .parse import FeedError, parse_feed

if TYPE_CHECKING:
    from .fetch import Fetched

WATCHDOG_SECONDS = 0.5

logger = logging.getLogger(__name__)


class Parsers:
    """A worker thread for a few blogs; for many, worker processes, one per core, since
    feedparser is pure Python and holds the GIL.

    The processes start when the first feed needs parsing (a refresh of unchanged feeds
    never starts them), or as the refresh starts when many blogs were never read
    (`boot_early`), so that they boot while the first answers are on their way. They
    come from a clean server process (forkserver), never forked from the refresh, whose
    threads may hold locks, and exit on their own if it is killed.
    """

    def __init__(self, processes: bool, *, boot_early: bool = False) -> None:
        self._processes = processes
        self.boot_early = processes and boot_early
        self._pool: ProcessPoolExecutor | None = None
        self._booting: asyncio.Future | None = None

    def boot(self) -> None:
        """Start the worker processes in a thread (starting a process blocks)."""
        if self._booting is None:
            self._booting = asyncio.get_running_loop().run_in_executor(None, self._start_pool)

    def _start_pool(self) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        workers = os.cpu_count() or 1
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_exit_with,
            initargs=(os.getpid(),),
        )
        for _ in range(workers):  # the pool starts one process per job it has no worker for
            self._pool.submit(os.getpid)

    async def read_entries(
        self, fetched: Fetched, summary_words: int, now: datetime
    ) -> tuple[str, list[dict]]:
        """The feed's title and its entries, sanitized; raises FeedError for an unusable body."""
        job = (fetched.body, fetched.final_url, fetched.content_type, summary_words, now)
        if self._processes:
            try:
                return await self._in_processes(job)
            except BrokenProcessPool as problem:
                # A worker died (out of memory, or a script that runs refresh() without an
                # `if __name__ == "__main__":` guard): parse here instead, slower but done.
                if self._processes:
                    logger.warning("blogroll: parser processes failed (%s); parsing here", problem)
                    self._processes = False
        return await asyncio.to_thread(read_entries, *job)

    async def _in_processes(self, job: tuple) -> tuple[str, list[dict]]:
        self.boot()
        await self._booting
        assert self._pool is not None
        return await asyncio.wrap_future(self._pool.submit(read_entries, *job))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


def read_entries(
    body: bytes, url: str, content_type: str, summary_words: int, now: datetime
) -> tuple[str, list[dict]]:
    """Parse and sanitize one body (in a worker process or thread)."""
    try:
        feed = parse_feed(body, url=url, content_type=content_type)
    except FeedError:
        raise
    except Exception as problem:  # a parser bug on hostile input is a bad feed, not a crash
        raise FeedError(f"{type(problem).__name__}: {problem}") from problem
    base = sanitize.safe_url(feed.link, url) or url
    fresh = sanitize.entries(feed.entries, feed_base=base, words=summary_words, seen_at=now)
    title = sanitize.plain_text(feed.title, is_html=False, limit=sanitize.TITLE_CHARACTERS)
    return title, fresh


def _exit_with(refresh_pid: int) -> None:
    """In a parser process: exit once the refresh that started us is gone (even by SIGKILL,
    which leaves a pool's workers waiting for work forever)."""

    def watch() -> None:
        while _alive(refresh_pid):
            time.sleep(WATCHDOG_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process its parent has not reaped yet is a zombie: gone all the same
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except (OSError, IndexError):
        return True
