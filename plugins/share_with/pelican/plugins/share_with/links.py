"""Build a post's share links: from a post and the settings to plain data, and nothing else.

Nothing here touches Pelican's generators, the file system or the network, so every
target's URL can be tested alone. `ShareLinks(settings)` reads and checks the settings
once for a build; calling it with a post returns that post's links.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from givefirst_kit.text import plain_text, shorten
from markupsafe import escape

from .settings import placeholders, selected_targets, setting, utm_parameters
from .targets import RAW_PLACEHOLDERS

BLANK_LINES = re.compile(r"\n{3,}")


class ShareLink(NamedTuple):
    """One way to pass a post on, as the share block renders it."""

    name: str
    label: str
    prefix: str  # visually hidden text before the label: "Share on" + "Reddit"
    url: str
    icon: str  # the symbol in the icon sprite: "/share/icons.svg#reddit"
    action: str | None  # "copy" or "share" for the two the script enhances
    title: str  # the post's title, plain text
    text: str  # SHARE_WITH_POST_TEXT for this target, plain text (the fediverse page's)


UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# What each UTF-8 byte becomes: itself when unreserved, else "%XX".
BYTE_ESCAPES = tuple(bytes([b]) if b in UNRESERVED else b"%%%02X" % b for b in range(256))


def percent(value: str) -> str:
    """`urllib.parse.quote(value, safe="")` (RFC 3986; spaces as %20), a table lookup per
    byte instead of a method call: it is most of what building a post's links costs."""
    return b"".join([BYTE_ESCAPES[byte] for byte in value.encode()]).decode("ascii")


def with_query(url: str, parameters: Mapping[str, str]) -> str:
    if not parameters:
        return url
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query, keep_blank_values=True), *parameters.items()]
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))


def icons_url(settings: Mapping[str, Any]) -> str:
    """The icon sprite's URL from the site's root (see `icons.py`).

    Not absolute like the other URLs: browsers draw `<use href>` only from the page's own
    origin, so a page served from another host than SITEURL (a preview) keeps its icons.
    """
    root = urlsplit(settings["SITEURL"]).path.rstrip("/")
    return f"{root}/{setting(settings, 'SHARE_WITH_ICONS_SAVE_AS')}"


class ShareLinks:
    """The share links of any post under one set of settings: `ShareLinks(settings)(article)`.

    With `html=True` every value comes escaped for HTML (`Markup`), as the share block
    prints it: what is the same on every post (name, label, prefix, icon, action) is
    escaped here once, the post's title and text once per post, and each URL.
    """

    def __init__(self, settings: Mapping[str, Any], *, html: bool = False):
        self.shown = escape if html else str
        self.targets = selected_targets(settings)
        utm = utm_parameters(settings)
        self.utm_tags = {
            target.name: {key: value.format(target=target.name) for key, value in utm.items()}
            for target in self.targets
        }
        icons = icons_url(settings)
        self.constants = {
            target.name: [
                None if value is None else self.shown(value)
                for value in (
                    target.name,
                    target.label,
                    target.prefix,
                    f"{icons}#{target.name}",
                    target.action,
                )
            ]
            for target in self.targets
        }
        # Only what the selected targets' URLs use is percent-encoded.
        self.used = set().union(*(placeholders(target.url) for target in self.targets))
        # Absolute also under `make serve`: SITEURL is always absolute (settings.validate).
        self.siteurl = settings["SITEURL"].rstrip("/")
        self.site = settings.get("SITENAME", "")
        self.fediverse_page = f"{self.siteurl}/{setting(settings, 'SHARE_WITH_FEDIVERSE_URL')}"
        self.note = setting(settings, "SHARE_WITH_NOTE")
        self.subject = setting(settings, "SHARE_WITH_EMAIL_SUBJECT")
        self.body = setting(settings, "SHARE_WITH_EMAIL_BODY")
        self.post_text = setting(settings, "SHARE_WITH_POST_TEXT")
        self.summary_length = setting(settings, "SHARE_WITH_SUMMARY_LENGTH")
        # A summary is cut from the post's HTML: only when a URL or a wording prints it.
        wordings = (self.subject, self.body, self.post_text)
        self.needs_summary = "summary" in self.used.union(*map(placeholders, wordings))

    def __call__(self, article: Any) -> list[ShareLink]:
        """The post's links, in SHARE_WITH_TARGETS order."""
        canonical = f"{self.siteurl}/{article.url}"  # as in the page's <link rel="canonical">
        post = self.post_texts(article)
        title = self.shown(post["title"])
        filled: dict[str, tuple[dict[str, str], str]] = {}
        links = []
        for target in self.targets:
            url = with_query(canonical, self.utm_tags[target.name])
            if url not in filled:  # the same for every target unless UTM tags name it
                texts = self.url_texts(post, url)
                encoded = {
                    name: texts[name] if name in RAW_PLACEHOLDERS else percent(texts[name])
                    for name in self.used
                }
                filled[url] = encoded, self.shown(texts["post"])
            encoded, text = filled[url]
            name, label, prefix, icon, action = self.constants[target.name]
            link = self.shown(target.url.format_map(encoded))
            links.append(ShareLink(name, label, prefix, link, icon, action, title, text))
        return links

    def post_texts(self, article: Any) -> dict[str, str]:
        """The placeholders that do not depend on the shared URL, plain (not encoded)."""
        title = plain_text(article.title)
        own_note = article.metadata.get("share_note")
        image = getattr(article, "social_image", None) or {}
        return {
            "title": title,
            "summary": (
                shorten(plain_text(getattr(article, "summary", "")), self.summary_length)
                if self.needs_summary
                else ""
            ),
            "site": self.site,
            "note": (
                " ".join(str(own_note).split())
                if own_note
                else self.note.format(title=title, site=self.site)
            ),
            "slug": article.slug,
            "image": image.get("url", ""),
            "fediverse_page": self.fediverse_page,
        }

    def url_texts(self, post: Mapping[str, str], url: str) -> dict[str, str]:
        """Every placeholder's plain value once the shared URL is known."""
        fields = {name: post[name] for name in ("title", "summary", "site", "note")}
        fields["url"] = url
        body = self.body.format(**fields).replace("\r\n", "\n").strip()
        return {
            **post,
            "url": url,
            "raw_url": url,
            "post": self.post_text.format(**fields).strip(),
            "subject": " ".join(self.subject.format(**fields).split()),
            # RFC 6068: line breaks in a mailto body are CRLF; no run of blank lines.
            "body": BLANK_LINES.sub("\n\n", body).replace("\n", "\r\n"),
        }


def primary_first(
    links: list[ShareLink], primary: list[str]
) -> tuple[list[ShareLink], list[ShareLink]]:
    """The links shown first, in SHARE_WITH_PRIMARY order, and the others, in their own."""
    by_name = {link.name: link for link in links}
    return [by_name[name] for name in primary], [link for link in links if link.name not in primary]


def links(article: Any, settings: Mapping[str, Any]) -> list[ShareLink]:
    """The share links for `article`, in SHARE_WITH_TARGETS order, as plain data."""
    return ShareLinks(settings)(article)
