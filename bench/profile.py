"""Where the plugins spend a build's time: cProfile on the "ours" build, plugin code only.

`python -m bench --profile` (on the largest corpus of the plan) answers the question a
missed overhead target raises: which plugin function costs what. Times are cumulative
(a function includes what it calls, so nested rows overlap) and inflated by the
profiler itself; compare rows with each other and with the whole build, not with a
plain build's seconds.
"""

from __future__ import annotations

import pstats
from pathlib import Path

from bench import PLUGINS, ROOT
from bench.builds import pelican_command
from bench.corpus import Corpus
from bench.measure import run

PROFILE_TIMEOUT = 900


def profile_build(corpus: Corpus, work: Path, *, rows: int = 30) -> str:
    """Profile one full "ours" build of `corpus`; return a plain-text table of plugin costs."""
    stats_file = work / "ours.prof"
    command = pelican_command(corpus, work / "output", work / "cache", variant="ours")
    command[1:3] = ["-m", "cProfile", "-o", str(stats_file), "-m", "pelican"]
    run(command, log=work / "profile.log", timeout=PROFILE_TIMEOUT, cwd=ROOT)
    stats = pstats.Stats(str(stats_file))
    total = max(cumulative for _, _, _, cumulative, _ in stats.stats.values())
    plugin_rows = sorted(
        (
            (cumulative, own, calls, f"{Path(file).relative_to(PLUGINS)}:{line} {name}")
            for (file, line, name), (_, calls, own, cumulative, _) in stats.stats.items()
            if file.startswith(PLUGINS)
        ),
        reverse=True,
    )
    lines = [
        f"Profiled build of {len(corpus.posts):,} posts: {total:.2f} s in all (under cProfile).",
        f"{'cumulative':>10} {'own':>8} {'calls':>9}  plugin function",
    ]
    lines += [
        f"{cumulative:9.2f}s {own:7.2f}s {calls:9,}  {where}"
        for cumulative, own, calls, where in plugin_rows[:rows]
    ]
    return "\n".join(lines)
