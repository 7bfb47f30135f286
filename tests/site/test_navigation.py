"""The main menu marks the page a reader is on, whichever section it belongs to."""

from __future__ import annotations

import pytest

from tests.support import parse_html

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
