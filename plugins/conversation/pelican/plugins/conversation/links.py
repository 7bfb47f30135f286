"""Our published posts and the outside links in each: what `send` notifies.

Read from the built site, as a receiver reads our post when it checks a Webmention: a
post is a page whose `h-entry` has the page's own canonical address as its `u-url`; its
targets are the links in its `e-content` and its `u-in-reply-to`, those that leave the
site. Navigation, share buttons and the blogroll widget are outside the entry, so they
are never notified. Every page must carry the public address: output/ from a preview
build is refused, never sent from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
from pelican.plugins.blogroll.config import is_web_url

from .microformats import own_elements, roots, with_class


class NotPublished(RuntimeError):
    """output/ holds no public build of the site; the message says what it holds instead."""


@dataclass(frozen=True)
class Post:
    """One published post: its public address, the outside links in it, and a digest of
    its content that changes whenever the post does."""

    source: str
    targets: tuple[str, ...]
    replies_to: tuple[str, ...]
    digest: str


def published_posts(output: Path, siteurl: str) -> list[Post]:
    """Every post in `output`, a build for `siteurl`; NotPublished if it is not one."""
    pages = sorted(output.rglob("*.html")) if output.is_dir() else []
    if not pages:
        raise NotPublished(f"{output}/ holds no built pages")
    posts = []
    for page in pages:
        tree = lxml.html.document_fromstring(page.read_bytes())
        canonical = _canonical(tree)
        if canonical is None:
            continue
        if not canonical.startswith(siteurl + "/"):
            raise NotPublished(
                f"{output}/ was built for {_origin(canonical)}, not for {siteurl} "
                f"({page.relative_to(output)} says {canonical})"
            )
        post = _post(tree, canonical, urlsplit(siteurl).hostname)
        if post is not None:
            posts.append(post)
    return posts


def _post(tree, canonical: str, site_host: str | None) -> Post | None:
    for entry in roots(tree, "h-entry"):
        own = list(own_elements(entry))
        if canonical not in (_url(canonical, el.get("href")) for el in with_class(own, "u-url")):
            continue
        content = next(iter(with_class(own, "e-content")), None)
        replies_to = _outside(
            (el.get("href") for el in with_class(own, "u-in-reply-to")), canonical, site_host
        )
        links = content.iter("a") if content is not None else ()
        targets = _outside([*replies_to, *(a.get("href") for a in links)], canonical, site_host)
        body = lxml.html.tostring(content) if content is not None else b""
        digest = hashlib.sha256(body + b"\0" + "\n".join(replies_to).encode()).hexdigest()
        return Post(canonical, tuple(targets), tuple(replies_to), digest)
    return None


def _canonical(tree) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in link.get("rel", "").lower().split() and link.get("href"):
            return link.get("href").strip()
    return None


def _outside(hrefs, base: str, site_host: str | None) -> list[str]:
    """Absolute http(s) addresses off the site, without fragments, each once, in order."""
    found: list[str] = []
    for href in hrefs:
        url = _url(base, href)
        if url and urlsplit(url).hostname != site_host and url not in found:
            found.append(url)
    return found


def _url(base: str, href: str | None) -> str | None:
    if href is None:
        return None
    try:
        url = urljoin(base, href.strip()).split("#", 1)[0]
    except ValueError:
        return None
    return url if is_web_url(url) else None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
