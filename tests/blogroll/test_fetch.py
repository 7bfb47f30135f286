"""fetch: real HTTP against servers on 127.0.0.1 that behave well, slowly, or badly."""

from __future__ import annotations

import asyncio
import gzip
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pelican.plugins.blogroll.fetch import Fetched, Fetcher, retry_after_seconds
from pelican.plugins.blogroll.settings import Limits

from tests.blogroll import feedserver as respond
from tests.blogroll.feedserver import FIXTURES, LAST_MODIFIED
from tests.blogroll.helpers import run_async
from tests.support import free_port

LIMITS = Limits(
    concurrency=8,
    per_host=2,
    connect_timeout=1.0,
    read_timeout=0.5,
    request_timeout=1.5,
    deadline=8.0,
    max_bytes=256 * 1024,
    max_redirects=5,
    retry_after_wait=2.0,
    retry_after_max=24 * 60 * 60.0,
    user_agent="blogroll-tests/1.0",
)
RSS = (FIXTURES / "rss20.xml").read_bytes()


def fetch(*urls: str, limits: Limits = LIMITS, **conditional) -> list[Fetched]:
    async def run() -> list[Fetched]:
        async with Fetcher(limits) as fetcher:
            return await asyncio.gather(*(fetcher.get(url, **conditional) for url in urls))

    return run_async(run())


def timed(*urls: str, **options) -> tuple[list[Fetched], float]:
    started = time.monotonic()
    results = fetch(*urls, **options)
    return results, time.monotonic() - started


def test_gets_the_body_gzipped_with_validators(server):
    (result,) = fetch(server.route("/feed", respond.feed(RSS)))
    assert (result.status, result.error, result.body) == (200, None, RSS)
    assert result.etag and result.last_modified == LAST_MODIFIED
    assert result.content_type == "application/rss+xml"
    (request,) = server.seen("/feed")
    assert "gzip" in request.headers["accept-encoding"]
    assert request.headers["user-agent"] == "blogroll-tests/1.0"
    assert "application/atom+xml" in request.headers["accept"]


@pytest.mark.parametrize("validator", ["etag", "last_modified"])
def test_conditional_get_costs_a_304_and_no_body(server, validator):
    url = server.route("/feed", respond.feed(RSS))
    (first,) = fetch(url)
    (second,) = fetch(url, **{validator: getattr(first, validator)})
    assert (second.status, second.body, second.error) == (304, b"", None)
    header = {"etag": "if-none-match", "last_modified": "if-modified-since"}[validator]
    assert server.seen("/feed")[1].headers[header] == getattr(first, validator)


def test_unusable_validators_are_not_sent(server):
    url = server.route("/feed", respond.feed(RSS))
    (result,) = fetch(url, etag='"bad\r\nInjected: yes"', last_modified="é" * 10)
    assert result.status == 200
    headers = server.seen("/feed")[0].headers
    assert "if-none-match" not in headers and "injected" not in headers
    assert "if-modified-since" not in headers


@pytest.mark.parametrize(
    "responder",
    [
        respond.huge(64 * 1024 * 1024),
        respond.huge(64 * 1024 * 1024, declare=False),
        respond.endless(),
        respond.gzip_bomb(64 * 1024 * 1024),
    ],
    ids=["declared-huge", "undeclared-huge", "endless-chunked", "gzip-bomb"],
)
def test_big_bodies_stop_at_the_cap(server, responder):
    (result,) = fetch(server.route("/big", responder))
    assert result.body == b""
    assert result.error == "response larger than 256 KiB (BLOGROLL_MAX_BYTES): stopped reading"


def test_a_silent_server_hits_the_read_timeout(server):
    (result,), seconds = timed(server.route("/stall", respond.stall()))
    assert result.error == "the server went silent for 0.5 s"
    assert seconds > 0.4


def test_a_dripping_server_hits_the_request_timeout(server):
    (result,), seconds = timed(server.route("/drip", respond.drip(0.1)))
    assert result.error == "no complete answer within 1.5 s"
    assert seconds > 1.4


