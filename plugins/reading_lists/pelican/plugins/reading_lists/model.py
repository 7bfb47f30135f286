"""What a reading list is once its YAML file has been checked, before it meets the posts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("book", "article", "talk", "podcast", "video")


class ReadingListError(Exception):
    """One or more reading list files need fixing; each problem says where and how."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        count = len(self.problems)
        heading = f"{count} reading list problem{'s' if count > 1 else ''} to fix:"
        super().__init__("\n".join([heading, *(f"  - {problem}" for problem in self.problems)]))


@dataclass(frozen=True)
class PostItem:
    """One of our posts, named by slug."""

    slug: str
    note: str | None = None
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class OutsideRead:
    """A book, article, talk, podcast or video elsewhere on the web."""

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
