"""Text for places that take no markup: a post's title in a share link, a cut summary."""

from __future__ import annotations

import unicodedata

from markupsafe import Markup

ELLIPSIS = "…"
TRAILING_PUNCTUATION = " \t,;:.-–—"


def plain_text(html: str | None) -> str:
    """What a reader sees of an HTML fragment, on one line: tags gone, references decoded.

    Most titles hold neither a tag nor a reference: they skip the parse, which is most of
    the cost of a post's share links and preview card in a rebuild.
    """
    html = html or ""
    if "<" not in html and "&" not in html:
        return " ".join(html.split())
    return " ".join(Markup(html).striptags().split())


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut on a word boundary and ending with an ellipsis."""
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
