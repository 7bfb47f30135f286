"""Read reading list YAML files into checked `ReadingList`s.

Every problem names the file and line (and the item number), says what is wrong and
what to write instead, so a writer can fix a list without reading this code.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

KINDS = ("book", "article", "talk", "podcast", "video")
LIST_KEYS = ("title", "slug", "summary", "audience", "items")
READ_KEYS = ("title", "url", "kind", "author", "note")
READ_REQUIRED = ("title", "url", "kind", "note")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ITEM_SHAPE = (
    "`post: <slug>` for one of our posts, or `title`, `url`, `kind` and `note` for an outside read"
)
# libyaml's parser, as PyPI's PyYAML ships it, else the pure-Python one: the same documents
# and marks, and the pure one costs a rebuild 3% more at 1,000 posts (docs/benchmarks.md).
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ReadingListError(Exception):
    """One or more reading list files need fixing; each problem says where and how."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        count = len(self.problems)
        heading = f"{count} reading list problem{'s' if count > 1 else ''} to fix:"
        super().__init__("\n".join([heading, *(f"  - {problem}" for problem in self.problems)]))


@dataclass(frozen=True)
class PostItem:
    slug: str
    note: str | None = None
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class OutsideRead:
    title: str
    url: str
    kind: str
    note: str
    author: str | None = None
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ReadingList:
    slug: str
    title: str
    items: tuple[PostItem | OutsideRead, ...]
    source: Path
    summary: str | None = None
    audience: str | None = None


def where(source: Path, line: int | None = None) -> str:
    """`path:line`, with the path relative to the working directory when it can be."""
    try:
        shown = source.resolve().relative_to(Path.cwd())
    except ValueError:
        shown = source
    return f"{shown}:{line}" if line else str(shown)


def load_lists(folder: Path) -> list[ReadingList]:
    """Every `*.yml` list in `folder`, none if it does not exist; all problems at once."""
    if not folder.is_dir():
        return []
    problems: list[str] = []
    lists: list[ReadingList] = []
    for path in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]):
        try:
            lists.append(load_list(path))
        except ReadingListError as error:
            problems.extend(error.problems)
    owners: dict[str, ReadingList] = {}
    for reading_list in lists:
        owner = owners.setdefault(reading_list.slug, reading_list)
        if owner is not reading_list:
            problems.append(
                f"{where(reading_list.source)}: the list slug '{reading_list.slug}' is already "
                f"used by {where(owner.source)}; rename one of the files or give it its own "
                "`slug:`."
            )
    if problems:
        raise ReadingListError(problems)
    return lists


def load_list(path: Path) -> ReadingList:
    """One list file, checked; raises ReadingListError listing every problem in it."""
    return _ListChecker(path).check(*_parse(path))


