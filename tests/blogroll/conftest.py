"""Fixtures for the blogroll tests: real feed servers on 127.0.0.1, closed after each test."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pelican.plugins.blogroll.refresh import Outcome, refresh
from pelican.plugins.blogroll.settings import BlogrollSettings

from tests.blogroll import fixtureset
from tests.blogroll.feedserver import FeedServer, Seen
from tests.blogroll.fixtureset import FixtureSet
from tests.blogroll.helpers import settings_for, write_blogroll


@pytest.fixture
def servers() -> Iterator[Callable[[], FeedServer]]:
    """Start as many servers (each its own port, so its own 'host') as a test needs."""
    started: list[FeedServer] = []

    def start() -> FeedServer:
        started.append(FeedServer())
        return started[-1]

    yield start
    for server in started:
        server.close()


@pytest.fixture
def server(servers) -> FeedServer:
    return servers()


@dataclass
class FixtureRun:
    """The whole fixture set refreshed twice into one cache, with timings and outcomes."""

    fixtures: FixtureSet
    settings: BlogrollSettings
    blogroll: Path
    blogs: list
    first: dict[str, Outcome]
    second: dict[str, Outcome]
    first_seconds: float
    second_seconds: float
    second_requests: list[Seen]


@pytest.fixture(scope="session")
def fixture_run(tmp_path_factory) -> Iterator[FixtureRun]:
    """Shared by the refresh tests and the hostile site build: one set of servers, one cache."""
    fixtures = fixtureset.build()
    folder = tmp_path_factory.mktemp("fixture-set")
    settings = settings_for(folder)
    blogs = write_blogroll(folder / "blogroll.yml", fixtures.blogs)
    started = time.monotonic()
    first = refresh(blogs, settings)
    first_seconds = time.monotonic() - started
    before = [len(server.requests) for server in fixtures.servers]
    started = time.monotonic()
    second = refresh(blogs, settings)
    second_seconds = time.monotonic() - started
    second_requests = [
        request
        for server, count in zip(fixtures.servers, before, strict=True)
        for request in server.requests[count:]
    ]
    yield FixtureRun(
        fixtures,
        settings,
        folder / "blogroll.yml",
        blogs,
        {outcome.blog.name: outcome for outcome in first},
        {outcome.blog.name: outcome for outcome in second},
        first_seconds,
        second_seconds,
        second_requests,
    )
    fixtures.close()
