"""Read next under every post and the Start here box, checked on the built pages.

What a post is about and whom it helps are read from the Markdown sources, and list
neighbours from the reading lists' YAML, never from the plugin's own code.
"""

from __future__ import annotations

import pytest
import yaml

from tests.site.test_pages import POSTS, read_metadata
from tests.support import ROOT, build_site, parse_html

LISTS = [
    yaml.safe_load(path.read_text("utf-8"))
    for path in sorted((ROOT / "content" / "reading-lists").glob("*.yml"))
]
META = {read_metadata(source)["slug"]: read_metadata(source) for source in POSTS}


def subjects(slug: str) -> set[str]:
    meta = META[slug]
    tags = {f"tag:{tag.strip().lower()}" for tag in meta["tags"].split(",")}
    return tags | {f"audience:{part.strip().lower()}" for part in meta["audience"].split(",")}


def neighbours(slug: str) -> set[str]:
    """Our posts just before and after `slug` in any reading list."""
    found = set()
    for reading_list in LISTS:
        items = reading_list["items"]
        for index, item in enumerate(items):
            if item.get("post") == slug:
                for other in items[max(index - 1, 0) : index + 2]:
                    if other.get("post") and other["post"] != slug:
                        found.add(other["post"])
    return found


def read_next_slugs(site, slug: str) -> list[str]:
    box = parse_html(site.page(f"{slug}/")).select_one("main aside.read-next")
    assert box is not None, slug
    return [link["href"].removeprefix(site.url).strip("/") for link in box.select("li > a")]


@pytest.mark.parametrize("slug", sorted(META))
def test_every_post_suggests_two_or_three_related_posts_none_a_list_neighbour(site, slug):
    suggested = read_next_slugs(site, slug)
    assert 2 <= len(suggested) <= 3
    assert len(set(suggested)) == len(suggested)
    for other in suggested:
        assert other in META, f"{other} is not one of our posts"
        assert other != slug
        assert other not in neighbours(slug), f"{other} is shown above already"
        assert subjects(other) & subjects(slug), f"{other} shares no tag or audience"


@pytest.mark.parametrize("slug", sorted(META)[:4])
def test_each_suggestion_says_who_it_helps(site, slug):
    box = parse_html(site.page(f"{slug}/")).select_one("main aside.read-next")
    assert box.find("h2").get_text(strip=True) == "Read next"
    for item in box.select("li"):
        other = item.a["href"].removeprefix(site.url).strip("/")
        assert item.select_one(".meta").get_text(strip=True) == f"Helps: {META[other]['audience']}"
        assert item.a.get_text() == parse_html(site.page(f"{other}/")).h1.get_text()


def test_suggestions_sharing_more_come_first(site):
    for slug in META:
        shared = [len(subjects(other) & subjects(slug)) for other in read_next_slugs(site, slug)]
        assert shared == sorted(shared, reverse=True), slug


def test_read_next_comes_after_the_list_navigation_and_before_sharing(site):
    page = parse_html(site.page("questions-worth-asking/"))
    order = [child.get("class", [""])[0] for child in page.main.find_all(recursive=False)]
    assert order.index("reading-list-nav") < order.index("read-next") < order.index("share-with")


def start_here_slugs(site, page: str) -> list[str]:
    box = parse_html(site.page(page)).select_one("main aside.start-here")
    assert box is not None, page
    return [a["href"].removeprefix(site.url).strip("/") for a in box.select(".start-here__picks a")]


def test_start_here_shows_the_authors_picks_then_the_most_listed_posts(site):
    featured = sorted(
        (slug for slug, meta in META.items() if meta.get("featured") == "true"),
        key=lambda slug: META[slug]["date"],
        reverse=True,
    )
    assert featured, "the content marks some posts featured: true"
    picks = start_here_slugs(site, "")
    assert picks[: len(featured)] == featured
    times_listed = {
        slug: sum(any(item.get("post") == slug for item in lst["items"]) for lst in LISTS)
        for slug in META
    }
    rest = [times_listed[slug] for slug in picks[len(featured) :]]
    assert rest == sorted(rest, reverse=True)
    left_out = set(META) - set(picks)
    assert all(times_listed[slug] <= min(rest) for slug in left_out)
    assert start_here_slugs(site, "404.html") == picks


def test_start_here_offers_the_featured_reading_list(site):
    box = parse_html(site.page("")).select_one("main aside.start-here")
    link = box.select_one(".reading-list-featured h3 a")
    assert link["href"] == f"{site.url}/reading-lists/start-here/"
    assert parse_html(site.page("")).select_one('.intro a[href="#start-here-title"]')


def test_without_reading_lists_start_here_is_the_featured_posts(tmp_path):
    """The theme builds with read_next alone: picks are the author's, read next still shows."""
    output = tmp_path / "output"
    build_site(
        output,
        siteurl="http://127.0.0.1:9",
        extra_settings={"PLUGINS": ["pelican.plugins.read_next", "pelican.plugins.follow"]},
    )
    home = parse_html(output / "index.html")
    picks = [a["href"] for a in home.select("aside.start-here .start-here__picks a")]
    featured = [slug for slug, meta in META.items() if meta.get("featured") == "true"]
    assert sorted(picks) == sorted(f"http://127.0.0.1:9/{slug}/" for slug in featured)
    assert not home.select(".reading-list-featured")
    post = parse_html(output / "questions-worth-asking" / "index.html")
    assert 2 <= len(post.select("aside.read-next li")) <= 3
    follow = parse_html(output / "follow" / "index.html")
    assert not follow.select("#follow-reading-lists, #follow-network")
