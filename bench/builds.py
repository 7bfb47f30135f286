"""Build one corpus with vanilla Pelican and with our plugins, alternating, and time it.

Vanilla is the same theme and `pelicanconf.py` with `PLUGINS=[]`: the theme renders plugin
hooks only when their data exists, so the difference is exactly what the plugins cost.
Runs alternate, the order turning round each pair (vanilla, ours, ours, vanilla ...), so
that a machine slowing down or speeding up over the run hits both alike: with a plain
A B A B, every "ours" runs later than its "vanilla" and takes the drift for its own.

A full build starts from an empty output and cache, but for the preview cards share_with
keeps in the cache: every build after a site's first has them, so an untimed build draws
them before the first full build (count.py counts what drawing them all costs).
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pelican.plugins.share_with.preview_card import CACHE_FOLDER as CARD_CACHE

from bench.corpus import Corpus, edit_post
from bench.measure import Run, run

ROOT = Path(__file__).resolve().parent.parent
SITEURL = "http://127.0.0.1:8000"
VARIANTS = ("vanilla", "ours")
KINDS = ("full", "no_change", "one_edit")
BUILD_TIMEOUT = 300


@dataclass
class BuildResults:
    """Every run, by kind of build and variant, in the order they ran."""

    posts: int
    runs: dict[str, dict[str, list[Run]]] = field(
        default_factory=lambda: {kind: {variant: [] for variant in VARIANTS} for kind in KINDS}
    )
    # Instructions, {kind: {variant: count}}: at the plan's counted size only (count.py).
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    cards: int = 0  # preview cards drawn by ours' counted first build


def pelican_command(
    corpus: Corpus, output: Path, cache: Path, *, variant: str, plugins: list[str] | None = None
) -> list[str]:
    """The build of `variant`; `plugins`, when given, replaces pelicanconf.py's PLUGINS."""
    settings = {
        "SITEURL": SITEURL,
        "FEED_DOMAIN": SITEURL,
        "CACHE_PATH": str(cache),
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "BLOGROLL_DATA_PATH": str(corpus.blogroll_cache),
    }
    if variant == "vanilla":
        settings["PLUGINS"] = []
    if plugins is not None:
        settings["PLUGINS"] = plugins
    return [
        sys.executable,
        "-m",
        "pelican",
        str(corpus.content),
        "--settings",
        str(ROOT / "pelicanconf.py"),
        "--output",
        str(output),
        "--fatal",
        "warnings",
        "--extra-settings",
        *(f"{key}={json.dumps(value)}" for key, value in settings.items()),
    ]


def bench_builds(
    corpus: Corpus,
    work: Path,
    *,
    pairs: int,
    rebuild_pairs: int,
    progress: Callable[[str], None],
) -> BuildResults:
    """`pairs` full builds per variant, then `rebuild_pairs` no-change and one-edit rebuilds.

    Each variant has its own output and cache folder; they read the same content, so an
    edited post is new to both.
    """
    results = BuildResults(posts=len(corpus.posts))

    def measure(kind: str, variant: str, number: int) -> None:
        output, cache = output_folder(work, variant), cache_folder(work, variant)
        if kind == "full":
            empty_but_cards(output, cache)
        result = run(
            pelican_command(corpus, output, cache, variant=variant),
            log=work / "logs" / f"{kind}-{variant}-{number}.log",
            timeout=BUILD_TIMEOUT,
            cwd=ROOT,
        )
        results.runs[kind][variant].append(result)
        progress(
            f"N={results.posts:,} {kind:<9} {variant:<7} #{number}: "
            f"{result.seconds:6.2f} s (CPU {result.cpu_seconds:6.2f} s) {result.peak_mib:5.0f} MiB"
        )

    # The site's first build, untimed: it draws the preview cards that full builds keep.
    run(
        pelican_command(
            corpus, output_folder(work, "ours"), cache_folder(work, "ours"), variant="ours"
        ),
        log=work / "logs" / "cards-ours.log",
        timeout=BUILD_TIMEOUT,
        cwd=ROOT,
    )
    for number in range(1, pairs + 1):
        for variant in in_turn(number):
            measure("full", variant, number)
    for number in range(1, rebuild_pairs + 1):
        for variant in in_turn(number):
            measure("no_change", variant, number)
        edit_post(corpus.posts[number * len(corpus.posts) // (rebuild_pairs + 1)])
        for variant in in_turn(number):
            measure("one_edit", variant, number)
    return results


def empty_but_cards(output: Path, cache: Path) -> None:
    """Remove the output and everything in the cache but the preview cards."""
    shutil.rmtree(output, ignore_errors=True)
    for entry in cache.iterdir() if cache.is_dir() else ():
        if entry.name == CARD_CACHE:
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def cards_in(cache: Path) -> int:
    """How many preview cards the cache holds."""
    return sum(1 for _ in (cache / CARD_CACHE).glob("*.png"))


def in_turn(pair: int) -> tuple[str, ...]:
    """The variants in the order pair number `pair` (from 1) runs them: A B, then B A."""
    return VARIANTS if pair % 2 else VARIANTS[::-1]


def output_folder(work: Path, variant: str) -> Path:
    return work / variant / "output"


def cache_folder(work: Path, variant: str) -> Path:
    return work / variant / "cache"
