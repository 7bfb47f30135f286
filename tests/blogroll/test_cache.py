"""cache: atomic files, last good entries kept, stale-since bookkeeping, one refresh at a time."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from pelican.plugins.blogroll.cache import GONE, OK, STALE, BlogState, Cache, RefreshRunning

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


@pytest.mark.parametrize(
    "content",
    ["{not json", "[]", json.dumps({"version": 999, "key": "blog"}), ""],
    ids=["garbage", "not-an-object", "other-version", "empty"],
)
def test_an_unreadable_file_counts_as_no_state(tmp_path, content):
    (tmp_path / "blogs").mkdir()
    (tmp_path / "blogs" / "blog.json").write_text(content)
    assert Cache(tmp_path).load("blog") is None


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
    state.mark_failed("HTTP 500", T0 + timedelta(hours=1))
    state.mark_failed("timed out", T0 + timedelta(hours=2))
    assert (state.status, state.reason) == (STALE, "timed out")
    assert state.since == (T0 + timedelta(hours=1)).isoformat()
    assert state.checked_at == (T0 + timedelta(hours=2)).isoformat()
    assert state.updated_at == T0.isoformat() and len(state.entries) == 1
    state.mark_failed("410", T0 + timedelta(hours=3), status=GONE)
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
