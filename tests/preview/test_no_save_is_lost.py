"""A save made while a build runs is shown by the next one: no save is lost."""

from __future__ import annotations

import time

import pytest
from pelican.settings import read_settings

from tests.preview.running import copy_site, differences, running_preview
from tests.support import ROOT, build_site

FIRST = "A first sentence, saved before the build began."
SECOND = "A second sentence, saved while the build ran."


def append(path, sentence: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("second_file", "second_page", "second_text", "edit"),
    [
        ("blog-and-comment.md", "/blog-and-comment/", SECOND, lambda p: append(p, SECOND)),
        (
            "reading-lists/start-here.yml",
            "/reading-lists/start-here/",
            "Saved mid-build",
            lambda p: p.write_text(
                p.read_text(encoding="utf-8").replace("title: ", "title: Saved mid-build, ", 1),
                encoding="utf-8",
            ),
        ),
    ],
    ids=["another-post", "a-reading-list"],
)
def test_a_save_during_a_build_is_served(tmp_path, second_file, second_page, second_text, edit):
    site = copy_site(tmp_path / "site")
    pause = tmp_path / "pause"
    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    extra = {
        "PLUGINS": [*plugins, "tests.preview.pausing_plugin"],
        "PREVIEW_TEST_PAUSE": str(pause),
    }
    with running_preview(tmp_path / "preview", site, extra=extra) as preview:
        pause.touch()  # hold the next full build once it has read the site
        append(site.content / "share-like-a-friend.md", FIRST)
        preview.wait_until(pause.with_name("pause.held").exists, "the build to be held")
        edit(site.content / second_file)  # saved after the held build read everything
        # Hold on a little, so that a watcher which misses saves made during a build has
        # had its chance to miss this one. Not a time limit: a slower watcher only
        # makes the test pass without the race.
        time.sleep(1)
        pause.unlink()

        preview.wait_for_text("/share-like-a-friend/", FIRST)
        preview.wait_for_text(second_page, second_text)
        clean = tmp_path / "clean"
        build_site(
            clean, siteurl=preview.url, content=site.content, settings_file=str(site.settings)
        )
        preview.wait_until(
            lambda: not differences(preview.output, clean),
            "the preview to match a clean build with both saves",
        )
