"""Shared by the conversation tests: small sites built for the public address, and the
settings `send` and `refresh` read, with short limits."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from pelican.plugins.conversation.settings import ConversationSettings, limits

from tests.conversation.webserver import WebServer
from tests.support import build_site

T = TypeVar("T")
PUBLIC = "https://givefirst.example"
# Short limits, so every stall in the tests ends within a few seconds.
FAST = {
    "BLOGROLL_CONNECT_TIMEOUT": 1.0,
    "BLOGROLL_READ_TIMEOUT": 1.0,
    "BLOGROLL_REQUEST_TIMEOUT": 2.0,
    "BLOGROLL_DEADLINE": 20.0,
    "BLOGROLL_MAX_BYTES": 256 * 1024,
}


def write_post(content: Path, slug: str, body: str, *, day: int = 1, meta: str = "") -> Path:
    """A post in Pelican's Markdown, with the metadata the theme needs."""
    content.mkdir(parents=True, exist_ok=True)
    path = content / f"{slug}.md"
    header = textwrap.dedent(
        f"""\
        Title: {slug.replace("-", " ").capitalize()}
        Date: 2026-03-{day:02d} 09:00
        Category: Habits
        Slug: {slug}
        Summary: A post about {slug}.
        """
    )
    path.write_text(header + meta + "\n" + textwrap.dedent(body), encoding="utf-8")
    return path


def settings(data: Path, **overrides: object) -> dict:
    """Pelican-style settings for a public build whose data lives in `data`."""
    return {
        "SITEURL": PUBLIC,
        "CONVERSATION_DATA_PATH": str(data),
        "WEBMENTION_ALLOW_PRIVATE": True,
        **FAST,
        **overrides,
    }


def options_and_limits(data: Path, **overrides: object):
    values = settings(data, **overrides)
    return ConversationSettings.from_settings(values), limits(values)


def build_public(content: Path, output: Path, data: Path, **overrides: object) -> str:
    """Build `content` as `make publish` does: for the public address, output cleared."""
    return build_site(
        output,
        siteurl=PUBLIC,
        content=content,
        extra_settings={**settings(data, **overrides), "DELETE_OUTPUT_DIRECTORY": True},
    )


def target_page(web: WebServer, path: str, *, title: str = "A post over there") -> str:
    """A page that advertises the server's one endpoint, `/webmention`."""
    return web.page(
        path,
        f"<!DOCTYPE html><title>{title} | Their blog</title>"
        f'<link rel="webmention" href="/webmention"><article class="h-entry">'
        f'<h1 class="p-name">{title}</h1></article>',
    )


def received(web: WebServer) -> list[tuple[str, str]]:
    """The (source, target) pairs the endpoint got, in order."""
    return [
        (post.form["source"][0], post.form["target"][0])
        for post in web.posts()
        if post.path == "/webmention"
    ]


def in_thread(step: Callable[..., T], *args, **kwargs) -> T:
    """Run a network step (it calls asyncio.run) in a thread of its own.

    Once a browser test has run in this worker, Playwright's sync API keeps an event loop
    marked as running in the main thread, and asyncio.run refuses to start there. The
    commands run each step in a process of their own, so this is no less real.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(step, *args, **kwargs).result()