def test_connection_refused_is_reported():
    (result,) = fetch(f"http://127.0.0.1:{free_port()}/feed")
    assert result.status is None and result.error.startswith("could not connect")


def test_the_overall_deadline_ends_everything(servers):
    limits = Limits(**{**LIMITS.__dict__, "deadline": 1.0, "read_timeout": 5.0})
    urls = [servers().route("/stall", respond.stall()) for _ in range(3)]
    results, seconds = timed(*urls, limits=limits)
    assert [r.error for r in results] == ["refresh deadline reached (1 s)"] * 3
    assert seconds >= 1


def test_redirect_loops_are_detected(server):
    server.route("/a", respond.redirect(302, "/b"))
    server.route("/b", respond.redirect(301, server.url("/a")))
    (result,) = fetch(server.url("/a"))
    assert result.error == (
        f"redirect loop: {server.url('/a')} → {server.url('/b')} → {server.url('/a')}"
    )
    assert len(server.requests) == 2


def test_redirects_are_capped(server):
    for hop in range(8):
        server.route(f"/{hop}", respond.redirect(307, f"/{hop + 1}"))
    (result,) = fetch(server.url("/0"))
    assert result.error.startswith("more than 5 redirects: ")
    assert len(server.requests) == 6


@pytest.mark.parametrize("location", ["ftp://127.0.0.1/feed", "", "http://[::1", "javascript:x"])
def test_redirect_to_an_unusable_address_is_refused(server, location):
    (result,) = fetch(server.route("/bad", respond.redirect(301, location)))
    assert result.body == b""
    assert result.error == f"HTTP 301 redirect to an unusable address {location!r}"


@pytest.mark.parametrize(
    ("codes", "moved"),
    [((301, 308), "/2"), ((308, 302), "/1"), ((302, 301), None)],
)
def test_only_an_unbroken_chain_of_permanent_redirects_counts_as_a_move(server, codes, moved):
    server.route("/0", respond.redirect(codes[0], "/1"))
    server.route("/1", respond.redirect(codes[1], "/2"))
    server.route("/2", respond.feed(RSS))
    (result,) = fetch(server.url("/0"))
    assert (result.status, result.final_url) == (200, server.url("/2"))
    assert result.moved_to == (server.url(moved) if moved else None)


def test_a_short_retry_after_is_waited_out_once(server):
    url = server.route(
        "/busy", respond.sequence(respond.status(429, {"Retry-After": "1"}), respond.feed(RSS))
    )
    (result,), seconds = timed(url)
    assert (result.status, result.body) == (200, RSS)
    assert len(server.seen("/busy")) == 2
    assert seconds >= 1


def test_a_long_retry_after_is_left_for_a_later_run(server):
    url = server.route("/busy", respond.status(429, {"Retry-After": "3600"}))
    (result,) = fetch(url)
    assert (result.status, result.retry_after, result.error) == (429, 3600, None)
    assert len(server.seen("/busy")) == 1


