"""Parse and sanitize each feed in a worker process, within a CPU-time and memory budget.

feedparser, the sanitizer and the HTML parser that finds a site's feed run on whatever
bytes a blog sends. Bytes made to keep them busy for minutes, or to fill the memory,
must cost that blog its update, not the whole refresh: so they run in a process of
their own, limited with `setrlimit` and killed when the refresh's deadline comes. A
worker takes one task after another over its stdin and stdout; one that dies is
replaced for the next. It imports `parse` and `sanitize`, never the HTTP
client or Pelican.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
import resource
import signal
import struct
import sys
from datetime import datetime
from typing import BinaryIO

from . import sanitize
from .parse import FeedError, discover_feeds, parse_feed

FRAME_SIZE = struct.Struct(">I")
LONGEST_REPLY = 256 * 1024 * 1024  # a reply is the sanitized entries: far less than this
OUT_OF_MEMORY = 3  # the worker's exit status when it ran out of memory


class ParseWorkers:
    """Worker processes for one refresh: at most one per core, each on one task at once.

    A task raises FeedError for bytes that cannot be used or need more than the budget,
    and TimeoutError when the deadline (a `loop.time()`) comes first.
    """

    def __init__(self, cpu_seconds: int, memory_mb: int, deadline_at: float) -> None:
        self.cpu_seconds = cpu_seconds
        self.memory_mb = memory_mb
        self.deadline_at = deadline_at
        self._slots = asyncio.Semaphore(os.cpu_count() or 1)
        self._idle: list[asyncio.subprocess.Process] = []

    async def read_feed(
        self, body: bytes, url: str, content_type: str, words: int, now: datetime
    ) -> tuple[str, list[dict]]:
        """The feed's title and its entries, sanitized."""
        job = {"task": "feed", "url": url, "content_type": content_type, "words": words}
        reply = await self._run({**job, "now": now.isoformat()}, body)
        return reply["title"], reply["entries"]

    async def find_feeds(self, page: bytes, url: str) -> list[str]:
        """The feeds a site's page at `url` advertises, best first."""
        return (await self._run({"task": "links", "url": url}, page))["feeds"]

    async def _run(self, job: dict, body: bytes) -> dict:
        async with asyncio.timeout_at(self.deadline_at):
            reply = await self._in_a_worker(job, body)
        if "error" in reply:
            raise FeedError(reply["error"])
        return reply

    async def _in_a_worker(self, job: dict, body: bytes) -> dict:
        """Send a task to an idle worker (or a new one); a worker that fails is stopped."""
        async with self._slots:
            worker = self._idle.pop() if self._idle else await self._start()
            try:
                await _send(worker, json.dumps(job).encode(), body)
                reply = json.loads(await _receive(worker))
            except BaseException as problem:  # cancelled, died, or answered nonsense
                _kill(worker)
                status = await worker.wait()
                if isinstance(problem, (OSError, EOFError, ValueError)):
                    raise FeedError(self._death(status)) from None
                raise
            self._idle.append(worker)
        return reply

    async def _start(self) -> asyncio.subprocess.Process:
        # The worker finds this package where the refresh found it.
        path = os.pathsep.join(filter(None, sys.path))
        try:
            return await asyncio.create_subprocess_exec(
                *(sys.executable, "-m", __name__, str(self.cpu_seconds), str(self.memory_mb)),
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                env={**os.environ, "PYTHONPATH": path},
            )
        except OSError as problem:
            raise FeedError(f"could not start the feed parser: {problem}") from None

    def _death(self, status: int) -> str:
        """Why a worker stopped in the middle of a feed, in words for the report."""
        if status == -signal.SIGXCPU:
            budget = f"{self.cpu_seconds} s of processor time (BLOGROLL_PARSE_CPU_SECONDS)"
        elif status in (OUT_OF_MEMORY, -signal.SIGABRT):  # Python's MemoryError, or Rust's
            budget = f"{self.memory_mb} MB of memory (BLOGROLL_PARSE_MEMORY_MB)"
        else:
            return f"the feed parser stopped unexpectedly (exit status {status})"
        return f"too complex to read safely: it needs more than {budget}"

    async def close(self) -> None:
        """Let idle workers finish (they exit at the end of their input)."""
        for worker in self._idle:
            worker.stdin.close()
            await worker.wait()
        self._idle.clear()


async def _send(worker: asyncio.subprocess.Process, *payloads: bytes) -> None:
    for payload in payloads:
        worker.stdin.write(FRAME_SIZE.pack(len(payload)) + payload)
    await worker.stdin.drain()


async def _receive(worker: asyncio.subprocess.Process) -> bytes:
    try:
        (size,) = FRAME_SIZE.unpack(await worker.stdout.readexactly(FRAME_SIZE.size))
        if size > LONGEST_REPLY:
            raise ValueError(f"a reply of {size} bytes")
        return await worker.stdout.readexactly(size)
    except asyncio.IncompleteReadError:
        raise EOFError("the worker stopped") from None


def _kill(worker: asyncio.subprocess.Process) -> None:
    # Not worker.kill(): it reaps a worker that has just died, before asyncio's own watcher
    # can learn how it died.
    if worker.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGKILL)


# --- in the worker process -------------------------------------------------------------


def do_task(job: dict, body: bytes) -> dict:
    """One task from the refresh; {"error"} when the bytes cannot be used."""
    try:
        if job["task"] == "links":
            return {"feeds": discover_feeds(body, job["url"])}
        return read_feed(job, body)
    except FeedError as problem:
        return {"error": str(problem)}
    except MemoryError:
        raise
    except Exception as problem:  # a parser bug on hostile input is a bad feed, not a crash
        return {"error": f"{type(problem).__name__}: {problem}"}


def read_feed(job: dict, body: bytes) -> dict:
    """Parse and sanitize one feed: {"title", "entries"}."""
    url = job["url"]
    feed = parse_feed(body, url=url, content_type=job["content_type"])
    base = sanitize.safe_url(feed.link, url) or url
    seen_at = datetime.fromisoformat(job["now"])
    fresh = sanitize.entries(feed.entries, feed_base=base, words=job["words"], seen_at=seen_at)
    title = sanitize.plain_text(feed.title, is_html=False, limit=sanitize.TITLE_CHARACTERS)
    return {"title": title, "entries": fresh}


def serve(cpu_seconds: int, memory_mb: int, source: BinaryIO, replies: BinaryIO) -> None:
    """Do tasks from `source` until it ends; each may use `cpu_seconds` more CPU time."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    while (header := _read_frame(source)) is not None:
        body = _read_frame(source) or b""
        _allow_cpu(cpu_seconds)
        try:
            reply = json.dumps(do_task(json.loads(header), body)).encode()
        except MemoryError:
            os._exit(OUT_OF_MEMORY)
        replies.write(FRAME_SIZE.pack(len(reply)) + reply)
        replies.flush()


def _allow_cpu(seconds: int) -> None:
    """Past `seconds` more of CPU time, the kernel stops this process (SIGXCPU)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    limit = math.ceil(usage.ru_utime + usage.ru_stime + seconds)
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (limit, hard))


def _read_frame(source: BinaryIO) -> bytes | None:
    head = source.read(FRAME_SIZE.size)
    if len(head) < FRAME_SIZE.size:
        return None
    return source.read(FRAME_SIZE.unpack(head)[0])


if __name__ == "__main__":
    # Replies go to a copy of stdout; anything a library prints goes to stderr.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    with contextlib.suppress(BrokenPipeError, KeyboardInterrupt):  # the refresh is gone
        serve(int(sys.argv[1]), int(sys.argv[2]), sys.stdin.buffer, replies)
