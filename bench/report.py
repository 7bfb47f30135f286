"""Turn measurements into the results table (Markdown), a verdict per target, and a plot."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from pelican.settings import read_settings

from bench.builds import KINDS, ROOT, BuildResults, in_turn
from bench.count import COUNTED_KINDS, FIRST
from bench.preview import PreviewResults
from bench.refresh import RefreshResults
from bench.weight import PageWeight

KB = 1000


def our_plugins() -> list[str]:
    return read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]


BUILD_LABELS = {
    "full": "Full build (fresh output and cache)",
    "no_change": "Rebuild, nothing changed",
    "one_edit": "Rebuild after editing one post",
}
INSTRUCTION_LIMIT = 1.10
# What the README's Speed section used to say, kept with the numbers it explains.
METHOD = [
    "## How these numbers are measured",
    "",
    "Wall time on a shared machine is not to be trusted to ten per cent: runs of the same "
    'build on the same input have differed by up to 22% here ("Every build" gives this '
    "run's spread). Instructions do not move with the machine's load, so the build targets "
    "are set on them: `valgrind --tool=callgrind` counts every user-space instruction of "
    "one `pelican` process, start-up included, for a full build and for a rebuild with "
    "nothing changed (`bench/count.py`). Wall time is reported beside the counts for "
    "information only. A speed trick in a plugin stays only if it is worth more than 5% "
    "counted.",
    "",
    "Our plugins cost more at start-up (imports, settings checks, the blogroll's cache) "
    "and a little per post; two of them make Pelican's own per-post work cheaper: "
    "`settled_urls` works out each post's URL once instead of at each of about twenty "
    "reads, and `template_cache` compiles each template once for all generators and keeps "
    "the code for the next build. Their READMEs give what each saves, counted with "
    "`python -m bench.count`.",
    "",
    "Earlier counts at N = 1,000, ours / vanilla, full build and no-change rebuild: "
    "1.05x and 1.13x before settled_urls; 1.013x and 0.982x with it and with the speed "
    "tricks issue 21 took out (the share block spliced into a skeleton, partials "
    "rendered once per build and written in Latin-1, the compacted static files); "
    "1.018x and 0.986x for the same code at 9d4a72b, counted by this bench. With all "
    "of those tricks gone the rebuild came to 1.146x. Making the blogroll's byline a "
    "macro (the widget, now included under every post, showed it through five "
    "includes) took 0.8% of vanilla off, and two tricks came back, each in one small "
    "function, because together they brought the rebuild under 1.10x: libyaml for the "
    "reading lists (2.9%) and table-based percent-encoding for the share links (1.4%). "
    "Words are still counted as the readers read: counting them on a public signal "
    "instead would have cost 22.6%. Those counts are of five plugins (share_with, "
    "reading_lists, blogroll, template_cache, settled_urls): 1.071x and 1.095x at "
    "6e1e88c. Ours now also runs read_next, follow and conversation, and draws preview "
    "cards: 1.097x and 1.211x at 71766e2. Each step back under 1.10x on the rebuild, "
    "counted at N = 1,000: the share block's items written in its two loops instead of a "
    "macro called per link, a post's summary cut only when a wording prints it, and each "
    "audience's prompt worded once (3.9% together); the theme including "
    "`conversation/count.html` only for a post with replies (2.9%); settled_urls listed "
    "before the plugins that read URLs, and conversation attaching after it (2.6%); "
    "read_next sorting ranks rather than pairs, one parse of article.html for the five "
    "theme checks, and Pillow loaded only to draw (1.7% together); the blogroll widget "
    "writing its byline in its own loop, and a post getting only the reaction groups it "
    "has (0.5%); template_cache turning off Jinja's file check at each include (1.3%).",
]
FIRST_REFRESH_LIMIT = 1.5
SECOND_BYTES_LIMIT = 0.05
MEMORY_FLAT_LIMIT = 1.10
PAGE_LIMIT = 30 * KB
SHARE_SCRIPT_LIMIT = 2 * KB
PREVIEW_SERVED_LIMIT = 1.0
PREVIEW_MEMORY_LIMIT_MIB = 1024
PREVIEW_LABELS = {
    "ours": "ours (`make devserver`)",
    "vanilla": "vanilla Pelican `-lr`, content cache",
    "hugo": "`hugo server`",
}


@dataclass(frozen=True)
class Verdict:
    target: str
    measured: str
    passed: bool

    @property
    def result(self) -> str:
        return "PASS" if self.passed else "MISS"


def median(values) -> float:
    return statistics.median(values)


def build_medians(results: BuildResults, kind: str, attribute: str) -> tuple[float, float]:
    runs = results.runs[kind]
    return (
        median(getattr(run, attribute) for run in runs["vanilla"]),
        median(getattr(run, attribute) for run in runs["ours"]),
    )


def counted(builds: list[BuildResults]) -> BuildResults:
    """The builds whose instructions were counted (one size of the plan)."""
    return next(results for results in builds if results.counts)


def verdicts(
    builds: list[BuildResults], refresh: RefreshResults, weight: PageWeight
) -> list[Verdict]:
    """Every target; builds in instructions, where they were counted."""
    results = counted(builds)
    found = []
    for kind in COUNTED_KINDS:
        vanilla, ours = (results.counts[kind][variant] for variant in ("vanilla", "ours"))
        found.append(
            Verdict(
                f"{BUILD_LABELS[kind]} at N = {results.posts:,}, instructions: "
                f"ours ≤ {INSTRUCTION_LIMIT:.2f}x vanilla",
                f"{ours / vanilla:.3f}x ({ours / 1e9:.2f} G vs {vanilla / 1e9:.2f} G)",
                ours / vanilla <= INSTRUCTION_LIMIT,
            )
        )
    first = refresh.median("first", "seconds")
    first_bytes, second_bytes = refresh.median("first", "bytes"), refresh.median("second", "bytes")
    small, large = refresh.median("first_small", "peak_mib"), refresh.median("first", "peak_mib")
    found += [
        Verdict(
            f"First refresh of {refresh.feeds} feeds at {refresh.latency * 1000:.0f} ms "
            f"< {FIRST_REFRESH_LIMIT} s",
            f"{first:.2f} s",
            first < FIRST_REFRESH_LIMIT,
        ),
        Verdict(
            f"Second refresh < {SECOND_BYTES_LIMIT:.0%} of the first's bytes",
            f"{second_bytes / first_bytes:.1%} ({second_bytes:,.0f} B of {first_bytes:,.0f} B)",
            second_bytes / first_bytes < SECOND_BYTES_LIMIT,
        ),
        Verdict(
            f"Refresh memory flat in F: peak at F = {refresh.feeds} "
            f"≤ {MEMORY_FLAT_LIMIT:.2f}x F = {refresh.small_feeds}",
            f"{large / small:.2f}x ({large:.0f} MiB vs {small:.0f} MiB)",
            large / small <= MEMORY_FLAT_LIMIT,
        ),
        Verdict(
            f"Post page (HTML + CSS + JS, uncompressed) < {PAGE_LIMIT // KB} KB",
            f"{weight.total / KB:.1f} KB ({weight.total:,} B)",
            weight.total < PAGE_LIMIT,
        ),
        Verdict(
            f"Share script < {SHARE_SCRIPT_LIMIT // KB} KB gzipped",
            f"{weight.share_script_gzip / KB:.2f} KB ({weight.share_script_gzip:,} B)",
            weight.share_script_gzip < SHARE_SCRIPT_LIMIT,
        ),
    ]
    return found


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def build_rows(builds: list[BuildResults]) -> list[list[str]]:
    rows = []
    for results in builds:
        for kind in KINDS:
            vanilla, ours = build_medians(results, kind, "seconds")
            vanilla_cpu, ours_cpu = build_medians(results, kind, "cpu_seconds")
            count = len(results.runs[kind]["ours"])
            rows.append(
                [
                    f"{BUILD_LABELS[kind]}, N = {results.posts:,} ({_count(count, 'pair')})",
                    f"{vanilla:.2f} s",
                    f"{ours:.2f} s",
                    f"{ours / vanilla:.3f}x",
                    f"{vanilla_cpu:.2f} s / {ours_cpu:.2f} s = {ours_cpu / vanilla_cpu:.3f}x",
                ]
            )
        vanilla, ours = build_medians(results, "full", "peak_mib")
        rows.append(
            [
                f"Peak memory of the full build, N = {results.posts:,}",
                f"{vanilla:.0f} MiB",
                f"{ours:.0f} MiB",
                f"{ours / vanilla:.3f}x",
                "",
            ]
        )
    return rows


def count_rows(builds: list[BuildResults]) -> list[list[str]]:
    """Instructions beside the median wall time of the same build (for information), and
    the site's first build, which draws every preview card (counted only)."""
    results = counted(builds)
    vanilla, ours = (results.counts[FIRST][variant] for variant in ("vanilla", "ours"))
    rows = [
        [
            f"First build (no preview card drawn yet), N = {results.posts:,}",
            f"{vanilla:,}",
            f"{ours:,}",
            f"{ours / vanilla:.3f}x",
            "not timed",
        ]
    ]
    for kind in COUNTED_KINDS:
        vanilla, ours = (results.counts[kind][variant] for variant in ("vanilla", "ours"))
        vanilla_time, ours_time = build_medians(results, kind, "seconds")
        rows.append(
            [
                f"{BUILD_LABELS[kind]}, N = {results.posts:,}",
                f"{vanilla:,}",
                f"{ours:,}",
                f"{ours / vanilla:.3f}x",
                f"{ours_time / vanilla_time:.3f}x",
            ]
        )
    return rows


