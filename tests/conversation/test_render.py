"""From the data folder to a post's conversation: matching by path, date order across time
zones, the deny list and the hide switch."""

from __future__ import annotations

from types import SimpleNamespace

from pelican.plugins.conversation.render import Site
from pelican.plugins.conversation.settings import ConversationSettings

POST = SimpleNamespace(url="a-post/", slug="a-post", title="A post", metadata={})


def mention(id: str, **fields) -> dict:
    return {
        "id": id,
        "kind": "reply",
        "target": "/a-post/",
        "url": f"https://{id}.example/reply",
        "author": id.capitalize(),
        "author_url": None,
        "published": None,
        "html": "<p>Hi</p>",
        **fields,
    }


def site(received: list[dict], **settings) -> Site:
    values = {"SITEURL": "http://127.0.0.1:8000", **settings}
    options = ConversationSettings.from_settings(values)
    return Site(options, values, received=received, emailed={}, titles={})


def authors(conversation) -> list[str]:
    return [str(reply.author) for reply in conversation.replies]


def test_mentions_of_the_public_post_show_under_the_preview_by_path():
    received = [
        mention("slash", target="/a-post/"),
        mention("bare", target="/a-post"),
        mention("index", target="/a-post/index.html"),
        mention("other", target="/another-post/"),
    ]
    assert authors(site(received).conversation(POST)) == ["Slash", "Bare", "Index"]


def test_replies_are_in_time_order_across_time_zones_undated_last():
    received = [
        mention("undated"),
        mention("paris", published="2026-06-20T18:30:00+02:00"),  # 16:30 UTC
        mention("london", published="2026-06-20T17:00:00+00:00"),
        mention("chicago", published="2026-06-19T23:00:00-05:00"),  # 04:00 UTC on the 20th
        mention("day", published="2026-06-20"),
    ]
    assert authors(site(received).conversation(POST)) == [
        "Day",
        "Chicago",
        "Paris",
        "London",
        "Undated",
    ]


def test_denied_domains_cover_subdomains_and_authors_and_hide_takes_an_address_or_an_id():
    received = [
        mention("kept"),
        mention("spam", url="https://www.spam.example/x"),
        mention("by-author", author_url="https://spam.example/me"),
        mention("lookalike", url="https://notspam.example/x"),
        mention("hidden-url"),
        mention("hidden-id"),
    ]
    shown = site(
        received,
        CONVERSATION_DENY_DOMAINS=["Spam.Example"],
        CONVERSATION_HIDE=["https://hidden-url.example/reply", "hidden-id"],
    ).conversation(POST)
    assert authors(shown) == ["Kept", "Lookalike"]
