"""Instructions a build executes, counted by valgrind's callgrind: the speed targets.

On this shared machine the wall time of one build on one input moves by up to a fifth
from run to run; the number of instructions it executes does not depend on what else
runs. Vanilla and ours are counted at the same time, one process each (the count is the
same whatever shares the processor), with a fixed hash seed so that sets and dicts
iterate in the same order in every run. Callgrind runs a build about forty times slower,
so each build is counted once: a site's first build (empty output and cache, so
share_with draws every preview card), a full build (empty output and cache but for the
cards, as every build after the first), then a rebuild with nothing changed. The targets
are on the last two; the first says what drawing the cards costs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.builds import ROOT, empty_but_cards, pelican_command
from bench.corpus import Corpus
from bench.measure import BenchError, run

COUNTED_KINDS = ("full", "no_change")  # the targets
FIRST = "first"  # the site's first build: every preview card drawn
COUNT_TIMEOUT = 3600
TOTALS = re.compile(r"^(?:summary|totals): (\d+)", re.MULTILINE)


def count_instructions(command: list[str], *, log: Path) -> int:
    """Instructions `command` executes in user space, as callgrind counts them."""
    if shutil.which("valgrind") is None:
        raise BenchError("valgrind is not installed; `make system-deps` installs it")
    profile = log.with_suffix(".callgrind")
    run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile}", *command],
        log=log,
        timeout=COUNT_TIMEOUT,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    totals = TOTALS.search(profile.read_text(encoding="utf-8", errors="replace"))
    profile.unlink()
    if totals is None:
        raise BenchError(f"no instruction total in callgrind's output; see {log}")
    return int(totals[1])


def count_builds(
    corpus: Corpus, work: Path, plugins: dict[str, list[str] | None] | None = None
) -> dict[str, dict[str, int]]:
    """{kind: {variant: instructions}} for a first build, a full build and a no-change
    rebuild of each variant: vanilla and ours, or the PLUGINS lists named in `plugins`,
    all at once."""
    plugins = plugins or {"vanilla": [], "ours": None}

    def count_variant(variant: str) -> dict[str, int]:
        output, cache = work / variant / "output", work / variant / "cache"
        shutil.rmtree(work / variant, ignore_errors=True)
        command = pelican_command(corpus, output, cache, variant=variant, plugins=plugins[variant])
        counts = {}
        for kind in (FIRST, *COUNTED_KINDS):
            if kind == "full":
                empty_but_cards(output, cache)
            counts[kind] = count_instructions(command, log=work / "logs" / f"{kind}-{variant}.log")
        return counts

    with ThreadPoolExecutor(max_workers=len(plugins)) as pool:
        counts = dict(zip(plugins, pool.map(count_variant, plugins), strict=True))
    return {
        kind: {variant: counts[variant][kind] for variant in plugins}
        for kind in (FIRST, *COUNTED_KINDS)
    }


def main(argv: list[str]) -> None:
    """`python -m bench.count N PLUGIN...`: instructions at N posts with all our plugins and
    without each PLUGIN in turn, for what a plugin saves (template_cache, settled_urls)."""
    from bench.__main__ import FULL, write_plan_corpus
    from bench.prose import learn
    from bench.report import our_plugins

    parser = argparse.ArgumentParser(prog="python -m bench.count", description=main.__doc__)
    parser.add_argument("posts", type=int, help="corpus size N")
    parser.add_argument("plugins", nargs="*", metavar="PLUGIN", help="counted without it too")
    args = parser.parse_args(argv)
    posts, left_out = args.posts, args.plugins
    work = ROOT / "bench" / ".work" / "count"
    shutil.rmtree(work, ignore_errors=True)
    corpus = write_plan_corpus(FULL, work / "corpus", learn(ROOT / "content"), posts)
    ours = our_plugins()
    plugins = {"ours": ours}
    plugins.update({f"without {name}": [p for p in ours if p != name] for name in left_out})
    for kind, counts in count_builds(corpus, work, plugins).items():
        for variant, count in counts.items():
            print(f"N={posts:,} {kind:<9} {variant:<40} {count:>16,} {count / counts['ours']:.3f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
