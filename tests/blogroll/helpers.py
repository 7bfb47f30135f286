"""Shared by the blogroll tests: fast settings, a blogroll file, and the safety checks."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
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
    "BLOGROLL_DEADLINE": 8.0,
    "BLOGROLL_MAX_BYTES": 256 * 1024,
    "BLOGROLL_RETRY_AFTER_MAX": 2.0,
    "BLOGROLL_USER_AGENT": "blogroll-tests/1.0",
}


def settings_for(tmp_path: Path, **overrides: object) -> BlogrollSettings:
    """Settings reading `tmp_path/blogroll.yml` into `tmp_path/cache`."""
    values = {
        "PATH": str(tmp_path),
        "BLOGROLL_CACHE_PATH": str(tmp_path / "cache"),
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
