"""A reading list is shared like a post: the same block, its prompt naming the list's
audience, every link carrying the list's own URL and title."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
import yaml

from tests.share_with.test_site import expected_fragment
from tests.site.test_validator import nu_check
from tests.support import ROOT, parse_html

LISTS = sorted((ROOT / "content" / "reading-lists").glob("*.yml"))


def read_list(source: Path) -> dict:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    return {**data, "slug": data.get("slug", source.stem)}


def list_page(site, source: Path):
    return parse_html(site.page(f"reading-lists/{read_list(source)['slug']}/"))


def test_every_list_gives_its_audience_in_our_words():
    for source in LISTS:
        audience = read_list(source).get("audience")
        assert isinstance(audience, str) and audience.strip(), f"{source.name}: no audience"


@pytest.mark.parametrize("source", LISTS, ids=lambda path: path.stem)
def test_the_prompt_names_the_lists_audience(site, source):
    block = list_page(site, source).select_one("aside.share-with")
    assert block is not None, "no share block on the list page"
    prompt = block.select_one("h2 + p").get_text(strip=True)
    audiences = [name.strip() for name in read_list(source)["audience"].split(",")]
    assert prompt.startswith("Know ") and prompt.endswith("? Send this to them.")
    for audience in audiences:
        assert expected_fragment(audience) in prompt, audience
    named = prompt.removeprefix("Know ").removesuffix("? Send this to them.")
    assert len(named.replace(" or ", ", ").split(", ")) == len(audiences)


@pytest.mark.parametrize("source", LISTS, ids=lambda path: path.stem)
def test_every_link_carries_the_lists_url_and_title(site, source):
    data = read_list(source)
    soup = list_page(site, source)
    url = f"{site.url}/reading-lists/{data['slug']}/"
    assert soup.select_one('link[rel="canonical"]')["href"] == url
    block = soup.select_one("aside.share-with")

    email = block.select_one(':scope > ul a[href^="mailto:"]')
    fields = dict(pair.split("=", 1) for pair in urlsplit(email["href"]).query.split("&"))
    assert unquote(fields["subject"]) == data["title"]
    assert unquote(fields["body"]).endswith("\r\n" + url)
    assert block.select_one('[data-share="copy"]')["href"] == url
    native = block.select_one('[data-share="share"]')
    assert (native["data-url"], native["data-title"]) == (url, data["title"])

    more = block.select("details li > a:not(:-soup-contains('Introduce two people'))")
    assert len(more) >= 8
    for link in more:
        assert quote(url, safe="") in link["href"], link.get_text(" ", strip=True)


def test_the_list_page_links_the_blocks_styles_and_script_once(site):
    soup = list_page(site, LISTS[0])
    stylesheets = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
    scripts = [script["src"] for script in soup.select("script[src]")]
    assert stylesheets.count(f"{site.url}/theme/share_with/share_block.css") == 1
    assert scripts.count(f"{site.url}/theme/share_with/share.js") == 1
    assert soup.select_one("article.reading-list-page ~ aside.share-with"), "after the list"
    assert not soup.select_one("[data-pagefind-body] .share-with"), "not indexed for search"


@pytest.mark.validator
def test_a_shared_list_page_passes_the_nu_html_checker(site, tmp_path):
    page = site.page(f"reading-lists/{read_list(LISTS[0])['slug']}/")
    shutil.copy(page, tmp_path / "index.html")
    result = nu_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
