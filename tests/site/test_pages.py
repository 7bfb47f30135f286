"""What a reader gets from the built site: pages, posts, metadata, links."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

from tests.support import ROOT, html_pages, parse_html

POSTS = sorted(p for p in (ROOT / "content").glob("*.md"))


def read_metadata(source: Path) -> dict[str, str]:
    """The `Key: value` header of a Markdown post, keys lowercased as Pelican does."""
    header = source.read_text(encoding="utf-8").split("\n\n", 1)[0]
    pairs = (line.split(":", 1) for line in header.splitlines() if ":" in line)
    return {key.strip().lower(): value.strip() for key, value in pairs}


def body_words(source: Path) -> int:
    return len(source.read_text(encoding="utf-8").split("\n\n", 1)[1].split())


def local_target(site, url: str) -> Path | None:
    """The output file a same-site URL points to, or None for other sites and schemes."""
    url, _fragment = urldefrag(url)
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme and f"{parts.scheme}://{parts.netloc}" != site.url:
        return None
    path = unquote(parts.path).lstrip("/")
    target = site.output / path
    return target / "index.html" if path == "" or path.endswith("/") else target


def test_there_are_at_least_ten_posts_with_complete_metadata():
    assert len(POSTS) >= 10
    for source in POSTS:
        meta = read_metadata(source)
        for key in ("title", "date", "category", "tags", "summary", "author", "audience", "slug"):
            assert meta.get(key), f"{source.name} lacks {key}"
        assert 400 <= body_words(source) <= 900, f"{source.name} length"


@pytest.mark.parametrize("source", POSTS, ids=lambda p: p.stem)
def test_post_page_shows_title_date_and_audience(site, source):
    meta = read_metadata(source)
    soup = parse_html(site.page(f"{meta['slug']}/"))
    entry = soup.select_one("article.h-entry")
    assert entry.select_one("h1.p-name").get_text(strip=True) == meta["title"]
    assert soup.title.get_text().startswith(meta["title"])
    published = entry.select_one("time.dt-published")["datetime"]
    assert datetime.fromisoformat(published).strftime("%Y-%m-%d %H:%M") == meta["date"]
    audience = entry.select_one(".audience").get_text(" ", strip=True)
    assert audience == f"Who this helps: {meta['audience']}"
    assert entry.select_one(".e-content").get_text(strip=True)
    canonical = soup.select_one('link[rel="canonical"]')["href"]
    assert canonical == f"{site.url}/{meta['slug']}/"


@pytest.mark.parametrize("source", POSTS[:3], ids=lambda p: p.stem)
def test_post_carries_rich_preview_and_structured_data(site, source):
    meta = read_metadata(source)
    soup = parse_html(site.page(f"{meta['slug']}/"))
    og = {tag["property"]: tag["content"] for tag in soup.select("meta[property]")}
    assert og["og:title"] == meta["title"]
    assert og["og:url"] == f"{site.url}/{meta['slug']}/"
    assert og["og:image"].startswith(site.url + "/")
    assert int(og["og:image:width"]) > 0 and int(og["og:image:height"]) > 0
    assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    # X falls back to og:title, og:description and og:image; only the card type and the
    # image's alt text have no Open Graph equivalent it reads.
    twitter = {tag["name"]: tag["content"] for tag in soup.select('meta[name^="twitter:"]')}
    assert twitter == {
        "twitter:card": "summary_large_image",
        "twitter:image:alt": og["og:image:alt"],
    }
    names = [tag["name"] for tag in soup.select("meta[name]")]
    assert len(names) == len(set(names)), "a meta name appears once"
    tags = [tag["content"] for tag in soup.select('meta[property="article:tag"]')]
    assert tags == [tag.strip() for tag in meta["tags"].split(",")]
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "BlogPosting"
    assert data["keywords"] == tags
    assert data["headline"] == meta["title"]
    assert data["url"] == f"{site.url}/{meta['slug']}/"
    assert data["datePublished"].startswith(meta["date"].replace(" ", "T"))


def test_a_post_links_the_styles_of_what_it_shows_and_no_more(site):
    """The theme's main.css in <head>; each plugin partial links its own, inside itself."""
    theme = f"{site.url}/theme/"
    for source in POSTS[:3]:
        soup = parse_html(site.page(f"{read_metadata(source)['slug']}/"))
        linked = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
        expected = [f"{theme}css/main.css"]
        for selector, stylesheet in (
            # Replies, likes or the reply form; not "Reply by email" alone, which is text.
            ("section.conversation :is(.h-cite, form)", "conversation/conversation.css"),
            ("nav.reading-list-nav", "reading_lists/article_nav.css"),
            ("aside.read-next", "read_next/read_next.css"),
            ("aside.share-with", "share_with/share_block.css"),
            ("aside.blogroll-widget", "blogroll/widget.css"),
        ):
            partial = soup.select_one(f"main {selector}")
            if partial:
                expected.append(theme + stylesheet)
                assert partial.select_one(f'link[href="{theme + stylesheet}"]'), selector
        assert linked == expected, source.name
    for page in ("/", "archives/", "about/", "reading-lists/", "blogroll/"):
        linked = [
            link["href"] for link in parse_html(site.page(page)).select('link[rel="stylesheet"]')
        ]
        assert linked[:2] == [f"{theme}css/main.css", f"{theme}css/pages.css"], page
        assert not any(
            href.endswith(("share_block.css", "article_nav.css", "widget.css")) for href in linked
        ), page


