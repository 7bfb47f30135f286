"""Loading and validating list files: each problem a writer can make, and its message."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pelican.plugins.reading_lists.load import (
    KINDS,
    OutsideRead,
    PostItem,
    ReadingList,
    ReadingListError,
    load_list,
    load_lists,
)

VALID = """\
title: Start here
summary: Seven reads for anyone new.
audience: anyone new to networking
items:
  - post: the-biggest-networking-mistake
    note: Why showing up only in need backfires.
  - title: "Quiet: The Power of Introverts"
    url: https://en.wikipedia.org/wiki/Quiet
    author: Susan Cain
    kind: book
    note: Permission to network quietly.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def line_of(path: Path, fragment: str) -> int:
    """1-based line of the first line containing `fragment`, as a writer would count."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if fragment in line)


def last_line(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ReadingListError) as caught:
        load_list(path)
    return caught.value.problems


def only_problem(path: Path) -> str:
    problems = problems_of(path)
    assert len(problems) == 1, problems
    return problems[0]


def test_a_valid_file_loads_into_the_model(tmp_path):
    path = write(tmp_path, "start-here.yml", VALID)

    assert load_list(path) == ReadingList(
        slug="start-here",
        title="Start here",
        summary="Seven reads for anyone new.",
        audience="anyone new to networking",
        source=path,
        items=(
            PostItem(
                slug="the-biggest-networking-mistake", note="Why showing up only in need backfires."
            ),
            OutsideRead(
                title="Quiet: The Power of Introverts",
                url="https://en.wikipedia.org/wiki/Quiet",
                author="Susan Cain",
                kind="book",
                note="Permission to network quietly.",
            ),
        ),
    )


def test_items_remember_their_line_for_later_messages(tmp_path):
    path = write(tmp_path, "start-here.yml", VALID)

    post, read = load_list(path).items

    assert post.line == line_of(path, "post: the-biggest")
    assert read.line == line_of(path, 'title: "Quiet')


def test_slug_key_overrides_the_file_name(tmp_path):
    path = write(tmp_path, "draft-name.yml", "slug: for-introverts\n" + VALID)

    assert load_list(path).slug == "for-introverts"


def test_a_missing_folder_means_no_lists(tmp_path):
    assert load_lists(tmp_path / "reading-lists") == []


def test_lists_load_in_file_name_order(tmp_path):
    for name in ("b-list.yml", "a-list.yml", "c-list.yaml"):
        write(tmp_path, name, VALID)

    assert [reading_list.slug for reading_list in load_lists(tmp_path)] == [
        "a-list",
        "b-list",
        "c-list",
    ]


def test_yaml_syntax_error_gives_line_and_column(tmp_path):
    path = write(
        tmp_path,
        "broken.yml",
        """\
        title: Start here
        items:
          - post: share-like-a-friend
            note: Takes the pressure off: you only need to listen.
        """,
    )
    line = line_of(path, "pressure off")
    column = path.read_text().splitlines()[line - 1].index(": you") + 1

    message = only_problem(path)

    assert message.startswith(f"{path}:{line}:{column}: YAML syntax error: ")
    assert "mapping values are not allowed" in message  # "here" or "in this context"
    assert "quotes" in message


def test_unclosed_quote_is_a_yaml_syntax_error_with_position(tmp_path):
    path = write(tmp_path, "broken.yml", 'title: "Start here\nitems: []\n')

    message = only_problem(path)

    assert message.startswith(f"{path}:")
    assert "YAML syntax error" in message
    assert "while scanning a quoted scalar" in message


def test_empty_file(tmp_path):
    path = write(tmp_path, "empty.yml", "")

    assert only_problem(path) == (
        f"{path}:1: a reading list is a mapping with `title`, `summary` and `items`; "
        "found nothing (the file is empty)."
    )


def test_top_level_list_instead_of_mapping(tmp_path):
    path = write(tmp_path, "list.yml", "- post: share-like-a-friend\n")

    message = only_problem(path)

    assert message.startswith(f"{path}:1: a reading list is a mapping")
    assert message.endswith("found list.")


def test_missing_title(tmp_path):
    path = write(tmp_path, "untitled.yml", "items:\n  - post: share-like-a-friend\n")

    assert only_problem(path) == (f"{path}:1: missing `title` (for example `title: Start here`).")


def test_title_that_yaml_reads_as_a_number(tmp_path):
    path = write(tmp_path, "numbers.yml", "summary: x\ntitle: 1984\nitems:\n  - post: a\n")

    message = only_problem(path)

    assert message.startswith(f"{path}:2: `title` must be text, found 1984;")
    assert "put it in quotes" in message


@pytest.mark.parametrize("value", ["[job seekers, managers]", "''", "yes"])
def test_audience_that_is_not_one_line_of_text(tmp_path, value):
    """The audience is a phrase for the share prompt ("Know a job seeker?"), so plain text."""
    path = write(tmp_path, "audience.yml", f"title: T\naudience: {value}\nitems:\n  - post: a\n")

    message = only_problem(path)

    assert message.startswith(f"{path}:2: `audience` must be text, found ")
    assert "put it in quotes" in message


def test_missing_items(tmp_path):
    path = write(tmp_path, "no-items.yml", "title: Start here\n")

    message = only_problem(path)

    assert message.startswith(f"{path}:1: missing `items`: list at least one read")
    assert "`post: <slug>`" in message


def test_empty_items(tmp_path):
    path = write(tmp_path, "no-items.yml", "title: Start here\nitems: []\n")

    assert only_problem(path).startswith(f"{path}:2: missing `items`")


def test_items_not_a_list(tmp_path):
    path = write(tmp_path, "flat.yml", "title: Start here\nitems: share-like-a-friend\n")

    assert only_problem(path) == f"{path}:2: `items` must be a list, one `- ` line per read."


def test_unknown_list_key_suggests_the_closest(tmp_path):
    path = write(tmp_path, "typo.yml", VALID.replace("summary:", "sumary:"))

    message = only_problem(path)

    assert message.startswith(f"{path}:{line_of(path, 'sumary')}: unknown key `sumary`;")
    assert "did you mean `summary`?" in message


def test_slug_that_is_not_url_safe(tmp_path):
    path = write(tmp_path, "Start Here.yml", VALID)

    message = only_problem(path)

    assert message.startswith(f"{path}:1: the file name gives the slug 'Start Here';")
    assert "lowercase letters, digits and single hyphens" in message


def test_slug_key_that_is_not_url_safe(tmp_path):
    path = write(tmp_path, "start-here.yml", VALID + "slug: start_here\n")

    message = only_problem(path)

    assert message.startswith(
        f"{path}:{line_of(path, 'slug:')}: `slug` gives the slug 'start_here'"
    )


def test_item_that_is_not_a_mapping(tmp_path):
    path = write(tmp_path, "bare.yml", VALID + "  - share-like-a-friend\n")

    message = only_problem(path)

    assert message.startswith(f"{path}:{last_line(path)}: item 3: expected ")
    assert message.endswith("found 'share-like-a-friend'.")


def test_item_mixing_post_and_outside_read(tmp_path):
    path = write(
        tmp_path,
        "mixed.yml",
        VALID + "  - post: share-like-a-friend\n    url: https://example.org/\n",
    )

    message = only_problem(path)

    assert message.startswith(f"{path}:{line_of(path, 'url: https://example.org/')}: item 3: ")
    assert "has `post` and also `url`" in message
    assert "not both" in message


def test_post_slug_that_is_not_text(tmp_path):
    path = write(tmp_path, "slugless.yml", VALID + "  - post:\n")

    message = only_problem(path)

    assert message == f"{path}:{last_line(path)}: item 3: `post` must be a post slug, found None."


def test_outside_read_missing_fields(tmp_path):
    path = write(
        tmp_path, "thin.yml", VALID + "  - title: Bowling Alone\n    author: Robert Putnam\n"
    )

    message = only_problem(path)

    assert message.startswith(f"{path}:{line_of(path, 'Bowling')}: item 3: an outside read needs ")
    assert "`url`, `kind`, `note`" in message


def test_unknown_item_key_suggests_the_closest(tmp_path):
    path = write(tmp_path, "typo.yml", VALID.replace("author:", "autor:"))

    message = only_problem(path)

    assert message.startswith(f"{path}:{line_of(path, 'autor')}: item 2: unknown key `autor`;")
    assert "did you mean `author`?" in message


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org/book", "javascript:alert(1)", "/local/path", "https://", "example.org"],
)
def test_url_that_is_not_http(tmp_path, url):
    path = write(tmp_path, "links.yml", VALID.replace("https://en.wikipedia.org/wiki/Quiet", url))

    message = only_problem(path)

    assert message.startswith(f"{path}:{line_of(path, 'url:')}: item 2: url '{url}' is not")
    assert "http:// or https://" in message


def test_unknown_kind_lists_the_known_ones(tmp_path):
    path = write(tmp_path, "kinds.yml", VALID.replace("kind: book", "kind: movie"))

    assert only_problem(path) == (
        f"{path}:{line_of(path, 'kind:')}: item 2: unknown kind 'movie'; use one of "
        f"{', '.join(KINDS)}."
    )


def test_the_same_read_twice(tmp_path):
    path = write(tmp_path, "twice.yml", VALID + "  - post: the-biggest-networking-mistake\n")

    assert only_problem(path) == (
        f"{path}:{last_line(path)}: item 3: repeats item 1 (the-biggest-networking-mistake); "
        "list each read once."
    )


def test_duplicate_list_slug_names_both_files(tmp_path):
    first = write(tmp_path, "start-here.yml", VALID)
    second = write(tmp_path, "welcome.yml", "slug: start-here\n" + VALID)

    with pytest.raises(ReadingListError) as caught:
        load_lists(tmp_path)

    assert caught.value.problems == [
        f"{second}: the list slug 'start-here' is already used by {first}; rename one of the "
        "files or give it its own `slug:`."
    ]


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin.yml"
    path.write_bytes("title: Café\n".encode("latin-1"))

    assert only_problem(path).startswith(f"{path}: is not UTF-8 text")


def test_every_problem_in_every_file_is_reported_together(tmp_path):
    write(
        tmp_path, "a.yml", VALID.replace("kind: book", "kind: movie").replace("summary:", "sumary:")
    )
    write(tmp_path, "b.yml", "items: []\n")

    with pytest.raises(ReadingListError) as caught:
        load_lists(tmp_path)

    problems = caught.value.problems
    assert [problem.split(":")[0] for problem in problems] == [
        str(tmp_path / "a.yml"),
        str(tmp_path / "a.yml"),
        str(tmp_path / "b.yml"),
        str(tmp_path / "b.yml"),
    ]
    message = str(caught.value)
    assert message.splitlines()[0] == "4 reading list problems to fix:"
    assert all(f"  - {problem}" in message for problem in problems)
