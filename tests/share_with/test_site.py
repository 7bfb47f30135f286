"""The share block and the fediverse page in the real site, read as a reader's browser would."""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest
from lxml import etree
from PIL import Image

from tests.support import ROOT, parse_html

POSTS = sorted((ROOT / "content").glob("*.md"))
PLUGIN_STATIC = ROOT / "plugins/share_with/pelican/plugins/share_with/static/share_with"
LOCAL_SCHEMES = {"mailto", "sms"}
# The one link under "More ways to share" that is not the post's (the introduction page).
SHARE_LINKS = "aside.share-with li > a:not(:-soup-contains('Introduce two people'))"


def metadata(source: Path) -> dict[str, str]:
    header = source.read_text(encoding="utf-8").split("\n\n", 1)[0]
    pairs = (line.split(":", 1) for line in header.splitlines() if ":" in line)
    return {key.strip().lower(): value.strip() for key, value in pairs}


def expected_fragment(audience: str) -> str:
    """A deliberately simple oracle for the prompt: "new managers" -> "new manager"."""
    if audience.startswith("people "):
        return "someone " + audience.removeprefix("people ")
    return audience[:-1] if audience.endswith("s") else audience


def post_page(site, source: Path):
    slug = metadata(source).get("slug") or source.stem
    return parse_html(site.page(f"{slug}/"))


def local_file(site, url: str) -> Path:
    path = unquote(urlsplit(url).path).lstrip("/")
    return site.output / path / "index.html" if path.endswith("/") else site.output / path


@pytest.mark.parametrize("source", POSTS, ids=lambda path: path.stem)
def test_every_post_has_the_block_with_its_audience_sentence(site, source):
    soup = post_page(site, source)
    block = soup.select_one("aside.share-with")
    assert block is not None, "no share block"
    heading = block.find(id=block["aria-labelledby"])
    assert heading.name == "h2" and heading.get_text(strip=True)
    prompt = heading.find_next_sibling("p").get_text(strip=True)
    audiences = [
        name.strip() for name in metadata(source).get("audience", "").split(",") if name.strip()
    ]
    if not audiences:
        assert prompt == "Know someone who would find this useful? Send it to them."
        return
    assert prompt.startswith("Know ") and prompt.endswith("? Send this to them.")
    for audience in audiences:
        assert expected_fragment(audience) in prompt, audience
    named = prompt.removeprefix("Know ").removesuffix("? Send this to them.")
    assert len(named.replace(" or ", ", ").split(", ")) == len(audiences)


@pytest.mark.parametrize("source", POSTS, ids=lambda path: path.stem)
def test_every_share_link_is_well_formed_and_carries_the_canonical_url(site, source):
    soup = post_page(site, source)
    canonical = soup.select_one('link[rel="canonical"]')["href"]
    assert canonical.startswith(site.url + "/") and canonical.endswith("/")
    links = soup.select(SHARE_LINKS)
    assert len(links) >= 12
    for link in links:
        href = link["href"]
        parts = urlsplit(href)
        name = link.get_text(" ", strip=True)
        assert href.isascii() and " " not in href, name
        assert canonical in unquote(href), name
        if href != canonical:
            assert quote(canonical, safe="") in href, name
        if parts.scheme in LOCAL_SCHEMES:
            assert "+" not in href, f"{name}: spaces must be %20"
            assert parse_qs(parts.query), name
        elif parts.netloc == urlsplit(site.url).netloc:
            assert local_file(site, href).is_file(), f"{name}: {href} is not in the site"
        else:
            assert parts.scheme == "https" and "." in parts.hostname, name
            assert "127.0.0.1" not in parts.netloc
        visible = "".join(link.find_all(string=True, recursive=False)).strip()
        assert visible and name.endswith(visible), "the visible label is in the accessible name"
        hidden = link.select_one("span")
        assert hidden is None or name == f"{hidden.get_text(strip=True)} {visible}"


def test_every_icon_is_a_decorative_symbol_of_the_sprite(site):
    """The first actions carry icons; the links under "More ways to share" are text."""
    sprite = etree.parse(str(site.output / "share" / "icons.svg")).getroot()
    symbols = {symbol.get("id") for symbol in sprite if symbol.tag.endswith("}symbol")}
    for source in POSTS:
        block = post_page(site, source).select_one("aside.share-with")
        assert block.select("details li > a") and not block.select("details svg")
        for control in block.select(":scope > ul > li > *"):
            (svg,) = control.find_all("svg")
            assert svg["aria-hidden"] == "true" and not svg.has_attr("focusable")
            href = svg.find("use")["href"]
            assert href.startswith("/share/icons.svg#"), "the sprite is on the page's own origin"
            assert href.partition("#")[2] in symbols, href


