"""The list of blogs we read: `blogroll.yml` (or OPML outlines) into validated `Blog`s.

Every problem names the file, the line, the blog's number and the field, and
says what to write instead; all problems are reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

import yaml

FIELDS = ("name", "url", "feed", "tags", "why")
REQUIRED = ("name", "url")

# libyaml's parser when PyYAML has it: the same documents and marks, ten times faster.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class BlogrollConfigError(ValueError):
    """The blogroll list cannot be used as written; the message lists every problem."""

    def __init__(self, problems: Iterable[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Blog:
    """One blog we recommend, as written in the list."""

    name: str
    url: str
    feed: str | None = None
    tags: tuple[str, ...] = ()
    why: str = ""

    @property
    def key(self) -> str:
        """A stable slug from the site's address: cache file name and page anchor."""
        return blog_key(self.url)


@dataclass(frozen=True)
class Location:
    """Where a blog was written: file, item number, first line and each field's line."""

    file: str
    number: int
    line: int
    field_lines: Mapping[str, int] = field(default_factory=dict)
    label: str = "blog"

    def __call__(self, field_name: str | None = None) -> str:
        line = self.field_lines.get(field_name, self.line) if field_name else self.line
        return f"{self.file}:{line}: {self.label} {self.number}"


def blog_key(url: str) -> str:
    """'https://www.Example.org:8080/Blog/' -> 'example-org-8080-blog'."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.") + (f"-{parts.port}" if parts.port else "")
    slug = re.sub(r"[^a-z0-9]+", "-", f"{host}{parts.path}".lower()).strip("-")
    return slug or "blog"


SPACE = re.compile(r"\s")


def is_web_url(value: object) -> bool:
    """An absolute http(s) address with a host and no spaces."""
    if not isinstance(value, str) or not value or SPACE.search(value):
        return False
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not one
    except ValueError:
        return False
    return parts.scheme in {"http", "https"} and bool(parts.hostname)


def load_blogs(path: Path) -> list[Blog]:
    """Read and validate `path`; raise BlogrollConfigError listing every problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BlogrollConfigError(
            [f"{path}: no such file; create it with `blogs:` and a list of `- name: ...` items"]
        ) from None
    except UnicodeDecodeError as error:
        raise BlogrollConfigError([f"{path}: not UTF-8 text ({error}); save it as UTF-8"]) from None
    return read_blogs(text, path)


def read_blogs(text: str, path: Path) -> list[Blog]:
    """The blogs of `text`, the list as written in `path` (named in every problem)."""
    root, data = _parse(path, text)
    problems: list[str] = []
    placed: list[tuple[Location, Blog]] = []
    for number, (node, item) in enumerate(_blog_items(path, root, data), start=1):
        where = _location(path, node, number, problems)
        blog = validate_blog(item, where, problems)
        if blog is not None:
            placed.append((where, blog))
    problems.extend(duplicate_problems(placed))
    if problems:
        raise BlogrollConfigError(problems)
    return [blog for _, blog in placed]


def _parse(path: Path, text: str) -> tuple[yaml.Node | None, object]:
    """One parse: the node tree, whose marks give each message its line, and its value."""
    loader = FAST_LOADER(text)
    try:
        root = loader.get_single_node()
        return root, (loader.construct_document(root) if root is not None else None)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(error, "problem", None) or str(error)
        raise BlogrollConfigError([f"{where}: not valid YAML: {problem}"]) from None
    finally:
        loader.dispose()


