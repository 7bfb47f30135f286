"""`python -m bench.hostile`: does the blogroll refresh hold its deadline against a hostile feed?

Thirty blogs on 127.0.0.1 (ten ports, each answer 200 ms late), one of them serving a
feed built to be expensive to read; the refresh runs with the site's own settings except
where a scenario says otherwise, and the table shows how long it took and what became of
the hostile blog. Run on a quiet machine for times worth comparing; the CPU columns are
steadier when the machine is shared.

    nested    2 MB: 100,000 nested elements, then thousands of unclosed inline tags, in
              one summary (minutes of CPU in the sanitizer before tags past 100 levels
              were turned into text)
    tangled   4 MB of unclosed tags in the XML itself: feedparser's forgiving parser
              needs about 30 s of CPU, past BLOGROLL_PARSE_CPU_SECONDS
    deadline  the tangled feed with no CPU limit and BLOGROLL_DEADLINE = 5 s
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import yaml
from pelican.plugins.blogroll.config import load_blogs
from pelican.plugins.blogroll.refresh import refresh
from pelican.plugins.blogroll.settings import BlogrollSettings
from pelican.settings import read_settings

from bench import ROOT
from bench.feed_farm import FeedFarm, serve_farm
from bench.feeds import make_feed, served_feed
from bench.prose import Prose, learn

BLOGS = 30
ORIGINS = 10
LATENCY = 0.2
HOSTILE_PATH = "/hostile/feed.xml"
RSS = "application/rss+xml; charset=utf-8"


def nested_feed(levels: int = 100_000, unclosed: int = 5_000) -> bytes:
    """About 2 MB: one entry whose summary nests `levels` elements, then leaves
    `unclosed` inline tags open."""
    summary = '<div class="deeper">' * levels + "<b><i>" * unclosed + "the bottom"
    return _rss(f"<description><![CDATA[{summary}]]></description>")


def tangled_feed(megabytes: int = 4) -> bytes:
    """Unclosed tags in the XML itself, so feedparser falls back to its slow parser."""
    return _rss("<description>" + "<b>" * (megabytes * 1024 * 1024 // 3) + "</description>")


def _rss(description: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Hostile'
        "</title><link>http://hostile.example/</link><item><title>Hostile</title>"
        f"<link>http://hostile.example/1</link>{description}</item></channel></rss>"
    ).encode()


SCENARIOS = {
    "nested": (nested_feed, {}),
    "tangled": (tangled_feed, {"BLOGROLL_MAX_BYTES": 8 * 1024 * 1024}),
    "deadline": (
        tangled_feed,
        {
            "BLOGROLL_MAX_BYTES": 8 * 1024 * 1024,
            "BLOGROLL_DEADLINE": 5.0,
            "BLOGROLL_PARSE_CPU_SECONDS": 3600,
        },
    ),
}


def measure(name: str, work: Path) -> dict:
    """One first refresh of the thirty blogs with the `name` scenario's hostile feed."""
    make_hostile, overrides = SCENARIOS[name]
    prose = Prose(learn(ROOT / "content"), random.Random(30))
    feeds = [make_feed(prose, number, 10) for number in range(BLOGS - 1)]
    feeds.append(served_feed(HOSTILE_PATH, make_hostile(), RSS))
    farm = FeedFarm(feeds={feed.path: feed for feed in feeds}, latency=LATENCY)
    with serve_farm(farm, ORIGINS) as urls:
        blogs = [
            {"name": f"Blog {number}", "url": url.removesuffix("feed.xml"), "feed": url}
            for number, url in enumerate(urls)
        ]
        (work / "blogroll.yml").write_text(yaml.safe_dump({"blogs": blogs}), encoding="utf-8")
        values = {"PATH": str(work), "BLOGROLL_DATA_PATH": str(work / "cache"), **overrides}
        settings = BlogrollSettings.from_settings(
            read_settings(str(ROOT / "pelicanconf.py"), override=values)
        )
        before = _cpu_seconds()
        started = time.perf_counter()
        outcomes = refresh(load_blogs(settings.source), settings)
        seconds = time.perf_counter() - started
    hostile = outcomes[-1]
    return {
        "scenario": name,
        "bytes": len(feeds[-1].body),
        "deadline": settings.deadline,
        "seconds": seconds,
        "cpu": _cpu_seconds() - before,
        "others": sum(outcome.status == "updated" for outcome in outcomes[:-1]),
        "hostile": f"{hostile.status} in {hostile.seconds:.1f} s: {hostile.detail}",
    }


def _cpu_seconds() -> float:
    """CPU time of this process and of the workers it has waited for."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )


def main(argv: list[str]) -> int:
    names = argv or list(SCENARIOS)
    print(f"{BLOGS} blogs, {ORIGINS} origins on 127.0.0.1, answers {LATENCY * 1000:.0f} ms late")
    print("| scenario | hostile feed | deadline | refresh | CPU | others updated | hostile blog |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name in names:
        with tempfile.TemporaryDirectory(prefix=f"bench-hostile-{name}-") as folder:
            row = measure(name, Path(folder))
        print(
            f"| {row['scenario']} | {row['bytes'] / 1e6:.1f} MB | {row['deadline']:g} s "
            f"| {row['seconds']:.2f} s | {row['cpu']:.1f} s | {row['others']} of {BLOGS - 1} "
            f"| {row['hostile']} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
