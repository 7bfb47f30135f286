"""`make feeds` for the conversation: the JF2 feed of received Webmentions into
`received.json`, safely, and what happens when the feed misbehaves."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from pelican.plugins.blogroll.sanitize import FORBIDDEN_CHARACTERS, SUMMARY_TAGS
from pelican.plugins.conversation.received import FAILED, UNCHANGED, UPDATED, refresh

from tests.conversation.helpers import in_thread, options_and_limits
from tests.conversation.webserver import WebServer, send, stall
from tests.support import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "mentions.jf2.json"
FEED = "/api/mentions.jf2"
SECRET = "s3cr3t-t0ken"


def serve_feed(web: WebServer, body: bytes, *, etag: str = '"v1"') -> str:
    """The feed with an ETag, answering 304 to a matching conditional GET."""

    def respond(handler) -> None:
        if handler.headers.get("If-None-Match") == etag:
            send(handler, 304, b"", "application/json", [("ETag", etag)])
        else:
            send(handler, 200, body, "application/json", [("ETag", etag)])

    web.route("GET", FEED, respond)
    return web.url(f"{FEED}?domain=givefirst.example&token={SECRET}")


def run_refresh(data: Path, feed: str):
    options, limits = options_and_limits(data, WEBMENTION_RECEIVED=feed)
    return in_thread(refresh, options, limits)


def stored(data: Path) -> dict:
    return json.loads((data / "received.json").read_text(encoding="utf-8"))


def test_a_refresh_keeps_public_mentions_made_safe(tmp_path, web):
    feed = serve_feed(web, FIXTURE.read_bytes())
    outcome = run_refresh(tmp_path, feed)
    assert (outcome.status, outcome.detail) == (UPDATED, "10 mentions in the feed")
    assert outcome.kinds == {"reply": 6, "like": 2, "repost": 1, "mention": 1}
    mentions = {mention["id"]: mention for mention in stored(tmp_path)["mentions"]}
    assert "wm-1006" not in mentions, "a private mention is never stored"

    ana = mentions["wm-1001"]
    assert ana == {
        "id": "wm-1001",
        "kind": "reply",
        "target": "/ten-habits-from-online-communities/",
        "url": "https://ana.example/2026/05/three-comments",
        "author": "Ana Lima",
        "author_url": "https://ana.example/",
        "published": "2026-05-03T10:00:00+00:00",
        "html": "<p>Tip #10 worked: I <strong>commented</strong> on three blogs this week, "
        "and two wrote back.</p>",
    }, "no photo is kept: pages show initials instead"
    mallory = mentions["wm-1002"]
    assert mallory["author_url"] is None, "a javascript: address is dropped"
    assert mallory["html"] == (
        "<p>Nice listclick me and a "
        '<a href="https://mallory.example/ok" rel="nofollow noopener noreferrer ugc">fine '
        "link</a>.</p>"
    )
    for mention in mentions.values():
        assert mention["url"].startswith("https://")
        assert mention["author_url"] is None or mention["author_url"].startswith("https://")
        assert not FORBIDDEN_CHARACTERS.search(mention["author"])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
            fragment = BeautifulSoup(mention["html"], "html.parser")
        for tag in fragment.find_all(True):
            assert tag.name in SUMMARY_TAGS
            assert not any(name.startswith("on") or name == "style" for name in tag.attrs)
    assert mentions["wm-1003"]["published"] == "2026-05-05T12:00:00+00:00", "wm-received"


def test_the_feed_address_and_its_token_are_never_written_down(tmp_path, web):
    feed = serve_feed(web, FIXTURE.read_bytes())
    outcome = run_refresh(tmp_path, feed)
    assert outcome.feed == web.url(f"{FEED}?domain=…&token=…")
    assert SECRET not in (tmp_path / "received.json").read_text(encoding="utf-8")


def test_a_second_refresh_asks_conditionally_and_changes_nothing(tmp_path, web):
    feed = serve_feed(web, FIXTURE.read_bytes())
    run_refresh(tmp_path, feed)
    first = stored(tmp_path)
    outcome = run_refresh(tmp_path, feed)
    assert (outcome.status, outcome.detail) == (UNCHANGED, "304 Not Modified")
    assert web.requests[-1].headers.get("if-none-match") == '"v1"'
    assert stored(tmp_path)["mentions"] == first["mentions"]


BAD_FEEDS = {
    "malformed": (b'{"children": [', "not a usable JF2 feed: not JSON"),
    "not JF2": (b'{"links": []}', "not a usable JF2 feed: no `children` list"),
    "nested too deeply": (b"[" * 100_000 + b"]" * 100_000, "JSON nested too deeply"),
    "huge": (b" " * (300 * 1024), "response larger than 256 KiB"),
}


@pytest.mark.parametrize("case", BAD_FEEDS)
def test_a_bad_feed_keeps_the_last_good_mentions(tmp_path, servers, case):
    good, bad = servers(), servers()
    run_refresh(tmp_path, serve_feed(good, FIXTURE.read_bytes()))
    before = stored(tmp_path)["mentions"]
    body, reason = BAD_FEEDS[case]
    outcome = run_refresh(tmp_path, serve_feed(bad, body))
    assert outcome.status == FAILED
    assert reason in outcome.detail and outcome.detail.endswith("kept the last good 10 mentions")
    after = stored(tmp_path)
    assert after["mentions"] == before
    assert (after["status"], after["since"]) == ("stale", after["checked_at"])


@pytest.mark.parametrize(
    ("responder", "reason"),
    [
        (lambda h: send(h, 500, b"oops", "text/plain"), "HTTP 500 Internal Server Error"),
        (stall, "the server went silent for 1 s"),
    ],
)
def test_a_failing_feed_server_keeps_the_last_good_mentions(tmp_path, servers, responder, reason):
    good, bad = servers(), servers()
    run_refresh(tmp_path, serve_feed(good, FIXTURE.read_bytes()))
    bad.route("GET", FEED, responder)
    outcome = run_refresh(tmp_path, bad.url(FEED))
    assert (outcome.status, outcome.detail) == (FAILED, f"{reason}; kept the last good 10 mentions")
    assert len(stored(tmp_path)["mentions"]) == 10


def test_make_feeds_reports_the_feed_like_a_blog_feed(tmp_path, web):
    """The command `make feeds` runs: a table, the token hidden, exit 0 even on failure."""
    feed = serve_feed(web, b"<html>not json</html>")
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"SITEURL = 'https://givefirst.example'\nWEBMENTION_RECEIVED = {feed!r}\n"
        f"CONVERSATION_DATA_PATH = {str(tmp_path / 'data')!r}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pelican.plugins.conversation", "refresh", "--settings", settings],
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Received mentions" in result.stdout
    assert "failed" in result.stdout and "not a usable JF2 feed: not JSON" in result.stdout
    assert "token=…" in result.stdout and SECRET not in result.stdout + result.stderr
