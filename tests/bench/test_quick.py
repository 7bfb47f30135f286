"""`make bench QUICK=1` end to end: every row measured, every ratio computed, docs untouched.

A smoke test of the benchmark machinery, not a timing assertion: the numbers depend on the
machine, so the checks are that each one exists, is a real positive number, and agrees
with the numbers it is derived from.
"""

from __future__ import annotations

import math
import re
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT

# One worker runs the smoke run once for the whole module (`make test` uses --dist
# loadgroup); counting under callgrind makes it a few minutes on a busy machine.
pytestmark = [pytest.mark.xdist_group("bench"), pytest.mark.timeout(900)]
NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
BUILD_ROWS = (
    "Full build (fresh output and cache)",
    "Rebuild, nothing changed",
    "Rebuild after editing one post",
    "Peak memory of the full build",
)
REFRESH_ROWS = (
    "First refresh (empty cache)",
    "Second refresh (all 304)",
    "First refresh, 5% failing or stalling",
    "Second refresh, 5% failing or stalling",
    "First refresh of 10 feeds",
)
TARGETS = 7
COUNTED_ROWS = BUILD_ROWS[:2]
TIMED = ", N = 100"  # the quick plan's largest corpus, with two pairs of each build

# One quick bench for the whole suite: every test here reads the same run.
pytestmark = [pytest.mark.xdist_group("bench"), pytest.mark.timeout(900)]


def numbers(cell: str) -> list[float]:
    return [float(match.replace(",", "")) for match in NUMBER.findall(cell)]


def tables(markdown: str) -> dict[str, list[list[str]]]:
    """Each `## Section`'s table body, as rows of cells (header and rule dropped)."""
    found: dict[str, list[list[str]]] = {}
    section = ""
    for line in markdown.splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif line.startswith("|"):
            found.setdefault(section, []).append([c.strip() for c in line.strip("|").split("|")])
    return {name: rows[2:] for name, rows in found.items()}


def row(rows: list[list[str]], label: str) -> list[str]:
    matching = [cells for cells in rows if cells[0].startswith(label)]
    assert len(matching) == 1, f"expected one row starting {label!r}, found {len(matching)}"
    return matching[0]


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    work = tmp_path_factory.mktemp("bench")
    docs = ROOT / "docs" / "benchmarks.md"
    before = docs.stat().st_mtime_ns if docs.exists() else None
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--work", str(work)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=840,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (docs.stat().st_mtime_ns if docs.exists() else None) == before, (
        "quick mode must not rewrite docs/benchmarks.md"
    )
    return result, work


@pytest.fixture(scope="module")
def report(quick_run) -> dict[str, list[list[str]]]:
    result, work = quick_run
    text = (work / "benchmarks.md").read_text(encoding="utf-8")
    assert text.strip() in result.stdout, "the table printed is the table written"
    assert not re.search(r"\bnan\b|\binf\b", text, re.IGNORECASE), "a measurement is not a number"
    return tables(text)


def test_every_target_has_a_number_and_a_verdict(report):
    targets = report["Targets"]
    assert len(targets) == TARGETS
    for target, measured, verdict in targets:
        assert numbers(measured), f"no number measured for {target!r}"
        assert all(math.isfinite(value) for value in numbers(measured))
        assert verdict in {"PASS", "MISS"}, target


def test_build_rows_have_medians_and_their_ratio(report):
    builds = report["Builds"]
    for label in BUILD_ROWS:
        cells = row(builds, label + TIMED)
        vanilla, ours, ratio = (numbers(cell)[0] for cell in cells[1:4])
        assert vanilla > 0 and ours > 0, label
        assert ratio == pytest.approx(ours / vanilla, rel=0.02), f"{label}: not ours/vanilla"
        if not label.startswith("Peak"):
            cpu_vanilla, cpu_ours, cpu_ratio = numbers(cells[4])
            assert cpu_vanilla > 0 and cpu_ours > 0
            assert cpu_ratio == pytest.approx(cpu_ours / cpu_vanilla, rel=0.02)


def test_instruction_counts_are_whole_numbers_and_their_ratio_is_the_target(report):
    counts, targets = report["Instructions"], report["Targets"]
    for label in COUNTED_ROWS:
        cells = row(counts, label)
        vanilla, ours, ratio, wall_ratio = (numbers(cell)[0] for cell in cells[1:5])
        assert vanilla > 1e9 and ours > 1e9, "a whole Pelican build runs billions"
        assert vanilla == int(vanilla) and ours == int(ours)
        assert ratio == pytest.approx(ours / vanilla, abs=0.0006), f"{label}: not ours/vanilla"
        assert wall_ratio > 0
        target = row(targets, label)
        assert "instructions" in target[0]
        assert numbers(target[1])[0] == ratio
        assert target[2] == ("PASS" if ratio <= 1.10 else "MISS")