def _parse(path: Path) -> tuple[yaml.Node | None, Any]:
    """The YAML node tree (for line numbers) and the plain data it holds."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ReadingListError(
            [f"{where(path)}: is not UTF-8 text ({error.reason}); save it as UTF-8."]
        ) from None
    loader = LOADER(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = f"{where(path, mark.line + 1)}:{mark.column + 1}" if mark else where(path)
        problem = " ".join(filter(None, [error.context, error.problem]))
        raise ReadingListError(
            [
                f"{position}: YAML syntax error: {problem}. Check the indentation and quoting "
                "there (text containing ': ' or starting with a quote needs quotes around it)."
            ]
        ) from None
    except yaml.YAMLError as error:
        raise ReadingListError([f"{where(path)}: cannot read YAML: {error}"]) from None
    finally:
        loader.dispose()


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _key_lines(node: yaml.MappingNode) -> dict[Any, int]:
    """Line of each key of a mapping, for problems about one field."""
    return {key.value: _line(key) for key, _ in node.value if isinstance(key, yaml.ScalarNode)}


def _unknown_keys(data: dict, allowed: tuple[str, ...]) -> Iterator[tuple[Any, str]]:
    """Each key of `data` not in `allowed`, with what to say about it."""
    for key in data:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean `{close[0]}`? " if close else ""
            yield key, f"unknown key `{key}`; {hint}allowed keys: {', '.join(allowed)}."


def _quoted(keys: list[str]) -> str:
    return ", ".join(f"`{key}`" for key in keys)


class _ListChecker:
    """Collects every problem in one file before raising, so one build shows them all."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[str] = []

    def problem(self, line: int | None, message: str, item: int | None = None) -> None:
        prefix = f"item {item}: " if item else ""
        self.problems.append(f"{where(self.path, line)}: {prefix}{message}")

    def check(self, node: yaml.Node | None, data: Any) -> ReadingList:
        if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
            found = "nothing (the file is empty)" if data is None else type(data).__name__
            self.problem(
                1,
                f"a reading list is a mapping with `title`, `summary` and `items`; found {found}.",
            )
            raise ReadingListError(self.problems)
        lines = _key_lines(node)
        for key, message in _unknown_keys(data, LIST_KEYS):
            self.problem(lines.get(key), message)
        if "title" not in data:
            self.problem(1, "missing `title` (for example `title: Start here`).")
        texts = {
            key: self.text(data, key, lines.get(key)) for key in ("title", "summary", "audience")
        }
        slug = self.slug(data, lines)
        items = self.items(node, data, lines)
        if self.problems:
            raise ReadingListError(self.problems)
        return ReadingList(slug=slug, items=items, source=self.path, **texts)

    def text(self, data: dict, key: str, line: int | None, item: int | None = None) -> str | None:
        """A non-empty string field, whitespace folded to single spaces; None if absent."""
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
        if key in data:
            self.problem(
                line,
                f"`{key}` must be text, found {value!r}; put it in quotes if it looks like "
                "a number, a date or yes/no.",
                item,
            )
        return None

    def slug(self, data: dict, lines: dict[Any, int]) -> str:
        slug = data.get("slug", self.path.stem)
        if not isinstance(slug, str) or not SLUG.fullmatch(slug):
            origin = "`slug`" if "slug" in data else "the file name"
            self.problem(
                lines.get("slug", 1),
                f"{origin} gives the slug {slug!r}; use lowercase letters, digits and "
                "single hyphens, like `job-hunting`.",
            )
        return str(slug)

    def items(
        self, node: yaml.MappingNode, data: dict, lines: dict[Any, int]
    ) -> tuple[PostItem | OutsideRead, ...]:
        values = data.get("items")
        if values is None or values == []:
            self.problem(
                lines.get("items", 1),
                f"missing `items`: list at least one read, each {ITEM_SHAPE}.",
            )
            return ()
        items_node = [value for key, value in node.value if key.value == "items"][-1]
        if not isinstance(values, list) or not isinstance(items_node, yaml.SequenceNode):
            self.problem(lines["items"], "`items` must be a list, one `- ` line per read.")
            return ()
        items = []
        first_seen: dict[str, int] = {}
        for number, (value, item_node) in enumerate(zip(values, items_node.value, strict=True), 1):
            item = self.item(value, item_node, number)
            if item is None:
                continue
            # A read listed twice is almost always a copy-paste slip.
            key = item.slug if isinstance(item, PostItem) else item.url
            first = first_seen.setdefault(key, number)
            if first != number:
                self.problem(
                    item.line, f"repeats item {first} ({key}); list each read once.", number
                )
            items.append(item)
        return tuple(items)

    def item(self, data: Any, node: yaml.Node, number: int) -> PostItem | OutsideRead | None:
        line = _line(node)
        if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
            self.problem(line, f"expected {ITEM_SHAPE}; found {data!r}.", number)
            return None
        lines = _key_lines(node)
        if "post" in data:
            return self.post_item(data, lines, line, number)
        return self.outside_read(data, lines, line, number)

    def post_item(
        self, data: dict, lines: dict[Any, int], line: int, number: int
    ) -> PostItem | None:
        extra = [key for key in data if key not in ("post", "note")]
        if extra:
            self.problem(
                lines.get(extra[0], line),
                f"has `post` and also {_quoted(extra)}; an item is either one of our posts "
                "(`post`, optional `note`) or an outside read (`title`, `url`, `kind`, `note`, "
                "optional `author`), not both.",
                number,
            )
        slug = data["post"]
        if not isinstance(slug, str) or not slug.strip():
            self.problem(lines["post"], f"`post` must be a post slug, found {slug!r}.", number)
            return None
        note = self.text(data, "note", lines.get("note", line), number)
        return PostItem(slug=slug.strip(), note=note, line=line)

    def outside_read(
        self, data: dict, lines: dict[Any, int], line: int, number: int
    ) -> OutsideRead | None:
        before = len(self.problems)
        for key, message in _unknown_keys(data, READ_KEYS):
            self.problem(lines.get(key, line), message, number)
        missing = [key for key in READ_REQUIRED if key not in data]
        if missing:
            self.problem(
                line,
                f"an outside read needs {_quoted(missing)} (or use `post: <slug>` for one of "
                "our posts).",
                number,
            )
        fields = {key: self.text(data, key, lines.get(key, line), number) for key in READ_KEYS}
        url, kind = fields["url"], fields["kind"]
        if url is not None and not _is_web_url(url):
            self.problem(
                lines["url"],
                f"url {url!r} is not a web address; use a full http:// or https:// URL.",
                number,
            )
        if kind is not None and kind not in KINDS:
            self.problem(
                lines["kind"], f"unknown kind {kind!r}; use one of {', '.join(KINDS)}.", number
            )
        return None if len(self.problems) > before else OutsideRead(line=line, **fields)


def _is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.hostname) and " " not in url
