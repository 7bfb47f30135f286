"""sanitize: hostile feeds become safe plain data; fuzzed feeds never break that promise."""

from __future__ import annotations

import json
import time
import warnings
from datetime import UTC, datetime
from xml.sax.saxutils import escape as xml_escape

import pytest
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pelican.plugins.blogroll import sanitize
from pelican.plugins.blogroll.parse import FeedError, parse_feed

from tests.blogroll.feedserver import FIXTURES
from tests.blogroll.helpers import assert_safe_entry

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
WORDS = 12
HOSTILE = ["hostile-rss.xml", "hostile-atom.xml", "hostile.json"]


def sanitized(body: bytes, url: str = "http://feed.example/feed", words=WORDS) -> list[dict]:
    feed = parse_feed(body, url=url)
    base = sanitize.safe_url(feed.link, url) or url
    return sanitize.entries(feed.entries, feed_base=base, words=words, seen_at=NOW)


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_fixtures_come_out_safe(name):
    entries = sanitized((FIXTURES / name).read_bytes())
    assert entries
    for entry in entries:
        assert_safe_entry(entry, words=WORDS)
        for forbidden in ("<script", "onerror", "onclick", "<iframe", "<form", "<meta", "style="):
            assert forbidden not in entry["summary"].lower()


def test_hostile_rss_details():
    entries = sanitized((FIXTURES / "hostile-rss.xml").read_bytes(), words=100)
    by_id = {entry["id"].rsplit("/", 1)[-1]: entry for entry in entries}
    assert set(by_id) == {"hostile-1", "hostile-3"}  # javascript: and data: links: dropped
    first = by_id["hostile-1"]
    assert first["comments"] is None  # javascript: comments link
    assert first["title"].startswith('<script>alert("title")</script>')  # text, shown escaped
    assert by_id["hostile-3"]["published"] == NOW.isoformat()  # year 2100 clamped to "now"
    assert 'href="http://ok.hostile.example/"' in first["summary"]
    assert 'rel="nofollow noopener noreferrer ugc"' in first["summary"]


def test_hostile_atom_titles_and_authors():
    first, second = sanitized((FIXTURES / "hostile-atom.xml").read_bytes())
    assert first["title"] == '<script>alert("text-title")</script> plain text title'
    assert first["author"] == "Eve"
    assert first["comments"] is None
    assert second["title"] == "Bold html title"


def test_hostile_json_control_characters_and_protocol_relative_links():
    first, second = sanitized((FIXTURES / "hostile.json").read_bytes())
    assert first["author"] == "Trudy"
    assert 'href="http://hostile.example/protocol-relative"' in first["summary"]
    assert second["title"] == "Controlcharactersandescapes here"


@pytest.mark.parametrize(
    ("value", "base", "expected"),
    [
        ("https://ok.example/a?b=c#d", None, "https://ok.example/a?b=c#d"),
        ("  http://ok.example/\n", None, "http://ok.example/"),
        ("/relative", "https://base.example/dir/page", "https://base.example/relative"),
        ("../up", "https://base.example/dir/page", "https://base.example/up"),
        ("//other.example/x", "https://base.example/", "https://other.example/x"),
        ("javascript:alert(1)", "https://base.example/", None),
        ("JAVASCRIPT:alert(1)", None, None),
        ("java\x00script:alert(1)", None, None),
        ("data:text/html,<script>", "https://base.example/", None),
        ("vbscript:x", None, None),
        ("file:///etc/passwd", None, None),
        ("/relative", None, None),
        ("https://", None, None),
        ("http://[::1", None, None),
        (None, None, None),
    ],
)
def test_safe_url(value, base, expected):
    assert sanitize.safe_url(value, base) == expected


@pytest.mark.parametrize(
    ("value", "is_html", "expected"),
    [
        ("<b>Bold</b> &amp; <i>it</i>", True, "Bold & it"),
        ("<script>alert(1)</script>Kept<style>p{}</style>", True, "Kept"),
        ("<script>alert(1)</script>", False, "<script>alert(1)</script>"),
        ("  many\n\tspaces\u00a0here ", False, "many spaces here"),
        ("nul\x00 bell\x07 del\x7f c1\x85 nonchar\ufffe", False, "nul bell del c1 nonchar"),
    ],
)
def test_plain_text(value, is_html, expected):
    assert sanitize.plain_text(value, is_html=is_html, limit=200) == expected


def test_plain_text_is_cut_on_a_word_boundary():
    assert sanitize.plain_text("one two three four", is_html=False, limit=12) == "one two…"
    assert sanitize.plain_text("short", is_html=False, limit=12) == "short"
    assert sanitize.plain_text("x" * 30, is_html=False, limit=10) == "x" * 9 + "…"


