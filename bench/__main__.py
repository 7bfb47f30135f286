"""`python -m bench`: build and refresh speed against vanilla Pelican (`make bench`).

The full run writes docs/benchmarks.md and docs/benchmarks.png; `--quick` is a smoke run
(small corpus, fewer repetitions) that prints the same table and writes it under the
work folder, so `make test` never rewrites the docs.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench import ROOT
from bench.builds import (
    SITEURL,
    BuildResults,
    bench_builds,
    cache_folder,
    cards_in,
    output_folder,
)
from bench.corpus import Corpus, write_corpus
from bench.count import count_builds
from bench.machine import describe, load_average
from bench.measure import BenchError
from bench.preview import PreviewResults, bench_previews
from bench.profile import profile_build
from bench.prose import Style, learn
from bench.refresh import bench_refresh
from bench.report import markdown, plot
from bench.weight import heaviest_post


@dataclass(frozen=True)
class Plan:
    """How much to measure: corpus sizes and repetitions."""

    sizes: tuple[int, ...]
    counted_size: int  # one of `sizes`: where instructions are counted (the targets)
    pairs: int  # at the largest size, where the targets are
    rebuild_pairs: int
    blogroll_feeds: int
    refresh_repeats: int
    refresh_feeds: int = 200
    refresh_small_feeds: int = 50
    origins: int = 50
    latency: float = 0.2
    entries_per_feed: int = 10
    # Edits per long-running preview (issue 23): five of ours at the largest size, where
    # its target is; three of vanilla's and Hugo's, whose catch-up is long.
    preview_edits: tuple[tuple[str, int], ...] = (("ours", 5), ("vanilla", 3), ("hugo", 3))

    def pairs_at(self, posts: int) -> tuple[int, int]:
        """(full, rebuild) pairs: as planned at the largest size, one of each below it,
        where the runs only place a point on the plot."""
        return (self.pairs, self.rebuild_pairs) if posts == max(self.sizes) else (1, 1)

    def lists(self, posts: int) -> int:
        """One reading list per fifty posts; at least the four the site ships with."""
        return max(4, posts // 50)


# The targets are instruction counts at N = 1,000 (about 9 minutes under callgrind); the
# timed runs beside them, two pairs at N = 1,000 and one at N = 200, are for information.
FULL = Plan(
    sizes=(200, 1000),
    counted_size=1000,
    pairs=2,
    rebuild_pairs=2,
    blogroll_feeds=100,
    refresh_repeats=2,
)
# Counting is slow: the smoke run counts a corpus of ten posts, in about a minute.
QUICK = Plan(
    sizes=(10, 100),
    counted_size=10,
    pairs=2,
    rebuild_pairs=2,
    blogroll_feeds=20,
    refresh_repeats=1,
    refresh_feeds=40,
    refresh_small_feeds=10,
    origins=10,
    preview_edits=(("ours", 2), ("vanilla", 1), ("hugo", 1)),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small smoke run (under a minute)")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="instead: profile one build with all plugins on the largest corpus, plugin code only",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "bench" / ".work",
        help="scratch folder (emptied first); quick results land here too",
    )
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    command = "make bench QUICK=1" if args.quick else "make bench"
    try:
        if args.profile:
            profile(plan, args.work.resolve())
        else:
            run(plan, args.work.resolve(), quick=args.quick, command=command)
    except BenchError as problem:
        print(f"bench: {problem}", file=sys.stderr)
        return 1
    return 0


def write_plan_corpus(plan: Plan, root: Path, style: Style, posts: int) -> Corpus:
    return write_corpus(
        root,
        style,
        posts=posts,
        lists=plan.lists(posts),
        feeds=plan.blogroll_feeds,
        entries=plan.entries_per_feed,
    )


def profile(plan: Plan, work: Path) -> None:
    scratch = work / "profile"
    shutil.rmtree(scratch, ignore_errors=True)
    corpus = write_plan_corpus(plan, scratch, learn(ROOT / "content"), max(plan.sizes))
    print(profile_build(corpus, scratch))


MEMORY = Path("/dev/shm")
MEMORY_NEEDED = 4 * 1024**3


def scratch_folder(work: Path) -> Path:
    """Where corpora and builds go: in memory (tmpfs) when there is room, so that neither
    variant's time depends on how a shared disk writes back and discards blocks (and
    clearing the last run costs nothing); else under `work`. One folder per checkout."""
    if (
        MEMORY.is_dir()
        and os.access(MEMORY, os.W_OK)
        and shutil.disk_usage(MEMORY).free > MEMORY_NEEDED
    ):
        digest = hashlib.sha1(str(work).encode()).hexdigest()[:10]
        return MEMORY / f"givefirst-bench-{os.getuid()}-{digest}"
    return work / "run"


def run(plan: Plan, work: Path, *, quick: bool, command: str) -> None:
    scratch = scratch_folder(work)
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        _run(plan, work, scratch, quick=quick, command=command)
    finally:
        if scratch.is_relative_to(MEMORY):
            shutil.rmtree(scratch, ignore_errors=True)  # give the memory back


def _run(plan: Plan, work: Path, scratch: Path, *, quick: bool, command: str) -> None:
    started = time.perf_counter()
    machine = describe(ROOT)
    machine["Work folder"] = "memory (tmpfs)" if scratch.is_relative_to(MEMORY) else "disk"

    def progress(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    style = learn(ROOT / "content")
    builds: list[BuildResults] = []
    previews: list[PreviewResults] = []
    weight = None
    for posts in plan.sizes:
        progress(f"writing a corpus of {posts:,} posts")
        corpus = write_plan_corpus(plan, scratch / f"n{posts}", style, posts)
        pairs, rebuild_pairs = plan.pairs_at(posts)
        results = bench_builds(
            corpus,
            scratch / f"n{posts}",
            pairs=pairs,
            rebuild_pairs=rebuild_pairs,
            progress=progress,
        )
        if posts == plan.counted_size:
            progress(f"counting instructions at N={posts:,} under callgrind")
            counted = scratch / f"n{posts}" / "counted"
            results.counts = count_builds(corpus, counted)
            results.cards = cards_in(cache_folder(counted, "ours"))
        builds.append(results)
        if posts == max(plan.sizes):
            previews.append(
                bench_previews(
                    corpus,
                    scratch / f"n{posts}",
                    edits=dict(plan.preview_edits),
                    caches={
                        variant: cache_folder(scratch / f"n{posts}", variant)
                        for variant in ("ours", "vanilla")
                    },
                    progress=progress,
                )
            )
            slugs = [path.stem for path in corpus.posts]
            weight = heaviest_post(output_folder(scratch / f"n{posts}", "ours"), slugs, SITEURL)
    refresh = bench_refresh(
        scratch / "refresh",
        style,
        feeds=plan.refresh_feeds,
        small_feeds=plan.refresh_small_feeds,
        origins=plan.origins,
        latency=plan.latency,
        entries=plan.entries_per_feed,
        repeats=plan.refresh_repeats,
        progress=progress,
    )
    destination = work if quick else ROOT / "docs"
    destination.mkdir(parents=True, exist_ok=True)
    image = destination / "benchmarks.png"
    plot(builds, image)
    machine["Load average at end"] = load_average()
    text = markdown(
        machine=machine,
        command=command,
        elapsed=time.perf_counter() - started,
        builds=builds,
        previews=previews,
        refresh=refresh,
        weight=weight,
        plot=image,
        notes=[],
    )
    (destination / "benchmarks.md").write_text(text, encoding="utf-8")
    print(text)
    progress(f"wrote {destination / 'benchmarks.md'} and {image.name}")


if __name__ == "__main__":
    raise SystemExit(main())
