"""A real HTTP server on 127.0.0.1 for the conversation tests: pages that advertise
Webmention endpoints (in headers and markup, as webmention.rocks does), redirects, JF2
feeds, and receivers that record every POST.

Every request is recorded, whatever its route, so a test can check both what was sent
and that nothing went where it should not.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

Responder = Callable[["_Handler"], None]
LONGEST_STALL = 30.0


@dataclass(frozen=True)
class Request:
    """A request as the server received it (`path` with its query string)."""

    method: str
    path: str
    content_type: str
    body: str
    headers: dict[str, str]

    @property
    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body, keep_blank_values=True)


class WebServer:
    """`page`, `redirect`, `receiver` or `route` a path, then point clients at `url(path)`."""

    def __init__(self):
        self.routes: dict[tuple[str, str], Responder] = {}
        self.requests: list[Request] = []
        self.closing = threading.Event()
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.web = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, method: str, path: str, responder: Responder) -> str:
        """Answer `method` requests to `path` (its query string ignored) with `responder`."""
        self.routes[method, path] = responder
        return self.url(path)

    def page(
        self,
        path: str,
        body: str | bytes,
        *,
        status: int = 200,
        headers: list[tuple[str, str]] = (),
        content_type: str = "text/html; charset=utf-8",
    ) -> str:
        payload = body.encode() if isinstance(body, str) else body
        return self.route("GET", path, lambda h: send(h, status, payload, content_type, headers))

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        return self.route(
            "GET", path, lambda h: send(h, status, b"", "text/plain", [("Location", location)])
        )

    def receiver(self, path: str, status: int = 202, body: bytes = b"Accepted") -> str:
        """A Webmention endpoint (or a form's target): POSTs are recorded and answered."""
        return self.route("POST", path, lambda h: send(h, status, body, "text/html; charset=utf-8"))

    def posts(self) -> list[Request]:
        with self._lock:
            return [request for request in self.requests if request.method == "POST"]

    def seen(self, path: str) -> list[Request]:
        with self._lock:
            return [request for request in self.requests if request.path == path]

    def record(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def close(self) -> None:
        self.closing.set()
        self._server.shutdown()
        self._server.server_close()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    web: WebServer

    def handle_error(self, request, client_address):
        """A client hanging up mid-response is what some tests do on purpose."""


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self):
        self._answer("GET", "")

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self._answer("POST", self.rfile.read(length).decode("utf-8", "replace"))

    def _answer(self, method: str, body: str) -> None:
        web = self.server.web
        headers = {name.lower(): value for name, value in self.headers.items()}
        web.record(Request(method, self.path, headers.get("content-type", ""), body, headers))
        responder = web.routes.get((method, urlsplit(self.path).path))
        if responder is None:
            send(self, 404, b"not found", "text/plain")
        else:
            responder(self)

    def log_message(self, format, *args):
        pass

    @property
    def closing(self) -> threading.Event:
        return self.server.web.closing


def send(handler, status: int, body: bytes, content_type: str, headers=()) -> None:
    """Answer with `headers` as given: repeated names and odd casing kept."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    for name, value in headers:
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def stall(handler) -> None:
    """Accept the request, then say nothing until the test ends."""
    handler.closing.wait(LONGEST_STALL)
