"""One style of quotation marks and apostrophes in everything we write: curly, as the
Markdown `smarty` extension writes the posts' text. Other blogs' words (their entries on
the network and blogroll pages) are theirs and are left as they come."""

from __future__ import annotations

import re

from tests.support import html_pages, parse_html

STRAIGHT = re.compile(r"['\"]")
THEIRS = ".network-entry, .blogroll-blog__latest, .blogroll-widget ul"
ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")
# Meta tags whose content is text a reader sees (a search result, a link preview).
TEXT_META = "meta[name=description], meta[property='og:title'], meta[property='og:description']"


def our_text(soup) -> list[str]:
    for element in soup.select(f"script, style, code, pre, kbd, {THEIRS}"):
        element.decompose()
    texts = [str(node) for node in soup.find_all(string=True) if node.parent.name != "[document]"]
    texts += [meta["content"] for meta in soup.select(TEXT_META)]
    texts += [element[name] for name in ATTRIBUTES for element in soup.select(f"[{name}]")]
    return texts


def test_no_straight_quotes_or_apostrophes_in_our_words(site):
    straight = []
    for path in html_pages(site.output):
        for text in our_text(parse_html(path)):
            if STRAIGHT.search(text):
                straight.append(f"{path.relative_to(site.output)}: {' '.join(text.split())[:80]}")
    assert straight == []


def test_the_check_sees_a_straight_apostrophe(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<p title="ok">Other people\'s blogs</p><code>x = "y"</code>')
    assert [text for text in our_text(parse_html(page)) if STRAIGHT.search(text)] == [
        "Other people's blogs"
    ]
