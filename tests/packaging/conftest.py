"""A small site on Pelican's own notmyidea theme, built with our plugins as a blogger would.

`site/` holds its content, its settings and the overrides a theme needs: an
`article.html` and a `page.html` that extend notmyidea's and add the one-line includes the
plugins' READMEs list. Built once per test session by whichever Python is asked to.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

SITE = Path(__file__).resolve().parent / "site"
SITEURL = "http://127.0.0.1:8000"
PLUGINS = [
    "blogroll",
    "conversation",
    "follow",
    "read_next",
    "reading_lists",
    "settled_urls",
    "share_with",
    "template_cache",
]
# What the README of each plugin with a partial tells a theme to include after a post.
POST_INCLUDES = {
    "reading_lists": "reading_lists/article_nav.html",
    "read_next": "read_next/read_next.html",
    "share_with": "share_with/share_block.html",
    "blogroll": "blogroll/widget.html",
    "conversation": "conversation/conversation.html",
}
# What those includes show, and the stylesheet each links.
POST_PARTIALS = {
    "nav.reading-list-nav": "reading_lists/article_nav.css",
    "aside.read-next": "read_next/read_next.css",
    "aside.share-with": "share_with/share_block.css",
    "aside.blogroll-widget": "blogroll/widget.css",
    "section.conversation": "conversation/conversation.css",
}
# The plugins' own pages: title, and the stylesheet each links in <head>.
PLUGIN_PAGES = [
    ("reading-lists/", "Reading lists", "reading_lists/reading_lists.css"),
    ("reading-lists/start-here/", "Start here", "reading_lists/reading_lists.css"),
    ("blogroll/", "Blogroll", "blogroll/blogroll.css"),
    ("network/", "From our network", "blogroll/blogroll.css"),
    ("share/fediverse/", "Share on Mastodon and the fediverse", "share_with/fediverse.css"),
    ("introduce/", "Introduce two people", "share_with/introduce.css"),
]


@dataclass
class SmallSite:
    output: Path
    log: str
    returncode: int

    def page(self, relative: str) -> Path:
        path = self.output / relative
        return path / "index.html" if relative.endswith("/") else path


def build_small_site(
    python: Path | str, folder: Path, *, fatal: bool = True, **settings
) -> SmallSite:
    """Build `site/` into `folder/output` with `python -m pelican`, as a blogger's shell would.

    With `fatal`, any warning fails the build, as in our own `make html`.
    """
    output = folder / "output"
    extra = {
        "CACHE_PATH": str(folder / "cache"),
        **settings,
    }
    command = [
        str(python),
        "-m",
        "pelican",
        "content",
        "--settings",
        "pelicanconf.py",
        "--output",
        str(output),
        "--log-handler",
        "plain",
        *(["--fatal", "warnings"] if fatal else []),
        "--extra-settings",
        *(f"{key}={json.dumps(value)}" for key, value in extra.items()),
    ]
    result = subprocess.run(
        command, cwd=SITE, capture_output=True, text=True, timeout=300, check=False
    )
    return SmallSite(output, result.stdout + result.stderr, result.returncode)


@pytest.fixture(scope="session")
def small_site(tmp_path_factory) -> SmallSite:
    """The small site built with the project's .venv, where the plugins are editable installs."""
    built = build_small_site(sys.executable, tmp_path_factory.mktemp("small-site"))
    assert built.returncode == 0, built.log
    return built
