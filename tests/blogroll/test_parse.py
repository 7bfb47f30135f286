"""parse: every feed format and encoding, malformed input, and XML entity attacks."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime

import feedparser
import pytest
from pelican.plugins.blogroll import sanitize
from pelican.plugins.blogroll.parse import FeedError, parse_feed, prepare_xml

from tests.blogroll import feedserver as respond
from tests.blogroll.feedserver import CONTENT_TYPES, FIXTURES

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def read(name: str, *, url: str | None = None, content_type: str | None = None):
    path = FIXTURES / name
    return parse_feed(
        path.read_bytes(),
        url=url or f"http://fixtures.example/{name}",
        content_type=CONTENT_TYPES.get(path.suffix, "") if content_type is None else content_type,
    )


def safe_entries(feed, url: str = "http://fixtures.example/feed") -> list[dict]:
    base = sanitize.safe_url(feed.link, url) or url
    return sanitize.entries(feed.entries, feed_base=base, words=40, seen_at=NOW)


@pytest.mark.parametrize(
    ("name", "version", "title", "first_link", "first_date"),
    [
        ("rss091.xml", "RSS 0.91", "RSS 0.91 entry one", "http://rss091.example/one", None),
        ("rss092.xml", "RSS 0.92", "RSS 0.92 entry one", "http://rss092.example/one", None),
        ("rss10.rdf", "RSS 1.0", "RSS 1.0 entry one", "http://rss10.example/one", "2026-10-02"),
        (
            "rss20.xml",
            "RSS 2.0",
            "RSS 2.0 entry one",
            "http://rss20.example/2026/11/one/",
            "2026-11-20",
        ),
        ("atom03.xml", "Atom 0.3", "Atom 0.3 entry one", "http://atom03.example/one", "2026-09-01"),
        (
            "atom10.xml",
            "Atom 1.0",
            "Atom 1.0 entry one",
            "http://atom10.example/blog/posts/one/",
            "2026-11-21",
        ),
        (
            "jsonfeed11.json",
            "JSON Feed 1.1",
            "JSON Feed entry one",
            "http://jsonfeed.example/posts/1",
            "2026-11-22",
        ),
    ],
)
def test_every_format(name, version, title, first_link, first_date):
    feed = read(name)
    assert feed.format.startswith(version)
    first = safe_entries(feed)[0]
    assert (first["title"], first["link"]) == (title, first_link)
    assert (first["published"] or "")[:10] == (first_date or "")


@pytest.mark.parametrize(
    ("name", "content_type", "title", "summary"),
    [
        ("iso-8859-1.xml", None, "Déjà vu in the café", "Naïve façade, crème brûlée."),
        ("iso-8859-1.xml", "text/xml", "Déjà vu in the café", "Naïve façade, crème brûlée."),
        ("windows-1252.xml", None, "“Smart quotes” cost €5 — really", "It’s undeclared."),
        ("windows-1252.xml", "", "“Smart quotes” cost €5 — really", "It’s undeclared."),
        ("utf-16-bom.xml", None, "Grüße aus Köln, 東京 too", "Zwölf Boxkämpfer jagen Viktor"),
        ("utf-16-bom.xml", "application/xml; charset=utf-8", "Grüße aus Köln, 東京 too", "Zwölf"),
    ],
)
def test_declared_and_undeclared_encodings(name, content_type, title, summary):
    (entry,) = safe_entries(read(name, content_type=content_type))
    assert entry["title"] == title
    assert entry["summary"].startswith(summary)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_without_a_declared_encoding(encoding):
    text = (
        '\ufeff<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Wide</title>'
        "<item><title>Ünïcödé " + "padding " * 50 + "</title><link>http://wide.example/1</link>"
        "</item></channel></rss>"
    )
    (entry,) = safe_entries(parse_feed(text.encode(encoding), url="http://wide.example/"))
    assert entry["title"].startswith("Ünïcödé padding")


def test_duplicates_by_id_and_by_link_appear_once():
    titles = [entry["title"] for entry in safe_entries(read("rss20.xml"))]
    assert titles == ["RSS 2.0 entry one", "RSS 2.0 entry two"]


def test_comment_links_from_rss_and_atom_replies():
    rss = safe_entries(read("rss20.xml"))
    assert rss[0]["comments"] == "http://rss20.example/2026/11/one/#comments"
    assert rss[1]["comments"] is None
    atom = safe_entries(read("atom10.xml"))
    assert atom[0]["comments"] == "http://atom10.example/blog/posts/one/#comments"


def test_relative_links_resolve_against_the_right_base():
    atom = safe_entries(read("atom10.xml"))
    assert 'href="http://atom10.example/elsewhere/"' in atom[0]["summary"]
    json_entries = safe_entries(read("jsonfeed11.json"))
    assert json_entries[1]["link"] == "http://jsonfeed.example/posts/2"
    assert 'href="http://jsonfeed.example/relative"' in json_entries[0]["summary"]


def test_html_titles_become_plain_text_and_text_titles_stay_text():
    atom = safe_entries(read("atom10.xml"))
    assert atom[0]["title"] == "Atom 1.0 entry one"  # type="html": <em> removed
    json_entries = safe_entries(read("jsonfeed11.json"))
    assert json_entries[1]["summary"] == "Plain &lt;text&gt; that is not HTML."


def test_json_feed_quirks():
    feed = read("jsonfeed11.json")
    entries = safe_entries(feed)
    assert len(feed.entries) == 3  # the string item is ignored
    assert entries[1]["id"] == "2"
    assert entries[0]["author"] == "Dorothy Vaughan" and entries[1]["author"] == "Feed Author"
    assert entries[1]["published"] == "2026-11-16T05:00:00+00:00"
    assert entries[2]["published"] is None
    assert (
        entries[2]["title"] == "A micro post without any title, which should borrow its first words"
    )


def test_malformed_xml_is_recovered():
    entries = safe_entries(read("malformed.xml"))
    assert [e["title"] for e in entries] == [
        "Unclosed tags & bare ampersands",
        "Second item after the mess",
    ]
    assert entries[0]["summary"] == "<p>Never closed <b>bold</b></p>"


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        ((FIXTURES / "not-a-feed.html").read_bytes(), "text/html", "not an RSS, Atom or JSON feed"),
        (b"", "", "not an RSS, Atom or JSON feed"),
        (b'{"version": "nope", "items": []}', "application/json", "without a JSON Feed `version`"),
        (b'{"version": "https://jsonfeed.org/version/1.1"}', "", "without an `items` list"),
        (b"{not json", "application/feed+json", "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "application/json", "not valid JSON"),
    ],
)
def test_not_a_feed(body, content_type, message):
    with pytest.raises(FeedError, match=message):
        parse_feed(body, url="http://x.example/", content_type=content_type)


# --- XML entity attacks -----------------------------------------------------------------


def all_text(feed) -> str:
    entries = safe_entries(feed)
    return " ".join([feed.title] + [str(value) for entry in entries for value in entry.values()])


def test_external_entities_are_never_read_or_fetched(server):
    respond_probe = respond.status(200)
    server.route("/xxe-probe", respond_probe)
    server.route("/xxe-param-probe", respond_probe)
    body = (FIXTURES / "xxe.xml").read_bytes().replace(b"$SERVER", server.base.encode())
    feed = parse_feed(body, url=server.url("/feed"))
    text = all_text(feed)
    assert "root:" not in text and "/bin/" not in text
    assert [entry.title for entry in feed.entries] == ["XXE entry &xxe;_http;"]
    assert server.requests == []


def test_billion_laughs_is_not_expanded():
    started = time.thread_time()  # CPU time: a busy machine does not stretch it
    feed = read("billion-laughs.xml")
    assert time.thread_time() - started < 1
    assert "lollol" not in all_text(feed)
    assert len(all_text(feed)) < 1000


def quadratic_blowup(entity_length: int, references: int, *, in_comment: bool = False) -> bytes:
    declaration = f'<!ENTITY a "{"A" * entity_length}">'
    prolog = (
        f"<!--\n<!DOCTYPE x>\n{declaration}\n-->"
        if in_comment
        else (f"<!DOCTYPE rss [\n{declaration}\n]>")
    )
    return (
        f'<?xml version="1.0"?>\n{prolog}\n<rss version="2.0"><channel><title>Q</title>'
        f"<item><title>q</title><link>http://q.example/</link>"
        f"<description>{'&a;' * references}</description></item></channel></rss>"
    ).encode()


@pytest.mark.parametrize("in_comment", [False, True], ids=["in-dtd", "hidden-in-comment"])
def test_quadratic_blowup_is_defused(in_comment):
    """feedparser alone re-declares 'safe' entities and expands them in its loose parser."""
    body = quadratic_blowup(1000, 2000, in_comment=in_comment)
    alone = feedparser.parse(io.BytesIO(body))
    assert len(alone.entries[0].summary) == 2_000_000  # a 7 kB feed, a 2 MB string
    ours = parse_feed(body, url="http://q.example/")
    assert "AAAA" not in ours.entries[0].summary
    assert len(ours.entries[0].summary) < 2 * len(body)  # escaped text, not expansions


def test_quadratic_blowup_at_scale_stays_fast():
    body = quadratic_blowup(50_000, 20_000)  # feedparser alone: ~1 GB and ~40 s
    started = time.thread_time()
    feed = parse_feed(body, url="http://q.example/")
    assert time.thread_time() - started < 2
    assert len(feed.entries[0].summary) <= 3 * len(body)


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        (b'<?xml version="1.0"?>\n<rss/>', b'<?xml version="1.0"?>\n<rss/>'),
        (b'<?xml version="1.0"?><!-- c --><!DOCTYPE rss [<!ENTITY a "]>">]><rss/>', None),
        (b"\xef\xbb\xbf<!DOCTYPE rss SYSTEM 'x.dtd'><?pi <rss>?><rss/>", None),
    ],
)
def test_prepare_xml_keeps_only_the_declaration_before_the_root(body, kept):
    prepared, transcoded = prepare_xml(body)
    assert not transcoded
    if kept is not None:
        assert prepared == kept
    else:
        assert b"<!" not in prepared.split(b"<rss")[0]
        assert prepared.endswith(b"<rss/>")
