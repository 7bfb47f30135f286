"""`make publish` end to end against blogs on 127.0.0.1: it refreshes, builds from tracked
data, and after `make clean` with every blog down still publishes the last good network,
saying so. A refresh that found nothing new leaves the data folder byte for byte as it was."""

from __future__ import annotations

import io
import os
import subprocess
import textwrap
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
import yaml
from pelican.plugins.blogroll.check import CLIENT_TEXT

from tests.blogroll.feedserver import FeedServer, feed
from tests.blogroll.helpers import FAST
from tests.conversation.helpers import write_post
from tests.support import ROOT, free_port, parse_html

BLOGS = 3


def rss(number: int, posts: int) -> bytes:
    """A feed of `posts` recent posts (recent, so none is past BLOGROLL_MAX_AGE_DAYS)."""
    now = datetime.now(UTC).replace(microsecond=0)
    items = "".join(
        f"<item><title>Blog {number} post {post}</title>"
        f"<link>http://blog{number}.example/{post}/</link><guid>blog{number}-{post}</guid>"
        f"<pubDate>{format_datetime(now - timedelta(days=number + post))}</pubDate></item>"
        for post in range(1, posts + 1)
    )
    channel = f"<channel><title>Blog {number}</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


@pytest.fixture
def site(tmp_path):
    """A one-post site (no outside links: no Webmention to send) with its own publishconf,
    blogroll and data folder, and blogs served on 127.0.0.1 plus one that never answers."""
    servers = [FeedServer() for _ in range(BLOGS)]
    for number, server in enumerate(servers, 1):
        server.route("/feed", feed(rss(number, 2)))
    blogs = [
        {"name": f"Blog {n}", "url": f"http://blog{n}.example/", "feed": s.url("/feed")}
        for n, s in enumerate(servers, 1)
    ]
    down = f"http://127.0.0.1:{free_port()}/feed"
    blogs.append({"name": "Down", "url": "http://down.example/", "feed": down})
    (tmp_path / "blogroll.yml").write_text(yaml.safe_dump({"blogs": blogs}), encoding="utf-8")
    write_post(tmp_path / "content", "first", "A post that links nowhere outside.", day=1)
    (tmp_path / "publishconf.py").write_text(
        textwrap.dedent(
            f"""\
            import sys
            sys.path.insert(0, {str(ROOT)!r})
            from pelicanconf import *  # noqa: F403
            SITEURL = FEED_DOMAIN = "https://givefirst.example"
            DELETE_OUTPUT_DIRECTORY = True
            LOAD_CONTENT_CACHE = False
            CACHE_PATH = {str(tmp_path / "cache")!r}
            CONVERSATION_DATA_PATH = {str(tmp_path / "conversation")!r}
            """
        )
        + "".join(f"{name} = {value!r}\n" for name, value in FAST.items()),
        encoding="utf-8",
    )
    yield tmp_path, servers
    for server in servers:
        server.close()


def make(target: str, folder: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "COLUMNS": "200",
        "BLOGROLL_FILE": str(folder / "blogroll.yml"),
        "BLOGROLL_DATA_PATH": str(folder / "data"),
    }
    return subprocess.run(
        ["make", "--no-print-directory", target,
         f"INPUTDIR={folder / 'content'}", f"OUTPUTDIR={folder / 'output'}",
         f"PUBLISHCONF={folder / 'publishconf.py'}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def published(output: Path) -> dict[str, list[str]]:
    """The network's entry titles wherever the published site shows them."""
    network = parse_html(output / "network" / "index.html")
    roll = parse_html(output / "blogroll" / "index.html")
    post = parse_html(output / "first" / "index.html")
    atom = feedparser.parse(io.BytesIO((output / "feeds" / "network.atom.xml").read_bytes()))
    return {
        "network": [a.get_text() for a in network.select(".network-entry__title a")],
        "blogroll": [a.get_text() for a in roll.select(".blogroll-blog__latest a")],
        "widget": [a.get_text() for a in post.select("aside.blogroll-widget li > a")],
        "feed": [entry.title for entry in atom.entries],
        "feed_updated": [atom.feed.updated],
    }


def assert_no_client_text(output: Path, data: Path) -> None:
    """Every built page, against the client's own words the refresh stored for the author."""
    reasons = {
        yaml.safe_load(file.read_text())["reason"] for file in (data / "blogs").glob("*.json")
    } - {None}
    assert reasons, "the blog that is down left its reason in the data"
    for page in output.rglob("*"):
        if page.suffix in {".html", ".xml", ".opml"}:
            text = page.read_text(encoding="utf-8")
            for leak in (*reasons, *CLIENT_TEXT):
                assert leak not in text, (page, leak)


def test_publish_refreshes_then_publishes_the_last_good_network_offline(site):
    folder, servers = site
    first = make("publish", folder)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Webmentions" not in first.stdout or "nothing to send" in first.stdout
    seen = published(folder / "output")
    assert len(seen["network"]) == 2 * BLOGS and seen["network"][0] == "Blog 1 post 1"
    assert sorted(seen["blogroll"]) == [f"Blog {n} post 1" for n in range(1, BLOGS + 1)]
    assert seen["widget"] == seen["network"][:3]
    assert seen["feed"] == seen["network"]
    assert seen["feed_updated"][0][:4] != "1970"
    assert_no_client_text(folder / "output", folder / "data")
    opml = ElementTree.parse(folder / "output" / ".well-known" / "recommendations.opml")
    assert len(opml.findall(".//outline")) == BLOGS + 1

    assert make("clean", folder).returncode == 0
    assert not (folder / "output").exists() and (folder / "data" / "blogs").is_dir()
    for server in servers:
        server.close()
    again = make("publish", folder)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "no feed answered: are you offline? publishing the last good entries from" in (
        again.stderr
    )
    assert published(folder / "output") == seen
    assert_no_client_text(folder / "output", folder / "data")


def refresh(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "pelican.plugins.blogroll", "refresh",
         "--settings", str(folder / "publishconf.py")],
        cwd=ROOT,
        env={**os.environ, "BLOGROLL_FILE": str(folder / "blogroll.yml"),
             "BLOGROLL_DATA_PATH": str(folder / "data")},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def snapshot(data: Path) -> dict[str, bytes]:
    return {str(f.relative_to(data)): f.read_bytes() for f in sorted((data / "blogs").iterdir())}


def test_a_refresh_that_found_nothing_new_changes_no_file(site):
    folder, servers = site
    assert refresh(folder).returncode == 0
    before = snapshot(folder / "data")
    assert len(before) == BLOGS + 1
    for name, content in before.items():
        assert content.endswith(b"}\n") and b'\n  "entries": [' in content, name  # diffable
    assert refresh(folder).returncode == 0
    assert snapshot(folder / "data") == before
    servers[0].route("/feed", feed(rss(1, 3)))
    assert refresh(folder).returncode == 0
    after = snapshot(folder / "data")
    (changed,) = [name for name in before if after[name] != before[name]]
    assert "Blog 1 post 3" in after[changed].decode()


def test_refresh_exit_codes_say_answered_offline_or_bad_list(site):
    folder, servers = site
    assert refresh(folder).returncode == 0  # some answered, one did not
    for server in servers:
        server.close()
    offline = refresh(folder)
    assert offline.returncode == 1
    assert "no feed answered: are you offline? keeping the last good entries from" in (
        offline.stderr
    )
    (folder / "blogroll.yml").write_text("blogs:\n  - name: [oops]\n", encoding="utf-8")
    assert refresh(folder).returncode == 2