def card_note(builds: list[BuildResults]) -> str:
    """What drawing the preview cards costs: the first build less the full build."""
    results = counted(builds)
    first, full = results.counts[FIRST]["ours"], results.counts["full"]["ours"]
    vanilla = results.counts["full"]["vanilla"]
    each = (first - full) / results.cards if results.cards else 0
    return (
        f"Preview cards, for information: a site's first build draws all {results.cards:,} "
        f"(N = {results.posts:,}), {each / 1e6:.1f} M instructions each, and counts "
        f"{first / vanilla:.3f}x vanilla's full build; every build after it only copies them "
        "from the cache, as the full build above does."
    )


def run_rows(builds: list[BuildResults]) -> list[list[str]]:
    """Every build in the order it ran, and how far apart the runs of one build are:
    the spread says how much of a ratio this machine's noise can account for."""
    rows = []
    for results in builds:
        for kind in KINDS:
            runs = results.runs[kind]
            order = [
                f"{variant} {runs[variant][number].seconds:.2f} s"
                for number in range(len(runs["ours"]))
                for variant in in_turn(number + 1)
            ]
            rows.append(
                [
                    f"{BUILD_LABELS[kind]}, N = {results.posts:,}",
                    ", ".join(order),
                    *(
                        _spread([run.seconds for run in runs[variant]])
                        for variant in ("vanilla", "ours")
                    ),
                ]
            )
    return rows


