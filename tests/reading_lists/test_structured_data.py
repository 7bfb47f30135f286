"""The JSON-LD ItemList: the list's order, names and URLs, safe inside a script element."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup
from pelican.plugins.reading_lists.feed import item_list
from pelican.plugins.reading_lists.load import OutsideRead, PostItem, ReadingList
from pelican.plugins.reading_lists.resolve import resolve


def test_item_list_matches_the_entries_and_survives_html_parsing(tmp_path, make_article, settings):
    source = tmp_path / "start-here.yml"
    source.write_text("")
    tricky = OutsideRead(
        title="</script><script>alert('x')</script> & more",
        url="https://example.org/read?a=1&b=2",
        kind="article",
        note="n",
    )
    lists = [
        ReadingList(
            slug="start-here",
            title="Start here",
            summary="Seven reads.",
            items=(PostItem("a-post"), tricky),
            source=source,
        )
    ]
    [resolved] = resolve(lists, articles=[make_article("a-post")], drafts=[], settings=settings)
    script_block = f'<script type="application/ld+json">{item_list(resolved)}</script>'
    page = f"<html><head>{script_block}</head></html>"

    [script] = BeautifulSoup(page, "lxml").find_all("script")
    data = json.loads(script.string)

    assert data["@type"] == "ItemList"
    assert data["name"] == "Start here"
    assert data["description"] == "Seven reads."
    assert data["url"] == resolved.url
    assert data["numberOfItems"] == 2
    assert data["itemListElement"] == [
        {"@type": "ListItem", "position": entry.position, "name": entry.title, "url": entry.url}
        for entry in resolved.entries
    ]
    assert "</script>" not in str(item_list(resolved))
