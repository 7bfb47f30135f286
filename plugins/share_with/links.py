"""Build the share links for a post: a pure function from a post and settings to plain data.

Nothing here touches Pelican's generators, the file system or the network, so every
target's URL can be tested alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from markupsafe import Markup

from .icons import decorate, icon
from .settings import selected_targets, setting, utm_parameters
from .targets import RAW_PLACEHOLDERS, Target

ELLIPSIS = "…"
TRAILING_PUNCTUATION = " \t,;:.-–—"


def percent(value: str) -> str:
    """Percent-encode everything but unreserved characters (RFC 3986; spaces as %20)."""
    return quote(value, safe="")


def plain_text(html: str | None) -> str:
    """Text a reader sees in an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(Markup(html or "").striptags().split())


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


def canonical_url(article: Any, settings: Mapping[str, Any]) -> str:
    """The post's absolute URL, as in its <link rel="canonical">."""
    return f"{settings['SITEURL'].rstrip('/')}/{article.url}"


def with_query(url: str, parameters: Mapping[str, str]) -> str:
    if not parameters:
        return url
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query, keep_blank_values=True), *parameters.items()]
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))


def share_note(article: Any, settings: Mapping[str, Any]) -> str:
    """The personal note for "send to one person": the post's `share_note`, or the site's."""
    own = article.metadata.get("share_note")
    if own:
        return " ".join(str(own).split())
    return setting(settings, "SHARE_WITH_NOTE").format(
        title=plain_text(article.title), site=settings.get("SITENAME", "")
    )


def share_texts(article: Any, settings: Mapping[str, Any], target_name: str) -> dict[str, str]:
    """Every placeholder's plain (not yet encoded) value for one target."""
    utm = {key: value.format(target=target_name) for key, value in utm_parameters(settings).items()}
    url = with_query(canonical_url(article, settings), utm)
    fields = {
        "url": url,
        "title": plain_text(article.title),
        "summary": shorten(
            plain_text(getattr(article, "summary", "")),
            setting(settings, "SHARE_WITH_SUMMARY_LENGTH"),
        ),
        "site": settings.get("SITENAME", ""),
    }
    fields["note"] = share_note(article, settings)
    body = setting(settings, "SHARE_WITH_EMAIL_BODY").format(**fields)
    image = getattr(article, "social_image", None) or {}
    return {
        **fields,
        "raw_url": url,
        "slug": article.slug,
        "image": image.get("url", ""),
        "post": setting(settings, "SHARE_WITH_POST_TEXT").format(**fields).strip(),
        "subject": " ".join(setting(settings, "SHARE_WITH_EMAIL_SUBJECT").format(**fields).split()),
        # RFC 6068: line breaks in a mailto body are CRLF; no run of blank lines.
        "body": re.sub(r"\n{3,}", "\n\n", body.replace("\r\n", "\n").strip()).replace("\n", "\r\n"),
        "fediverse_page": (
            f"{settings['SITEURL'].rstrip('/')}/{setting(settings, 'SHARE_WITH_FEDIVERSE_URL')}"
        ),
    }


def share_link(target: Target, texts: Mapping[str, str]) -> dict[str, Any]:
    values = {
        name: value if name in RAW_PLACEHOLDERS else percent(value) for name, value in texts.items()
    }
    return {
        "name": target.name,
        "label": target.label,
        "prefix": target.prefix,
        "url": target.url.format(**values),
        "icon": decorate(target.icon) if target.icon else icon(target.name),
        "action": target.action,
        "title": texts["title"],
    }


def links(article: Any, settings: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The share links for `article`, in SHARE_WITH_TARGETS order, as plain dicts."""
    return [
        share_link(target, share_texts(article, settings, target.name))
        for target in selected_targets(settings)
    ]