def _spread(seconds: list[float]) -> str:
    """(slowest - fastest) / median of one variant's runs of one build."""
    if len(seconds) < 2:
        return "one run"
    return f"{(max(seconds) - min(seconds)) / median(seconds):.1%}"


def refresh_rows(refresh: RefreshResults) -> list[list[str]]:
    first_bytes = refresh.median("first", "bytes")
    scenarios = {
        "first": "First refresh (empty cache)",
        "second": "Second refresh (all 304)",
        "first_failing": "First refresh, 5% failing or stalling",
        "second_failing": "Second refresh, 5% failing or stalling",
        "first_small": f"First refresh of {refresh.small_feeds} feeds",
    }
    rows = []
    for scenario, label in scenarios.items():
        runs = refresh.runs[scenario]
        last = runs[-1]
        outcomes = ", ".join(f"{count} {status}" for status, count in sorted(last.outcomes.items()))
        size = refresh.median(scenario, "bytes")
        share = f" ({size / first_bytes:.1%} of first)" if scenario.startswith("second") else ""
        rows.append(
            [
                f"{label} ({_count(len(runs), 'run')})",
                f"{refresh.median(scenario, 'seconds'):.2f} s",
                f"{size:,.0f} B{share}",
                f"{refresh.median(scenario, 'requests'):.0f}",
                f"{refresh.median(scenario, 'peak_mib'):.0f} MiB",
                outcomes,
            ]
        )
    return rows