def test_the_first_build_draws_every_card_and_the_report_says_what_each_costs(quick_run):
    _, work = quick_run
    text = (work / "benchmarks.md").read_text(encoding="utf-8")
    counts = tables(text)["Instructions"]
    first = numbers(row(counts, "First build")[2])[0]
    full = numbers(row(counts, COUNTED_ROWS[0])[2])[0]
    assert first > full, "the first build draws the cards the full build finds"
    note = re.search(r"first build draws all ([\d,]+) \(N = ([\d,]+)\), ([\d.]+) M", text)
    assert note, "no note on the preview cards"
    cards, posts, each = (numbers(value)[0] for value in note.groups())
    assert cards == posts, "one card per post"
    assert each == pytest.approx((first - full) / cards / 1e6, abs=0.06)


def test_refresh_rows_measured_time_bytes_and_outcomes(report):
    refresh = report["Blogroll refresh"]
    first_bytes = numbers(row(refresh, REFRESH_ROWS[0])[2])[0]
    for label in REFRESH_ROWS:
        _, seconds, size, requests, memory, outcome = row(refresh, label)
        assert numbers(seconds)[0] > 0, label
        assert numbers(size)[0] > 0, label
        assert numbers(requests)[0] > 0, label
        assert numbers(memory)[0] > 0, label
        assert re.search(r"\d+ (updated|unchanged)", outcome), f"{label}: {outcome}"
    second = row(refresh, REFRESH_ROWS[1])
    assert "unchanged" in second[5] and "failed" not in second[5]
    share = numbers(second[2])[1]
    assert share == pytest.approx(100 * numbers(second[2])[0] / first_bytes, abs=0.06)
    assert "failed" in row(refresh, REFRESH_ROWS[2])[5], "the failing feeds were not seen to fail"


def test_page_weight_rows_add_up(report):
    weight = report["Page weight"]
    html = numbers(row(weight, "HTML")[1])[0]
    assets = [numbers(cells[1])[0] for cells in weight if cells[0].startswith("`http")]
    assert html > 0 and len(assets) >= 2 and all(size > 0 for size in assets)
    assert any(cells[0].endswith(".css`") for cells in weight)
    assert any(cells[0].endswith(".js`") for cells in weight)
    assert numbers(row(weight, "**Total**")[1])[0] == html + sum(assets)
    assert any("main > " in cells[0] for cells in weight), "no breakdown of the HTML"
    assert 0 < numbers(row(weight, "Share script")[1])[-1] < html


def test_the_plot_is_a_png(quick_run):
    _, work = quick_run
    image = (work / "benchmarks.png").read_bytes()
    assert image.startswith(b"\x89PNG\r\n\x1a\n") and len(image) > 10_000


def test_pairs_turn_round_so_drift_hits_both_variants(quick_run):
    result, _ = quick_run
    progress = result.stdout + result.stderr
    runs = re.findall(r"N=([\d,]+) (\w+) +(vanilla|ours) +#(\d+):", progress)
    order: dict[tuple[str, str, str], list[str]] = {}
    for posts, kind, variant, number in runs:
        order.setdefault((posts, kind, number), []).append(variant)
    assert {kind for _, kind, _ in order} == {"full", "no_change", "one_edit"}
    for (posts, kind, number), variants in order.items():
        expected = ["vanilla", "ours"] if int(number) % 2 else ["ours", "vanilla"]
        assert variants == expected, (posts, kind, number)


def test_every_run_is_listed_in_order_and_its_medians_are_the_builds_table(report):
    builds, runs = report["Builds"], report["Every build"]
    for label in BUILD_ROWS[:3]:
        cells = row(runs, label + TIMED)
        listed = re.findall(r"(vanilla|ours) (\d+\.\d+) s", cells[1])
        pairs = len(listed) // 2
        assert [variant for variant, _ in listed] == [
            variant
            for number in range(1, pairs + 1)
            for variant in (("vanilla", "ours") if number % 2 else ("ours", "vanilla"))
        ], label
        for variant, column in (("vanilla", 1), ("ours", 2)):
            seconds = [float(time) for name, time in listed if name == variant]
            median_in_builds = numbers(row(builds, label + TIMED)[column])[0]
            assert statistics.median(seconds) == pytest.approx(median_in_builds, abs=0.006)
            spread = (max(seconds) - min(seconds)) / statistics.median(seconds)
            # recomputed from times rounded to 10 ms, which moves it by up to 10 ms / median
            rounding = 100 * 0.011 / min(seconds)
            assert numbers(cells[1 + column])[0] == pytest.approx(100 * spread, abs=rounding)
