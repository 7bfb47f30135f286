"""`check-output`: after a publish build, is the network there, and no client error text?

Reader-facing pages show plain words ("unreachable since 3 Dec"); the HTTP client's own
messages (`ssl:default`, `Connect call failed`, errno text) belong in the author's refresh
table only. `make publish` runs this between the build and sending Webmentions, so a site
that leaks them, or lost its blogroll pages, is never deployed.
"""

from __future__ import annotations

from pathlib import Path

from .cache import Cache
from .config import load_blogs
from .render import BLOGROLL_PATH, FEED_PATH, NETWORK_PATH, OPML_PATH
from .settings import BlogrollSettings

# Fragments of what aiohttp, asyncio and the OS say when a request fails.
CLIENT_TEXT = (
    "ssl:default",
    "Connect call failed",
    "Cannot connect to host",
    "[Errno",
    "Errno ",
    "Name or service not known",
    "Temporary failure in name resolution",
    "ClientConnectorError",
    "ServerDisconnectedError",
)
PUBLISHED_FILES = (BLOGROLL_PATH + "index.html", NETWORK_PATH + "index.html", FEED_PATH, OPML_PATH)
SCANNED = ("*.html", "*.xml", "*.opml", "*.json", "*.txt")


def problems(output: Path, settings: BlogrollSettings) -> list[str]:
    """What is wrong with the build in `output`, one line each; empty when nothing is."""
    if not settings.source.exists():
        return []
    found = [
        f"{output / name}: missing" for name in PUBLISHED_FILES if not (output / name).exists()
    ]
    leaks = (*CLIENT_TEXT, *_stored_reasons(settings))
    for pattern in SCANNED:
        for page in sorted(output.rglob(pattern)):
            text = page.read_text(encoding="utf-8", errors="replace")
            found += [
                f"{page}: shows the client's message {leak!r}" for leak in leaks if leak in text
            ]
    return found


def _stored_reasons(settings: BlogrollSettings) -> set[str]:
    """The author-only failure messages the last refresh saved, word for word."""
    data = Cache(settings.data_path)
    states = (data.load(blog.key) for blog in load_blogs(settings.source))
    return {state.reason for state in states if state and state.reason}
