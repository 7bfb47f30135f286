"""Untrusted feed entries into safe plain data: the only door from a feed into our pages.

- Titles and authors become plain text, whatever the feed claimed they were.
- Summaries pass an nh3 allowlist of a few inline tags, are cut on a word boundary,
  then cleaned again so the cut can never leave broken or unsafe markup.
- Only absolute http(s) URLs survive; relative ones are resolved against the
  entry's base first.
- Characters HTML and XML forbid (controls, noncharacters, lone surrogates) go.
"""

from __future__ import annotations

import hashlib
import html
import re
from datetime import datetime, timedelta
from itertools import islice
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import nh3
from givefirst_kit.text import ELLIPSIS, shorten

from .config import is_web_url

if TYPE_CHECKING:  # builds import this (conversation) and must not load the feed parser
    from .parse import RawEntry

SUMMARY_TAGS = {"a", "abbr", "b", "br", "cite", "code", "em", "i", "p", "q", "s", "strong"}
SUMMARY_ATTRIBUTES = {"a": {"href"}, "abbr": {"title"}}
DROPPED_WITH_CONTENT = {
    "script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math",
    "form", "textarea", "select", "button", "title", "head", "noembed", "noframes", "xmp",
}  # fmt: skip
LINK_REL = "nofollow noopener noreferrer ugc"
# A link whose address nh3 refused keeps only the `rel` it adds, which HTML forbids
# without `href`: such a link becomes its text.
HREFLESS_LINK = re.compile(f'<a rel="{LINK_REL}">(.*?)</a>', re.DOTALL)
TITLE_CHARACTERS = 200
AUTHOR_CHARACTERS = 100
ID_CHARACTERS = 500
UNTITLED_WORDS = 12
FUTURE_TOLERANCE = timedelta(days=1)
# Block elements we drop (keeping their text) must still separate words: "a</li><li>b".
BLOCK_BOUNDARY = re.compile(
    r"<(/?)(address|article|aside|blockquote|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|"
    r"header|hr|li|main|nav|ol|pre|section|table|td|th|tr|ul)\b",
    re.IGNORECASE,
)
CHARACTERS_PER_WORD = 15  # bounds a summary of few, very long "words"
# The HTML parser inside nh3 works harder the deeper elements nest (twice the depth, four
# times the time: 100,000 levels take minutes), so tags past these limits reach it as text.
# No post nests this deep, or needs this many tags, before the words a summary keeps.
MAX_DEPTH = 100
MAX_TAGS = 5000
# Whatever an HTML parser could take for a tag: "<" then a letter, with or without "/".
TAG_START = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip

# C0/C1 controls except tab/newline/carriage return, surrogates, and noncharacters: written
# as "anything but the allowed ranges", which the regex engine matches ten times faster.
FORBIDDEN_CHARACTERS = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd"
    + "".join(f"{chr(plane << 16)}-{chr(plane << 16 | 0xFFFD)}" for plane in range(1, 17))
    + "]"
)


def clean_text(value: object) -> str:
    """Drop forbidden characters and fold every run of whitespace into one space."""
    if not isinstance(value, str):
        return ""
    return " ".join(FORBIDDEN_CHARACTERS.sub("", value).split())


def plain_text(value: object, *, is_html: bool, limit: int) -> str:
    """A one-line plain string: tags and their markup removed when `is_html`, cut at `limit`."""
    text = clean_text(value)
    if is_html:
        text = text_of_html(text)
    return shorten(text, limit)


def text_of_html(markup: str) -> str:
    """What a reader sees of `markup`: its text, tags gone and references decoded, on one line."""
    return clean_text(html.unescape(nh3.clean(bounded_markup(markup), tags=set())))


def bounded_markup(markup: str) -> str:
    """`markup` with each tag past MAX_DEPTH open elements, or past MAX_TAGS tags, made text.

    Counts more open elements than a browser would (an end tag closes only the element
    opened last, by name), never fewer, so the parser after it never goes deeper.
    """
    open_elements: list[str] = []
    pieces: list[str] = []
    kept_from = 0
    for number, tag in enumerate(TAG_START.finditer(markup), start=1):
        name = tag[2].lower()
        if tag[1]:
            keep = number <= MAX_TAGS
            if keep and open_elements and open_elements[-1] == name:
                open_elements.pop()
        else:
            keep = number <= MAX_TAGS and len(open_elements) < MAX_DEPTH
            if keep and name not in VOID_ELEMENTS:
                open_elements.append(name)
        if not keep:
            pieces += (markup[kept_from : tag.start()], "&lt;")
            kept_from = tag.start() + 1
    return "".join(pieces) + markup[kept_from:] if pieces else markup


def safe_url(value: object, base: str | None = None) -> str | None:
    """`value` resolved against `base` if relative; None unless it is an http(s) address."""
    if not isinstance(value, str):
        return None
    value = FORBIDDEN_CHARACTERS.sub("", value).strip()
    if base and is_web_url(base):
        try:
            value = urljoin(base, value)
        except ValueError:
            return None
    return value if is_web_url(value) else None


