"""cache: atomic files, last good entries kept, stale-since bookkeeping, one refresh at a time."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pelican.plugins.blogroll import render
from pelican.plugins.blogroll.cache import (
    FORMAT_VERSION,
    GONE,
    LARGEST_FILE,
    OK,
    STALE,
    BlogState,
    Cache,
    RefreshRunning,
)
from pelican.plugins.blogroll.config import Blog
from pelican.plugins.blogroll.settings import BlogrollSettings

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def entry(number: int, day: int | None = None, **extra) -> dict:
    return {
        "id": f"id-{number}",
        "title": f"Post {number}",
        "link": f"https://blog.example/{number}",
        "comments": None,
        "published": datetime(2026, 11, day, tzinfo=UTC).isoformat() if day else None,
        "author": None,
        "summary": "",
        **extra,
    }


def test_saves_and_loads_a_state(tmp_path):
    cache = Cache(tmp_path)
    state = BlogState(key="blog", feed_url="https://blog.example/feed", etag='"x"')
    state.merge([entry(1, 3)], T0, keep=10)
    state.mark_ok(T0)
    cache.save(state)
    assert cache.load("blog") == state
    assert [p.name for p in (tmp_path / "blogs").iterdir()] == ["blog.json"]


def good_file(**changes) -> dict:
    """A blog's file as the cache writes it, with `changes`."""
    state = BlogState(key="blog", feed_url="https://blog.example/feed", status=OK)
    state.merge([entry(1, 3), entry(2, 4)], T0, keep=10)
    state.mark_ok(T0)
    return {"version": FORMAT_VERSION, **vars(state), **changes}


def with_entry(**changes) -> dict:
    data = good_file()
    data["entries"][0] = {**data["entries"][0], **changes}
    return data


def without_link() -> dict:
    data = good_file()
    del data["entries"][1]["link"]
    return data


