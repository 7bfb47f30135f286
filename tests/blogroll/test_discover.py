"""discover: feed autodiscovery from a home page's <link rel="alternate">."""

from __future__ import annotations

import pytest
from pelican.plugins.blogroll.parse import discover_feeds, looks_like_feed

from tests.blogroll.feedserver import FIXTURES

PAGE = "https://blog.example/home/"


def test_follows_base_and_puts_comment_feeds_last():
    html = (FIXTURES / "site.html").read_bytes()
    assert discover_feeds(html, "http://127.0.0.1:8000/blog/") == [
        "http://127.0.0.1:8000/blog/feed.atom",
        "http://127.0.0.1:8000/blog/comments/feed/",
    ]


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        (
            '<link rel="alternate" type="application/rss+xml" href="/feed/">',
            ["https://blog.example/feed/"],
        ),
        (
            '<link rel="ALTERNATE home" type="application/atom+xml; charset=utf-8" href="a.xml">',
            [f"{PAGE}a.xml"],
        ),
        (
            '<link rel="alternate" type="application/feed+json" href="//cdn.example/f.json">',
            ["https://cdn.example/f.json"],
        ),
        ('<link rel="alternate" type="text/html" href="/fr/">', []),
        ('<link rel="stylesheet" type="application/rss+xml" href="/x">', []),
        ('<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">', []),
        ('<link rel="alternate" type="application/rss+xml">', []),
        (
            '<link rel="alternate" type="application/rss+xml" href="/f">'
            '<link rel="alternate" type="application/atom+xml" href="/f">',
            ["https://blog.example/f"],
        ),
        ('</head><body><link rel="alternate" type="application/rss+xml" href="/late">', []),
    ],
)
def test_which_links_count(links, expected):
    assert discover_feeds(f"<!DOCTYPE html><html><head>{links}</head></html>", PAGE) == expected


def test_bad_bytes_do_not_stop_discovery():
    html = b'\xff\xfe<head>\x80<link rel="alternate" type="application/rss+xml" href="/f"></head>'
    assert discover_feeds(html, PAGE) == ["https://blog.example/f"]


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (b"<html></html>", "application/rss+xml", True),
        (b"<?xml version='1.0'?><feed/>", "text/xml; charset=utf-8", True),
        (b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'/>", "text/html", False),
        (b"\xef\xbb\xbf  <rss version='2.0'/>", "application/octet-stream", True),
        (b"<!DOCTYPE html><html></html>", "", False),
    ],
)
def test_looks_like_feed(body, content_type, expected):
    assert looks_like_feed(body, content_type) is expected