@pytest.mark.parametrize(
    ("value", "words", "expected"),
    [
        ("<p>one <b>two three</b> four</p>", 2, "<p>one <b>two …</b></p>"),
        ("<p>one two</p>", 2, "<p>one two</p>"),
        ("a &lt;b&gt; c", 5, "a &lt;b&gt; c"),
        ("! ! ! ! !", 2, "! ! …"),
        ("<p></p><script>x</script>", 5, ""),
        ("<ul><li>item</li></ul><pre>code</pre><h1>Big</h1>", 5, "item code Big"),
    ],
)
def test_summary_html_is_allowlisted_and_cut(value, words, expected):
    assert sanitize.summary_html(value, is_html=True, base=None, words=words) == expected


def test_plain_text_summaries_are_escaped_not_parsed():
    html = sanitize.summary_html("<b>not bold</b>", is_html=False, base=None, words=9)
    assert html == "&lt;b&gt;not bold&lt;/b&gt;"


def test_summary_length_is_bounded_even_without_spaces():
    html = sanitize.summary_html("x" * 10_000, is_html=False, base=None, words=4)
    assert len(html) <= 4 * sanitize.CHARACTERS_PER_WORD + 1


def test_deeply_nested_markup_costs_little_and_comes_out_safe():
    """About 2 MB: 100,000 nested elements, then thousands of unclosed inline tags. The
    HTML parser's time grows with the square of the depth (minutes for this); past the
    limits, tags reach it as text."""
    markup = '<div class="nest">' * 100_000 + "<b>" * 5_000 + "deep"
    started = time.thread_time()  # CPU time: a busy machine does not stretch it
    summary = sanitize.summary_html(markup, is_html=True, base=None, words=WORDS)
    title = sanitize.plain_text(markup, is_html=True, limit=sanitize.TITLE_CHARACTERS)
    assert time.thread_time() - started < 10
    entry = {"link": "http://x.example/", "comments": None, "author": None}
    assert_safe_entry({**entry, "title": title, "summary": summary}, words=WORDS)


def test_tags_past_the_depth_limit_are_shown_as_text():
    summary = sanitize.summary_html("<b>" * 1_000 + "deep", is_html=True, base=None, words=5)
    assert summary.count("<b>") == summary.count("</b>") == sanitize.MAX_DEPTH
    assert "&lt;b&gt;&lt;b&gt;" in summary


def test_markup_within_the_limits_is_left_as_it_is():
    depth = sanitize.MAX_DEPTH - 2  # the paragraph and its bold text make it MAX_DEPTH
    article = "<div>" * depth + "<p>A <b>word</b><br></p>" * 900 + "</div>" * depth
    assert sanitize.bounded_markup(article) == article


def forbidden(code_point: int) -> bool:
    """What HTML and XML 1.0 forbid in a document: controls other than tab, newline and
    carriage return, surrogates, and noncharacters."""
    return (
        (code_point < 0x20 and code_point not in (0x09, 0x0A, 0x0D))
        or 0x7F <= code_point <= 0x9F
        or 0xD800 <= code_point <= 0xDFFF
        or 0xFDD0 <= code_point <= 0xFDEF
        or code_point & 0xFFFE == 0xFFFE
    )


def test_forbidden_characters_are_exactly_controls_surrogates_and_noncharacters():
    every = "".join(map(chr, range(0x110000)))
    kept = sanitize.FORBIDDEN_CHARACTERS.sub("", every)
    assert kept == "".join(c for c in every if not forbidden(ord(c)))


def test_character_references_cannot_bring_forbidden_characters_back():
    summary = sanitize.summary_html(
        'a&#x1;b &#xFFFE;c &#127;d <abbr title="x&#x1;y">e&#xFDD0;</abbr>',
        is_html=True,
        base=None,
        words=20,
    )
    assert summary == 'ab c d <abbr title="xy">e</abbr>'
    assert not any(forbidden(ord(c)) for c in summary)


def text_of(summary: str) -> str:
    with warnings.catch_warnings():  # a summary that is just a URL is fine
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return " ".join(BeautifulSoup(summary, "html.parser").get_text().split())


def start_tags(summary: str) -> list[str]:
    return [tag.name for tag in BeautifulSoup(summary, "html.parser").find_all(True)]