DAY = 24 * 60 * 60.0
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_retry_after_as_a_date():
    later = format_datetime(NOW + timedelta(minutes=5), usegmt=True)
    assert retry_after_seconds(later, DAY, NOW) == 300
    assert retry_after_seconds(format_datetime(NOW - timedelta(days=1), usegmt=True), DAY, NOW) == 0
    assert retry_after_seconds("soon", DAY, NOW) is None


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120),
        (" 7 ", 7),
        ("99999999999999", DAY),
        ("300000000000", DAY),
        ("31536000", DAY),  # a year
        ("Fri, 31 Dec 9999 23:59:59 GMT", DAY),
        ("9" * 5000, None),  # more digits than Python turns into a number
        ("²", None),
        ("-5", None),
        ("1.5", None),
        ("Fri, 31 Dec 99999 23:59:59 GMT", None),
        ("Mon, 32 Jan 2026 00:00:00 GMT", None),
        ("Mon, 01 Jan 2026 00:00:00 +9999", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_is_clamped_and_garbage_ignored(value, seconds):
    assert retry_after_seconds(value, DAY, NOW) == seconds


HTTP_DATE_LIKE = r"[A-Za-z]{3}, [0-9]{1,3} [A-Za-z]{3} -?[0-9]{1,7} [0-9:]{5,9} [A-Z+0-9-]{0,6}"


@settings(max_examples=500, deadline=None)
@given(
    value=st.one_of(
        st.text(),
        st.integers(min_value=0).map(str),
        st.datetimes(timezones=st.just(UTC)).map(lambda when: format_datetime(when, usegmt=True)),
        st.from_regex(HTTP_DATE_LIKE, fullmatch=True),
    ),
    longest=st.floats(min_value=0, max_value=1e9),
)
def test_retry_after_never_raises_and_stays_within_the_maximum(value, longest):
    seconds = retry_after_seconds(value, longest, NOW)
    assert seconds is None or 0 <= seconds <= longest


def test_failing_statuses_come_back_as_they_are(server):
    results = fetch(
        server.route("/500", respond.status(500)), server.route("/410", respond.status(410))
    )
    assert [(r.status, r.error, r.body) for r in results] == [(500, None, b""), (410, None, b"")]


# Patient enough that a held request never times out, however busy the machine.
PATIENT = {"read_timeout": 30.0, "request_timeout": 60.0, "deadline": 120.0}


def test_feeds_on_many_servers_are_fetched_at_once(servers):
    crowd = respond.Crowd(8)
    urls = [servers().route("/slow", crowd.hold(respond.feed(RSS))) for _ in range(8)]
    results = fetch(*urls, limits=Limits(**{**LIMITS.__dict__, **PATIENT}))
    assert all(r.status == 200 for r in results)
    assert crowd.most == 8


def test_one_host_gets_at_most_per_host_requests_at_once(server):
    crowd = respond.Crowd(LIMITS.per_host)
    urls = [server.route(f"/slow{n}", crowd.hold(respond.feed(RSS))) for n in range(6)]
    results = fetch(*urls, limits=Limits(**{**LIMITS.__dict__, **PATIENT}))
    assert all(r.status == 200 for r in results)
    assert crowd.most == LIMITS.per_host == 2


def test_global_concurrency_is_bounded(servers):
    crowd = respond.Crowd(2)
    urls = [servers().route("/slow", crowd.hold(respond.feed(RSS))) for _ in range(4)]
    limits = Limits(**{**LIMITS.__dict__, **PATIENT, "concurrency": 2})
    results = fetch(*urls, limits=limits)
    assert all(r.status == 200 for r in results)
    assert crowd.most == 2


def test_undecodable_gzip_is_reported(server):
    def broken(handler):
        respond.send(
            handler, 200, b"not gzip at all", "application/rss+xml", {"Content-Encoding": "gzip"}
        )

    (result,) = fetch(server.route("/broken", broken))
    assert result.error == "the compressed response could not be decoded"


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        (b"NOT HTTP AT ALL\r\n\r\n", "Bad status line: "),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort", "Not enough data "),
        (b"", "Server disconnected"),
        (b"HTTP/1.1 200 OK\r\nX: " + b"a" * 20_000 + b"\r\n\r\n", "Got more than 8190 bytes"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "Invalid character"),
    ],
    ids=["not-http", "short-body", "hang-up", "huge-header", "bad-chunk"],
)
def test_broken_responses_are_reported_on_one_short_line(server, payload, error):
    (result,) = fetch(server.route("/broken", respond.raw(payload)))
    assert (result.status, result.body) == (None, b"")
    assert result.error.startswith("broken HTTP response: " + error)
    assert "\n" not in result.error and len(result.error) <= 250


def test_gzip_is_undone_before_the_cap_is_applied(server):
    body = b"<rss>" + b" " * (200 * 1024) + b"</rss>"
    assert len(gzip.compress(body)) < 10 * 1024
    (result,) = fetch(server.route("/fits", respond.feed(body)))
    assert result.body == body
