"""Each post's preview card: drawn from its text, once per text, small, the size its tags say."""

from __future__ import annotations

import io
from textwrap import dedent

import pytest
from pelican.plugins.share_with.preview_card import CardText, draw_card, for_line
from PIL import Image

from tests.share_with.test_site import POSTS, local_file, post_page
from tests.support import ARTIFACTS, build_site, parse_html

SITEURL = "https://cards.example"
PAPER, INK, ACCENT = (0xFD, 0xFC, 0xF9), (0x1F, 0x23, 0x28), (0x0B, 0x6B, 0x5A)
CARD_LIMIT = 100_000
TEXT = CardText("Grow roots before branches", "For job seekers and new managers", "Give First")
POST = """
    Title: {title}
    Date: 2026-01-02 10:00
    Slug: {slug}
    Audience: job seekers, new managers, introverts
    {extra}

    Body.
"""


def test_who_it_is_for_reads_as_a_sentence():
    assert for_line("job seekers, new managers, introverts") == (
        "For job seekers, new managers and introverts"
    )
    assert for_line("job seekers") == "For job seekers"
    assert for_line(None) == for_line("") == ""


def test_the_alt_text_says_what_the_card_says():
    assert TEXT.alt == "Grow roots before branches. For job seekers and new managers."
    assert TEXT._replace(title="How can I help?").alt == (
        "How can I help? For job seekers and new managers."
    )
    assert TEXT._replace(audience="").alt == "Grow roots before branches"


def test_a_card_is_a_small_1200_by_630_png_in_the_theme_palette():
    data = draw_card(TEXT)
    assert len(data) < CARD_LIMIT
    with Image.open(io.BytesIO(data)) as card:
        assert card.format == "PNG" and card.size == (1200, 630)
        colours = {colour for _, colour in card.convert("RGB").getcolors(1_000)}
    assert {PAPER, INK, ACCENT} <= colours, "the theme's paper, ink and accent"


def test_a_long_title_still_leaves_room_for_the_audience_and_the_site():
    long = TEXT._replace(title="Why the introduction you make today pays off later " * 4)
    with Image.open(io.BytesIO(draw_card(long))) as card:
        inked_rows = [y for y in range(card.height) if card.crop((80, y, 1120, y + 1)).getbbox()]
    # The site name ends above the bottom margin: nothing ran off the card.
    assert max(inked_rows) < 630 - 60


def meta_tags(soup) -> dict[str, str]:
    tags = soup.select("meta[property^='og:'], meta[name^='twitter:']")
    return {tag.get("property") or tag["name"]: tag["content"] for tag in tags}


def test_two_posts_two_cards_each_the_size_its_tags_say(site):
    cards = {}
    for source in POSTS[:2]:
        soup = post_page(site, source)
        meta = meta_tags(soup)
        card = local_file(site, meta["og:image"])
        assert meta["og:image"].startswith(f"{site.url}/share/cards/")
        assert card.stat().st_size < CARD_LIMIT
        with Image.open(card) as picture:
            assert picture.format == "PNG"
            assert picture.size == (int(meta["og:image:width"]), int(meta["og:image:height"]))
        title = soup.select_one("h1").get_text(" ", strip=True)
        assert meta["og:image:alt"].startswith(f"{title}. For ")
        assert meta["twitter:card"] == "summary_large_image"
        assert meta["twitter:image:alt"] == meta["og:image:alt"]
        assert meta.get("twitter:image", meta["og:image"]) == meta["og:image"]
        cards[source.stem] = card.read_bytes()
        ARTIFACTS.mkdir(exist_ok=True)
        artifact = ARTIFACTS / f"share_with-card-{source.stem}.png"
        artifact.write_bytes(cards[source.stem])
        print(f"preview card of {source.name}: {artifact} ({len(cards[source.stem]):,} B)")
    first, second = cards.values()
    assert first != second, "two posts, two cards"


def write_posts(folder, posts: dict[str, str]):
    folder.mkdir(exist_ok=True)
    for slug, (title, extra) in posts.items():
        text = dedent(POST).lstrip().format(title=title, slug=slug, extra=extra)
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
    return folder


def cached_cards(cache) -> dict[str, tuple[int, int]]:
    """Each card in the cache, with what a redrawn card would change: inode and mtime."""
    return {
        path.name: (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in (cache / "share_with-cards").glob("*.png")
    }


def og(output, slug: str) -> dict[str, str]:
    return meta_tags(parse_html(output / slug / "index.html"))


def test_cards_are_drawn_once_and_again_only_when_their_text_changes(tmp_path):
    content, cache = tmp_path / "content", tmp_path / "cache"
    posts = {"roots": ("Grow roots first", ""), "ask": ("Ask how you can help", "")}
    write_posts(content, posts)
    build_site(tmp_path / "first", siteurl=SITEURL, content=content, cache=cache)
    drawn = cached_cards(cache)
    assert len(drawn) == 2
    build_site(tmp_path / "second", siteurl=SITEURL, content=content, cache=cache)
    assert cached_cards(cache) == drawn, "a build with the same text drew nothing"
    for slug in posts:
        assert og(tmp_path / "second", slug) == og(tmp_path / "first", slug)
        card = local_file_in(tmp_path / "second", og(tmp_path / "second", slug)["og:image"])
        assert card.name in drawn and card.stat().st_size > 0

    write_posts(content, {"roots": ("Grow roots before branches", "")})
    build_site(tmp_path / "third", siteurl=SITEURL, content=content, cache=cache)
    now = cached_cards(cache)
    assert len(now) == 3 and {name: now[name] for name in drawn} == drawn, "only one new card"
    retitled = og(tmp_path / "third", "roots")
    assert retitled["og:image"] != og(tmp_path / "first", "roots")["og:image"]
    assert retitled["og:image:alt"].startswith("Grow roots before branches. ")
    assert og(tmp_path / "third", "ask")["og:image"] == og(tmp_path / "first", "ask")["og:image"]


def local_file_in(output, url: str):
    return output / url.removeprefix(SITEURL + "/")


@pytest.fixture(scope="module")
def cards_off_or_own_image(tmp_path_factory):
    root = tmp_path_factory.mktemp("cards-off")
    content = write_posts(root / "content", {"plain": ("Grow roots first", "Image: card.png")})
    Image.new("RGB", (800, 418), "teal").save(content / "card.png")
    write_posts(content, {"other": ("Ask how you can help", "")})
    build_site(root / "on", siteurl=SITEURL, content=content, cache=root / "cache-on")
    build_site(
        root / "off",
        siteurl=SITEURL,
        content=content,
        cache=root / "cache-off",
        extra_settings={"SHARE_WITH_PREVIEW_CARDS": False},
    )
    return root


def test_a_post_with_its_own_image_keeps_it(cards_off_or_own_image):
    meta = og(cards_off_or_own_image / "on", "plain")
    assert meta["og:image"] == f"{SITEURL}/card.png"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("800", "418")
    assert og(cards_off_or_own_image / "on", "other")["og:image"].startswith(
        f"{SITEURL}/share/cards/"
    )


def test_cards_can_be_turned_off(cards_off_or_own_image):
    root = cards_off_or_own_image
    meta = og(root / "off", "other")
    assert meta["og:image"] == f"{SITEURL}/theme/img/give-first-card.png"
    assert not (root / "off" / "share" / "cards").exists()
    assert not (root / "cache-off" / "share_with-cards").exists()
