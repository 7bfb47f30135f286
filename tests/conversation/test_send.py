"""Sending for real: sites built as `make publish` builds them, targets and receivers on
127.0.0.1, and what the receivers got.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from pelican.plugins.blogroll.fetch import Fetcher
from pelican.plugins.conversation.addresses import public_socket
from pelican.plugins.conversation.links import NotPublished
from pelican.plugins.conversation.outbox import ACCEPTED, FAILED, NO_ENDPOINT, REFUSED
from pelican.plugins.conversation.send import send
from pelican.plugins.conversation.settings import limits as limits_for

from tests.conversation.helpers import (
    FAST,
    PUBLIC,
    build_public,
    in_thread,
    options_and_limits,
    received,
    target_page,
    write_post,
)
from tests.conversation.webserver import stall
from tests.support import build_site, parse_html


@pytest.fixture
def site(tmp_path, web):
    """A content folder, and a `publish` that builds it and sends, as `make publish` does."""
    web.receiver("/webmention")
    folder = tmp_path

    def publish(**options):
        build_public(
            folder / "content", folder / "output", folder / "data", LOAD_CONTENT_CACHE=False
        )
        settings, limits = options_and_limits(folder / "data", **options)
        return in_thread(send, folder / "output", settings, limits)

    return folder, publish


def test_update_and_delete_are_sent_again_and_nothing_else(site, web):
    folder, publish = site
    a, b, c = (target_page(web, f"/{name}") for name in "abc")
    write_post(folder / "content", "first", f"Read [A]({a}) and [B]({b}).", day=1)
    write_post(folder / "content", "second", f"And [C]({c}), and our [first post](/first/).", day=2)
    first, second = f"{PUBLIC}/first/", f"{PUBLIC}/second/"

    run = publish()
    assert sorted(received(web)) == sorted([(first, a), (first, b), (second, c)])
    assert {answer.result for answer in run.answers} == {ACCEPTED}

    before = len(web.requests)
    run = publish()
    assert run.jobs == [] and len(web.requests) == before, "unchanged: no request at all"

    write_post(folder / "content", "first", f"Read [A]({a}). B moved on.", day=1)
    run = publish()
    assert [(job.target, job.why) for job in run.jobs] == [(a, "post changed"), (b, "link removed")]
    assert sorted(received(web)[3:]) == [(first, a), (first, b)], "B hears the link is gone"

    (folder / "content" / "second.md").unlink()
    run = publish()
    assert [(job.target, job.why) for job in run.jobs] == [(c, "post deleted")]
    assert received(web)[5:] == [(second, c)]

    assert publish().jobs == []
    sent = json.loads((folder / "data" / "sent.json").read_text())
    assert sent["posts"] == {
        first: {
            "digest": sent["posts"][first]["digest"],
            "targets": {a: {"result": ACCEPTED, "detail": "HTTP 202 Accepted",
                            "endpoint": web.url("/webmention")}},
        }
    }  # fmt: skip


def test_only_the_links_in_the_post_are_notified(site, web):
    """Not the share buttons, navigation or blogroll widget around it (they link out too)."""
    folder, publish = site
    a = target_page(web, "/a")
    write_post(folder / "content", "only", f"Just [one link]({a}).")
    run = publish()
    assert [job.target for job in run.jobs] == [a]
    [asked] = web.seen("/a")
    assert asked.headers["accept"].startswith("text/html"), "the page, not a feed"
    page = parse_html(folder / "output" / "only" / "index.html")
    outside = {link["href"] for link in page.select("a[href^=http]")} - {a}
    assert any(not href.startswith(PUBLIC) for href in outside), "the page links out elsewhere"


def test_every_answer_is_reported_and_only_failures_are_retried(site, web, servers):
    folder, publish = site
    other = servers()
    gone = web.page("/gone", "gone", status=404)
    plain = web.page("/plain", "<!DOCTYPE html><title>No endpoint</title><p>Hi</p>")
    refuses = other.page("/refuses", '<link rel="webmention" href="/no">')
    other.receiver("/no", status=400, body=b"source does not link to target")
    broken = other.page("/broken", '<link rel="webmention" href="/down">')
    other.receiver("/down", status=503)
    slow = other.page("/slow", '<link rel="webmention" href="/stall">')
    other.route("POST", "/stall", stall)
    links = " ".join(f"[{n}]({url})" for n, url in enumerate([gone, plain, refuses, broken, slow]))
    write_post(folder / "content", "mixed", links)

    run = publish()
    answers = {answer.target: (answer.result, answer.detail) for answer in run.answers}
    assert answers == {
        gone: (NO_ENDPOINT, "the target answered HTTP 404 Not Found"),
        plain: (NO_ENDPOINT, "the target advertises no endpoint"),
        refuses: (REFUSED, "HTTP 400 Bad Request"),
        broken: (FAILED, "HTTP 503 Service Unavailable"),
        slow: (FAILED, "the server went silent for 1 s"),  # BLOGROLL_READ_TIMEOUT
    }
    run = publish()
    assert sorted((job.target, job.why) for job in run.jobs) == sorted(
        [(broken, "retry"), (slow, "retry")]
    )


def test_private_addresses_are_refused_unless_allowed(site, web):
    folder, publish = site
    by_number = target_page(web, "/a")
    by_name = by_number.replace("127.0.0.1", "localhost")
    write_post(folder / "content", "local", f"[A]({by_number}) and [B]({by_name}).")
    run = publish(WEBMENTION_ALLOW_PRIVATE=False)
    assert [(answer.result, answer.detail) for answer in run.answers] == [
        (REFUSED, "127.0.0.1 is a loopback or private address; Webmentions go only to public ones"),
        (REFUSED, "localhost is a loopback or private address; Webmentions go only to public ones"),
    ]
    assert web.requests == [], "not one request reached the server"


def test_a_name_that_resolves_to_a_private_address_is_refused_as_it_connects(web):
    """The check on each socket catches what a look at the address cannot: a name (or a
    redirect) that leads to 127.0.0.1, as `send` fetches and posts without the allowance."""
    page = target_page(web, "/a")
    limits = limits_for({"SITEURL": PUBLIC, **FAST})

    async def fetch():
        async with Fetcher(limits, socket_factory=public_socket) as fetcher:
            return await fetcher.get(page), await fetcher.post(page, {"source": "s"})

    got, posted = in_thread(asyncio.run, fetch())
    for fetched in (got, posted):
        assert "127.0.0.1 is a loopback or private address" in fetched.error
    assert web.requests == []


def test_a_preview_build_is_never_sent_from(tmp_path, web):
    a = target_page(web, "/a")
    write_post(tmp_path / "content", "post", f"[A]({a})")
    build_site(tmp_path / "output", siteurl="http://127.0.0.1:8000", content=tmp_path / "content")
    options, limits = options_and_limits(tmp_path / "data")
    with pytest.raises(NotPublished, match=r"was built for http://127\.0\.0\.1:8000, not for"):
        in_thread(send, tmp_path / "output", options, limits)
    local, _ = options_and_limits(
        tmp_path / "data", SITEURL="http://127.0.0.1:8000", WEBMENTION_ALLOW_PRIVATE=False
    )
    with pytest.raises(NotPublished, match="not a public address"):
        in_thread(send, tmp_path / "output", local, limits)
    assert web.requests == [] and not (tmp_path / "data").exists()


def test_a_dry_run_lists_and_sends_nothing(site, web):
    folder, _ = site
    a = target_page(web, "/a")
    write_post(folder / "content", "post", f"[A]({a})")
    build_public(folder / "content", folder / "output", folder / "data")
    options, limits = options_and_limits(folder / "data")
    run = in_thread(send, folder / "output", options, limits, dry_run=True)
    assert [(job.source, job.target, job.why) for job in run.jobs] == [
        (f"{PUBLIC}/post/", a, "new post")
    ]
    assert run.answers == [] and web.requests == [] and not (folder / "data").exists()


def test_a_reply_names_the_post_it_replies_to_and_notifies_it(site, web):
    folder, publish = site
    original = target_page(web, "/original", title="Why I <em>still</em> write letters")
    write_post(folder / "content", "reply", "Letters, yes.\n", meta=f"In_reply_to: {original}\n")
    run = publish()
    assert received(web) == [(f"{PUBLIC}/reply/", original)]

    def context():
        page = parse_html(folder / "output" / "reply" / "index.html")
        link = page.select_one("article.h-entry .reply-context a.u-in-reply-to")
        return link.parent.get_text(" ", strip=True), link["href"]

    # Built before the title was read: the address stands in.
    assert context() == ("In reply to 127.0.0.1/original", original)
    assert run.answers[0].title == "Why I still write letters"
    publish()
    assert context() == ("In reply to Why I still write letters", original)


def test_a_bad_in_reply_to_fails_the_build_naming_the_file(tmp_path):
    post = write_post(tmp_path / "content", "reply", "Hm.\n", meta="In_reply_to: ftp://x/y\n")
    with pytest.raises(AssertionError) as failure:
        build_site(tmp_path / "output", siteurl="http://127.0.0.1:9", content=tmp_path / "content")
    assert f"{post}: In_reply_to: 'ftp://x/y' is not an http(s) address" in str(failure.value)
