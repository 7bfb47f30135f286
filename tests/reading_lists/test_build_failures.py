"""A broken list fails the real build (`pelican --fatal warnings`), with the message shown.

Each case builds a small synthetic content folder in a subprocess, with only this plugin
enabled so another plugin's state cannot decide the outcome.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.support import BuildFailed, build_site

POST = """\
Title: {title}
Date: 2026-01-0{day} 09:00
Slug: {slug}
Summary: A post about {slug}.
{extra}
Some words for the body of {slug}.
"""

GOOD_LIST = """\
title: Start here
summary: Two reads.
items:
  - post: the-biggest-networking-mistake
  - post: share-like-a-friend
"""


def content_folder(root: Path, lists: dict[str, str], draft: bool = False) -> Path:
    content = root / "content"
    (content / "reading-lists").mkdir(parents=True)
    posts = {"the-biggest-networking-mistake": "", "share-like-a-friend": ""}
    if draft:
        posts["not-finished-yet"] = "Status: draft"
    for day, (slug, extra) in enumerate(posts.items(), 1):
        (content / f"{slug}.md").write_text(
            POST.format(title=slug.replace("-", " ").capitalize(), slug=slug, day=day, extra=extra)
        )
    for name, text in lists.items():
        (content / "reading-lists" / name).write_text(textwrap.dedent(text))
    return content


def failed_build(tmp_path: Path, lists: dict[str, str], **options) -> BuildFailed:
    content = content_folder(tmp_path, lists, draft=options.pop("draft", False))
    with pytest.raises(BuildFailed) as caught:
        build_site(
            tmp_path / "output",
            siteurl="http://127.0.0.1:9",
            content=content,
            extra_settings={"PLUGINS": ["pelican.plugins.reading_lists"], **options},
        )
    assert caught.value.returncode != 0
    return caught.value


def test_unknown_post_slug_fails_the_build_with_file_item_and_suggestion(tmp_path):
    lists = {"start-here.yml": GOOD_LIST.replace("share-like-a-friend", "share-like-friends")}

    failure = failed_build(tmp_path, lists)

    source = tmp_path / "content" / "reading-lists" / "start-here.yml"
    assert (
        f"{source}:5: item 2: no published post has the slug 'share-like-friends'; closest "
        "existing slugs: share-like-a-friend." in failure.output
    )
    assert failure.output.startswith("ReadingListError: 1 reading list problem to fix:")


def test_yaml_syntax_error_fails_the_build_with_line_and_column(tmp_path):
    lists = {"start-here.yml": GOOD_LIST.replace("summary: Two reads.", "summary: Two: reads.")}

    failure = failed_build(tmp_path, lists)

    source = tmp_path / "content" / "reading-lists" / "start-here.yml"
    assert f"{source}:2:13: YAML syntax error: mapping values are not allowed" in failure.output


def test_every_problem_shows_in_one_failed_build(tmp_path):
    lists = {
        "start-here.yml": GOOD_LIST,
        "welcome.yml": "slug: start-here\n" + GOOD_LIST,
        "books.yml": "title: Books\nitems:\n  - title: A\n    url: ftp://example.org/a\n"
        "    kind: book\n    note: n\n",
    }

    failure = failed_build(tmp_path, lists)

    folder = tmp_path / "content" / "reading-lists"
    assert "2 reading list problems to fix:" in failure.output
    assert f"{folder / 'books.yml'}:4: item 1: url 'ftp://example.org/a' is not" in failure.output
    assert (
        f"{folder / 'welcome.yml'}: the list slug 'start-here' is already used by "
        f"{folder / 'start-here.yml'}" in failure.output
    )


def test_draft_in_a_list_is_reported_by_name(tmp_path):
    lists = {"start-here.yml": GOOD_LIST + "  - post: not-finished-yet\n"}

    failure = failed_build(tmp_path, lists, draft=True)

    source = tmp_path / "content" / "reading-lists" / "start-here.yml"
    assert (
        f"{source}:6: item 3: the post 'not-finished-yet' is a draft, so it is left out of "
        "the list 'Start here' until it is published" in failure.output
    )
    assert "ReadingListError" not in failure.output


def test_featured_setting_must_name_a_list(tmp_path):
    lists = {"start-here.yml": GOOD_LIST}

    failure = failed_build(tmp_path, lists, READING_LISTS_FEATURED="begin-here")

    assert (
        "READING_LISTS_FEATURED = 'begin-here' names no reading list; set it to one of "
        "start-here, or to None to feature none." in failure.output
    )
