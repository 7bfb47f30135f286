"""Fixtures for the conversation tests: local web servers, closed after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pelican.plugins.conversation.received import refresh

from tests.conversation.helpers import in_thread, options_and_limits
from tests.conversation.webserver import WebServer
from tests.support import build_site, free_port, serve_directory

FIXTURE = Path(__file__).parent / "fixtures" / "mentions.jf2.json"
# Replies "by email" for the test site: invented, so they live here, not in content/.
REPLIES = Path(__file__).parent / "fixtures" / "replies"
THANKS = b"<!DOCTYPE html><html lang=en><title>Thanks</title><p>Your Webmention was received.</p>"


@pytest.fixture
def servers() -> Iterator[Callable[[], WebServer]]:
    """Start as many servers (each its own port, so its own 'host') as a test needs."""
    started: list[WebServer] = []

    def start() -> WebServer:
        started.append(WebServer())
        return started[-1]

    yield start
    for server in started:
        server.close()


@pytest.fixture
def web(servers) -> WebServer:
    return servers()


@dataclass
class ConversationSite:
    """The real content, built with received mentions from the JF2 fixture (refreshed from
    a local server, as `make feeds` does) and a reply form posting to a local receiver."""

    output: Path
    url: str
    receiver: WebServer
    endpoint: str

    def page(self, relative: str) -> Path:
        return self.output / relative / "index.html" if relative else self.output / "index.html"


@pytest.fixture(scope="session")
def conversation_site(tmp_path_factory) -> Iterator[ConversationSite]:
    folder = tmp_path_factory.mktemp("conversation-site")
    feeds, receiver = WebServer(), WebServer()
    feeds.page("/mentions.jf2", FIXTURE.read_bytes(), content_type="application/json")
    endpoint = receiver.receiver("/webmention", status=202, body=THANKS)
    options, limits = options_and_limits(
        folder / "data", WEBMENTION_RECEIVED=feeds.url("/mentions.jf2")
    )
    in_thread(refresh, options, limits)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    output = folder / "output"
    build_site(
        output,
        siteurl=url,
        extra_settings={
            "CONVERSATION_DATA_PATH": str(folder / "data"),
            "CONVERSATION_REPLIES_PATH": str(REPLIES),
            "WEBMENTION_ENDPOINT": endpoint,
            "CONVERSATION_DENY_DOMAINS": ["spam.example"],
            "CONVERSATION_HIDE": ["https://heckler.example/rant"],
        },
    )
    with serve_directory(output, port=port):
        yield ConversationSite(output, url, receiver, endpoint)
    feeds.close()
    receiver.close()
