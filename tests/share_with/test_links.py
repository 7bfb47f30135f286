"""URL building, tested alone: every target, nasty titles, long summaries, RFC 6068 mail links."""

from __future__ import annotations

import string
from urllib.parse import parse_qsl, quote, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape
from pelican.plugins.share_with.links import ShareLink, ShareLinks, links, percent
from pelican.plugins.share_with.targets import CATALOGUE

from tests.share_with.helpers import SITEURL, FakeArticle, make_settings

ALL_TARGETS = [target.name for target in CATALOGUE]
TEMPLATES = {target.name: target.url for target in CATALOGUE}
# (title as written in a post, the text a reader sees)
NASTY_TITLES = [
    ("Q&A: who should I ask?", "Q&A: who should I ask?"),
    ('The "best" #1 tip, 100% free', 'The "best" #1 tip, 100% free'),
    ("Don't be 'that' person; a+b=c / d\\e", "Don't be 'that' person; a+b=c / d\\e"),
    ("Emoji 🚀 and a family 👩‍👩‍👧 (ZWJ) ✓", "Emoji 🚀 and a family 👩‍👩‍👧 (ZWJ) ✓"),
    ("日本語のタイトル：人脈づくり", "日本語のタイトル：人脈づくり"),
    ("Привет, мир — נטוורקינג בעברית", "Привет, мир — נטוורקינג בעברית"),
    ("<em>Markup</em> &amp; entities &lt;here&gt;", "Markup & entities <here>"),
    ("Line\nbreaks\tand   spaces", "Line breaks and spaces"),
]


