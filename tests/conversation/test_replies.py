"""Replies published from email (`content/replies/<slug>.yml`): read, made safe, and
refused with the file, the line and the reply named when they are wrong."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican.plugins.conversation.replies import ConversationError, load

from tests.conversation.helpers import write_post
from tests.support import BuildFailed, build_site

SLUGS = {"ten-habits-from-online-communities", "blog-and-comment"}


def replies_folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "replies"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    with pytest.raises(ConversationError) as caught:
        load(replies_folder(tmp_path, files), SLUGS, words=250)
    return caught.value.problems


def test_a_reply_is_read_as_markdown_and_made_safe(tmp_path):
    folder = replies_folder(
        tmp_path,
        {
            "blog-and-comment.yml": """\
            - author: Tomasz <Wierzbicki>
              url: https://tomasz.example/
              date: 2026-06-15 19:40
              text: |
                The *boring* posts were the useful ones.
                <script>alert(1)</script><img src="https://tracker.example/p.gif">
            - author: Someone
              date: 2026-06-16
              text: "[A link](javascript:alert(2)) and [a good one](https://ok.example/)."
            """
        },
    )
    replies = load(folder, SLUGS, words=250)["blog-and-comment"]
    assert [(r["author"], r["author_url"], r["published"], r["via"]) for r in replies] == [
        ("Tomasz <Wierzbicki>", "https://tomasz.example/", "2026-06-15T19:40:00", "email"),
        ("Someone", None, "2026-06-16", "email"),
    ]
    first = BeautifulSoup(replies[0]["html"], "html.parser")
    assert {tag.name for tag in first.find_all(True)} == {"p", "em"}, "no script, no image"
    assert first.get_text(" ", strip=True) == "The boring posts were the useful ones."
    assert replies[1]["html"] == (
        "<p>A link and <a "
        'href="https://ok.example/" rel="nofollow noopener noreferrer ugc">a good one</a>.</p>'
    )


def test_a_reply_file_for_an_unknown_post_is_refused_with_a_suggestion(tmp_path):
    folder = tmp_path / "replies"
    assert problems(
        tmp_path, {"blog-and-coment.yml": "- author: A\n  date: 2026-01-01\n  text: Hi\n"}
    ) == [
        f"{folder / 'blog-and-coment.yml'}: no post has the slug 'blog-and-coment'; did you "
        "mean blog-and-comment.yml? name the file after the slug of the post the replies are to."
    ]


def test_every_problem_in_a_file_is_named_with_its_line_and_reply(tmp_path):
    path = tmp_path / "replies" / "blog-and-comment.yml"
    found = problems(
        tmp_path,
        {
            "blog-and-comment.yml": """\
            - author: Good Reply
              date: 2026-06-15
              text: Fine.
            - author: Bad Date
              date: 2026-13-40
              text: The month is wrong.
            - author: Bad Link
              url: ftp://files.example/me
              date: 12 June 2026
              text: Two problems here.
            - autor: Typo
              date: 2026-06-15
              text: Misspelt key.
            """
        },
    )
    assert found == [
        f"{path}:4: reply 2: `date: 2026-13-40` is not a date; write it as 2026-06-12 "
        "(or 2026-06-12 14:30).",
        f"{path}:7: reply 3: `url: ftp://files.example/me` is not an http(s) address; write "
        "the full address (https://...) of the reader's site, or leave `url` out.",
        f"{path}:7: reply 3: `date: 12 June 2026` is not a date; write it as 2026-06-12 "
        "(or 2026-06-12 14:30).",
        f"{path}:11: reply 4: unknown key `autor`; did you mean `author`? allowed keys: "
        "author, url, date, text.",
        f"{path}:11: reply 4: `author` is missing or empty.",
    ]


def test_broken_yaml_is_named_with_its_line(tmp_path):
    path = tmp_path / "replies" / "blog-and-comment.yml"
    found = problems(tmp_path, {"blog-and-comment.yml": "- author: A\n  date: [2026\n"})
    assert len(found) == 1 and found[0].startswith(f"{path}:3: YAML syntax error")


def test_a_bad_reply_fails_the_build_naming_file_and_reply(tmp_path):
    content = tmp_path / "content"
    write_post(content, "a-post", "Words.\n")
    (content / "replies").mkdir()
    bad = content / "replies" / "a-post.yml"
    bad.write_text("- author: A\n  url: mailto:a@b.example\n  date: 2026-01-01\n  text: Hi\n")
    with pytest.raises(BuildFailed) as failure:
        build_site(tmp_path / "output", siteurl="http://127.0.0.1:9", content=content)
    assert f"{bad}:1: reply 1: `url: mailto:a@b.example` is not an http(s) address" in (
        failure.value.output
    )