def _blog_items(path: Path, root, data) -> list[tuple[yaml.Node, object]]:
    """The `blogs:` sequence as (node, value) pairs, after checking the top level."""
    hint = "start the file with `blogs:` followed by a list of `- name: ...` items"

    def refuse(line: int, message: str) -> NoReturn:
        raise BlogrollConfigError([f"{path}:{line}: {message}"])

    if not isinstance(data, dict):
        refuse(1, f"expected a mapping with `blogs:`; {hint}")
    unknown = sorted(set(map(str, data)) - {"blogs"})
    if unknown:
        refuse(1, f"unknown top-level key(s) {', '.join(unknown)}; only `blogs:` is read")
    if "blogs" not in data:
        refuse(1, f"no `blogs:` key; {hint}")
    keys = [(key, value) for key, value in root.value if key.value == "blogs"]
    if len(keys) > 1:
        refuse(keys[1][0].start_mark.line + 1, "`blogs:` given twice; keep one list")
    if data["blogs"] is None:
        return []
    if not isinstance(data["blogs"], list):
        refuse(keys[0][1].start_mark.line + 1, f"`blogs:` must be a list; {hint}")
    return list(zip(keys[0][1].value, data["blogs"], strict=True))


def _location(path: Path, node: yaml.Node, number: int, problems: list[str]) -> Location:
    """Where blog `number` and each of its fields are; a field given twice is a problem
    (YAML would silently keep the last)."""
    lines: dict[str, int] = {}
    for key, _ in node.value if isinstance(node, yaml.MappingNode) else ():
        line = key.start_mark.line + 1
        if str(key.value) in lines:
            problems.append(f"{path}:{line}: blog {number}: field `{key.value}` given twice")
        lines[str(key.value)] = line
    first = min(lines.values(), default=node.start_mark.line + 1)
    return Location(str(path), number, first, lines)


def validate_blog(item: object, where: Location, problems: list[str]) -> Blog | None:
    """Check one blog's fields; add a message per problem, at the field's line, to `problems`."""
    if not isinstance(item, Mapping):
        problems.append(f"{where(None)}: expected fields like `name:` and `url:`, got {item!r}")
        return None
    before = len(problems)
    name = item.get("name")
    label = f" ({name!r})" if isinstance(name, str) else ""

    def problem(field_name: str | None, message: str) -> None:
        problems.append(f"{where(field_name)}{label}: {message}")

    unknown = sorted(set(map(str, item)) - set(FIELDS))
    if unknown:
        problem(unknown[0], f"unknown field(s) {', '.join(unknown)}; allowed: {', '.join(FIELDS)}")
    for required in REQUIRED:
        if item.get(required) in (None, ""):
            problem(None, f"field `{required}` is required")
    if name not in (None, "") and (not isinstance(name, str) or not name.strip()):
        problem("name", f"field `name` must be text, not {name!r}")
    for address in ("url", "feed"):
        value = item.get(address)
        if value not in (None, "") and not is_web_url(value):
            problem(
                address,
                f"field `{address}` must be a full http(s) address such as https://example.org/, "
                f"not {value!r}",
            )
    tags = item.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        problem("tags", "field `tags` must be a list of words, like [careers, community]")
    why = item.get("why") or ""
    if not isinstance(why, str):
        problem("why", f"field `why` must be one line of text, not {why!r}")
    if len(problems) > before:
        return None
    return Blog(
        name=" ".join(name.split()),
        url=item["url"],
        feed=item.get("feed") or None,
        tags=tuple(dict.fromkeys(" ".join(t.split()) for t in tags)),
        why=" ".join(why.split()),
    )


def identities(blog: Blog) -> list[tuple[str, str]]:
    """What makes two entries the same blog: its site, its feed or its name."""
    found = [("site address", blog.key), ("name", blog.name.casefold())]
    return found + ([("feed", blog.feed)] if blog.feed else [])


def duplicate_problems(placed: list[tuple[Location, Blog]]) -> list[str]:
    """Two entries for one blog would show it twice and fetch it twice."""
    problems = []
    first: dict[tuple[str, str], tuple[Location, Blog]] = {}
    for where, blog in placed:
        for identity in identities(blog):
            if identity in first:
                other_where, other = first[identity]
                problems.append(
                    f"{where.file}:{where.line}: blog {where.number} ({blog.name!r}) has the same "
                    f"{identity[0]} as blog {other_where.number} ({other.name!r}); keep one"
                )
                break
            first[identity] = (where, blog)
    return problems