def field_names(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def decoded_values(url: str) -> list[str]:
    """Every query value, decoded strictly as percent-encoding ('+' stays '+')."""
    query = urlsplit(url).query
    return [unquote(pair.partition("=")[2]) for pair in query.split("&") if pair]


def all_links(article: FakeArticle, **settings) -> dict[str, ShareLink]:
    result = links(article, make_settings(SHARE_WITH_TARGETS=ALL_TARGETS, **settings))
    return {link.name: link for link in result}


@pytest.mark.parametrize(("title", "plain"), NASTY_TITLES)
def test_every_target_url_parses_and_carries_the_encoded_canonical_url(title, plain):
    article = FakeArticle(title=title, slug="nasty")
    canonical = f"{SITEURL}/nasty/"
    result = all_links(article)
    assert list(result) == ALL_TARGETS
    for name, link in result.items():
        url = link.url
        parts = urlsplit(url)
        assert url.isascii() and " " not in url and "\n" not in url, name
        assert parts.scheme in {"https", "mailto", "sms", "viber"}, name
        fields = field_names(TEMPLATES[name])
        values = decoded_values(url)
        # A title's '&', '#' and '?' never break the URL apart.
        assert len(values) == len(parse_qsl(urlsplit(TEMPLATES[name]).query)), name
        if name != "fediverse":
            assert parts.fragment == "", name
        if fields & {"url", "post", "body"}:
            assert any(canonical in value for value in values), name
            assert percent(canonical) in url, name
        if "url" in fields:
            assert canonical in values, name
        if fields & {"title", "post", "subject"}:
            assert any(plain in value for value in values), name
        if name in {"copy", "native"}:
            assert url == canonical


def test_percent_encoding_follows_rfc_3986():
    assert percent("a b&c=d#e?f+g/h~i_j.k-l") == "a%20b%26c%3Dd%23e%3Ff%2Bg%2Fh~i_j.k-l"
    assert percent("é🚀") == "%C3%A9%F0%9F%9A%80"
    assert percent("100% at %20") == "100%25%20at%20%2520"  # "%" first: no escape escaped
    assert percent("plain-words_only.~") == "plain-words_only.~"


# Heavy in "%", the characters of escapes and multi-byte characters, then anything else.
TO_ENCODE = st.one_of(st.sampled_from(list("%20Aé🚀 ")), st.characters(exclude_categories=["Cs"]))


@given(st.text(alphabet=TO_ENCODE))
def test_percent_encoding_is_what_the_standard_library_does(text):
    assert percent(text) == quote(text, safe="")
    assert unquote(percent(text)) == text


def test_email_link_follows_rfc_6068():
    article = FakeArticle(title="Q&A + more", summary="<p>Short summary.</p>")
    (email,) = links(article, make_settings(SHARE_WITH_TARGETS=["email"]))
    url = email.url
    assert url.startswith("mailto:?subject=")
    assert "+" not in url and "%20" in url, "spaces must be %20, never '+'"
    assert "%0A" not in url.replace("%0D%0A", ""), "line breaks must be CRLF"
    query = dict(pair.split("=", 1) for pair in urlsplit(url).query.split("&"))
    assert set(query) == {"subject", "body"}
    assert unquote(query["subject"]) == "Q&A + more"
    body = unquote(query["body"]).split("\r\n")
    assert body[0] == "I thought of you when I read this, and I think you will find it useful."
    assert "Q&A + more" in body and "Short summary." in body
    assert body[-1] == f"{SITEURL}/grow-roots-before-branches/"


def test_a_post_can_bring_its_own_note_and_the_site_its_own_wording():
    mine = FakeArticle(metadata={"share_note": "  Made me think of\nour chat last week. "})
    theirs = FakeArticle()
    settings = make_settings(
        SHARE_WITH_TARGETS=["email"], SHARE_WITH_NOTE="Saw “{title}” on {site}."
    )
    own_body = unquote(links(mine, settings)[0].url.split("body=")[1])
    site_body = unquote(links(theirs, settings)[0].url.split("body=")[1])
    assert own_body.startswith("Made me think of our chat last week.\r\n")
    assert site_body.startswith("Saw “Grow roots before branches” on Give First.\r\n")


def test_urls_are_absolute_under_local_preview_too():
    settings = make_settings(SITEURL="http://127.0.0.1:8000", SHARE_WITH_TARGETS=ALL_TARGETS)
    for link in links(FakeArticle(), settings):
        values = [link.url, *decoded_values(link.url)]
        assert any(
            "http://127.0.0.1:8000/grow-roots-before-branches/" in value for value in values
        ), link.name


def test_order_and_selection_follow_the_setting():
    chosen = ["sms", "copy", "pinterest", "email"]
    assert [
        link.name for link in links(FakeArticle(), make_settings(SHARE_WITH_TARGETS=chosen))
    ] == chosen


def test_no_tracking_parameters_unless_asked():
    plain = all_links(FakeArticle())
    assert not any("utm_" in unquote(link.url) for link in plain.values())

    tagged = all_links(FakeArticle(), SHARE_WITH_UTM=True)
    for name, link in tagged.items():
        shared = f"{SITEURL}/grow-roots-before-branches/?utm_source={name}&utm_medium=share"
        assert any(shared in value for value in [link.url, *decoded_values(link.url)]), name

    custom = all_links(FakeArticle(), SHARE_WITH_UTM={"ref": "{target}-button"})
    assert unquote(custom["linkedin"].url).endswith(
        "/grow-roots-before-branches/?ref=linkedin-button"
    )


def test_long_summaries_are_cut_on_a_word_boundary_in_shared_text():
    words = " ".join(f"word{n}" for n in range(200))
    article = FakeArticle(summary=f"<p>{words}</p>")
    tumblr = links(
        article, make_settings(SHARE_WITH_TARGETS=["tumblr"], SHARE_WITH_SUMMARY_LENGTH=60)
    )
    caption = dict(parse_qsl(urlsplit(tumblr[0].url).query))["caption"]
    assert len(caption) <= 60 and caption.endswith("…")
    assert words.startswith(caption[:-1]) and words[len(caption) - 1] == " "


def test_pinterest_gets_the_social_image():
    article = FakeArticle(social_image={"url": f"{SITEURL}/images/card.png"})
    (pin,) = links(article, make_settings(SHARE_WITH_TARGETS=["pinterest"]))
    assert dict(parse_qsl(urlsplit(pin.url).query))["media"] == f"{SITEURL}/images/card.png"


@pytest.mark.parametrize(
    ("siteurl", "sprite"),
    [(SITEURL, "/share/icons.svg"), ("https://example.org/blog/", "/blog/share/icons.svg")],
)
def test_every_icon_is_its_own_symbol_in_the_sprite_on_the_pages_origin(siteurl, sprite):
    for link in links(
        FakeArticle(), make_settings(SITEURL=siteurl, SHARE_WITH_TARGETS=ALL_TARGETS)
    ):
        assert link.icon == f"{sprite}#{link.name}"


def test_texts_for_the_fediverse_page_follow_the_post_text_setting():
    result = all_links(
        FakeArticle(title="A &amp; B"), SHARE_WITH_POST_TEXT="{title}: {summary} {url}"
    )
    expected = f"A & B: Why a good network grows slowly. {SITEURL}/grow-roots-before-branches/"
    assert {link.text for link in result.values()} == {expected}
    assert unquote(result["fediverse"].url.split("text=")[1].split("#")[0]) == expected


def test_a_site_adds_a_target_with_data_only():
    extra = {
        "name": "mailing-list",
        "label": "Our list",
        "url": "https://lists.example/submit?link={url}&subject={title}",
        "prefix": "Send to",
    }
    (link,) = links(
        FakeArticle(title="A & B"),
        make_settings(SHARE_WITH_EXTRA_TARGETS=[extra], SHARE_WITH_TARGETS=["mailing-list"]),
    )
    assert link.label == "Our list" and link.prefix == "Send to"
    assert dict(parse_qsl(urlsplit(link.url).query)) == {
        "link": f"{SITEURL}/grow-roots-before-branches/",
        "subject": "A & B",
    }
    assert link.icon.endswith("#mailing-list")


def test_links_for_the_page_are_the_plain_links_escaped_for_html():
    settings = make_settings(SHARE_WITH_TARGETS=ALL_TARGETS, SHARE_WITH_UTM=True)
    article = FakeArticle(title='First "title" & <more>')
    shown = ShareLinks(settings, html=True)(article)
    plain = links(article, settings)
    assert len(shown) == len(plain) == len(ALL_TARGETS)
    for html_link, plain_link in zip(shown, plain, strict=True):
        for value, expected in zip(html_link, plain_link, strict=True):
            assert value == (None if expected is None else escape(expected))
            assert value is None or isinstance(value, Markup)
