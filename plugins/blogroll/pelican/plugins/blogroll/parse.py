"""Feed bytes into a common shape: RSS 0.9x/1.0/2.0 and Atom through feedparser, JSON Feed by
hand; and a site's page into the feeds it advertises (`<link rel="alternate">`).

Nothing here is trusted or made safe yet (that is `sanitize`); this only finds the
fields, in whatever encoding the feed came, with one defence that must come first:
the prolog is cut down to the XML declaration before feedparser sees the document,
because feedparser keeps "safe-looking" entity declarations and expands them itself,
so a 110 kB feed makes it build a gigabyte string (see tests/blogroll/test_parse.py).
"""

from __future__ import annotations

import calendar
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import urljoin

import feedparser

from .config import is_web_url

JSON_FEED_VERSION = re.compile(r"^https?://jsonfeed\.org/version/1(\.\d+)?/?$")
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


class FeedError(ValueError):
    """The body is not a feed we can read; the message says why."""


@dataclass
class RawEntry:
    """One post as the feed describes it: untrusted text, HTML and URLs."""

    id: str | None
    title: str
    title_is_html: bool
    link: str | None
    comments: str | None
    published: datetime | None
    author: str | None
    summary: str
    summary_is_html: bool
    base: str  # what the entry's own relative link is relative to
    summary_base: str | None = None  # what links in the summary are relative to (xml:base)


@dataclass
class RawFeed:
    """A parsed feed: its own title and home page, and its entries in feed order."""

    format: str
    title: str
    link: str | None
    entries: list[RawEntry]


def parse_feed(body: bytes, *, url: str, content_type: str = "") -> RawFeed:
    """Parse `body` fetched from `url`; raise FeedError when it is not a feed."""
    if _is_json(body, content_type):
        return _parse_json_feed(body, url)
    return _parse_xml_feed(body, url, content_type)


def _is_json(body: bytes, content_type: str) -> bool:
    if "json" in content_type.split(";")[0].lower():
        return True
    start = body
    for bom in BOMS:
        start = start.removeprefix(bom)
    return start.lstrip(b" \t\r\n\x00")[:1] == b"{"


# --- XML feeds -------------------------------------------------------------------------

# Encodings whose bytes are not ASCII-compatible, told apart as XML 1.0 appendix F does.
WIDE_ENCODINGS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
)
UTF8_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'
XML_DECLARATION = re.compile(r"\A(?:\ufeff|\xef\xbb\xbf)?(?:<\?xml\s[^<>]*?\?>)?")


def prepare_xml(body: bytes) -> tuple[bytes, bool]:
    """Return (body, transcoded) ready for feedparser.

    Keeps only the XML declaration before the root element: no DOCTYPE, so no entity
    is ever declared, expanded or fetched, whether it hides in the DTD, a comment or a
    PI. UTF-16/32 (with or without BOM) becomes UTF-8, which feedparser otherwise
    misreads when the declaration names no encoding.
    """
    wide = next((name for prefix, name in WIDE_ENCODINGS if body.startswith(prefix)), None)
    text = body.decode(wide or "latin-1", "replace")
    declaration = XML_DECLARATION.match(text)
    assert declaration is not None  # every part of the pattern is optional
    root = _root_start(text, declaration.end())
    between = text[declaration.end() : root]
    if wide:
        return (UTF8_DECLARATION + "\n" + text[root:]).encode("utf-8"), True
    if not between or between.isspace():
        return body, False
    return (declaration.group() + "\n" + text[root:]).encode("latin-1"), False


def _root_start(text: str, index: int) -> int:
    """Where the root element starts, skipping comments, PIs and declarations properly."""
    while index < len(text):
        if text.startswith("<!--", index):
            close = text.find("-->", index + 4)
            index = len(text) if close == -1 else close + 3
        elif text.startswith("<?", index):
            close = text.find("?>", index + 2)
            index = len(text) if close == -1 else close + 2
        elif text.startswith("<!", index):
            index = _declaration_end(text, index)
        elif text.startswith("<", index):
            return index
        else:
            index += 1
    return index


def _declaration_end(text: str, index: int) -> int:
    """Index just past `<!DOCTYPE ...>` at `index`, honouring quotes, comments and `[...]`."""
    depth, quote = 0, None
    index += 2
    while index < len(text):
        char = text[index]
        if quote:
            if char == quote:
                quote = None
        elif text.startswith("<!--", index):
            close = text.find("-->", index + 4)
            index = len(text) if close == -1 else close + 2
        elif char in "\"'":
            quote = char
        elif char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        elif char == ">" and depth == 0:
            return index + 1
        index += 1
    return index


