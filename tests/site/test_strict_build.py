"""A broken post fails the build, and the message names the file and the reason."""

from __future__ import annotations

import shutil

import pytest

from tests.support import ROOT, BuildFailed, build_site

GOOD_POST = (ROOT / "content" / "share-like-a-friend.md").read_text(encoding="utf-8")


@pytest.fixture
def content_copy(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


def break_post(content, name: str, header_edit) -> None:
    header, body = GOOD_POST.split("\n\n", 1)
    (content / name).write_text(header_edit(header) + "\n\n" + body, encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda h: h.replace("Date: 2026-01-12 09:00", "Date: 2026-13-45 99:00"), "date"),
        (
            lambda h: "\n".join(line for line in h.splitlines() if not line.startswith("Title:")),
            "title",
        ),
    ],
    ids=["bad-date", "missing-title"],
)
def test_broken_post_fails_the_build_naming_the_file(tmp_path, content_copy, edit, reason):
    def header_edit(header):
        return edit(header).replace("Slug: share-like-a-friend", "Slug: broken-copy")

    break_post(content_copy, "broken-copy.md", header_edit)
    with pytest.raises(BuildFailed) as failure:
        build_site(tmp_path / "out", siteurl="http://127.0.0.1:9", content=content_copy)
    assert "broken-copy.md" in failure.value.output
    assert reason in failure.value.output.lower()