GOOD = json.dumps(good_file())
# What was tried against the loader, and the reason each must give.
FAULTS = {
    "entry-without-link": (json.dumps(without_link()), "entries[1].link: missing"),
    "published-yesterday": (
        json.dumps(with_entry(published="yesterday")),
        "entries[0].published: expected an ISO date and time with its time zone or null, "
        "got 'yesterday'",
    ),
    "entries-oops": (
        json.dumps(good_file(entries="oops")),
        "entries: expected a list, got 'oops'",
    ),
    "status-5": (json.dumps(good_file(status=5)), "status: expected one of new, ok, stale, gone"),
    "truncated": (GOOD[: len(GOOD) // 2], "not valid JSON: "),
    "empty": ("", "not valid JSON: "),
    "not-an-object": ("[]", "the file: expected an object, got a list of 0"),
    "entry-not-an-object": (json.dumps(good_file(entries=[7])), "entries[0]: expected an object"),
    "other-version": (json.dumps(good_file(version=999)), "version: expected 2, the cache format"),
    "version-true": (json.dumps(good_file(version=True)), "version: expected 2"),
    "version-float": (json.dumps(good_file(version=1.0)), "version: expected 2"),
    "another-blogs-key": (json.dumps(good_file(key="other")), "key: 'other' is another blog's"),
    "naive-time": (
        json.dumps(good_file(updated_at="2026-11-20T08:00:00")),
        "updated_at: expected an ISO date and time with its time zone",
    ),
    "script-link": (
        json.dumps(with_entry(link="javascript:alert(1)")),
        "entries[0].link: expected an http(s) address",
    ),
    "file-feed-url": (
        json.dumps(good_file(feed_url="file:///etc/passwd")),
        "feed_url: expected an http(s) address or null",
    ),
    "empty-id": (json.dumps(with_entry(id=" ")), "entries[0].id: expected non-empty text"),
    "nan-title": ('{"version": 2, "key": "blog", "feed_title": NaN}', "configured_feed: missing"),
    "deep-nesting": ("[" * 100_000 + "]" * 100_000, "not valid JSON: "),
    "huge-number": ('{"version": 1' + "0" * 5000 + "}", "not valid JSON: "),
    "not-utf8": (b'{"version": 1, "key": "\xff"}', "not valid JSON: "),
}


@pytest.mark.parametrize(("content", "reason"), FAULTS.values(), ids=FAULTS)
def test_a_file_that_fails_the_schema_is_set_aside_and_named(tmp_path, capsys, content, reason):
    (tmp_path / "blogs").mkdir()
    file = tmp_path / "blogs" / "blog.json"
    written = content if isinstance(content, bytes) else content.encode()
    file.write_bytes(written)
    assert Cache(tmp_path).load("blog") is None
    (aside,) = (tmp_path / "blogs").glob("blog.json.rejected-*")
    assert aside.read_bytes() == written and not file.exists()  # kept, never deleted
    (warning,) = capsys.readouterr().err.splitlines()
    assert warning.startswith(f"WARNING blogroll: cache file {file} is unusable (")
    assert reason in warning and f"moved to {aside.name}" in warning


def test_a_folder_where_a_file_should_be_is_set_aside(tmp_path, capsys):
    (tmp_path / "blogs" / "blog.json").mkdir(parents=True)
    assert Cache(tmp_path).load("blog") is None
    assert "(not a regular file)" in capsys.readouterr().err
    assert list((tmp_path / "blogs").glob("blog.json.rejected-*"))


def test_a_file_larger_than_any_cache_file_is_not_read(tmp_path, capsys):
    (tmp_path / "blogs").mkdir()
    (tmp_path / "blogs" / "blog.json").write_text(" " * (LARGEST_FILE + 1))
    assert Cache(tmp_path).load("blog") is None
    assert "more than a cache file ever holds" in capsys.readouterr().err


def test_a_good_file_loads_without_a_word(tmp_path, capsys):
    (tmp_path / "blogs").mkdir()
    (tmp_path / "blogs" / "blog.json").write_text(GOOD)
    state = Cache(tmp_path).load("blog")
    assert state is not None and len(state.entries) == 2
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    "content", ["{}", '{"finished_at": "yesterday"}', "[", '{"finished_at": null}']
)
def test_a_bad_refreshed_file_counts_as_never_refreshed(tmp_path, capsys, content):
    (tmp_path / "refreshed.json").write_text(content)
    assert Cache(tmp_path).refreshed_at() is None
    assert "refreshed.json is unusable" in capsys.readouterr().err
    assert list(tmp_path.glob("refreshed.json.rejected-*"))


# Any JSON value, nested a little, and values that pass for one field in another.
VALUES_THAT_FIT_SOMEWHERE = ["new", "ok", "stale", "gone", T0.isoformat(), "https://x.example/", ""]
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(VALUES_THAT_FIT_SOMEWHERE),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)
ENTRY_FIELDS = list(entry(1))
BLOG_FIELDS = list(good_file())
SITE = render.Site.from_settings({"SITENAME": "S", "SITEURL": "https://s.example"})


@settings(max_examples=400, deadline=None)
@example(field_name="status", value="new", drop=False)  # never fetched, yet updated
@example(field_name="entries.title", value="\x1f", drop=False)  # XML forbids it in a feed
@example(field_name="feed_title", value="A\x00B", drop=False)
@given(
    field_name=st.sampled_from(BLOG_FIELDS + [f"entries.{name}" for name in ENTRY_FIELDS]),
    value=json_values,
    drop=st.booleans(),
)
def test_no_value_in_any_field_escapes_as_an_exception(field_name, value, drop):
    """Whatever JSON a field holds, loading gives a state or None; and a state loaded
    renders, feeds the network and merges with new entries without an exception."""
    data = good_file()
    holder = data["entries"][0] if field_name.startswith("entries.") else data
    name = field_name.removeprefix("entries.")
    if drop:
        del holder[name]
    else:
        holder[name] = value
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "blogs").mkdir()
        (Path(folder) / "blogs" / "blog.json").write_text(json.dumps(data))
        state = Cache(Path(folder)).load("blog")
    if state is None:
        return
    blog = Blog("Blog", "https://blog/")
    assert blog.key == "blog"
    blogroll = render.build([blog], {"blog": state}, BlogrollSettings.from_settings({}), SITE)
    render.atom_feed(blogroll, SITE, 10)
    render.opml([blog], {"blog": state}, SITE, blogroll.updated)
    state.merge([entry(9, 9)], T0, keep=10)
    state.mark_failed("again", T0, "unreachable")