def preview_verdicts(previews: list[PreviewResults]) -> list[Verdict]:
    """Issue 23's goals, at the largest corpus: the edited post served within a second
    (median of ours' edits) and the preview's memory under 1 GB."""
    largest = max(previews, key=lambda results: results.posts)
    served = largest.median("ours", "served")
    now, peak = largest.memory_mib["ours"]
    count = len(largest.edits["ours"])
    return [
        Verdict(
            f"Edited post served at N = {largest.posts:,}, median of {count} edits "
            f"< {PREVIEW_SERVED_LIMIT:.0f} s",
            f"{served:.2f} s",
            served < PREVIEW_SERVED_LIMIT,
        ),
        Verdict(
            f"Preview's memory at N = {largest.posts:,} < 1 GB",
            f"{peak:.0f} MiB at peak ({now:.0f} MiB after the edits)",
            peak < PREVIEW_MEMORY_LIMIT_MIB,
        ),
    ]


def preview_rows(previews: list[PreviewResults]) -> list[list[str]]:
    rows = []
    for results in previews:
        for variant, edits in results.edits.items():
            served = [edit.served for edit in edits]
            rows.append(
                [
                    f"{PREVIEW_LABELS[variant]}, N = {results.posts:,}",
                    _count(len(edits), "edit"),
                    f"{median(served):.2f} s ({min(served):.2f}–{max(served):.2f})",
                    f"{results.median(variant, 'finished'):.1f} s",
                    f"{results.median(variant, 'cpu'):.1f} s",
                    f"{results.memory_mib[variant][1]:.0f} MiB",
                ]
            )
        for variant, reason in results.skipped.items():
            rows.append([f"{PREVIEW_LABELS[variant]}, N = {results.posts:,}", reason, *[""] * 4])
    return rows


def weight_rows(weight: PageWeight) -> list[list[str]]:
    rows = [[f"HTML `{weight.page}`", f"{weight.html:,} B"]]
    rows += [[f"… of which `{part}`", f"≈ {size:,} B"] for part, size in weight.parts.items()]
    rows += [[f"`{url}`", f"{size:,} B"] for url, size in weight.assets.items()]
    rows.append(["**Total**", f"**{weight.total:,} B**"])
    rows.append(
        [f"Share script `{weight.share_script}`, gzip -9", f"{weight.share_script_gzip:,} B"]
    )
    return rows


