"""autorefresh: with BLOGROLL_REFRESH_TTL, refresh before a build, never failing it."""

from __future__ import annotations

from datetime import timedelta

from pelican.plugins.blogroll.autorefresh import refresh_if_older
from pelican.plugins.blogroll.cache import Cache, now_utc

from tests.blogroll import feedserver as respond
from tests.blogroll.helpers import settings_for, write_blogroll


def listed(tmp_path, server) -> None:
    feed = server.route("/feed", respond.fixture("rss20.xml"))
    write_blogroll(tmp_path / "blogroll.yml", [{"name": "B", "url": server.url("/"), "feed": feed}])


def test_off_by_default(tmp_path, server):
    listed(tmp_path, server)
    assert refresh_if_older(settings_for(tmp_path, BLOGROLL_REFRESH_TTL=None), {}) is False
    assert server.requests == []


def test_a_young_cache_is_left_alone(tmp_path, server):
    listed(tmp_path, server)
    settings = settings_for(tmp_path, BLOGROLL_REFRESH_TTL=3600)
    Cache(settings.data_path).mark_refreshed(now_utc() - timedelta(minutes=5))
    assert refresh_if_older(settings, {}) is False
    assert server.requests == []


def test_an_old_cache_is_refreshed_with_the_build_settings(tmp_path, server):
    listed(tmp_path, server)
    settings = settings_for(tmp_path, BLOGROLL_REFRESH_TTL=3600)
    Cache(settings.data_path).mark_refreshed(now_utc() - timedelta(hours=2))
    assert refresh_if_older(settings, {"BLOGROLL_REFRESH_TTL": 3600}) is True
    (request,) = server.seen("/feed")
    assert request.headers["user-agent"] == settings.user_agent
    assert now_utc() - Cache(settings.data_path).refreshed_at() < timedelta(minutes=1)


def test_a_refresh_that_fails_is_reported_not_raised(tmp_path, server):
    (tmp_path / "blogroll.yml").write_text("blogs: [oops\n")
    settings = settings_for(tmp_path, BLOGROLL_REFRESH_TTL=0)
    assert refresh_if_older(settings, {}) is False
    assert Cache(settings.data_path).refreshed_at() is None