SUMMARY_PIECES = st.sampled_from(
    [" ", "\n", "  ", "\u00a0", "&amp;", "&lt;", "&nbsp;", "word", "a", "x" * 40, "y" * 70, "é",
     "<b>", "</b>", "<i>", "</i>", "<p>", "</p>", "<br>", "<li>", "</li>", "</a>", "</abbr>",
     "<a href='http://ok.example/'>", "<abbr title='a > b'>", "<script>x y</script>", "<!-- c -->"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.one_of(SUMMARY_PIECES, st.text(max_size=12)), max_size=40),
    words=st.integers(1, 8),
)
def test_a_cut_summary_is_the_start_of_the_whole_one(pieces, words):
    value = "".join(pieces)
    whole = sanitize.summary_html(value, is_html=True, base=None, words=10_000)
    cut = sanitize.summary_html(value, is_html=True, base=None, words=words)
    whole_text, cut_text = text_of(whole), text_of(cut)
    if cut == whole:
        assert len(whole_text.split()) <= words
        return
    assert cut_text.endswith(sanitize.ELLIPSIS)
    kept = cut_text.removesuffix(sanitize.ELLIPSIS).rstrip()
    assert whole_text.startswith(kept)
    assert len(kept.split()) <= words
    assert len(kept) <= words * sanitize.CHARACTERS_PER_WORD
    assert start_tags(cut) == start_tags(whole)[: len(start_tags(cut))]


# --- fuzzing ------------------------------------------------------------------------------

SNIPPETS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    "<a href='javascript:x'>", "<a href=\"", "data:text/html,<script>", "<iframe src=//e>",
    "<style>*{}</style>", "<meta http-equiv=refresh content='0;url=http://e/'>", "<form>",
    "<object data=x>", "<svg onload=x>", "</p>", "<p", "<![CDATA[", "]]>", "&lt;script&gt;",
    "&#x6a;avascript:", "&amp;", "&nbsp;", "&lol;", "<!--", "-->", "<!DOCTYPE x [",
    "<!ENTITY e 'x'>", "\x00", "\ud800", "\ufffe", "\u202e", " ", "\n", "http://ok.example/",
    "/relative", "//proto.example/", "<b>", "</a>", "<br/>", "\u00e9", "\U0001f600", "&#x1;",
    "&#xfffe;",
]  # fmt: skip
fuzz_text = st.lists(st.one_of(st.text(max_size=30), st.sampled_from(SNIPPETS)), max_size=10).map(
    "".join
)
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(body: bytes) -> None:
    """Whatever the bytes, parse+sanitize either refuses them or yields only safe data."""
    try:
        entries = sanitized(body)
    except FeedError:
        return
    for entry in entries:
        assert_safe_entry(entry, words=WORDS)


@FUZZ
@given(title=fuzz_text, link=fuzz_text, summary=fuzz_text, cdata=st.booleans())
def test_fuzzed_rss(title, link, summary, cdata):
    body = (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>t</title>"
        f"<item><title>{xml_escape(title)}</title><link>{xml_escape(link)}</link>"
        f"<comments>{xml_escape(link)}</comments><guid>{xml_escape(title)}</guid>"
        f"<description>{f'<![CDATA[{summary}]]>' if cdata else xml_escape(summary)}</description>"
        f"</item></channel></rss>"
    )
    check(body.encode("utf-8", "surrogatepass"))


@FUZZ
@given(
    title=fuzz_text,
    link=fuzz_text,
    content=fuzz_text,
    kind=st.sampled_from(["text", "html", "xhtml"]),
    raw=st.booleans(),
)
def test_fuzzed_atom(title, link, content, kind, raw):
    inner = content if raw else xml_escape(content)
    if kind == "xhtml":
        inner = f"<div xmlns='http://www.w3.org/1999/xhtml'>{inner}</div>"
    body = (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>f</title><entry><title type='{kind}'>{xml_escape(title)}</title>"
        f"<link rel='alternate' href='{xml_escape(link, {chr(39): '&apos;'})}'/>"
        f"<link rel='replies' type='text/html' href='{xml_escape(link, {chr(39): '&apos;'})}'/>"
        f"<id>urn:x</id><author><name>{xml_escape(title)}</name></author>"
        f"<content type='{kind}'>{inner}</content></entry></feed>"
    )
    check(body.encode("utf-8", "surrogatepass"))


JSON_FEED_ITEM_FIELDS = (
    "id", "url", "external_url", "title", "summary", "content_html", "content_text",
    "date_published", "date_modified",
)  # fmt: skip
json_value = st.one_of(
    fuzz_text, st.integers(), st.none(), st.booleans(), st.lists(fuzz_text, max_size=2)
)


@FUZZ
@given(
    item=st.fixed_dictionaries(
        {},
        optional=dict.fromkeys(JSON_FEED_ITEM_FIELDS, json_value),
    ),
    home=json_value,
    authors=st.lists(st.fixed_dictionaries({"name": json_value}), max_size=2),
)
def test_fuzzed_json_feed(item, home, authors):
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "j",
        "home_page_url": home,
        "items": [{**item, "authors": authors}],
    }
    check(json.dumps(feed).encode("utf-8", "surrogatepass"))


@FUZZ
@given(
    prefix=st.sampled_from(
        [b"", b"<?xml version='1.0'?>", b"<rss version='2.0'>", b"{", b"\xff\xfe"]
    ),
    body=st.binary(max_size=600),
)
def test_fuzzed_bytes(prefix, body):
    check(prefix + body)
