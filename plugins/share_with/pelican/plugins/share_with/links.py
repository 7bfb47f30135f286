"""Build the share links for a post: a pure function from a post and settings to plain data.

Nothing here touches Pelican's generators, the file system or the network, so every
target's URL can be tested alone. `ShareLinks` reads the settings once per build; each
post's texts are then worked out once (once per set of UTM tags, when SHARE_WITH_UTM
names the target) and each distinct value is percent-encoded once, however many
targets use it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from markupsafe import Markup, escape

from .settings import placeholders, selected_targets, setting, utm_parameters
from .targets import RAW_PLACEHOLDERS

ELLIPSIS = "…"
TRAILING_PUNCTUATION = " \t,;:.-–—"
BLANK_LINES = re.compile(r"\n{3,}")


UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# What each UTF-8 byte becomes: itself when unreserved, else "%XX".
BYTE_ESCAPES = tuple(
    bytes([byte]) if byte in UNRESERVED else b"%%%02X" % byte for byte in range(256)
)


def percent(value: str) -> str:
    """Percent-encode everything but unreserved characters (RFC 3986; spaces as %20).

    Same result as `urllib.parse.quote(value, safe="")`, three times faster: each UTF-8
    byte is looked up in a table of bytes and the pieces joined once (`str.translate`
    with "%XX" values takes a slow path, about as slow as `quote`).
    """
    return b"".join([BYTE_ESCAPES[byte] for byte in value.encode()]).decode("ascii")


def escape_in_latin1(value: str) -> Markup:
    """`value` escaped for HTML, any character beyond Latin-1 as a numeric reference.

    CPython stores a string as wide as its widest character, and a page is one string
    when it is joined and encoded: a single "…" in the share block's constant parts would
    double the memory and copying of every post page in an otherwise Latin-1 site, and
    slow its UTF-8 encoding (about a tenth of what the plugin costs per post).
    """
    return Markup(escape(value).encode("latin-1", "xmlcharrefreplace").decode("latin-1"))


def plain_text(html: str | None) -> str:
    """Text a reader sees in an HTML fragment: tags dropped, entities decoded, spaces collapsed.

    Most titles have neither tags nor entities: those only have their spaces collapsed.
    """
    html = html or ""
    if "<" not in html and "&" not in html:
        return " ".join(html.split())
    return " ".join(Markup(html).striptags().split())


def shorten(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters on a word boundary, ending with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = limit - len(ELLIPSIS)
    space = text.rfind(" ", 0, room + 1)
    end = space if space > 0 else room
    # Never leave a combining mark without the letter it belongs to.
    while end > 0 and unicodedata.combining(text[end]):
        end -= 1
    return text[:end].rstrip(TRAILING_PUNCTUATION) + ELLIPSIS


def site_url(settings: Mapping[str, Any], path: str = "") -> str:
    """An absolute URL on this site (SITEURL is absolute, also under `make serve`)."""
    return f"{settings['SITEURL'].rstrip('/')}/{path}"


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


class ShareLinks:
    """The share links of any post under one set of settings: `ShareLinks(settings)(article)`."""

    def __init__(self, settings: Mapping[str, Any]):
        self.targets = selected_targets(settings)
        self.fields = {target.name: placeholders(target.url) for target in self.targets}
        self.used_fields = frozenset().union(*self.fields.values())
        self.utm = utm_parameters(settings)
        self.siteurl = site_url(settings)
        self.site = settings.get("SITENAME", "")
        self.fediverse_page = site_url(settings, setting(settings, "SHARE_WITH_FEDIVERSE_URL"))
        self.icons = icons_url(settings)
        self.note = setting(settings, "SHARE_WITH_NOTE")
        self.subject = setting(settings, "SHARE_WITH_EMAIL_SUBJECT")
        self.body = setting(settings, "SHARE_WITH_EMAIL_BODY")
        self.post_text = setting(settings, "SHARE_WITH_POST_TEXT")
        self.post_text_fields = placeholders(self.post_text)
        self.summary_length = setting(settings, "SHARE_WITH_SUMMARY_LENGTH")
        # Name, label, prefix, icon and action of each target, as they are and escaped
        # (in Latin-1: they are the same on every post page, see `escape_in_latin1`).
        self.constants = {
            target.name: (
                target.name,
                target.label,
                target.prefix,
                f"{self.icons}#{target.name}",
                target.action,
            )
            for target in self.targets
        }
        self.html_constants = {
            name: tuple(value if value is None else escape_in_latin1(value) for value in values)
            for name, values in self.constants.items()
        }
        # Targets whose URLs carry the same UTM tags (all of them, unless SHARE_WITH_UTM
        # names the target) share the same values: `values` works them out per group.
        tags = [tuple(self.utm_tags(target.name).items()) for target in self.targets]
        groups = list(dict.fromkeys(tags))
        self.group_tags = [dict(group) for group in groups]
        self.group_of = [groups.index(group) for group in tags]
        self.positions = {target.name: number for number, target in enumerate(self.targets)}
        # Each post's title and shared texts (one per group) as `values` worked them out
        # for its page, so the fediverse page, written later, does not work them out again.
        self.shared_texts: dict[str, tuple[str, list[str]]] = {}

    def utm_tags(self, target_name: str) -> dict[str, str]:
        return {key: value.format(target=target_name) for key, value in self.utm.items()}

    def shared_url(self, canonical: str, target_name: str) -> str:
        return with_query(canonical, self.utm_tags(target_name))

    def post_texts(self, article: Any, *, with_summary: bool = True) -> dict[str, str]:
        """The placeholders that do not depend on the shared URL, plain (not encoded).

        The summary, the dearest, is left empty when the caller will not use it.
        """
        title = plain_text(article.title)
        own_note = article.metadata.get("share_note")
        image = getattr(article, "social_image", None) or {}
        return {
            "title": title,
            "summary": (
                shorten(plain_text(getattr(article, "summary", "")), self.summary_length)
                if with_summary
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

    def values(self, article: Any) -> tuple[str, list[tuple[Mapping[str, str], str]]]:
        """The post's title and, for each group of targets (`group_of`), what their URL
        templates are filled with (percent-encoded but for RAW_PLACEHOLDERS) and the text
        they share: one group, unless UTM tags name the target.
        """
        canonical = self.siteurl + article.url  # as in the page's <link rel="canonical">
        post = self.post_texts(article)
        per_group = []
        for tags in self.group_tags:
            texts = self.url_texts(post, with_query(canonical, tags))
            encoded = {
                name: texts[name] if name in RAW_PLACEHOLDERS else percent(texts[name])
                for name in self.used_fields
            }
            per_group.append((encoded, texts["post"]))
        self.shared_texts[article.source_path] = post["title"], [text for _, text in per_group]
        return post["title"], per_group

    def __call__(self, article: Any, *, html: bool = False) -> list[ShareLink]:
        """The post's links; with `html`, every value escaped for HTML (`Markup`), the
        labels and icons once per build and each URL or text once per post."""
        title, per_group = self.values(article)
        shown = escape if html else str
        constants = self.html_constants if html else self.constants
        title = shown(title)
        texts = [shown(text) for _, text in per_group]
        result = []
        for target, group in zip(self.targets, self.group_of, strict=True):
            name, label, prefix, icon, action = constants[target.name]
            link = shown(target.url.format_map(per_group[group][0]))
            result.append(ShareLink(name, label, prefix, link, icon, action, title, texts[group]))
        return result

    def shared_text(self, article: Any, target_name: str) -> tuple[str, str]:
        """The title and the SHARE_WITH_POST_TEXT one target shares, without the links:
        as `values` left them for the post's page, or worked out here."""
        known = self.shared_texts.get(article.source_path)
        if known is not None and target_name in self.positions:
            title, texts = known
            return title, texts[self.group_of[self.positions[target_name]]]
        post = self.post_texts(article, with_summary="summary" in self.post_text_fields)
        url = self.shared_url(self.siteurl + article.url, target_name)
        return post["title"], self.url_texts(post, url)["post"]


