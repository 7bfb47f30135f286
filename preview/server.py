"""The preview's HTTP server: the built folder, the site's 404 page, and live reload.

Files come from the preview's own output folder. A path with no file gets the site's
`404.html` with status 404. While watching, each HTML response gets one tag before
`</head>`, `<script src="/__preview/reload.js" defer>`, added as it is sent and never
written to disk: a script from the page's own origin, so the site's strict
Content-Security-Policy holds. The script listens on `/__preview/events`.
"""

from __future__ import annotations

import functools
import json
import re
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from preview.events import Events

PREFIX = "/__preview/"
EVENTS = PREFIX + "events"
ASSETS = {
    "reload.js": "text/javascript; charset=utf-8",
    "overlay.css": "text/css; charset=utf-8",
}
STATIC = Path(__file__).resolve().parent / "static"
RELOAD_TAG = b'<script src="/__preview/reload.js" defer></script>'
HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
KEEPALIVE_SECONDS = 15


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], root: Path, events: Events | None):
        """`events` None: serve the folder only (`make serve`), no script, no stream."""
        self.root = root
        self.events = events
        super().__init__(address, functools.partial(PreviewHandler, directory=str(root)))

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class PreviewHandler(SimpleHTTPRequestHandler):
    server: PreviewServer

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def log_message(self, format, *args) -> None:  # the terminal is for build news
        pass

    def _answer(self, with_body: bool) -> None:
        path = urlsplit(self.path).path
        events = self.server.events
        if path == EVENTS and events is not None:
            self._stream(events)
        elif path.startswith(PREFIX):
            self._asset(path.removeprefix(PREFIX), with_body)
        else:
            self._file(path, with_body)

    def _file(self, path: str, with_body: bool) -> None:
        file = Path(self.translate_path(path))
        if file.is_dir():
            if not path.endswith("/"):
                query = urlsplit(self.path).query
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", path + "/" + (f"?{query}" if query else ""))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            file = file / "index.html"
        status = HTTPStatus.OK
        if not file.is_file():
            status, file = HTTPStatus.NOT_FOUND, self.server.root / "404.html"
        try:
            body = file.read_bytes()
        except OSError:  # no 404 page built (yet)
            body, file = b"Not found\n", Path("404.txt")
        kind = self.guess_type(str(file))
        if kind == "text/html" and self.server.events is not None:
            body = with_reload_script(body)
        self._send(status, kind, body, with_body)

    def _asset(self, name: str, with_body: bool) -> None:
        if name not in ASSETS or self.server.events is None:
            self._file("/__preview/" + name, with_body)  # the site's 404
            return
        self._send(HTTPStatus.OK, ASSETS[name], (STATIC / name).read_bytes(), with_body)

    def _send(self, status: HTTPStatus, kind: str, body: bytes, with_body: bool) -> None:
        self.send_response(status)
        if kind.startswith("text/") and "charset" not in kind:
            kind += "; charset=utf-8"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _stream(self, events: Events) -> None:
        """Server-sent events until the tab goes away."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        seen = events.last
        try:
            self._send_event("hello", {"problems": events.problems})
            while True:
                news = events.after(seen, timeout=KEEPALIVE_SECONDS)
                for event in news:
                    self._send_event(event.name, event.data)
                    seen = event.number
                if not news:
                    self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send_event(self, name: str, data: object) -> None:
        self.wfile.write(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())
        self.wfile.flush()


def with_reload_script(html: bytes) -> bytes:
    match = HEAD_END.search(html)
    at = match.start() if match else len(html)
    return html[:at] + RELOAD_TAG + html[at:]
