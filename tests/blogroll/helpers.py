"""Shared by the blogroll tests: fast settings, a blogroll file, and the safety checks."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from pelican.plugins.blogroll.config import Blog
from pelican.plugins.blogroll.sanitize import (
    AUTHOR_CHARACTERS,
    FORBIDDEN_CHARACTERS,
    SUMMARY_ATTRIBUTES,
    SUMMARY_TAGS,
    TITLE_CHARACTERS,
)
from pelican.plugins.blogroll.settings import BlogrollSettings

from tests.support import ROOT

# Short limits, so every stall and flood in the tests ends within about a second.
FAST = {
    "BLOGROLL_CONNECT_TIMEOUT": 1.0,
    "BLOGROLL_READ_TIMEOUT": 0.6,
    "BLOGROLL_REQUEST_TIMEOUT": 1.5,
    "BLOGROLL_DEADLINE": 60.0,  # ends nothing in these tests but a hang
    "BLOGROLL_MAX_BYTES": 256 * 1024,
    "BLOGROLL_RETRY_AFTER_WAIT": 2.0,
    "BLOGROLL_USER_AGENT": "blogroll-tests/1.0",
    "BLOGROLL_MAX_AGE_DAYS": 36500,  # the fixture feeds date from years back
}


# For tests that hold requests on purpose: no timeout fires, however busy the machine.
PATIENT = {
    "BLOGROLL_READ_TIMEOUT": 30.0,
    "BLOGROLL_REQUEST_TIMEOUT": 60.0,
    "BLOGROLL_DEADLINE": 120.0,
}


def settings_for(tmp_path: Path, **overrides: object) -> BlogrollSettings:
    """Settings reading `tmp_path/blogroll.yml` into `tmp_path/cache`."""
    values = {
        "PATH": str(tmp_path),
        "BLOGROLL_DATA_PATH": str(tmp_path / "cache"),
        **FAST,
        **overrides,
    }
    return BlogrollSettings.from_settings(values)


def write_blogroll(path: Path, blogs: list[dict]) -> list[Blog]:
    """Write a blogroll file; return the blogs as the plugin will read them."""
    path.write_text(yaml.safe_dump({"blogs": blogs}, sort_keys=False), encoding="utf-8")
    return [
        Blog(b["name"], b["url"], b.get("feed"), tuple(b.get("tags", ())), b.get("why", ""))
        for b in blogs
    ]


def is_safe_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.hostname)


def assert_safe_entry(entry: dict, *, words: int) -> None:
    """Everything `sanitize` promises about one cached entry."""
    assert is_safe_url(entry["link"]), entry["link"]
    assert entry["comments"] is None or is_safe_url(entry["comments"]), entry["comments"]
    for name, limit in (("title", TITLE_CHARACTERS), ("author", AUTHOR_CHARACTERS)):
        text = entry[name] or ""
        assert len(text) <= limit
        assert not FORBIDDEN_CHARACTERS.search(text), (name, text)
        assert "\n" not in text and "\t" not in text
    summary = entry["summary"]
    assert not FORBIDDEN_CHARACTERS.search(summary)
    with warnings.catch_warnings():  # a summary that is just a URL is fine
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        fragment = BeautifulSoup(summary, "html.parser")
    for tag in fragment.find_all(True):
        assert tag.name in SUMMARY_TAGS, tag.name
        allowed = SUMMARY_ATTRIBUTES.get(tag.name, set()) | ({"rel"} if tag.name == "a" else set())
        assert set(tag.attrs) <= allowed, (tag.name, tag.attrs)
        if tag.get("href") is not None:
            assert is_safe_url(tag["href"]), tag["href"]
    assert len(fragment.get_text().split()) <= words + 1  # + the ellipsis


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """`python -m pelican.plugins.blogroll ...` from the repository root, as `make feeds` does."""
    return subprocess.run(
        [sys.executable, "-m", "pelican.plugins.blogroll", *args],
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def costly_feed(megabytes: float) -> bytes:
    """An RSS feed whose one entry opens tag after tag and never closes them: the XML is
    broken, so feedparser reads it with its slow forgiving parser, about 7 s of CPU per MB."""
    tags = b"<b>" * int(megabytes * 1024 * 1024 / 3)
    return (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Costly</title><item>'
        b"<title>Costly</title><link>http://costly.example/1</link><description>"
        + tags
        + b"</description></item></channel></rss>"
    )


def wait_for(condition: Callable[[], bool], failure: str, timeout: float = 60) -> None:
    """Poll `condition` until it holds; fail with `failure` only after a generous timeout."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, failure
        time.sleep(0.005)


def workers_of(pid: int) -> list[int]:
    """The parse workers process `pid` started (and has not reaped)."""
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rpartition(")")[2].split()[1])
            command = (stat.parent / "cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError, IndexError):
            continue
        if parent == pid and any(part.endswith(b"blogroll.worker") for part in command):
            workers.append(int(stat.parent.name))
    return workers


def is_running(pid: int) -> bool:
    """True unless the process is gone, or a zombie no one has reaped yet."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def run_async(main: Coroutine):
    """`asyncio.run(main)` in a thread of its own: in a test worker that has driven the
    browser, Playwright's event loop is running in this one."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, main).result()
