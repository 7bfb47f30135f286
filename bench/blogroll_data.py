"""The corpus's blogroll: `blogroll.yml` and a cache filled by the plugin's own refresh.

The feeds are served by the bench's feed farm on 127.0.0.1 (no latency) and fetched by
`blogroll.refresh.refresh` itself, so the cache's format and contents are exactly what
`make feeds` leaves behind, and the build reads what it reads in production.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pelican.plugins.blogroll.config import load_blogs
from pelican.plugins.blogroll.refresh import FAILED, refresh
from pelican.plugins.blogroll.settings import BlogrollSettings

from bench.feed_farm import FAILING, FeedFarm, serve_farm
from bench.feeds import make_feed
from bench.measure import BenchError
from bench.prose import Prose

FAILING_EVERY = 20  # one blog in twenty is down, so the build also shows stale blogs
ORIGINS = 10
TAGS = ["careers", "community", "writing", "management", "open source", "freelancing"]


def blog_url(number: int) -> str:
    return f"https://blog{number}.example.org/"


def write(content: Path, cache: Path, prose: Prose, *, feeds: int, entries: int) -> None:
    """`content/blogroll.yml` listing `feeds` blogs, and their last `entries` posts in `cache`."""
    served = [make_feed(prose, number, entries) for number in range(feeds)]
    farm = FeedFarm(
        feeds={feed.path: feed for feed in served},
        latency=0.0,
        behaviour={
            feed.path: FAILING
            for number, feed in enumerate(served)
            if number % FAILING_EVERY == FAILING_EVERY - 1
        },
    )
    with serve_farm(farm, ORIGINS) as feed_urls:
        blogs = [
            {
                "name": f"{prose.heading()} ({number})",
                "url": blog_url(number),
                "feed": feed_url,
                "tags": prose.rng.sample(TAGS, 2),
                "why": prose.sentence(),
            }
            for number, feed_url in enumerate(feed_urls)
        ]
        source = content / "blogroll.yml"
        source.write_text(yaml.safe_dump({"blogs": blogs}, sort_keys=False), encoding="utf-8")
        settings = BlogrollSettings.from_settings(
            {"PATH": str(content), "BLOGROLL_DATA_PATH": str(cache)}
        )
        outcomes = refresh(load_blogs(source), settings)
    failed = sum(outcome.status == FAILED for outcome in outcomes)
    if failed != feeds // FAILING_EVERY:
        problems = [o.detail for o in outcomes if o.status == FAILED][:3]
        raise BenchError(
            f"{cache}: the blogroll refresh failed {failed} feeds, expected "
            f"{feeds // FAILING_EVERY}: {problems}"
        )
