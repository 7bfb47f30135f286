"""Merge an OPML subscription list into `blogroll.yml` without disturbing what is there.

New blogs are appended as YAML text at the end of the `blogs:` list, so comments
and layout survive; the result is read back and checked before it replaces the file.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .config import Blog, BlogrollConfigError, Location, identities, load_blogs, validate_blog
from .opml import read_outlines


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
    candidate = _write_beside(path, updated)
    try:
        merged = load_blogs(candidate)
        if len(merged) != expected:
            raise BlogrollConfigError(
                [
                    f"{path}: cannot append to the `blogs:` list automatically because it is "
                    "not the last thing in the file; move it to the end and import again"
                ]
            )
        os.replace(candidate, path)
    finally:
        candidate.unlink(missing_ok=True)


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
    item: dict[str, object] = {"name": blog.name, "url": blog.url}
    if blog.feed:
        item["feed"] = blog.feed
    if blog.tags:
        item["tags"] = list(blog.tags)
    if blog.why:
        item["why"] = blog.why
    return item


def _write_beside(path: Path, text: str) -> Path:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".yml")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    return Path(name)
