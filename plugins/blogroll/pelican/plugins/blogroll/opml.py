"""OPML, the format feed readers share subscriptions in: read it to import, write it to publish.

Reading uses expat directly so every outline keeps its line number for messages,
and refuses any DOCTYPE, so no entity is ever declared, expanded or fetched. An import
appends the new blogs as YAML text at the end of the `blogs:` list, so comments and
layout survive; the result is read back and checked before it replaces the file.
"""

from __future__ import annotations

import xml.parsers.expat
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

import yaml
from givefirst_kit.files import write_atomically

from .config import (
    Blog,
    BlogrollConfigError,
    Location,
    identities,
    load_blogs,
    read_blogs,
    validate_blog,
)


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
        item = {
            "name": " ".join((attrs.get("title") or attrs.get("text") or "").split()),
            "url": site,
            "feed": feed,
            "tags": list(dict.fromkeys(tag.lower() for tag in [*self.folders, *categories])),
            "why": " ".join(attrs.get("description", "").split()),
        }
        return {key: value for key, value in item.items() if value}  # empty is as good as absent


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
        f"    <title>{escape(title)}</title>",
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


@dataclass
class ImportReport:
    added: list[Blog] = field(default_factory=list)
    already_listed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def import_opml(opml_path: Path, blogroll_path: Path) -> ImportReport:
    """Add the OPML's blogs that the list lacks; report what was added and what was not."""
    existing = load_blogs(blogroll_path) if blogroll_path.exists() else []
    taken = {identity for blog in existing for identity in identities(blog)}
    report = ImportReport()
    for number, outline in enumerate(read_outlines(opml_path), start=1):
        problems: list[str] = []
        where = Location(str(opml_path), number, outline.line, label="outline")
        blog = validate_blog(outline.as_item(), where, problems)
        if blog is None:
            report.skipped.append("; ".join(problems))
        elif taken.intersection(identities(blog)):
            report.already_listed.append(blog.name)
        else:
            taken.update(identities(blog))
            report.added.append(blog)
    if report.added:
        _append(blogroll_path, report.added, expected=len(existing) + len(report.added))
    return report


def _append(path: Path, blogs: list[Blog], *, expected: int) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "blogs:\n"
    indent = _item_indent(path, text)
    items = [_as_item(blog) for blog in blogs]
    block = yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=100)
    block = "".join(" " * indent + line for line in block.splitlines(keepends=True))
    updated = text.rstrip("\n") + "\n" + block
    if len(read_blogs(updated, path)) != expected:
        raise BlogrollConfigError(
            [
                f"{path}: cannot append to the `blogs:` list automatically because it is "
                "not the last thing in the file; move it to the end and import again"
            ]
        )
    write_atomically(path, updated.encode("utf-8"))


def _item_indent(path: Path, text: str) -> int:
    """How far existing items are indented, so appended ones line up with them."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    for key, value in getattr(node, "value", []):
        if key.value == "blogs" and isinstance(value, yaml.SequenceNode) and value.value:
            if value.flow_style:
                raise BlogrollConfigError(
                    [f"{path}: write `blogs:` as a block list (`- name: ...`) to import into it"]
                )
            return value.value[0].start_mark.column - 2
    return 2


def _as_item(blog: Blog) -> dict[str, object]:
    item = {"name": blog.name, "url": blog.url, "feed": blog.feed, "tags": list(blog.tags)}
    return {key: value for key, value in (item | {"why": blog.why}).items() if value}