def summary_html(value: object, *, is_html: bool, base: str | None, words: int) -> str:
    """Allowlisted HTML of at most `words` words; plain-text summaries are escaped first."""
    text = FORBIDDEN_CHARACTERS.sub("", value) if isinstance(value, str) else ""
    text = BLOCK_BOUNDARY.sub(r" <\1\2", text) if is_html else html.escape(text)
    # Again after cleaning: character references ("&#x1;") decode to forbidden characters.
    cleaned = FORBIDDEN_CHARACTERS.sub("", _clean_html(text, base))
    kept, has_text = _cut(cleaned, words, words * CHARACTERS_PER_WORD)
    if kept is not cleaned:
        kept = _clean_html(kept, None)
    return " ".join(kept.split()) if has_text else ""


# nh3 writes what it keeps canonically: attributes in double quotes, and every "<" in text
# escaped; so the markup is a sequence of these tags and runs of text.
MARKUP = re.compile(r'<(?P<end>/?)(?P<tag>[a-z0-9]+)(?:[^>"]|"[^"]*")*>|(?P<text>[^<]+|<)')
WORD = re.compile(r"\S+")


def _cut(markup: str, words: int, characters: int) -> tuple[str, bool]:
    """`markup` (nh3's) kept up to `words` words and `characters` characters of text, cut
    with an ellipsis and its open tags closed; and whether it has any text at all."""
    open_tags: list[str] = []
    has_text = False
    for token in MARKUP.finditer(markup):
        if token["text"] is None:
            tag = token["tag"]
            if not token["end"]:
                if tag != "br":  # the one void element in the allowlist
                    open_tags.append(tag)
            elif tag in open_tags:
                del open_tags[len(open_tags) - 1 - open_tags[::-1].index(tag)]
            continue
        text = html.unescape(token["text"])
        found = len(text.split())
        if found <= words and len(text) <= characters:
            words, characters = words - found, characters - len(text)
            has_text = has_text or found > 0
            continue
        closing = "".join(f"</{tag}>" for tag in reversed(open_tags))
        kept = html.escape(_cut_text(text, words, characters), quote=False)
        return markup[: token.start()] + kept + closing, True
    return markup, has_text


def _cut_text(text: str, words: int, characters: int) -> str:
    """`text` cut before its word number `words + 1` or its character number
    `characters + 1`, whichever comes first, with an ellipsis: glued on if the cut
    splits a word."""
    word = next(islice(WORD.finditer(text), words, None), None)
    cut = min(characters, word.start()) if word else characters
    splits_word = cut > 0 and not text[cut - 1].isspace() and not text[cut].isspace()
    return text[:cut].rstrip() + ("" if splits_word else " ") + ELLIPSIS


def _clean_html(text: str, base: str | None) -> str:
    cleaned = nh3.clean(
        bounded_markup(text),
        tags=SUMMARY_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=SUMMARY_ATTRIBUTES,
        url_schemes={"http", "https"},
        url_relative=("rewrite_with_base", base) if base and is_web_url(base) else "deny",
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return HREFLESS_LINK.sub(r"\1", cleaned)


def entry_id(raw: RawEntry, link: str | None) -> str:
    """The feed's id, else the link, else a digest of what the entry says."""
    identifier = clean_text(raw.id)[:ID_CHARACTERS] or link
    if identifier:
        return identifier
    digest = hashlib.sha256(f"{raw.title}\n{raw.published}\n{raw.summary}".encode()).hexdigest()
    return f"sha256:{digest}"


def entry(raw: RawEntry, *, feed_base: str, words: int, seen_at: datetime) -> dict | None:
    """One entry as safe plain data for the cache, or None if it has nowhere to send readers."""
    base = safe_url(raw.base, feed_base) or feed_base
    link = safe_url(raw.link, base)
    if link is None:
        return None
    summary_base = safe_url(raw.summary_base, base) if raw.summary_base else link
    summary = summary_html(
        raw.summary, is_html=raw.summary_is_html, base=summary_base or link, words=words
    )
    title = plain_text(raw.title, is_html=raw.title_is_html, limit=TITLE_CHARACTERS)
    if not title:
        words_of_summary = text_of_html(summary).split()
        title = shorten(" ".join(words_of_summary[:UNTITLED_WORDS]), TITLE_CHARACTERS)
    published = raw.published
    if published is not None and published > seen_at + FUTURE_TOLERANCE:
        published = seen_at
    return {
        "id": entry_id(raw, link),
        "title": title or "Untitled post",
        "link": link,
        "comments": safe_url(raw.comments, base),
        "published": published.isoformat() if published else None,
        "author": plain_text(raw.author, is_html=True, limit=AUTHOR_CHARACTERS) or None,
        "summary": summary,
    }


def entries(raws: list[RawEntry], *, feed_base: str, words: int, seen_at: datetime) -> list[dict]:
    """Safe entries in feed order, without duplicates by id or by link."""
    kept: list[dict] = []
    seen: set[str] = set()
    for raw in raws:
        safe = entry(raw, feed_base=feed_base, words=words, seen_at=seen_at)
        if safe is None or safe["id"] in seen or safe["link"] in seen:
            continue
        seen.update((safe["id"], safe["link"]))
        kept.append(safe)
    return kept