def markdown(
    *,
    machine: dict[str, str],
    command: str,
    elapsed: float,
    builds: list[BuildResults],
    previews: list[PreviewResults],
    refresh: RefreshResults,
    weight: PageWeight,
    plot: Path,
    notes: list[str],
) -> str:
    found = verdicts(builds, refresh, weight)
    lines = [
        "# Benchmarks",
        "",
        f"Measured with `{command}` in {elapsed / 60:.1f} minutes. Vanilla is the same "
        "theme and `pelicanconf.py` with `PLUGINS=[]`; ours has all its plugins on "
        f"({', '.join(our_plugins())}); template_cache and settled_urls make Pelican's own "
        "work cheaper (see their READMEs). "
        "Builds alternate vanilla and ours, the order turning round each pair (A B B A), "
        "so that drift in the machine's speed hits both; every number is the median of its runs. "
        "KB = 1,000 bytes.",
        "",
        "## Targets",
        "",
        *_table(
            ["Target", "Measured", "Result"],
            [[v.target, v.measured, v.result] for v in found],
        ),
        "",
        card_note(builds),
        "",
        *METHOD,
        "",
        "## Instructions",
        "",
        "Counted by `valgrind --tool=callgrind` (user-space instructions of the whole "
        "`pelican` process, start-up included), one run of each build with "
        "`PYTHONHASHSEED=0`; the wall-time ratio is the median of the timed runs below, "
        "for information: on a shared machine it moves by several per cent from run to run. "
        "A full build starts from an empty output and cache but for share_with's preview "
        "cards, which every build after a site's first finds there; the first build, with "
        "none, is counted before it.",
        "",
        *_table(
            ["Build", "Vanilla", "Ours", "Ours / vanilla", "Wall time: ours / vanilla"],
            count_rows(builds),
        ),
        "",
        "## Machine",
        "",
        *_table(["", ""], [[key, value] for key, value in machine.items()]),
        "",
        "## Builds",
        "",
        *_table(
            ["Measurement", "Vanilla", "Ours", "Ours / vanilla", "CPU time: vanilla / ours"],
            build_rows(builds),
        ),
        "",
        f"![Build time against the number of posts]({plot.name})",
        "",
        "## Every build",
        "",
        "Each build's runs in the order they ran, and their spread: (slowest - fastest) / "
        "median of the same variant's runs of the same build, on the same input.",
        "",
        *_table(["Build", "Runs, in order", "Spread: vanilla", "Spread: ours"], run_rows(builds)),
        "",
        "## Preview: edit to served",
        "",
        "A long-running preview of the same corpus, started from the content cache the "
        "builds above left; each edit appends a new sentence to a post in the middle of the "
        "archive. Served: from the write to the first HTTP response with the sentence, "
        "polled every 20 ms (median, and the fastest and slowest edit). Finished: to the "
        "last CPU use of the preview's processes for that edit (ours: the full build that "
        "catches up; resolution 0.25 s). CPU: of all the preview's processes for the edit. "
        "Memory: peak resident memory of the preview's largest process. Hugo gets the same "
        "Markdown with plain layouts (`bench/hugo_site.py`).",
        "",
        *_table(
            ["Target", "Measured", "Result"],
            [[v.target, v.measured, v.result] for v in preview_verdicts(previews)],
        ),
        "",
        *_table(
            ["Preview", "Edits", "Served (min–max)", "Finished", "CPU per edit", "Memory"],
            preview_rows(previews),
        ),
        "",
        "## Blogroll refresh",
        "",
        f"{refresh.feeds} feeds served from 127.0.0.1 on {refresh.origins} ports (origins), "
        f"each answer delayed {refresh.latency * 1000:.0f} ms; feeds of ten full posts, "
        f"{refresh.feed_bytes / KB:.1f} KB each ({refresh.feed_gzip_bytes / KB:.1f} KB "
        "gzipped, served gzipped as asked). Bytes are HTTP request and response bytes "
        "(headers and bodies) counted by the servers. Time is the `blogroll.refresh.refresh` "
        "call, in a process of its own with the site's settings; stalls hold the answer "
        "beyond the read timeout, set to 2 s for those rows.",
        "",
        *_table(
            ["Scenario", "Time", "Bytes", "Requests", "Peak memory", "Outcome"],
            refresh_rows(refresh),
        ),
        "",
        "## Page weight",
        "",
        "The heaviest post page of the N = "
        f"{max(results.posts for results in builds):,} build with all plugins, and what it "
        "references, uncompressed.",
        "",
        *_table(["File", "Size"], weight_rows(weight)),
    ]
    if notes:
        lines += ["", "## Notes", "", *(f"- {note}" for note in notes)]
    return "\n".join(lines) + "\n"


def plot(builds: list[BuildResults], path: Path) -> None:
    """Build time against N for vanilla and ours: full builds solid, rebuilds dashed."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    sizes = [results.posts for results in builds]
    figure, axes = pyplot.subplots(figsize=(7, 4.5), dpi=110)
    styles = {"full": "-", "no_change": "--", "one_edit": ":"}
    for variant, colour, marker in (("vanilla", "#555555", "o"), ("ours", "#b3261e", "s")):
        for kind, line in styles.items():
            seconds = [
                median(run.seconds for run in results.runs[kind][variant]) for results in builds
            ]
            axes.plot(
                sizes,
                seconds,
                line,
                color=colour,
                marker=marker,
                label=f"{variant}: {BUILD_LABELS[kind].lower()}",
            )
    axes.set_xlabel("posts (N)")
    axes.set_ylabel("seconds (median)")
    axes.set_title("Give First build time: vanilla Pelican vs all plugins")
    axes.set_xticks(sizes)
    axes.set_ylim(bottom=0)
    axes.grid(alpha=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path)
    pyplot.close(figure)
