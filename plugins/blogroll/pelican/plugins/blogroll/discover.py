"""Feed autodiscovery: find a blog's feed from `<link rel="alternate">` in its home page.

Pure: HTML in, absolute feed URLs out. Fetching the page is `fetch`'s job.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

from .config import is_web_url

FEED_TYPES = (
    "application/atom+xml",
    "application/rss+xml",
    "application/feed+json",
    "application/rdf+xml",
    "application/json",
)


class _HeadLinks(HTMLParser):
    """Collects `<base>` and `<link>` tags, stopping at the first sign of the body."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.links: list[dict[str, str]] = []
        self.done = False

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        values = {name: value or "" for name, value in attrs}
        if tag == "base" and self.base is None and values.get("href"):
            self.base = values["href"].strip()
        elif tag == "link":
            self.links.append(values)
        elif tag == "body":
            self.done = True

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "head":
            self.done = True


def discover_feeds(html: bytes | str, page_url: str) -> list[str]:
    """Feed URLs the page advertises, best first: the site's own feed before comment feeds."""
    text = html.decode("utf-8", "replace") if isinstance(html, bytes) else html
    parser = _HeadLinks()
    parser.feed(text)
    parser.close()
    base = urljoin(page_url, parser.base) if parser.base else page_url
    found: list[tuple[bool, str]] = []
    for link in parser.links:
        rels = link.get("rel", "").lower().split()
        kind = link.get("type", "").split(";")[0].strip().lower()
        if "alternate" not in rels or kind not in FEED_TYPES or not link.get("href"):
            continue
        url = urljoin(base, link["href"].strip())
        if is_web_url(url) and url not in (known for _, known in found):
            about_comments = "comment" in (link.get("title", "") + url).lower()
            found.append((about_comments, url))
    return [url for _, url in sorted(found, key=lambda pair: pair[0])]


def looks_like_feed(body: bytes, content_type: str) -> bool:
    """True when a 'site' address answered with a feed itself: by its type, or, when the
    type says nothing useful, by how it starts (an XHTML page is still a page)."""
    kind = content_type.split(";")[0].strip().lower()
    if kind in FEED_TYPES or kind in {"text/xml", "application/xml"}:
        return True
    if kind in {"text/html", "application/xhtml+xml"}:
        return False
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    return any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf"))
