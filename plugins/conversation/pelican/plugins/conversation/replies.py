"""Replies the author received by email and chose to publish: `content/replies/<slug>.yml`.

Each file is a list of replies to the post with that slug:

    - author: Dana Whitfield
      url: https://dana.example/     # optional: where the name links to
      date: 2026-06-12               # or 2026-06-12 14:30
      text: |
        Markdown, as the reader wrote it.

Every problem names the file, the line and the reply's number and says what to write
instead; all of them at once. The text is the reader's, so it is sanitized like a
received Webmention.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Collection
from datetime import date, datetime
from pathlib import Path

import markdown
import yaml
from pelican.plugins.blogroll.sanitize import AUTHOR_CHARACTERS, plain_text, safe_url, summary_html

KEYS = ("author", "url", "date", "text")
REQUIRED = ("author", "date", "text")


class ConversationError(ValueError):
    """Replies or post metadata the build cannot use; the message lists every problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class _PlainDates(yaml.SafeLoader):
    """YAML without its own dates: they are read here, so a bad one is named, not a crash."""


_PlainDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(folder: Path, slugs: Collection[str], *, words: int) -> dict[str, list[dict]]:
    """Each post's emailed replies (slug → safe records, as `jf2` makes), all checked."""
    found: dict[str, list[dict]] = {}
    problems: list[str] = []
    files = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else []
    for path in files:
        if path.stem not in slugs:
            close = difflib.get_close_matches(path.stem, slugs, n=1)
            hint = f"did you mean {close[0]}.yml? " if close else ""
            problems.append(
                f"{path}: no post has the slug '{path.stem}'; {hint}name the file after "
                "the slug of the post the replies are to."
            )
            continue
        replies, file_problems = _read(path, words)
        found[path.stem] = replies
        problems += file_problems
    if problems:
        raise ConversationError(problems)
    return found


def _read(path: Path, words: int) -> tuple[list[dict], list[str]]:
    try:
        loader = _PlainDates(path.read_text(encoding="utf-8"))
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except UnicodeDecodeError as error:
        return [], [f"{path}: is not UTF-8 text ({error.reason}); save it as UTF-8."]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = " ".join(filter(None, [error.context, error.problem]))
        return [], [f"{path}{line}: YAML syntax error: {problem}; check the indentation."]
    except yaml.YAMLError as error:
        return [], [f"{path}: cannot read YAML: {error}"]
    if not isinstance(data, list) or not data:
        return [], [
            f"{path}:1: write a list of replies, each starting `- author:`, with `date:` "
            "and `text:` (and an optional `url:`)."
        ]
    replies, problems = [], []
    for number, (item, item_node) in enumerate(zip(data, node.value, strict=True), 1):
        reply, reply_problems = _reply(item, item_node, words)
        where = f"{path}:{item_node.start_mark.line + 1}: reply {number}"
        problems += [f"{where}: {problem}" for problem in reply_problems]
        if reply is not None:
            replies.append(reply)
    return replies, problems


def _reply(item: object, node: yaml.Node, words: int) -> tuple[dict | None, list[str]]:
    if not isinstance(item, dict):
        return None, ["a reply is a mapping with `author`, `date` and `text`."]
    problems = []
    for key in item:
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1)
            hint = f"did you mean `{close[0]}`? " if close else ""
            problems.append(f"unknown key `{key}`; {hint}allowed keys: {', '.join(KEYS)}.")
    for key in REQUIRED:
        if key not in item or item[key] is None or str(item[key]).strip() == "":
            problems.append(f"`{key}` is missing or empty.")
    for key in ("author", "text"):
        if item.get(key) is not None and not isinstance(item[key], str):
            problems.append(f"`{key}` must be text, not {item[key]!r}.")
    url = item.get("url")
    if url is not None and safe_url(url) != url:
        problems.append(
            f"`url: {url}` is not an http(s) address; write the full address "
            "(https://...) of the reader's site, or leave `url` out."
        )
    published = _date(item.get("date"))
    if item.get("date") is not None and published is None:
        problems.append(
            f"`date: {item['date']}` is not a date; write it as 2026-06-12 (or 2026-06-12 14:30)."
        )
    if problems:
        return None, problems
    author = plain_text(item["author"], is_html=False, limit=AUTHOR_CHARACTERS)
    html = markdown.markdown(item["text"], extensions=["markdown.extensions.smarty"])
    digest = hashlib.sha256(f"{author} {published} {item['text']}".encode()).hexdigest()
    return {
        "id": f"email-{digest[:16]}",
        "kind": "reply",
        "url": None,
        "author": author,
        "author_url": url,
        "published": published,
        "html": summary_html(html, is_html=True, base=None, words=words),
        "via": "email",
    }, []


def _date(value: object) -> str | None:
    """An ISO date, or date and time (as written, in the author's time), or None."""
    text = str(value).strip() if isinstance(value, str | int) else ""
    try:
        return (
            date.fromisoformat(text).isoformat()
            if len(text) == 10
            else (datetime.fromisoformat(text).isoformat())
        )
    except ValueError:
        return None
