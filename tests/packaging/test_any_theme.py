"""Our plugins on Pelican's own notmyidea theme: the includes the READMEs list are enough.

The small site's only template is an `article.html` that extends notmyidea's and adds the
three one-line includes; everything else is Pelican's theme as it ships.
"""

from __future__ import annotations

import sys

import pytest
from givefirst_kit.templates import theme_includes
from jinja2 import DictLoader, Environment

from tests.packaging.conftest import (
    PLUGIN_PAGES,
    POST_INCLUDES,
    POST_PARTIALS,
    SITEURL,
    build_small_site,
)
from tests.site.test_validator import nu_check
from tests.support import parse_html

THEME = f"{SITEURL}/theme/"


def test_a_post_shows_each_partial_with_its_own_styles(small_site):
    soup = parse_html(small_site.page("give-before-you-ask.html"))
    for selector, stylesheet in POST_PARTIALS.items():
        partial = soup.select_one(f"#content ~ {selector}")
        assert partial is not None, f"{selector} is missing under the post"
        assert partial.select_one('link[rel="stylesheet"]')["href"] == THEME + stylesheet
        assert (small_site.output / "theme" / stylesheet).is_file(), stylesheet

    place = soup.select_one(".reading-list-nav__place").get_text(" ", strip=True)
    assert place == "Part of Start here — 1 of 3"
    assert soup.select_one(".reading-list-nav__next a").get_text() == "Give and Take"

    share = soup.select_one("aside.share-with")
    assert share.h2.get_text() == "Share this with someone who’d benefit"
    prompt = share.select_one("h2 + p").get_text()
    assert prompt == "Know a job seeker or a new manager? Send this to them."
    email = share.select_one('a[href^="mailto:"]')["href"]
    assert "give-before-you-ask.html" in email
    assert share.script["src"] == THEME + "share_with/share.js"
    assert (small_site.output / "theme/share_with/share.js").is_file()
    assert (small_site.output / "share/icons.svg").is_file()

    widget = soup.select_one("aside.blogroll-widget")
    assert widget.h2.get_text() == "From our network"
    assert {a["href"] for a in widget.select(".blogroll-widget__more a")} == {
        f"{SITEURL}/network/",
        f"{SITEURL}/blogroll/",
    }


def test_a_partial_with_nothing_to_show_prints_nothing(small_site):
    """The post that opts out of sharing and is in no list: only the widget, and its styles."""
    soup = parse_html(small_site.page("ask-a-good-question.html"))
    assert soup.select_one("aside.blogroll-widget")
    assert not soup.select_one("aside.share-with, nav.reading-list-nav")
    linked = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
    assert linked == [THEME + "css/main.css", THEME + "blogroll/widget.css"]


@pytest.mark.parametrize(("page", "title", "stylesheet"), PLUGIN_PAGES)
def test_plugin_pages_are_built_on_the_themes_base(small_site, page, title, stylesheet):
    soup = parse_html(small_site.page(page))
    head = soup.head
    assert head.select_one("meta[charset]"), "the theme's <head> is kept"
    assert head.select_one('meta[name="generator"][content="Pelican"]'), "notmyidea's own tag"
    assert soup.title.get_text().startswith(title)
    assert soup.h1.get_text(strip=True) == "Any Theme", "notmyidea's banner comes first"
    assert soup.select_one("footer#contentinfo"), "and its footer last"
    assert title in [heading.get_text(strip=True) for heading in soup.find_all("h1")]
    linked = [link["href"] for link in head.select('link[rel="stylesheet"]')]
    assert linked == [THEME + "css/main.css", THEME + stylesheet]


@pytest.mark.parametrize(
    ("page", "script"),
    [
        ("reading-lists/start-here/", "reading_lists/progress.js"),
        ("share/fediverse/", "share_with/fediverse.js"),
    ],
)
def test_plugin_pages_load_their_script_in_any_theme(small_site, page, script):
    """notmyidea has no {% block scripts %}: the script comes with the page's <head>."""
    soup = parse_html(small_site.page(page))
    tag = soup.head.select_one(f'script[src="{THEME + script}"]')
    assert tag is not None and tag.has_attr("defer")
    assert (small_site.output / "theme" / script).is_file()


@pytest.mark.validator
def test_every_page_passes_the_nu_html_checker(small_site):
    """notmyidea itself makes no error on these pages, so none is set aside."""
    result = nu_check(small_site.output)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_includes_leave_no_warning(small_site):
    assert "never includes" not in small_site.log


def test_a_theme_without_the_includes_is_told_once_which_to_add(tmp_path):
    built = build_small_site(sys.executable, tmp_path, fatal=False, THEME_TEMPLATES_OVERRIDES=[])
    assert built.returncode == 0, built.log
    for plugin, include in POST_INCLUDES.items():
        warning = f"{plugin}: the theme's article.html never includes {include}"
        assert built.log.count(warning) == 1, built.log
        assert built.log.count(f'Add {{% include "{include}" %}} after the post body.') == 1
    post = parse_html(built.page("give-before-you-ask.html"))
    assert post.select_one("article .entry-content")
    assert not post.select_one(", ".join(POST_PARTIALS))


def test_includes_are_found_through_every_template_a_theme_reaches():
    env = Environment(
        loader=DictLoader(
            {
                "base.html": "{% block content %}{% endblock %}{% include 'footer.html' %}",
                "footer.html": "{% import 'macros.html' as m %}{% include 'plugin/partial.html' %}",
                "macros.html": "{% macro x() %}{% endmacro %}",
                "article.html": "{% extends 'base.html' %}",
                "dynamic.html": "{% include name ~ '.html' %}",
                "other.html": "{% extends 'loop.html' %}{% include 'gone.html' ignore missing %}",
                "loop.html": "{% include 'other.html' %}",
            }
        )
    )
    assert theme_includes(env, "article.html", "plugin/partial.html")
    assert theme_includes(env, "dynamic.html", "plugin/partial.html"), "it may be"
    assert not theme_includes(env, "other.html", "plugin/partial.html")
