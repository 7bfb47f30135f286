"""Many slow blogs on this machine: feeds on 127.0.0.1, spread over many ports (origins).

Each response waits `latency` seconds, as a distant server would. Feeds carry an ETag and
Last-Modified and answer conditional requests with 304, gzip when asked, and every byte
in and out is counted here, on the server side, so the client cannot flatter itself.
Some blogs can be told to fail (HTTP 500) or to stall (send nothing until the farm stops).
"""

from __future__ import annotations

import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import format_datetime

from bench.feeds import LAST_MODIFIED, Feed

HEALTHY, FAILING, STALLING = "healthy", "failing", "stalling"


@dataclass
class Traffic:
    """Bytes and requests seen by every server of the farm, with a lock for the threads."""

    received: int = 0
    sent: int = 0
    requests: int = 0
    by_status: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def total(self) -> int:
        return self.received + self.sent

    def reset(self) -> None:
        with self.lock:
            self.received = self.sent = self.requests = 0
            self.by_status.clear()


class _CountingReader:
    """Wraps the request stream; counts what the handler reads."""

    def __init__(self, stream, traffic: Traffic):
        self._stream, self._traffic = stream, traffic

    def _count(self, data: bytes) -> bytes:
        with self._traffic.lock:
            self._traffic.received += len(data)
        return data

    def readline(self, *args) -> bytes:
        return self._count(self._stream.readline(*args))

    def read(self, *args) -> bytes:
        return self._count(self._stream.read(*args))

    def __getattr__(self, name):
        return getattr(self._stream, name)


class _CountingWriter:
    """Wraps the response stream; counts what the handler sends."""

    def __init__(self, stream, traffic: Traffic):
        self._stream, self._traffic = stream, traffic

    def write(self, data: bytes) -> int:
        with self._traffic.lock:
            self._traffic.sent += len(data)
        return self._stream.write(data)

    def __getattr__(self, name):
        return getattr(self._stream, name)


class _FeedHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _FeedServer

    def setup(self) -> None:
        super().setup()
        self.rfile = _CountingReader(self.rfile, self.server.farm.traffic)
        self.wfile = _CountingWriter(self.wfile, self.server.farm.traffic)

    def do_GET(self) -> None:
        farm = self.server.farm
        feed = farm.feeds.get(self.path)
        behaviour = farm.behaviour.get(self.path, HEALTHY)
        if behaviour == STALLING:
            farm.stopping.wait(farm.stall_seconds)
            self.close_connection = True
            return
        if farm.stopping.wait(farm.latency):
            return
        if feed is None:
            self._reply(404, b"not found", "text/plain")
        elif behaviour == FAILING:
            self._reply(500, b"internal server error", "text/plain")
        elif self._not_modified(feed):
            self._reply(304, b"", None, feed)
        elif "gzip" in self.headers.get("Accept-Encoding", ""):
            self._reply(200, feed.gzipped, feed.content_type, feed, encoding="gzip")
        else:
            self._reply(200, feed.body, feed.content_type, feed)

    def _not_modified(self, feed: Feed) -> bool:
        if "If-None-Match" in self.headers:
            return feed.etag in self.headers["If-None-Match"]
        since = self.headers.get("If-Modified-Since")
        return since == format_datetime(LAST_MODIFIED, usegmt=True)

    def _reply(
        self,
        status: int,
        body: bytes,
        content_type: str | None,
        feed: Feed | None = None,
        encoding: str | None = None,
    ) -> None:
        traffic = self.server.farm.traffic
        with traffic.lock:
            traffic.requests += 1
            traffic.by_status[status] = traffic.by_status.get(status, 0) + 1
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        if feed:
            self.send_header("ETag", feed.etag)
            self.send_header("Last-Modified", format_datetime(LAST_MODIFIED, usegmt=True))
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)

    def log_message(self, format, *args) -> None:
        pass


class _FeedServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, farm: FeedFarm):
        super().__init__(("127.0.0.1", 0), _FeedHandler)
        self.farm = farm

    def handle_error(self, request, client_address) -> None:
        """A client closing its idle keep-alive connection is normal, not worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass
class FeedFarm:
    """`feeds` by path, the behaviour of the unhealthy ones, and the traffic they cause."""

    feeds: dict[str, Feed]
    latency: float
    stall_seconds: float = 60.0
    behaviour: dict[str, str] = field(default_factory=dict)
    traffic: Traffic = field(default_factory=Traffic)
    stopping: threading.Event = field(default_factory=threading.Event)


@contextmanager
def serve_farm(farm: FeedFarm, origins: int) -> Iterator[list[str]]:
    """Start `origins` servers; yield each feed's URL, feed i on server i mod `origins`."""
    servers = [_FeedServer(farm) for _ in range(origins)]
    threads = [threading.Thread(target=server.serve_forever, daemon=True) for server in servers]
    for thread in threads:
        thread.start()
    try:
        yield [
            f"http://127.0.0.1:{servers[index % origins].server_address[1]}{path}"
            for index, path in enumerate(farm.feeds)
        ]
    finally:
        farm.stopping.set()
        stoppers = [threading.Thread(target=server.shutdown) for server in servers]
        for stopper in stoppers:
            stopper.start()
        for stopper in stoppers:
            stopper.join()
        for server in servers:
            server.server_close()
