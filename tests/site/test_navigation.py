"""The main menu marks the page a reader is on, whichever section it belongs to."""

from __future__ import annotations

import pytest

from tests.reading_lists.test_build_failures import GOOD_LIST, content_folder
from tests.support import build_site, parse_html

SECTIONS = [
    ("", "Posts"),
    ("reading-lists/", "Reading lists"),
    ("reading-lists/start-here/", "Reading lists"),
    ("blogroll/", "Blogroll"),
    ("network/", "Network"),
    ("about/", "About"),
    ("follow/", "Follow"),
    ("say-hello/", "Say hello"),
]


@pytest.mark.parametrize(("page", "section"), SECTIONS)
def test_the_menu_marks_the_current_section_and_only_it(site, page, section):
    current = parse_html(site.page(page)).select('nav.site-nav a[aria-current="page"]')
    assert [link.get_text() for link in current] == [section]


def test_pages_outside_the_menu_mark_nothing(site):
    for page in ("archives/", "tags/", "search/", "404.html"):
        assert not parse_html(site.page(page)).select("nav.site-nav a[aria-current]"), page


def test_links_follow_the_url_settings(tmp_path):
    """The 404 page's ways back in and the footer follow READING_LISTS_INDEX_URL and
    ARCHIVES_URL, not the addresses they have by default."""
    siteurl = "http://127.0.0.1:9"
    output = tmp_path / "output"
    build_site(
        output,
        siteurl=siteurl,
        content=content_folder(tmp_path, {"start-here.yml": GOOD_LIST}),
        extra_settings={
            "PLUGINS": ["pelican.plugins.reading_lists"],
            "READING_LISTS_INDEX_URL": "paths/",
            "READING_LISTS_INDEX_SAVE_AS": "paths/index.html",
            "ARCHIVES_URL": "by-date/",
            "ARCHIVES_SAVE_AS": "by-date/index.html",
        },
    )
    ways_back = {
        link.get_text(): link["href"] for link in parse_html(output / "404.html").select("main a")
    }
    assert ways_back["Reading lists"] == f"{siteurl}/paths/"
    assert ways_back["Every post, by date"] == f"{siteurl}/by-date/"
    archives = parse_html(output / "index.html").find("a", string="Archives")
    assert archives["href"] == f"{siteurl}/by-date/"
    assert (output / "by-date" / "index.html").is_file()
