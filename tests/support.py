"""Shared test tools: build the real site, serve it on 127.0.0.1, parse what a reader gets.

Builds run Pelican in a subprocess, exactly as `make html` does, so plugin
registration and settings behave as in production.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]
ARTIFACTS = ROOT / "test-artifacts"

# Settings every test build uses on top of pelicanconf.py. A plugin whose tests
# need the shared build to see fixture data adds its setting here.
TEST_BUILD_SETTINGS: dict[str, object] = {
    # Made-up entries for two listed blogs: the repository's data/blogroll/ may be empty.
    "BLOGROLL_DATA_PATH": str(ROOT / "tests" / "blogroll" / "site-data"),
}


class BuildFailed(AssertionError):
    """Pelican exited non-zero; carries its combined output."""

    def __init__(self, returncode: int, output: str):
        super().__init__(f"pelican exited {returncode}:\n{output}")
        self.returncode = returncode
        self.output = output


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_site(
    output: Path,
    *,
    siteurl: str,
    content: Path | None = None,
    settings_file: str = "pelicanconf.py",
    extra_settings: dict[str, object] | None = None,
    cache: Path | None = None,
) -> str:
    """Build the site with `--fatal warnings` into `output`; return Pelican's output.

    Raises BuildFailed with the log when the build fails.
    """
    settings = {
        **TEST_BUILD_SETTINGS,
        "SITEURL": siteurl,
        "FEED_DOMAIN": siteurl,
        "CACHE_PATH": str(cache or output.parent / (output.name + "-cache")),
        **(extra_settings or {}),
    }
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(content or ROOT / "content"),
        "--settings",
        str(ROOT / settings_file),
        "--output",
        str(output),
        "--fatal",
        "warnings",
        "--log-handler",
        "plain",
        "--extra-settings",
        *(f"{key}={json.dumps(value)}" for key, value in settings.items()),
    ]
    env = {**os.environ, "SITEURL": siteurl}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    log = result.stdout + result.stderr
    if result.returncode != 0:
        raise BuildFailed(result.returncode, log)
    return log


def index_site(output: Path) -> str:
    """Run Pagefind over a built site, as `make search-index` does; return its output."""
    command = [sys.executable, "-m", "pagefind", "--site", str(output)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    log = result.stdout + result.stderr
    if result.returncode != 0:
        raise BuildFailed(result.returncode, log)
    return log


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that drops a connection mid-file is no test failure: print nothing."""


@contextlib.contextmanager
def serve_directory(directory: Path, port: int | None = None) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 for the duration; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", port or 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def parse_html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def is_local(url: str) -> bool:
    """True for URLs a test browser may request: this machine, or data/blob/about."""
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about", "chrome-error"}:
        return True
    return parts.hostname in {"127.0.0.1", "localhost"}


def save_screenshot(page, name: str) -> Path:
    """Keep a screenshot as a test artifact (test-artifacts/<name>.png)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True, timeout=120_000)  # a loaded machine
    return path
