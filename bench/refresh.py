"""The refresh benchmark: many slow blogs, fetched for real by the blogroll's `refresh`.

Feeds are served from 127.0.0.1 on many ports (each port an origin, so the plugin's
per-host politeness limit applies as it would to real blogs), each answer delayed. Every
refresh runs in a child process (`bench.refresh_child`) with the site's own settings.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bench import ROOT
from bench.feed_farm import FAILING, STALLING, FeedFarm, serve_farm
from bench.feeds import make_feed
from bench.measure import BenchError, run
from bench.prose import Prose, Style

FAILING_SHARE = 20  # one feed in twenty fails or stalls: 5%
STALL_READ_TIMEOUT = 2.0
REFRESH_TIMEOUT = 120


@dataclass(frozen=True)
class RefreshRun:
    seconds: float
    peak_mib: float
    bytes: int
    requests: int
    statuses: dict[int, int]
    outcomes: dict[str, int]
    not_modified: int


@dataclass
class RefreshResults:
    feeds: int
    small_feeds: int
    origins: int
    latency: float
    feed_bytes: int
    feed_gzip_bytes: int
    runs: dict[str, list[RefreshRun]] = field(default_factory=dict)

    def median(self, scenario: str, attribute: str) -> float:
        return statistics.median(getattr(run, attribute) for run in self.runs[scenario])


def bench_refresh(
    work: Path,
    style: Style,
    *,
    feeds: int,
    small_feeds: int,
    origins: int,
    latency: float,
    entries: int,
    repeats: int,
    progress: Callable[[str], None],
) -> RefreshResults:
    """First and second refresh of `feeds` blogs, healthy and with 5% failing or stalling,
    and the first refresh of `small_feeds` blogs to see how memory grows with the count."""
    prose = Prose(style, random.Random(200))
    farm = FeedFarm(
        feeds={
            feed.path: feed
            for feed in (make_feed(prose, number, entries) for number in range(feeds))
        },
        latency=latency,
    )
    results = RefreshResults(
        feeds=feeds,
        small_feeds=small_feeds,
        origins=origins,
        latency=latency,
        feed_bytes=sum(len(feed.body) for feed in farm.feeds.values()) // feeds,
        feed_gzip_bytes=sum(len(feed.gzipped) for feed in farm.feeds.values()) // feeds,
    )
    unhealthy = {
        path: FAILING if number // FAILING_SHARE % 2 else STALLING
        for number, path in enumerate(farm.feeds)
        if number % FAILING_SHARE == FAILING_SHARE // 2
    }
    with serve_farm(farm, origins) as urls:
        everyone = _site(work / "all", urls)
        few = _site(work / "few", urls[:small_feeds])

        def measure(scenario: str, site: Path, cache: str, overrides=None) -> None:
            number = len(results.runs.setdefault(scenario, [])) + 1
            result = _refresh(farm, site, site / cache, work / f"{scenario}-{number}", overrides)
            results.runs[scenario].append(result)
            progress(
                f"refresh {scenario:<16} #{number}: {result.seconds:5.2f} s "
                f"{result.bytes:>10,} B {result.peak_mib:4.0f} MiB {result.outcomes}"
            )

        for number in range(1, repeats + 1):
            measure("first", everyone, f"cache-{number}")
            measure("second", everyone, f"cache-{number}")
            measure("first_small", few, f"cache-{number}")
        farm.behaviour.update(unhealthy)
        stall = {"BLOGROLL_READ_TIMEOUT": STALL_READ_TIMEOUT}
        for number in range(1, repeats + 1):
            measure("first_failing", everyone, f"failing-{number}", stall)
            measure("second_failing", everyone, f"failing-{number}", stall)
    return results


def _site(folder: Path, urls: list[str]) -> Path:
    """A content folder holding just `blogroll.yml` for these feeds."""
    folder.mkdir(parents=True)
    blogs = [
        {"name": f"Blog {number}", "url": url.removesuffix("feed.xml"), "feed": url}
        for number, url in enumerate(urls)
    ]
    (folder / "blogroll.yml").write_text(yaml.safe_dump({"blogs": blogs}), encoding="utf-8")
    return folder


def _refresh(
    farm: FeedFarm, site: Path, cache: Path, scratch: Path, overrides: dict | None
) -> RefreshRun:
    scratch.mkdir(parents=True)
    job, result_file = scratch / "job.json", scratch / "result.json"
    settings = {"PATH": str(site), "BLOGROLL_DATA_PATH": str(cache), **(overrides or {})}
    job.write_text(json.dumps({"settings": settings}))
    farm.traffic.reset()
    measured = run(
        [sys.executable, "-m", "bench.refresh_child", str(job), str(result_file)],
        log=scratch / "refresh.log",
        timeout=REFRESH_TIMEOUT,
        cwd=ROOT,
    )
    if not result_file.is_file():
        raise BenchError(f"{scratch / 'refresh.log'}: the refresh wrote no result")
    result = json.loads(result_file.read_text())
    with farm.traffic.lock:
        return RefreshRun(
            seconds=result["seconds"],
            peak_mib=measured.peak_mib,
            bytes=farm.traffic.total,
            requests=farm.traffic.requests,
            statuses=dict(farm.traffic.by_status),
            outcomes=result["outcomes"],
            not_modified=result["not_modified"],
        )
