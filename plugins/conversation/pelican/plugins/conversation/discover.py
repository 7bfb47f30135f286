"""Webmention endpoint discovery, as the W3C Recommendation (section 3.1.2) orders it.

Pure: what a target's page answered in, its endpoint out. The first HTTP `Link` header
value with `rel="webmention"` wins; then, in an HTML page, the first `<link>` or `<a>`
element with `rel="webmention"` and an `href`, in document order. The page is parsed
as HTML, so endpoints inside comments or escaped text are not elements and never match.
The endpoint is resolved against the page's final URL (after redirects), query kept;
an empty `href` is the page itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from urllib.parse import urljoin

from pelican.plugins.blogroll.config import is_web_url

REL = "webmention"
HTML_TYPES = {"", "text/html", "application/xhtml+xml"}
CHUNK = 64 * 1024  # parse a page in pieces, and stop at the first endpoint

# RFC 8288: `<uri>; param; param=value; param="quoted, value"`, values separated by commas.
LINK_VALUE = re.compile(r'<([^>]*)>((?:\s*;\s*[^;,"=\s]+(?:\s*=\s*(?:"[^"]*"|[^;,"\s]*))?)*)')
LINK_PARAM = re.compile(r';\s*([^;,"=\s]+)(?:\s*=\s*("[^"]*"|[^;,"\s]*))?')


def endpoint(
    page_url: str, link_headers: Iterable[str], body: bytes, content_type: str
) -> str | None:
    """The Webmention endpoint the page at `page_url` (its final URL) advertises, or None."""
    href = header_endpoint(link_headers)
    if href is None and content_type.split(";")[0].strip().lower() in HTML_TYPES:
        href = html_endpoint(body)
    if href is None:
        return None
    try:
        found = urljoin(page_url, href.strip())
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    return found.split("#", 1)[0] if is_web_url(found) else None


def header_endpoint(link_headers: Iterable[str]) -> str | None:
    """The URI of the first `Link` value whose `rel` has the token "webmention"."""
    for header in link_headers:
        for link in LINK_VALUE.finditer(header):
            for name, value in LINK_PARAM.findall(link[2]):
                if name.lower() == "rel":
                    if REL in value.strip('"').lower().split():
                        return link[1]
                    break  # only the first rel counts (RFC 8288, 3.3)
    return None


def html_endpoint(body: bytes) -> str | None:
    """The `href` of the first `<link>` or `<a>` with rel "webmention" and an href."""
    parser = _FirstEndpoint()
    text = body.decode("utf-8", "replace")
    for start in range(0, len(text), CHUNK):
        parser.feed(text[start : start + CHUNK])
        if parser.href is not None:
            break
    else:
        parser.close()
    return parser.href


class _FirstEndpoint(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.href: str | None = None

    def handle_starttag(self, tag, attrs):
        if self.href is not None or tag not in {"link", "a"}:
            return
        values: dict[str, str] = {}
        for name, value in attrs:  # the first of a repeated attribute wins, as in browsers
            values.setdefault(name, value or "")
        if REL in values.get("rel", "").lower().split() and "href" in values:
            self.href = values["href"]

    handle_startendtag = handle_starttag