def _parse_xml_feed(body: bytes, url: str, content_type: str) -> RawFeed:
    body, transcoded = prepare_xml(body)
    headers = {"content-location": url}
    if transcoded:
        headers["content-type"] = "application/xml; charset=utf-8"
    elif content_type:
        headers["content-type"] = content_type
    # feedparser's own HTML passes are off: `sanitize` is the one door for markup (nh3),
    # and it resolves relative links against `summary_base`. They also halve parse time.
    parsed = feedparser.parse(
        io.BytesIO(body), response_headers=headers, resolve_relative_uris=False, sanitize_html=False
    )
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        raise FeedError(f"not an RSS, Atom or JSON feed{detail}")
    feed = parsed.feed
    link = feed.get("link")
    return RawFeed(
        format=feedparser.api.SUPPORTED_VERSIONS.get(version, version or "unknown XML feed"),
        title=_text_of(feed.get("title_detail"), feed.get("title", ""))[0],
        link=link if isinstance(link, str) else None,
        entries=[_xml_entry(entry, link or url) for entry in parsed.entries],
    )


def _xml_entry(entry, feed_base: str) -> RawEntry:
    title, title_is_html = _text_of(entry.get("title_detail"), entry.get("title", ""))
    summary_detail = entry.get("summary_detail")
    if not summary_detail and entry.get("content"):
        summary_detail = entry["content"][0]
    summary, summary_is_html = _text_of(summary_detail, "")
    summary_base = (summary_detail or {}).get("base")
    base = summary_base or entry.get("link") or feed_base
    return RawEntry(
        id=_string(entry.get("id")),
        title=title,
        title_is_html=title_is_html,
        link=_alternate_link(entry),
        comments=_comments_link(entry),
        published=_struct_time(
            entry.get("published_parsed")
            # `in` first: feedparser's get() of a missing updated_parsed warns (issue 310).
            or (entry["updated_parsed"] if "updated_parsed" in entry else None)  # noqa: SIM401
            or entry.get("created_parsed")
        ),
        author=_string((entry.get("author_detail") or {}).get("name") or entry.get("author")),
        summary=summary,
        summary_is_html=summary_is_html,
        base=base if isinstance(base, str) else feed_base,
        summary_base=summary_base if isinstance(summary_base, str) else None,
    )


def _text_of(detail, fallback: str) -> tuple[str, bool]:
    """A feedparser text construct as (value, is_html)."""
    if detail and isinstance(detail.get("value"), str):
        kind = str(detail.get("type") or "text/plain")
        return detail["value"], "html" in kind
    return (fallback if isinstance(fallback, str) else ""), False


def _alternate_link(entry) -> str | None:
    for link in entry.get("links") or []:
        if link.get("rel", "alternate") == "alternate" and isinstance(link.get("href"), str):
            return link["href"]
    return _string(entry.get("link"))


def _comments_link(entry) -> str | None:
    """Where to comment: RSS `<comments>`, else an Atom `replies` link to a web page."""
    if isinstance(entry.get("comments"), str) and entry["comments"].strip():
        return entry["comments"]
    for link in entry.get("links") or []:
        kind = link.get("type", "text/html")
        if link.get("rel") == "replies" and kind in {"text/html", ""} and link.get("href"):
            return link["href"]
    return None


def _struct_time(value) -> datetime | None:
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC) if value else None
    except (TypeError, ValueError, OverflowError, OSError):
        return None


# --- JSON Feed -------------------------------------------------------------------------


def _parse_json_feed(body: bytes, url: str) -> RawFeed:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as problem:
        raise FeedError(f"not valid JSON: {problem}") from None
    if not isinstance(data, dict) or not JSON_FEED_VERSION.match(str(data.get("version", ""))):
        raise FeedError("JSON without a JSON Feed `version` (https://jsonfeed.org/version/1.1)")
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedError("JSON Feed without an `items` list")
    home = _string(data.get("home_page_url"))
    feed_author = _json_author(data)
    return RawFeed(
        format="JSON Feed " + str(data["version"]).rstrip("/").rsplit("/", 1)[-1],
        title=_string(data.get("title")) or "",
        link=home,
        entries=[
            _json_entry(item, home or url, feed_author) for item in items if isinstance(item, dict)
        ],
    )


def _json_entry(item: dict, feed_base: str, feed_author: str | None) -> RawEntry:
    link = _string(item.get("url")) or _string(item.get("external_url"))
    if _string(item.get("summary")):
        summary, is_html = item["summary"], False
    elif _string(item.get("content_html")):
        summary, is_html = item["content_html"], True
    else:
        summary, is_html = _string(item.get("content_text")) or "", False
    item_id = item.get("id")
    return RawEntry(
        id=str(item_id)
        if isinstance(item_id, str | int) and not isinstance(item_id, bool)
        else None,
        title=_string(item.get("title")) or "",
        title_is_html=False,
        link=link,
        comments=None,
        published=_rfc3339(item.get("date_published")) or _rfc3339(item.get("date_modified")),
        author=_json_author(item) or feed_author,
        summary=summary,
        summary_is_html=is_html,
        base=feed_base,
    )


def _json_author(holder: dict) -> str | None:
    """JSON Feed 1.1 `authors` (a list), or 1.0's single `author`."""
    authors = holder.get("authors")
    candidates = authors if isinstance(authors, list) else [holder.get("author")]
    names = [_string(a.get("name")) for a in candidates if isinstance(a, dict)]
    names = [name for name in names if name]
    return ", ".join(names) if names else None


def _rfc3339(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)


def _string(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


# --- feed autodiscovery ------------------------------------------------------------------

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
