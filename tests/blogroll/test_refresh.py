"""refresh: fetch → parse → sanitize → cache over real servers, then the CLI around it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest
from pelican.plugins.blogroll.cache import GONE, OK, STALE, Cache
from pelican.plugins.blogroll.refresh import EMPTY, FAILED, UNCHANGED, UPDATED, WAITING, refresh
from pelican.plugins.blogroll.settings import MIB

from tests.blogroll import feedserver as respond
from tests.blogroll.fixtureset import (
    DISCOVERED_BLOG,
    EXPECTED_FAILURES,
    FORMATS,
    GONE_BLOG,
    MOVED_BLOG,
    WAITING_BLOG,
)
from tests.blogroll.helpers import (
    FAST,
    PATIENT,
    assert_safe_entry,
    costly_feed,
    is_running,
    run_cli,
    settings_for,
    wait_for,
    workers_of,
    write_blogroll,
)
from tests.support import ARTIFACTS, ROOT

RSS = (respond.FIXTURES / "rss20.xml").read_bytes()
ATOM = (respond.FIXTURES / "atom10.xml").read_bytes()
FEED = respond.feed(RSS)


def state_of(settings, blogs, name):
    blog = next(blog for blog in blogs if blog.name == name)
    return Cache(settings.data_path).load(blog.key)


# --- the whole fixture set ---------------------------------------------------------------


def test_every_good_feed_is_read(fixture_run):
    for name in [*FORMATS, MOVED_BLOG, DISCOVERED_BLOG]:
        outcome = fixture_run.first[name]
        assert (outcome.status, outcome.new_entries > 0) == (UPDATED, True), (name, outcome)
        state = state_of(fixture_run.settings, fixture_run.blogs, name)
        assert state.status == OK and state.entries
        for entry in state.entries:
            assert_safe_entry(entry, words=fixture_run.settings.summary_words)


def test_every_bad_feed_fails_with_its_reason(fixture_run):
    for name, reason in EXPECTED_FAILURES.items():
        outcome = fixture_run.first[name]
        assert outcome.status == FAILED and reason in outcome.detail, (name, outcome)
        state = state_of(fixture_run.settings, fixture_run.blogs, name)
        assert (state.status, state.fetched, state.entries) == (STALE, False, [])
        assert reason in state.reason
    assert fixture_run.first[GONE_BLOG].status == GONE
    assert fixture_run.first[WAITING_BLOG].status == WAITING


def test_the_second_refresh_is_conditional_and_costs_304s(fixture_run):
    fetched_before = [*FORMATS, MOVED_BLOG, DISCOVERED_BLOG]
    for name in fetched_before:
        outcome = fixture_run.second[name]
        assert (outcome.status, outcome.not_modified, outcome.new_entries) == (
            UNCHANGED,
            True,
            0,
        ), (name, outcome)
    feed_requests = [r for r in fixture_run.second_requests if r.path.endswith(FEED_SUFFIXES)]
    assert feed_requests and all("if-none-match" in r.headers for r in feed_requests)
    assert all("if-modified-since" in r.headers for r in feed_requests)
    not_modified = sum(outcome.not_modified for outcome in fixture_run.second.values())
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "blogroll-refresh.json").write_text(
        json.dumps(
            {
                "blogs": len(fixture_run.first),
                "first_refresh_seconds": round(fixture_run.first_seconds, 3),
                "second_refresh_seconds": round(fixture_run.second_seconds, 3),
                "second_refresh_304": not_modified,
                "second_refresh_304_share_of_fetched_feeds": not_modified / len(fetched_before),
                "second_refresh_304_share_of_all_blogs": not_modified / len(fixture_run.second),
            },
            indent=1,
        )
    )


FEED_SUFFIXES = (".xml", ".rdf", ".json", ".atom")


def test_the_second_refresh_does_not_ask_gone_or_waiting_feeds(fixture_run):
    paths = [request.path for request in fixture_run.second_requests]
    assert "/gone" not in paths and "/busy" not in paths
    assert fixture_run.second[GONE_BLOG].status == GONE
    assert fixture_run.second[WAITING_BLOG].status == WAITING


def test_a_permanent_move_updates_the_stored_feed_address(fixture_run):
    moved = fixture_run.fixtures.servers[1].url("/new-home.xml")
    assert fixture_run.first[MOVED_BLOG].moved_to == moved
    assert state_of(fixture_run.settings, fixture_run.blogs, MOVED_BLOG).feed_url == moved
    assert "/old-home.xml" not in [r.path for r in fixture_run.second_requests]


def test_discovery_finds_the_posts_feed_not_the_comments_feed(fixture_run):
    state = state_of(fixture_run.settings, fixture_run.blogs, DISCOVERED_BLOG)
    assert state.feed_url == fixture_run.fixtures.servers[0].url("/blog/feed.atom")
    assert [e["title"] for e in state.entries][:1] == ["Atom 1.0 entry one"]
    assert "/blog/" not in [r.path for r in fixture_run.second_requests]


def test_no_xml_entity_is_ever_fetched(fixture_run):
    requested = {r.path for server in fixture_run.fixtures.servers for r in server.requests}
    assert not requested & {"/xxe-probe", "/xxe-param-probe"}


# --- one behaviour at a time --------------------------------------------------------------


def refresh_one(tmp_path, responder, server, path="/feed", **overrides):
    url = server.route(path, responder)
    settings = settings_for(tmp_path, **overrides)
    blogs = write_blogroll(
        tmp_path / "blogroll.yml", [{"name": "Blog", "url": server.url("/"), "feed": url}]
    )
    return settings, blogs


def test_a_failing_feed_keeps_its_entries_and_is_marked_stale(tmp_path, server):
    feed = respond.sequence(respond.feed(RSS), respond.status(500), respond.stall())
    settings, blogs = refresh_one(tmp_path, feed, server)
    refresh(blogs, settings)
    good = Cache(settings.data_path).load(blogs[0].key)
    (failed,) = refresh(blogs, settings)
    stale = Cache(settings.data_path).load(blogs[0].key)
    assert (failed.status, failed.detail) == (FAILED, "HTTP 500 Internal Server Error")
    assert (stale.status, stale.reason, stale.entries) == (STALE, failed.detail, good.entries)
    assert stale.updated_at == good.updated_at and stale.since == stale.checked_at
    refresh(blogs, settings)
    still = Cache(settings.data_path).load(blogs[0].key)
    assert still.reason.startswith("the server went silent")
    assert still.since == stale.since and still.entries == good.entries


def test_a_feed_that_comes_back_is_ok_again(tmp_path, server):
    feed = respond.sequence(respond.status(503), respond.feed(RSS))
    settings, blogs = refresh_one(tmp_path, feed, server)
    refresh(blogs, settings)
    assert Cache(settings.data_path).load(blogs[0].key).status == STALE
    (outcome,) = refresh(blogs, settings)
    state = Cache(settings.data_path).load(blogs[0].key)
    assert (outcome.status, state.status, state.reason, state.since) == (UPDATED, OK, None, None)


def test_a_gone_feed_is_asked_again_once_the_list_changes(tmp_path, server):
    settings, blogs = refresh_one(tmp_path, respond.status(410), server)
    refresh(blogs, settings)
    refresh(blogs, settings)
    assert len(server.seen("/feed")) == 1
    new_feed = server.route("/new-feed", respond.feed(RSS))
    blogs = write_blogroll(
        tmp_path / "blogroll.yml", [{"name": "Blog", "url": server.url("/"), "feed": new_feed}]
    )
    (outcome,) = refresh(blogs, settings)
    assert outcome.status == UPDATED
    assert Cache(settings.data_path).load(blogs[0].key).status == OK


def test_a_short_retry_after_is_waited_out_within_the_refresh(tmp_path, server):
    feed = respond.sequence(respond.status(429, {"Retry-After": "1"}), respond.feed(RSS))
    settings, blogs = refresh_one(tmp_path, feed, server)
    (outcome,) = refresh(blogs, settings)
    assert outcome.status == UPDATED and outcome.seconds >= 1


def test_a_long_retry_after_is_remembered_between_refreshes(tmp_path, server):
    settings, blogs = refresh_one(tmp_path, respond.status(429, {"Retry-After": "7200"}), server)
    (first,) = refresh(blogs, settings)
    (second,) = refresh(blogs, settings)
    assert (first.status, second.status) == (WAITING, WAITING)
    assert "asked to wait until" in first.detail
    assert len(server.seen("/feed")) == 1
    assert Cache(settings.data_path).load(blogs[0].key).retry_not_before


@pytest.mark.parametrize(
    "retry_after",
    ["99999999999999", "300000000000", "31536000", "Fri, 31 Dec 9999 23:59:59 GMT"],
)
def test_a_retry_after_from_far_off_parks_a_blog_for_a_day_at_most(tmp_path, server, retry_after):
    busy = respond.status(503, {"Retry-After": retry_after})
    settings, blogs = refresh_one(tmp_path, busy, server)
    (outcome,) = refresh(blogs, settings)
    assert outcome.status == WAITING
    until = datetime.fromisoformat(Cache(settings.data_path).load(blogs[0].key).retry_not_before)
    assert timedelta(hours=23) < until - datetime.now(UTC) <= timedelta(hours=24)


def test_a_garbage_retry_after_is_an_ordinary_failure(tmp_path, server):
    settings, blogs = refresh_one(tmp_path, respond.status(429, {"Retry-After": "soon"}), server)
    (outcome,) = refresh(blogs, settings)
    assert (outcome.status, outcome.detail) == (FAILED, "HTTP 429 Too Many Requests")
    assert Cache(settings.data_path).load(blogs[0].key).retry_not_before is None


def test_a_wait_stored_beyond_the_maximum_is_not_honoured(tmp_path, server):
    """A cache from before the maximum, or edited by hand, cannot park a blog for years."""
    settings, blogs = refresh_one(tmp_path, FEED, server)
    refresh(blogs, settings)
    cache = Cache(settings.data_path)
    state = cache.load(blogs[0].key)
    state.retry_not_before = "9999-12-31T23:59:59+00:00"
    cache.save(state)
    (outcome,) = refresh(blogs, settings)
    assert outcome.status == UNCHANGED and len(server.seen("/feed")) == 2


def test_a_feed_too_complex_to_read_keeps_its_last_good_entries(tmp_path, servers):
    costly, calm = servers(), servers()
    feed = respond.sequence(respond.feed(RSS), respond.feed(costly_feed(2)))
    blogs = write_blogroll(
        tmp_path / "blogroll.yml",
        [
            {"name": "Costly", "url": costly.url("/"), "feed": costly.route("/f", feed)},
            {"name": "Calm", "url": calm.url("/"), "feed": calm.route("/f", respond.feed(ATOM))},
        ],
    )
    settings = settings_for(tmp_path, BLOGROLL_PARSE_CPU_SECONDS=1, BLOGROLL_MAX_BYTES=8 * MIB)
    refresh(blogs, settings)
    good = Cache(settings.data_path).load(blogs[0].key)
    too_complex, calm_outcome = refresh(blogs, settings)
    assert (too_complex.status, calm_outcome.status) == (FAILED, UNCHANGED)
    assert too_complex.detail == (
        "not a usable feed: too complex to read safely: "
        "it needs more than 1 s of processor time (BLOGROLL_PARSE_CPU_SECONDS)"
    )
    state = Cache(settings.data_path).load(blogs[0].key)
    assert (state.status, state.reason, state.entries) == (STALE, too_complex.detail, good.entries)


def test_the_deadline_stops_a_feed_still_being_read(tmp_path, server):
    """One deadline for fetching and parsing: a feed that needs far longer to read is cut
    off when it comes, its worker stopped, its last good entries kept."""
    feed = respond.sequence(respond.feed(RSS), respond.feed(costly_feed(6)))
    settings, blogs = refresh_one(tmp_path, feed, server, **PATIENT, BLOGROLL_MAX_BYTES=8 * MIB)
    refresh(blogs, settings)
    good = Cache(settings.data_path).load(blogs[0].key)
    hurried = {**PATIENT, "BLOGROLL_DEADLINE": 5.0, "BLOGROLL_PARSE_CPU_SECONDS": 600}
    (cut,) = refresh(blogs, settings_for(tmp_path, **hurried, BLOGROLL_MAX_BYTES=8 * MIB))
    assert (cut.status, cut.detail) == (FAILED, "refresh deadline reached (5 s)")
    assert not [pid for pid in workers_of(os.getpid()) if is_running(pid)]
    state = Cache(settings.data_path).load(blogs[0].key)
    assert (state.status, state.entries) == (STALE, good.entries)


def test_a_feed_with_no_entries_is_reported_as_such(tmp_path, server):
    empty = RSS.split(b"<item>")[0] + b"</channel></rss>"
    feed = respond.sequence(respond.feed(RSS), respond.feed(empty))
    settings, blogs = refresh_one(tmp_path, feed, server)
    refresh(blogs, settings)
    good = Cache(settings.data_path).load(blogs[0].key)
    (outcome,) = refresh(blogs, settings)
    assert (outcome.status, outcome.detail) == (EMPTY, "the feed answered with no entries")
    state = Cache(settings.data_path).load(blogs[0].key)
    assert (state.status, state.reason, state.entries) == (STALE, outcome.detail, good.entries)
    (again,) = refresh(blogs, settings)  # asked in full again, never "unchanged" and ok
    assert again.status == EMPTY


def test_an_identical_body_without_validators_is_not_parsed_again(tmp_path, server):
    settings, blogs = refresh_one(tmp_path, respond.feed(RSS, validators=False), server)
    refresh(blogs, settings)
    (outcome,) = refresh(blogs, settings)
    assert (outcome.status, outcome.detail, outcome.not_modified) == (
        UNCHANGED,
        "same content as last time",
        False,
    )


def test_a_site_that_is_itself_a_feed(tmp_path, server):
    url = server.route("/", respond.feed(ATOM, "application/atom+xml"))
    settings = settings_for(tmp_path)
    blogs = write_blogroll(tmp_path / "blogroll.yml", [{"name": "Feed as site", "url": url}])
    (outcome,) = refresh(blogs, settings)
    assert outcome.status == UPDATED
    assert Cache(settings.data_path).load(blogs[0].key).feed_url == url


def test_a_site_without_a_feed_says_what_to_do(tmp_path, server):
    url = server.route("/", respond.fixture("not-a-feed.html"))
    settings = settings_for(tmp_path)
    blogs = write_blogroll(tmp_path / "blogroll.yml", [{"name": "No feed", "url": url}])
    (outcome,) = refresh(blogs, settings)
    assert outcome.status == FAILED
    assert outcome.detail == f"{url} advertises no feed; add `feed:` for this blog in the list"


def test_a_site_page_too_complex_to_search_is_given_up_on(tmp_path, server):
    """Python's HTML parser takes time that grows with the square of the number of tags
    left open (`<a<a<a...`): the page is searched for its feed within the parse budget."""
    tangled = b"<html><head>" + b"<a" * 100_000
    url = server.route("/", respond.feed(tangled, "text/html"))
    blogs = write_blogroll(tmp_path / "blogroll.yml", [{"name": "Tangled", "url": url}])
    (outcome,) = refresh(blogs, settings_for(tmp_path, BLOGROLL_PARSE_CPU_SECONDS=1))
    assert (outcome.status, outcome.detail) == (
        FAILED,
        f"{url} could not be read: too complex to read safely: "
        "it needs more than 1 s of processor time (BLOGROLL_PARSE_CPU_SECONDS)",
    )


def test_slow_feeds_refresh_together(tmp_path, servers):
    """Every blog's feed is asked at once, not one after another."""
    count = 8
    crowd = respond.Crowd(count)
    blogs = write_blogroll(
        tmp_path / "blogroll.yml",
        [
            {"name": f"Slow {n}", "url": h.url("/"), "feed": h.route("/f", crowd.hold(FEED))}
            for n, h in enumerate(servers() for _ in range(count))
        ],
    )
    outcomes = refresh(blogs, settings_for(tmp_path, **PATIENT))
    assert [outcome.status for outcome in outcomes] == [UPDATED] * count
    assert crowd.most == count