def test_home_lists_latest_posts_with_summaries_and_pagination(site):
    soup = parse_html(site.page("/"))
    summaries = soup.select(".post-list article.h-entry")
    assert 1 <= len(summaries) <= 5
    dates = [s.select_one("time")["datetime"] for s in summaries]
    assert dates == sorted(dates, reverse=True), "newest first"
    assert all(s.select_one(".p-summary").get_text(strip=True) for s in summaries)
    next_link = soup.select_one('.pagination a[rel="next"]')["href"]
    assert local_target(site, next_link).is_file()


def test_every_page_has_landmarks_skip_link_and_csp(site):
    for path in html_pages(site.output):
        soup = parse_html(path)
        name = path.relative_to(site.output)
        assert soup.html.get("lang") == "en", name
        assert len(soup.select("main#main")) == 1, name
        assert soup.select_one("header.site-header") and soup.select_one("footer"), name
        assert soup.select_one('a.skip-link[href="#main"]'), name
        csp = soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, name
        for script in soup.select("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", name
        assert not soup.select("[style]"), f"{name}: inline style attribute"
        for image in soup.select("img"):
            assert image.has_attr("alt"), name


def test_every_internal_link_resolves_to_a_built_file(site):
    broken = []
    for path in html_pages(site.output):
        soup = parse_html(path)
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag, attrs={attribute: True}):
                target = local_target(site, element[attribute])
                if target is not None and not target.is_file():
                    broken.append(f"{path.relative_to(site.output)} -> {element[attribute]}")
    assert broken == []


def test_no_page_loads_anything_from_another_host(site):
    for path in html_pages(site.output):
        soup = parse_html(path)
        for element in soup.select("script[src], link[rel~=stylesheet], img[src], iframe"):
            url = element.get("src") or element.get("href") or ""
            assert url.startswith(site.url + "/"), f"{path.name}: {url}"


def test_about_and_say_hello_pages(site):
    about = parse_html(site.page("about/"))
    assert about.select_one("h1").get_text(strip=True) == "About"
    hello = parse_html(site.page("say-hello/"))
    hrefs = [a["href"] for a in hello.select("main a[href]")]
    assert any(href.startswith("mailto:") for href in hrefs)
    assert f"{site.url}/follow/" in hrefs, "feeds are one link away, on the follow page"


def test_archives_category_and_tag_pages_list_every_post(site):
    archive_links = {a["href"] for a in parse_html(site.page("archives/")).select("main a.u-url")}
    assert len(archive_links) == len(POSTS)
    for source in POSTS:
        assert f"{site.url}/{read_metadata(source)['slug']}/" in archive_links
    categories = parse_html(site.page("categories/")).select("main li a")
    assert categories and all(local_target(site, a["href"]).is_file() for a in categories)
    tags = parse_html(site.page("tags/")).select("main li a")
    assert tags and all(local_target(site, a["href"]).is_file() for a in tags)


def test_404_sitemap_and_robots(site):
    assert parse_html(site.page("404.html")).select_one("h1")
    from lxml import etree

    sitemap = etree.parse(str(site.output / "sitemap.xml"))
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = sitemap.xpath("//s:url/s:loc/text()", namespaces=namespace)
    assert len(locations) == len(set(locations))
    for location in locations:
        assert local_target(site, location).is_file(), location
    robots = (site.output / "robots.txt").read_text()
    assert re.search(rf"^Sitemap: {re.escape(site.url)}/sitemap.xml$", robots, re.M)


def test_feeds_are_advertised_on_every_page(site):
    soup = parse_html(site.page("/"))
    feeds = {(link["type"], link["href"]) for link in soup.select('link[rel="alternate"]')}
    assert ("application/atom+xml", f"{site.url}/feeds/all.atom.xml") in feeds
    assert ("application/rss+xml", f"{site.url}/feeds/all.rss.xml") in feeds
