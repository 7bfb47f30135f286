"""OPML, the format feed readers share subscriptions in: read it to import, write it to publish.

Reading uses expat directly so every outline keeps its line number for messages,
and refuses any DOCTYPE, so no entity is ever declared, expanded or fetched.
"""

from __future__ import annotations

import xml.parsers.expat
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

from .config import Blog


class OpmlError(ValueError):
    """The file is not OPML we can read; the message names the file and line."""


@dataclass
class Outline:
    """One subscription found in an OPML file, with the folders around it as tags."""

    line: int
    attributes: dict[str, str]
    folders: list[str] = field(default_factory=list)

    def as_item(self) -> dict[str, object]:
        """The outline as a `blogroll.yml` item, ready for `config.validate_blog`."""
        attrs = self.attributes
        feed = attrs.get("xmlUrl", "").strip()
        site = attrs.get("htmlUrl", "").strip() or _origin(feed)
        categories = [
            part.strip()
            for value in attrs.get("category", "").split(",")
            for part in value.split("/")
            if part.strip()
        ]
        item: dict[str, object] = {
            "name": " ".join((attrs.get("title") or attrs.get("text") or "").split()),
            "url": site,
            "feed": feed,
        }
        tags = list(dict.fromkeys(tag.lower() for tag in [*self.folders, *categories]))
        if tags:
            item["tags"] = tags
        why = " ".join(attrs.get("description", "").split())
        if why:
            item["why"] = why
        return item


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/" if parts.scheme and parts.netloc else ""


def read_outlines(path: Path) -> list[Outline]:
    """Every outline with an `xmlUrl` in `path`, in document order."""
    outlines: list[Outline] = []
    folders: list[str | None] = []
    seen = {"opml": False, "body": False}
    parser = xml.parsers.expat.ParserCreate()

    def refuse_doctype(*_args) -> None:
        raise OpmlError(
            f"{path}:{parser.CurrentLineNumber}: OPML with a DOCTYPE is refused "
            "(entities are never expanded); remove the <!DOCTYPE ...> line"
        )

    def start(name: str, attributes: dict[str, str]) -> None:
        if name in seen:
            seen[name] = True
        if name != "outline":
            return
        if attributes.get("xmlUrl"):
            names = [folder for folder in folders if folder]
            outlines.append(Outline(parser.CurrentLineNumber, dict(attributes), names))
            folders.append(None)
        else:
            folders.append(
                " ".join((attributes.get("text") or attributes.get("title") or "").split())
            )

    def end(name: str) -> None:
        if name == "outline":
            folders.pop()

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(path.read_bytes(), True)
    except xml.parsers.expat.ExpatError as error:
        raise OpmlError(f"{path}:{error.lineno}: not well-formed XML: {error}") from None
    if not (seen["opml"] and seen["body"]):
        raise OpmlError(f"{path}:1: not an OPML file (expected <opml> with a <body>)")
    return outlines


def write_opml(blogs: Iterable[tuple[Blog, str | None]], *, title: str, when: datetime) -> str:
    """An OPML 2.0 document for (blog, feed URL) pairs: every blog, one without a known
    feed as an outline with its `htmlUrl` only, so the list is complete."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_text(title)}</title>",
        f"    <dateModified>{format_datetime(when)}</dateModified>",
        "  </head>",
        "  <body>",
    ]
    for blog, feed in blogs:
        attributes = {"type": "rss"} if feed else {}
        attributes |= {"text": blog.name, "title": blog.name}
        attributes |= {"xmlUrl": feed, "htmlUrl": blog.url} if feed else {"htmlUrl": blog.url}
        if blog.why:
            attributes["description"] = blog.why
        if blog.tags:
            attributes["category"] = ",".join(blog.tags)
        rendered = " ".join(f"{key}={quoteattr(value)}" for key, value in attributes.items())
        lines.append(f"    <outline {rendered}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
