"""Synthetic blog feeds: what the blogs we follow publish, in RSS 2.0 and Atom.

Full-content feeds of ten posts, as WordPress and most static site generators publish by
default: feed size drives what a refresh downloads, parses and keeps in memory.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

from bench.prose import Prose

LAST_MODIFIED = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


@dataclass(frozen=True)
class Feed:
    path: str
    body: bytes
    gzipped: bytes
    content_type: str
    etag: str


def make_feed(prose: Prose, number: int, entries: int) -> Feed:
    """Blog `number`'s feed at /blog<number>/feed.xml: Atom for odd numbers, else RSS 2.0."""
    atom = number % 2 == 1
    base = f"/blog{number}/"
    items = []
    for index in range(entries):
        date = LAST_MODIFIED - timedelta(days=index * 3 + number % 5, hours=number % 24)
        post = {
            "title": escape(f"{prose.heading()} ({number}.{index})"),
            "link": f"{base}posts/{index}/",
            "summary": escape(prose.paragraph()),
            "content": escape(_html_post(prose)),
        }
        items.append(_atom_entry(post, number, index, date) if atom else _rss_item(post, date))
    if atom:
        text = (
            "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>Blog {number}</title><link href='{base}'/><id>tag:bench,2026:{number}</id>"
            f"<updated>{LAST_MODIFIED.isoformat()}</updated>{''.join(items)}</feed>"
        )
    else:
        text = (
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0' xmlns:content="
            "'http://purl.org/rss/1.0/modules/content/'><channel>"
            f"<title>Blog {number}</title><link>{base}</link><description>Blog {number}"
            f"</description>{''.join(items)}</channel></rss>"
        )
    content_type = f"application/{'atom' if atom else 'rss'}+xml; charset=utf-8"
    return served_feed(f"{base}feed.xml", text.encode(), content_type)


def served_feed(path: str, body: bytes, content_type: str) -> Feed:
    """`body` as the feed farm serves it at `path`: gzipped once, with an ETag."""
    return Feed(
        path=path,
        body=body,
        gzipped=gzip.compress(body, mtime=0),
        content_type=content_type,
        etag=f'"{hashlib.sha1(body).hexdigest()[:16]}"',
    )


def _html_post(prose: Prose) -> str:
    """A post body of five to seven paragraphs with a heading and a list."""
    items = "".join(f"<li>{escape(item)}</li>" for item in prose.list_items())
    paragraphs = [f"<p>{escape(prose.paragraph())}</p>" for _ in range(prose.rng.randint(5, 7))]
    paragraphs.insert(2, f"<h2>{escape(prose.heading())}</h2>")
    paragraphs.insert(4, f"<ul>{items}</ul>")
    return "".join(paragraphs)


def _atom_entry(post: dict[str, str], number: int, index: int, date: datetime) -> str:
    return (
        f"<entry><title>{post['title']}</title><link href='{post['link']}'/>"
        f"<id>tag:bench,2026:{number}/{index}</id><updated>{date.isoformat()}</updated>"
        f"<summary type='html'>{post['summary']}</summary>"
        f"<content type='html'>{post['content']}</content></entry>"
    )


def _rss_item(post: dict[str, str], date: datetime) -> str:
    link = post["link"]
    return (
        f"<item><title>{post['title']}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{format_datetime(date, usegmt=True)}</pubDate>"
        f"<comments>{link}#comments</comments><description>{post['summary']}</description>"
        f"<content:encoded>{post['content']}</content:encoded></item>"
    )
