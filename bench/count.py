"""Instructions a build executes, counted by valgrind's callgrind: the speed targets.

On this shared machine the wall time of one build on one input moves by up to a fifth
from run to run; the number of instructions it executes does not depend on what else
runs. Vanilla and ours are counted at the same time, one process each (the count is the
same whatever shares the processor), with a fixed hash seed so that sets and dicts
iterate in the same order in every run. Callgrind runs a build about forty times slower,
so each build is counted once: a full build, then a rebuild with nothing changed.
"""

from __future__ import annotations

import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.builds import ROOT, VARIANTS, pelican_command
from bench.corpus import Corpus
from bench.measure import BenchError, run

COUNTED_KINDS = ("full", "no_change")
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


def count_builds(corpus: Corpus, work: Path) -> dict[str, dict[str, int]]:
    """{kind: {variant: instructions}} for a full build and a no-change rebuild."""

    def count_variant(variant: str) -> dict[str, int]:
        output, cache = work / variant / "output", work / variant / "cache"
        shutil.rmtree(work / variant, ignore_errors=True)
        command = pelican_command(corpus, output, cache, variant=variant)
        return {
            kind: count_instructions(command, log=work / "logs" / f"{kind}-{variant}.log")
            for kind in COUNTED_KINDS
        }

    with ThreadPoolExecutor(max_workers=len(VARIANTS)) as pool:
        counts = dict(zip(VARIANTS, pool.map(count_variant, VARIANTS), strict=True))
    return {
        kind: {variant: counts[variant][kind] for variant in VARIANTS} for kind in COUNTED_KINDS
    }
