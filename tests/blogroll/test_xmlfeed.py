"""The lxml reader of plain RSS 2.0 and Atom 1.0 against feedparser: same feed, same result.

Wherever `xmlfeed` reads a document (it gives up on anything unusual), what comes out
must be exactly what feedparser makes of it; and it must read the feeds blogs publish.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pelican.plugins.blogroll import parse
from pelican.plugins.blogroll.parse import parse_feed, prepare_xml
from pelican.plugins.blogroll.xmlfeed import read_plain_feed

from bench.feeds import make_feed
from bench.prose import Prose, learn
from tests.support import ROOT

FIXTURES = Path(__file__).parent / "fixtures"
URL = "http://127.0.0.1:8000/blog/feed.xml"
RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml"


def by_feedparser(body: bytes, content_type: str, monkeypatch) -> parse.RawFeed:
    with monkeypatch.context() as patch:
        patch.setattr(parse, "read_plain_feed", lambda *args: None)
        return parse_feed(body, url=URL, content_type=content_type)


def assert_same_as_feedparser(body: bytes, content_type: str, monkeypatch) -> bool:
    """True if the lxml reader took the feed (and then agreed with feedparser)."""
    if read_plain_feed(prepare_xml(body)[0], URL, content_type) is None:
        return False
    assert parse_feed(body, url=URL, content_type=content_type) == by_feedparser(
        body, content_type, monkeypatch
    )
    return True


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.xml")) + sorted(FIXTURES.glob("*.rdf")))
def test_every_fixture_reads_the_same_or_goes_to_feedparser(fixture, monkeypatch):
    assert_same_as_feedparser(fixture.read_bytes(), "", monkeypatch)


@pytest.mark.parametrize("name", ["rss20.xml"])
def test_plain_fixtures_are_read_by_lxml(name, monkeypatch):
    assert assert_same_as_feedparser((FIXTURES / name).read_bytes(), "", monkeypatch)


@pytest.mark.parametrize("number", range(4))
def test_the_benchmarks_full_content_feeds_are_read_by_lxml(number, monkeypatch):
    feed = make_feed(Prose(learn(ROOT / "content"), random.Random(number)), number, 5)
    assert assert_same_as_feedparser(feed.body, feed.content_type, monkeypatch)


# --- generated feeds -------------------------------------------------------------------

TEXTS = st.sampled_from(
    [
        "Plain title",
        "  spaced  out  ",
        "",
        "Q&A: <b>bold</b> claims",
        "Tom &amp; Jerry",
        "a </p> close",
        "<script>alert(1)</script>",
        "Caf\u00c3\u00a9 mojibake",
        "cp1252 \x93quotes\x94",
        "日本語 ✓",
        "&lt;escaped&gt; markup",
    ]
)
LINKS = st.sampled_from(
    [
        "/posts/1/",
        "posts/2/",
        "https://elsewhere.example/a?x=1&b=2",
        "",
        "  /padded/  ",
        "//cdn.example/x",
    ]
)
DATES = st.sampled_from(
    [
        format_datetime(datetime(2026, 3, 4, 5, 6, tzinfo=UTC), usegmt=True),
        "Tue, 10 Jun 2003 04:00:00 +0200",
        "2026-01-02T03:04:05Z",
        (datetime(2025, 1, 1, tzinfo=UTC) + timedelta(hours=7)).isoformat(),
        "not a date",
        "",
    ]
)


def element(tag: str, text: str, attributes: str = "") -> str:
    return f"<{tag}{attributes}>{escape(text)}</{tag}>"


@st.composite
def rss_items(draw):
    parts = []
    if draw(st.booleans()):
        parts.append(element("title", draw(TEXTS)))
    if draw(st.booleans()):
        parts.append(element("link", draw(LINKS)))
    if draw(st.booleans()):
        permalink = draw(st.sampled_from(["", ' isPermaLink="true"', ' isPermaLink="false"']))
        parts.append(
            element("guid", draw(st.sampled_from(["abc-1", "/p/9", "urn:x:1"])), permalink)
        )
    if draw(st.booleans()):
        parts.append(element("pubDate", draw(DATES)))
    if draw(st.booleans()):
        parts.append(element("comments", draw(LINKS)))
    if draw(st.booleans()):
        parts.append(element("dc:creator", draw(st.sampled_from(["Ann Lee", "", "  Bo  "]))))
    if draw(st.booleans()):
        parts.append(element("category", "networking"))
    summary = draw(st.booleans())
    if summary:
        parts.append(element("description", draw(TEXTS)))
    order = draw(st.permutations(parts))
    if summary and draw(st.booleans()):
        order.append(element("content:encoded", "<p>Full post</p>"))
    return "<item>" + "".join(order) + "</item>"


@st.composite
def rss_feeds(draw):
    items = draw(st.lists(rss_items(), max_size=3))
    head = element("title", draw(TEXTS)) + element("link", draw(LINKS))
    if draw(st.booleans()):
        head += '<atom:link rel="self" href="/feed.xml"/>'
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">'
        f"<channel>{head}{''.join(items)}</channel></rss>"
    ).encode()


@st.composite
def atom_entries(draw):
    parts = []
    if draw(st.booleans()):
        kind = draw(st.sampled_from(["", ' type="text"', ' type="html"']))
        parts.append(element("title", draw(TEXTS), kind))
    for _ in range(draw(st.integers(0, 2))):
        rel = draw(st.sampled_from(["", ' rel="alternate"', ' rel="replies"', ' rel="enclosure"']))
        kind = draw(st.sampled_from(["", ' type="text/html"', ' type="application/pdf"']))
        parts.append(f"<link{rel}{kind} href={quoteattr(draw(LINKS))}/>")
    if draw(st.booleans()):
        parts.append(element("id", draw(st.sampled_from(["tag:x,2026:1", "/p/2", "urn:uuid:1"]))))
    for tag in ("published", "updated"):
        if draw(st.booleans()):
            parts.append(element(tag, draw(DATES)))
    if draw(st.booleans()):
        name = element("name", draw(st.sampled_from(["Ann Lee", " Bo "])))
        extra = draw(st.sampled_from(["", "<email>a@b.example</email>", "<uri>/about/</uri>"]))
        parts.append(f"<author>{name}{extra}</author>")
    summary = draw(st.booleans())
    if summary:
        kind = draw(st.sampled_from(["", ' type="text"', ' type="html"']))
        parts.append(element("summary", draw(TEXTS), kind))
    order = draw(st.permutations(parts))
    if summary and draw(st.booleans()):
        order.append('<content type="html">&lt;p&gt;Full&lt;/p&gt;</content>')
    return "<entry>" + "".join(order) + "</entry>"


@st.composite
def atom_feeds(draw):
    entries = draw(st.lists(atom_entries(), max_size=3))
    head = element("title", draw(TEXTS)) + f"<link href={quoteattr(draw(LINKS))}/>"
    if draw(st.booleans()):
        head += "<author><name>Site Owner</name></author>"
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<id>tag:x,2026:feed</id>{head}{''.join(entries)}</feed>"
    ).encode()


@settings(max_examples=300, deadline=None)
@given(rss_feeds())
def test_generated_rss_reads_the_same(body):
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert_same_as_feedparser(body, RSS, monkeypatch)


@settings(max_examples=300, deadline=None)
@given(atom_feeds())
def test_generated_atom_reads_the_same(body):
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert_same_as_feedparser(body, ATOM, monkeypatch)