# --- the command line ----------------------------------------------------------------------


def pelicanconf(tmp_path, **settings) -> str:
    lines = [f"PATH = {str(tmp_path)!r}", f"BLOGROLL_DATA_PATH = {str(tmp_path / 'cache')!r}"]
    lines += [f"{key} = {value!r}" for key, value in {**FAST, **settings}.items()]
    path = tmp_path / "conf.py"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def test_the_refresh_command_prints_a_table_and_a_summary(tmp_path, server):
    server.route("/busy", respond.status(429, {"Retry-After": "600"}))
    write_blogroll(
        tmp_path / "blogroll.yml",
        [
            {
                "name": "Good Blog",
                "url": server.url("/"),
                "feed": server.route("/f", respond.feed(RSS)),
            },
            {"name": "Broken Blog", "url": server.url("/b/"), "feed": server.url("/missing")},
            {"name": "Busy Blog", "url": server.url("/c/"), "feed": server.url("/busy")},
        ],
    )
    conf = pelicanconf(tmp_path)
    first = run_cli("refresh", "--settings", conf)
    assert first.returncode == 0, first.stderr
    assert "Blogroll refresh" in first.stdout
    rows = {line.split("│")[1].strip(): line for line in first.stdout.splitlines() if "│" in line}
    assert "updated" in rows["Good Blog"] and "2" in rows["Good Blog"].split("│")[3]
    assert "failed" in rows["Broken Blog"] and "HTTP 404 Not Found" in rows["Broken Blog"]
    assert "waiting" in rows["Busy Blog"]
    assert "3 blogs in " in first.stdout and "0 of 3 answered 304" in first.stdout
    second = run_cli("refresh", "--settings", conf)
    assert "1 of 3 answered 304 Not Modified" in second.stdout


