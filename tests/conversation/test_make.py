"""`make mentions` and `make publish` end to end, against a receiver on 127.0.0.1: they
send from the public build only (building it when output/ holds a preview), exactly
the pairs expected, and DRY_RUN=1 lists them without sending."""

from __future__ import annotations

import os
import subprocess
import textwrap

import pytest

from tests.conversation.helpers import FAST, PUBLIC, received, target_page, write_post
from tests.support import ROOT, build_site, parse_html


def make(target: str, folder, *variables: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", target,
         f"INPUTDIR={folder / 'content'}", f"OUTPUTDIR={folder / 'output'}",
         f"PUBLISHCONF={folder / 'publishconf.py'}", *variables],
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip


@pytest.fixture
def blog(tmp_path, web):
    """A small blog with its own publishconf.py, as the repository's but for local targets."""
    web.receiver("/webmention")
    (tmp_path / "publishconf.py").write_text(
        textwrap.dedent(
            f"""\
            import sys
            sys.path.insert(0, {str(ROOT)!r})
            from pelicanconf import *  # noqa: F403
            SITEURL = FEED_DOMAIN = {PUBLIC!r}
            DELETE_OUTPUT_DIRECTORY = True
            LOAD_CONTENT_CACHE = False
            CACHE_PATH = {str(tmp_path / "cache")!r}
            CONVERSATION_DATA_PATH = {str(tmp_path / "data")!r}
            WEBMENTION_ALLOW_PRIVATE = True  # the targets are on 127.0.0.1
            """
        )
        + "".join(f"{name} = {value!r}\n" for name, value in FAST.items()),
        encoding="utf-8",
    )
    return tmp_path


def test_make_mentions_builds_the_public_site_then_sends_exactly_its_links(blog, web):
    a, b, c = (target_page(web, f"/{name}") for name in "abc")
    write_post(blog / "content", "first", f"[A]({a}), [B]({b}) and [A again]({a}#top).", day=1)
    write_post(blog / "content", "second", f"[C]({c}).", day=2)
    build_site(blog / "output", siteurl="http://127.0.0.1:8000", content=blog / "content")

    result = make("mentions", blog)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "was built for http://127.0.0.1:8000, not for https://givefirst.example" in (
        result.stderr
    ), "it says why it builds"
    canonical = parse_html(blog / "output" / "first" / "index.html").select_one(
        "link[rel=canonical]"
    )
    assert canonical["href"] == f"{PUBLIC}/first/", "sent from a public build"
    assert sorted(received(web)) == sorted(
        [(f"{PUBLIC}/first/", a), (f"{PUBLIC}/first/", b), (f"{PUBLIC}/second/", c)]
    )
    assert "Webmentions sent" in result.stdout
    assert result.stdout.count("accepted") >= 3
    assert "Webmentions: 3 targets in" in result.stdout

    result = make("mentions", blog)
    assert result.returncode == 0, result.stderr
    assert "nothing to send" in result.stdout and len(received(web)) == 3


def test_make_publish_dry_run_lists_what_would_be_sent(blog, web):
    a = target_page(web, "/a")
    write_post(blog / "content", "first", f"[A]({a}).")
    result = make("publish", blog, "DRY_RUN=1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Webmentions that would be sent" in result.stdout
    assert "/first/" in result.stdout and a in result.stdout and "new post" in result.stdout
    assert "1 would be sent (dry run: nothing was sent)" in result.stdout
    assert web.requests == [] and not (blog / "data").exists()