class PostShareLinks(Sequence[ShareLink]):
    """`article.share_links`: a post's links, worked out each time they are read, every
    value already escaped for HTML (`Markup`).

    The share block reads them once, as the post is written; keeping thousands of posts'
    URLs in memory for the whole build would cost more than working them out. Pelican's
    Jinja does not autoescape, so templates would escape each value, each time; escaped
    here, the labels and icons once per build and each distinct URL or text once per
    post, they print as they are (and `|e` on them changes nothing).
    """

    __slots__ = ("_article", "_links")

    def __init__(self, links: ShareLinks, article: Any):
        self._links = links
        self._article = article

    def __len__(self) -> int:
        return len(self._links.targets)

    def __getitem__(self, index):
        return self._links(self._article, html=True)[index]

    def __iter__(self) -> Iterator[ShareLink]:
        return iter(self._links(self._article, html=True))

    def shared_text(self, target_name: str) -> tuple[str, str]:
        """The title and the text `target_name` shares (see `ShareLinks.shared_text`)."""
        return self._links.shared_text(self._article, target_name)


def links(article: Any, settings: Mapping[str, Any]) -> list[ShareLink]:
    """The share links for `article`, in SHARE_WITH_TARGETS order, as plain data."""
    return ShareLinks(settings)(article)