def test_missing_cache_reads_as_empty(tmp_path):
    cache = Cache(tmp_path / "nowhere")
    assert cache.load("blog") is None and cache.refreshed_at() is None


def test_merge_adds_new_entries_replaces_updated_ones_and_keeps_the_newest(tmp_path):
    state = BlogState(key="blog")
    assert state.merge([entry(1, 1), entry(2, 2)], T0, keep=3) == 2
    later = T0 + timedelta(days=1)
    updated = entry(2, 2, title="Post 2, corrected")
    assert state.merge([entry(3, 3), updated, entry(4, 4)], later, keep=3) == 2
    assert [e["title"] for e in state.entries] == ["Post 4", "Post 3", "Post 2, corrected"]
    assert state.entries[2]["first_seen"] == T0.isoformat()  # first seen stays first
    assert state.entries[0]["first_seen"] == later.isoformat()


def test_merge_treats_a_new_id_for_a_known_link_as_the_same_post():
    state = BlogState(key="blog")
    state.merge([entry(1, 1)], T0, keep=5)
    renamed = entry(1, 1, id="new-id-scheme")
    assert state.merge([renamed], T0 + timedelta(days=1), keep=5) == 0
    assert [e["id"] for e in state.entries] == ["new-id-scheme"]


def test_undated_entries_sort_by_when_we_first_saw_them():
    state = BlogState(key="blog")
    state.merge([entry(1)], T0, keep=5)
    state.merge([entry(2)], T0 + timedelta(hours=1), keep=5)
    assert [e["id"] for e in state.entries] == ["id-2", "id-1"]


def test_failures_keep_entries_and_the_start_of_the_failing_run():
    state = BlogState(key="blog")
    state.merge([entry(1, 1)], T0, keep=5)
    state.mark_ok(T0)
    state.mark_failed("HTTP 500", T0 + timedelta(hours=1), "unreachable")
    state.mark_failed("timed out", T0 + timedelta(hours=2), "unreachable")
    assert (state.status, state.reason) == (STALE, "timed out")
    assert state.since == (T0 + timedelta(hours=1)).isoformat()
    assert state.checked_at == (T0 + timedelta(hours=2)).isoformat()
    assert state.updated_at == T0.isoformat() and len(state.entries) == 1
    state.mark_failed("410", T0 + timedelta(hours=3), "gone", status=GONE)
    assert state.since == (T0 + timedelta(hours=3)).isoformat()
    state.mark_ok(T0 + timedelta(hours=4))
    assert (state.status, state.reason, state.since) == (OK, None, None)


def test_refreshed_at_round_trips(tmp_path):
    cache = Cache(tmp_path)
    cache.mark_refreshed(T0)
    assert cache.refreshed_at() == T0


def test_one_refresh_at_a_time_and_leftovers_are_cleared(tmp_path):
    cache = Cache(tmp_path)
    (tmp_path / "blogs").mkdir()
    leftover = tmp_path / "blogs" / ".blog.json.abc123.tmp"
    leftover.write_text("half a file")
    with cache.exclusive():
        assert not leftover.exists()
        with pytest.raises(RefreshRunning, match=str(tmp_path)), cache.exclusive():
            pass
    with cache.exclusive():
        pass


def test_saving_leaves_no_temporary_files(tmp_path):
    cache = Cache(tmp_path)
    for number in range(5):
        cache.save(BlogState(key=f"blog{number}"))
    assert sorted(p.name for p in (tmp_path / "blogs").iterdir()) == [
        f"blog{n}.json" for n in range(5)
    ]