def test_the_email_link_sends_one_person_a_note(site):
    soup = post_page(site, POSTS[0])
    title = soup.select_one("h1").get_text(strip=True)
    email = soup.select_one('.share-with a[href^="mailto:"]')
    assert email["href"].startswith("mailto:?")
    fields = {
        key: unquote(value)
        for key, value in (p.split("=", 1) for p in urlsplit(email["href"]).query.split("&"))
    }
    assert fields["subject"] == title
    assert fields["body"].startswith("I thought of you when I read this")
    assert fields["body"].endswith("\r\n" + soup.select_one('link[rel="canonical"]')["href"])


def test_native_share_waits_for_the_script(site):
    soup = post_page(site, POSTS[0])
    button = soup.select_one('.share-with button[data-share="share"]')
    assert button.parent.name == "li" and button.parent.has_attr("hidden")
    assert button["type"] == "button"
    assert button["data-url"] == soup.select_one('link[rel="canonical"]')["href"]
    assert button["data-title"] == soup.select_one("h1").get_text(strip=True)


def test_the_fediverse_page_explains_itself_without_javascript(site):
    page = parse_html(site.page("share/fediverse/"))
    form = page.select_one("form#share-fediverse-form")
    assert form.has_attr("hidden"), "the form needs the script, so it starts hidden"
    for field in form.select("input, textarea"):
        assert page.select_one(f'label[for="{field["id"]}"]'), f"{field['id']} has no label"
    manual = page.select_one("noscript")
    assert "copy" in manual.get_text().lower()
    sections = {section["id"]: section for section in manual.select("section")}
    for source in POSTS:
        post = post_page(site, source)
        fediverse = post.select_one(f'.share-with a[href^="{site.url}/share/fediverse/"]')["href"]
        fragment = urlsplit(fediverse).fragment
        assert fragment in sections, f"{source.stem}: #{fragment} is missing on the fediverse page"
        text = sections[fragment].find("textarea").get_text()
        assert text == parse_qs(urlsplit(fediverse).query)["text"][0]
        assert post.select_one('link[rel="canonical"]')["href"] in text


def test_assets_are_ours_small_and_csp_friendly(site):
    soup = post_page(site, POSTS[0])
    stylesheets = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
    block_styles = soup.select_one('aside.share-with link[rel="stylesheet"]')
    assert block_styles["href"] == f"{site.url}/theme/share_with/share_block.css"
    assert not any("fediverse" in href for href in stylesheets), "the page's styles stay there"
    fediverse = parse_html(site.page("share/fediverse/"))
    assert fediverse.select_one(f'link[href="{site.url}/theme/share_with/fediverse.css"]')
    assert not fediverse.select_one(f'link[href="{site.url}/theme/share_with/share_block.css"]')
    script = soup.select_one("aside.share-with script")
    assert script["type"] == "module", "deferred, strict and scoped by itself"
    assert not script.get_text(strip=True)
    assert script["src"] == f"{site.url}/theme/share_with/share.js"
    for source in PLUGIN_STATIC.iterdir():
        served = (site.output / "theme" / "share_with" / source.name).read_text(encoding="utf-8")
        assert served == source.read_text(encoding="utf-8"), source.name
    for name in ("share.js", "fediverse.js"):
        served = (site.output / "theme" / "share_with" / name).read_bytes()
        assert len(gzip.compress(served, 9)) < 2048, name
    for page in (soup, fediverse):
        for element in page.select("aside.share-with *, .share-fediverse *"):
            assert not element.has_attr("style")
            assert not any(attribute.startswith("on") for attribute in element.attrs)


@pytest.mark.parametrize("source", POSTS[:3], ids=lambda path: path.stem)
def test_rich_previews_point_at_a_real_image_of_the_stated_size(site, source):
    soup = post_page(site, source)
    meta = {tag["property"]: tag["content"] for tag in soup.select("meta[property^='og:']")}
    assert meta["og:url"] == soup.select_one('link[rel="canonical"]')["href"]
    image = local_file(site, meta["og:image"])
    with Image.open(image) as picture:
        assert picture.size == (int(meta["og:image:width"]), int(meta["og:image:height"]))
    assert meta["og:image:alt"]


def test_one_person_first_and_the_rest_behind_more_ways(site):
    soup = post_page(site, POSTS[0])
    block = soup.select_one("aside.share-with")
    primary = block.select(":scope > ul > li > *")
    assert [control.get_text(strip=True) for control in primary] == [
        "Email it to them",
        "Copy link",
        "Share…",
    ]
    more = block.select_one(":scope > details")
    assert more is not None and not more.has_attr("open"), "closed until the reader asks"
    assert more.find("summary").get_text(strip=True) == "More ways to share"
    names = [link.get_text(" ", strip=True) for link in more.select("li > a")]
    assert "Share on LinkedIn" in names and "Share on Mastodon" in names
    assert "Send as Text message" in names
    assert not {"Email it to them", "Copy link"} & set(names), "nothing twice"
