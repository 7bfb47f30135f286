"""An author's edits against the running preview, each checked against a clean build.

After every edit the served site shows it, and once the preview has caught up its
output folder is, file for file and byte for byte, what `make html` makes of the same
sources into an empty folder.
"""

from __future__ import annotations

import re

from tests.preview.running import copy_site, differences, running_preview
from tests.support import build_site

NEW_POST = """\
Title: Thank the people who helped
Date: 2026-11-02 10:00
Category: Habits
Tags: thank-you notes, generosity
Slug: thank-the-helpers
Summary: A short note of thanks keeps a connection warm.
Audience: everyone

When something works out, tell the people who helped you get there.
"""


def replace_in(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def matches_a_clean_build(site, preview, clean) -> None:
    build_site(clean, siteurl=preview.url, content=site.content, settings_file=str(site.settings))
    preview.wait_until(
        lambda: not differences(preview.output, clean),
        f"the preview's folder to match a clean build after {clean.name}: "
        f"{differences(preview.output, clean)[:10]}",
    )


def text_of_a_post(site, preview):
    replace_in(site.content / "share-like-a-friend.md", "Think about", "Think back to")
    preview.wait_for_text("/share-like-a-friend/", "Think back to the last time")


def add_a_post(site, preview):
    (site.content / "thank-the-helpers.md").write_text(NEW_POST, encoding="utf-8")
    preview.wait_for_text("/thank-the-helpers/", "tell the people who helped you")
    preview.wait_for_text("/", "Thank the people who helped")


def title_and_slug(site, preview):
    post = site.content / "thank-the-helpers.md"
    replace_in(post, "Title: Thank the people who helped", "Title: Say thank you, and mean it")
    replace_in(post, "Slug: thank-the-helpers", "Slug: say-thank-you")
    preview.wait_for_text("/say-thank-you/", "Say thank you, and mean it")
    preview.wait_for_status("/thank-the-helpers/", 404)


def change_a_tag(site, preview):
    replace_in(
        site.content / "share-like-a-friend.md",
        "Tags: sharing, social media, generosity",
        "Tags: sharing, social media, kindness",
    )
    preview.wait_for_text("/tag/kindness/", "Share the way you would with a close friend")


def reading_list(site, preview):
    replace_in(site.content / "reading-lists" / "start-here.yml", "title: ", "title: Begin here, ")
    preview.wait_for_text("/reading-lists/start-here/", "Begin here")


def blogroll_list(site, preview):
    replace_in(site.content / "blogroll.yml", "A short daily post", "A brief daily post")
    preview.wait_for_text("/blogroll/", "A brief daily post")


def template(site, preview):
    replace_in(
        site.theme / "templates" / "article.html",
        '<footer class="post__footer">',
        '<footer class="post__footer post__footer--edited">',
    )
    preview.wait_for_text("/share-like-a-friend/", "post__footer--edited")


def rename_the_file(site, preview):
    post = site.content / "thank-the-helpers.md"
    text = post.read_text(encoding="utf-8").replace("Slug: say-thank-you", "Slug: thanks")
    (site.content / "thanks.md").write_text(text, encoding="utf-8")
    post.unlink()
    preview.wait_for_text("/thanks/", "Say thank you, and mean it")
    preview.wait_for_status("/say-thank-you/", 404)


def delete_a_post(site, preview):
    (site.content / "thanks.md").unlink()
    preview.wait_for_status("/thanks/", 404)


def settings(site, preview):
    replace_in(
        site.settings,
        'SITESUBTITLE = "Practical networking advice',
        'SITESUBTITLE = "Networking advice you can use',
    )
    preview.wait_for_text("/", "Networking advice you can use")
    assert re.search(r"pelicanconf\.py changed: new settings, so a full build", preview.log())


STEPS = [
    text_of_a_post,
    add_a_post,
    title_and_slug,
    change_a_tag,
    reading_list,
    blogroll_list,
    template,
    rename_the_file,
    delete_a_post,
    settings,
]


def test_each_edit_is_served_and_then_matches_a_clean_build(tmp_path):
    """One preview through the whole sequence, as an author's session goes."""
    site = copy_site(tmp_path / "site")
    with running_preview(tmp_path / "preview", site) as preview:
        for number, step in enumerate(STEPS, start=1):
            step(site, preview)
            matches_a_clean_build(site, preview, tmp_path / f"clean-{number}-{step.__name__}")