def test_the_refresh_command_survives_a_retry_after_too_large_for_a_date(tmp_path, server):
    """It used to exit 2 with an OverflowError, and other blogs' results could be lost."""
    huge = respond.status(429, {"Retry-After": "99999999999999"})
    write_blogroll(
        tmp_path / "blogroll.yml",
        [
            {"name": "Huge Wait", "url": server.url("/a/"), "feed": server.route("/h", huge)},
            {"name": "Good Blog", "url": server.url("/"), "feed": server.route("/f", FEED)},
        ],
    )
    result = run_cli("refresh", "--settings", pelicanconf(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "1 updated, 1 waiting" in result.stdout


def test_the_refresh_command_sets_a_broken_cache_file_aside_and_writes_a_good_one(tmp_path, server):
    """`entries: "oops"` used to end `make feeds` with an AttributeError."""
    blogs = write_blogroll(
        tmp_path / "blogroll.yml",
        [{"name": "Good Blog", "url": server.url("/"), "feed": server.route("/f", FEED)}],
    )
    conf = pelicanconf(tmp_path)
    assert run_cli("refresh", "--settings", conf).returncode == 0
    file = tmp_path / "cache" / "blogs" / f"{blogs[0].key}.json"
    broken = {**json.loads(file.read_text()), "entries": "oops"}
    file.write_text(json.dumps(broken))
    result = run_cli("refresh", "--settings", conf)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert f"cache file {file} is unusable (entries: expected a list, got 'oops')" in " ".join(
        result.stderr.split()
    )
    (aside,) = file.parent.glob(f"{file.name}.rejected-*")
    assert json.loads(aside.read_text()) == broken
    state = Cache(tmp_path / "cache").load(blogs[0].key)
    assert state.status == OK and len(state.entries) == 2


def test_the_refresh_command_reports_bad_input_and_exits_2(tmp_path):
    (tmp_path / "blogroll.yml").write_text("blogs:\n  - name: A\n    url: [x]\n")
    result = run_cli("refresh", "--settings", pelicanconf(tmp_path))
    assert result.returncode == 2
    assert f"{tmp_path / 'blogroll.yml'}:3: blog 1 ('A'): field `url`" in result.stderr
    missing = run_cli("refresh", "--settings", str(tmp_path / "nope.py"))
    assert missing.returncode == 2 and "not found" in missing.stderr
    bad = run_cli("refresh", "--settings", pelicanconf(tmp_path, BLOGROLL_DEADLINE=-1))
    assert bad.returncode == 2 and "BLOGROLL_DEADLINE must be a number of seconds" in bad.stderr


def test_two_refreshes_never_run_at_once(tmp_path, server):
    held = respond.Gate()  # never opened: the first refresh waits until it is killed
    write_blogroll(
        tmp_path / "blogroll.yml",
        [{"name": "Slow", "url": server.url("/"), "feed": server.route("/f", held.hold(FEED))}],
    )
    conf = pelicanconf(tmp_path, **PATIENT)
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pelican.plugins.blogroll",
            "refresh",
            "--quiet",
            "--settings",
            conf,
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ) as running:
        try:
            wait_for(lambda: server.seen("/f"), "the first refresh never asked for the feed")
            second = run_cli("refresh", "--settings", conf, timeout=120)
            assert second.returncode == 2 and "another refresh is using" in second.stderr
        finally:
            running.kill()


@pytest.mark.parametrize("delay_after_first_write", [0.0, 0.05, 0.15, 0.3])
def test_sigkill_at_any_moment_loses_nothing(tmp_path_factory, servers, delay_after_first_write):
    """Kill a real refresh process mid-way: every file stays readable, no entry is lost,
    blogs finished before the kill keep their new entries, and its workers exit."""
    tmp_path = tmp_path_factory.mktemp("kill")
    count = 12
    server = servers()
    newer = respond.feed(RSS.replace(b"rss20-one", b"rss20-new").replace(b"/one/", b"/new/"))
    # Blog 0 answers at once; blogs 1-7 once it is saved, to be killed while they finish;
    # blogs 8-11 only after the kill, so the refresh is always killed half done.
    during, after = respond.Gate(), respond.Gate()
    second_answers = [newer] + [during.hold(newer)] * 7 + [after.hold(newer)] * 4
    blogs_yaml = [
        {
            "name": f"Blog {n}",
            "url": server.url(f"/site/{n}/"),
            "feed": server.route(f"/f{n}", respond.sequence(respond.feed(RSS), answer)),
        }
        for n, answer in enumerate(second_answers)
    ]
    blogs = write_blogroll(tmp_path / "blogroll.yml", blogs_yaml)
    patient = {"BLOGROLL_PER_HOST": count, "BLOGROLL_CONCURRENCY": count, **PATIENT}
    settings = settings_for(tmp_path, **patient)
    refresh(blogs, settings)
    cache = Cache(settings.data_path)
    before = {blog.key: {e["id"] for e in cache.load(blog.key).entries} for blog in blogs}
    settings_json = json.dumps(
        {"PATH": str(tmp_path), "BLOGROLL_DATA_PATH": str(settings.data_path), **FAST, **patient}
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pelican.plugins.blogroll",
            "refresh",
            "--quiet",
            "--settings-json",
            settings_json,
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: has_new(cache, blogs[0]), "the first blog was never saved")
        during.open()
        time.sleep(delay_after_first_write)  # picks the moment; nothing depends on how long
        workers = workers_of(process.pid)
        assert workers, "no parse worker was running"
    finally:
        process.kill()
        process.wait(timeout=60)
    finished = {blog.key for blog in blogs if has_new(cache, blog)}
    assert 0 < len(finished) < count, "the kill did not land in the middle of the refresh"
    for blog in blogs:
        state = cache.load(blog.key)
        assert state is not None, f"{blog.key} unreadable after SIGKILL"
        assert before[blog.key] <= {e["id"] for e in state.entries}, "entries were lost"
    for file in (settings.data_path / "blogs").glob("*.json"):
        json.loads(file.read_text(encoding="utf-8"))
    wait_for(lambda: not any(map(is_running, workers)), "workers outlived the killed refresh")
    after.open()
    outcomes = refresh(blogs, settings)  # the next refresh finishes the job
    assert all(has_new(cache, blog) for blog in blogs), [
        (o.blog.name, o.status, o.detail) for o in outcomes if not has_new(cache, o.blog)
    ]
    assert all(outcome.status in {UPDATED, UNCHANGED} for outcome in outcomes)
    assert not list(settings.data_path.rglob("*.tmp"))


def test_a_script_without_a_main_guard_can_refresh(tmp_path, server):
    """Workers never import the script that started the refresh, so it needs no
    `if __name__ == "__main__":` guard."""
    feed = server.route("/feed", respond.feed(RSS))
    write_blogroll(tmp_path / "blogroll.yml", [{"name": "Blog", "url": feed, "feed": feed}])
    settings = {"PATH": str(tmp_path), "BLOGROLL_DATA_PATH": str(tmp_path / "cache"), **FAST}
    script = tmp_path / "unguarded.py"
    script.write_text(
        "from pelican.plugins.blogroll.config import load_blogs\n"
        "from pelican.plugins.blogroll.refresh import refresh\n"
        "from pelican.plugins.blogroll.settings import BlogrollSettings\n"
        f"settings = BlogrollSettings.from_settings({settings!r})\n"
        "print([o.status for o in refresh(load_blogs(settings.source), settings)])\n"
    )
    result = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines() == ["['updated']"]


def test_workers_do_not_import_the_http_client():
    """What a parse worker imports on boot: not the HTTP client (Pelican itself comes with
    the `pelican.plugins` namespace)."""
    heavy = ["aiohttp", "pelican.plugins.blogroll.fetch", "pelican.plugins.blogroll.refresh"]
    module = "pelican.plugins.blogroll.worker"
    code = f"import sys, {module}; print(sorted(set({heavy!r}) & set(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def has_new(cache: Cache, blog) -> bool:
    state = cache.load(blog.key)
    return bool(state) and any(entry["id"] == "rss20-new" for entry in state.entries)
