"""Real HTTP servers on 127.0.0.1 for the blogroll tests: fixture feeds, and every way a
feed server misbehaves (stalls, drips, loops, floods, fails, rate-limits).

Each route is a responder: a function given the request handler. Servers record every
request (path and headers) so tests can check what the client really sent.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
LAST_MODIFIED = "Wed, 18 Nov 2026 10:00:00 GMT"
CONTENT_TYPES = {
    ".xml": "application/rss+xml",
    ".rdf": "application/rdf+xml",
    ".json": "application/feed+json",
    ".html": "text/html; charset=utf-8",
}
LONGEST_STALL = 30.0  # no responder keeps a thread longer than this, even if a test forgets

Responder = Callable[["_Handler"], None]


@dataclass(frozen=True)
class Seen:
    """A request as the server received it."""

    path: str
    headers: dict[str, str]


class FeedServer:
    """A threaded HTTP/1.1 server; `route(path, responder)`, then point clients at `url(path)`."""

    def __init__(self):
        self.routes: dict[str, Responder] = {}
        self.requests: list[Seen] = []
        self.closing = threading.Event()
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.feed_server = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, responder: Responder) -> str:
        self.routes[path] = responder
        return self.url(path)

    def seen(self, path: str) -> list[Seen]:
        with self._lock:
            return [request for request in self.requests if request.path == path]

    def record(self, request: Seen) -> None:
        with self._lock:
            self.requests.append(request)

    def close(self) -> None:
        self.closing.set()
        self._server.shutdown()
        self._server.server_close()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default 5 drops SYNs when a refresh connects all at once
    feed_server: FeedServer

    def handle_error(self, request, client_address):
        """A client hanging up mid-response is what several tests do on purpose."""


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self):
        feed_server = self.server.feed_server
        feed_server.record(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
        responder = feed_server.routes.get(self.path)
        if responder is None:
            send(self, 404, b"not found", "text/plain")
        else:
            responder(self)

    def log_message(self, format, *args):
        pass

    @property
    def closing(self) -> threading.Event:
        return self.server.feed_server.closing


def send(handler: _Handler, status: int, body: bytes, content_type: str, headers=None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


# --- responders -----------------------------------------------------------------------


def feed(
    body: bytes,
    content_type: str = "application/rss+xml",
    *,
    delay: float = 0.0,
    validators: bool = True,
) -> Responder:
    """A feed with an ETag and Last-Modified, answering 304 to a matching conditional GET,
    gzipped when the client accepts it, after `delay` seconds."""
    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'

    def respond(handler: _Handler) -> None:
        if delay:
            handler.closing.wait(delay)
        headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED} if validators else {}
        if "If-None-Match" in handler.headers:  # it takes precedence (RFC 9110, 13.1.3)
            conditional = handler.headers["If-None-Match"] == etag
        else:
            conditional = handler.headers.get("If-Modified-Since") == LAST_MODIFIED
        if validators and conditional:
            handler.send_response(304)
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        payload = body
        if "gzip" in handler.headers.get("Accept-Encoding", ""):
            payload = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        send(handler, 200, payload, content_type, headers)

    return respond


def fixture(name: str, *, server: FeedServer | None = None, **options) -> Responder:
    """A fixture file as a feed; `$SERVER` in it becomes `server`'s address."""
    path = FIXTURES / name
    body = path.read_bytes()
    if server is not None:
        body = body.replace(b"$SERVER", server.base.encode())
    options.setdefault("content_type", CONTENT_TYPES.get(path.suffix, "application/xml"))
    return feed(body, **options)


def status(code: int, headers: dict[str, str] | None = None) -> Responder:
    def respond(handler: _Handler) -> None:
        send(handler, code, f"{code}\n".encode(), "text/plain", headers)

    return respond


def redirect(code: int, location: str) -> Responder:
    return status(code, {"Location": location})


def stall(seconds: float = LONGEST_STALL) -> Responder:
    """Accept the connection, then say nothing (until the test ends)."""

    def respond(handler: _Handler) -> None:
        handler.closing.wait(min(seconds, LONGEST_STALL))

    return respond


def drip(interval: float) -> Responder:
    """Headers at once, then one byte every `interval`: never idle long enough to time out."""

    def respond(handler: _Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        for _ in range(int(LONGEST_STALL / interval)):
            if handler.closing.wait(interval):
                return
            handler.wfile.write(b"1\r\n \r\n")
            handler.wfile.flush()

    return respond


def endless(chunk: int = 64 * 1024) -> Responder:
    """A chunked body that never ends (until the client hangs up or the test ends)."""
    piece = f"{chunk:x}\r\n".encode() + b"<" * chunk + b"\r\n"

    def respond(handler: _Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        while not handler.closing.is_set():
            handler.wfile.write(piece)

    return respond


def huge(size: int, *, declare: bool = True) -> Responder:
    """A body of `size` bytes, with or without a Content-Length saying so."""

    def respond(handler: _Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        if declare:
            handler.send_header("Content-Length", str(size))
        else:
            handler.send_header("Connection", "close")
        handler.end_headers()
        block = b"x" * 65536
        for _ in range(size // len(block)):
            if handler.closing.is_set():
                return
            handler.wfile.write(block)

    return respond


def gzip_bomb(decoded_size: int) -> Responder:
    """A small gzip body that inflates to `decoded_size` bytes."""
    body = gzip.compress(b"\0" * decoded_size, compresslevel=9)

    def respond(handler: _Handler) -> None:
        send(handler, 200, body, "application/rss+xml", {"Content-Encoding": "gzip"})

    return respond


def raw(payload: bytes) -> Responder:
    """Exactly these bytes, whatever HTTP says, then hang up: a broken server."""

    def respond(handler: _Handler) -> None:
        handler.wfile.write(payload)
        handler.close_connection = True

    return respond


class Gate:
    """Holds the requests of the responders it wraps until the test opens it (or ends)."""

    def __init__(self) -> None:
        self.opened = threading.Event()

    def open(self) -> None:
        self.opened.set()

    def hold(self, responder: Responder) -> Responder:
        def respond(handler: _Handler) -> None:
            for _ in range(int(LONGEST_STALL / 0.02)):
                if self.opened.wait(0.02) or handler.closing.is_set():
                    break
            responder(handler)

        return respond


class Crowd:
    """Counts the requests in flight through its responders, on any server (`most` at
    once), and holds the first ones until `size` are in flight together: tests see how many
    requests a client runs at once without timing it."""

    def __init__(self, size: int, linger: float = 0.2) -> None:
        self.size = size
        self.linger = linger  # each answer waits this long, so that extra requests pile up
        self.in_flight = self.most = 0
        self.gathered = False
        self._changed = threading.Condition()

    def hold(self, responder: Responder) -> Responder:
        def respond(handler: _Handler) -> None:
            with self._changed:
                self.in_flight += 1
                self.most = max(self.most, self.in_flight)
                self.gathered = self.gathered or self.in_flight >= self.size
                self._changed.notify_all()
                self._changed.wait_for(lambda: self.gathered, LONGEST_STALL)
            try:
                handler.closing.wait(self.linger)
                responder(handler)
            finally:
                with self._changed:
                    self.in_flight -= 1

        return respond


def sequence(*responders: Responder) -> Responder:
    """The n-th request gets the n-th responder; the last one repeats."""
    calls = iter(range(1_000_000))

    def respond(handler: _Handler) -> None:
        responders[min(next(calls), len(responders) - 1)](handler)

    return respond
