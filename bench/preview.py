"""Edit to served: how long after a post is saved a preview serves the new sentence.

Three long-running previews of the same corpus, one after another: ours (`python -m
preview`, what `make devserver` runs), vanilla Pelican's `-lr` with the content cache
(`PLUGINS=[]`), and `hugo server` on the same Markdown when `hugo` is installed. For
each edit a new sentence is appended to a post in the middle of the archive; the time
is from the write to the first HTTP response holding the sentence, polled every 20 ms.
Then the preview is left to finish (no CPU used for a while): "finished" is when its
processes last used CPU, and "CPU" what they used for the edit, read from /proc for the
whole process tree (Pelican's `-lr` runs in two child processes).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.corpus import Corpus
from bench.hugo_site import write_hugo_site
from bench.measure import BenchError

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")
POLL = 0.02
SAMPLE = 0.25
QUIET = 2.0  # seconds without CPU use that count as finished
IDLE_CPU = 0.02  # CPU seconds per sample that idle threads (watchers, servers) may use
STARTUP_TIMEOUT = 900
EDIT_TIMEOUT = 300
FAILED_FIRST_BUILD = "[preview] the site did not build"


@dataclass(frozen=True)
class Edit:
    served: float  # seconds from the write to a response with the new sentence
    finished: float  # seconds from the write to the last CPU use
    cpu: float  # CPU seconds of the whole process tree for this edit


@dataclass
class PreviewResults:
    posts: int
    edits: dict[str, list[Edit]] = field(default_factory=dict)
    memory_mib: dict[str, tuple[float, float]] = field(default_factory=dict)  # (now, peak)
    skipped: dict[str, str] = field(default_factory=dict)

    def median(self, variant: str, attribute: str) -> float:
        return statistics.median(getattr(edit, attribute) for edit in self.edits[variant])


def bench_previews(
    corpus: Corpus,
    work: Path,
    *,
    edits: dict[str, int],
    caches: dict[str, Path],
    progress: Callable[[str], None],
) -> PreviewResults:
    """`edits[variant]` edits with each preview; `caches` are content caches from the
    build benchmark to start from (the first build of a preview is not what is measured)."""
    results = PreviewResults(posts=len(corpus.posts))
    middle = len(corpus.posts) // 2
    for offset, variant in enumerate(("ours", "vanilla", "hugo")):
        if variant == "hugo" and shutil.which("hugo") is None:
            results.skipped[variant] = "`hugo` is not installed (apt-get install hugo)"
            continue
        folder = work / f"preview-{variant}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        start = middle + 10 * offset
        posts = corpus.posts[start : start + edits[variant]]
        files = dict(zip(posts, posts, strict=True))
        if variant == "hugo":
            files = write_hugo_site(corpus.content, folder / "site")
        elif variant in caches:
            shutil.copytree(caches[variant], folder / "cache")
        port = _free_port()
        command = _command(variant, corpus, folder, port)
        log = folder / "server.log"
        with log.open("wb") as output:
            process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
        try:
            progress(f"N={results.posts:,} preview {variant}: starting")
            _wait_until_up(process, f"http://127.0.0.1:{port}/", log)
            _wait_until_quiet(process.pid)
            runs = []
            for number, post in enumerate(posts, start=1):
                url = f"http://127.0.0.1:{port}/{post.stem}/"
                runs.append(_edit(process, files[post], url, f"{variant} edit {number}"))
                progress(
                    f"N={results.posts:,} preview {variant:<7} edit #{number}: served "
                    f"{runs[-1].served:.2f} s, finished {runs[-1].finished:.1f} s, "
                    f"CPU {runs[-1].cpu:.1f} s"
                )
            results.edits[variant] = runs
            results.memory_mib[variant] = _memory_mib(process.pid)
        finally:
            _stop(process)
    return results


def _command(variant: str, corpus: Corpus, folder: Path, port: int) -> list[str]:
    blogroll = f"BLOGROLL_CACHE_PATH={json.dumps(str(corpus.blogroll_cache))}"
    if variant == "ours":
        return [
            sys.executable, "-m", "preview", "--port", str(port),
            "--content", str(corpus.content), "--folder", str(folder), "-e", blogroll,
        ]  # fmt: skip
    if variant == "vanilla":
        siteurl = json.dumps(f"http://127.0.0.1:{port}")
        return [
            sys.executable, "-m", "pelican", str(corpus.content), "-lr",
            "-s", str(ROOT / "pelicanconf.py"), "-o", str(folder / "output"),
            "-b", "127.0.0.1", "-p", str(port), "-e", "PLUGINS=[]", blogroll,
            f"SITEURL={siteurl}", f"FEED_DOMAIN={siteurl}",
            f"CACHE_PATH={json.dumps(str(folder / 'cache'))}",
        ]  # fmt: skip
    return [
        "hugo", "server", "--source", str(folder / "site"), "--bind", "127.0.0.1",
        "--port", str(port), "--baseURL", f"http://127.0.0.1:{port}/", "--disableLiveReload",
    ]  # fmt: skip


def _edit(process: subprocess.Popen, path: Path, url: str, label: str) -> Edit:
    sentence = f"A sentence written for {label}, {time.time_ns()}."
    text = path.read_text(encoding="utf-8")
    tree_cpu = _cpu_seconds(process.pid)
    written = time.perf_counter()
    path.write_text(f"{text}\n{sentence}\n", encoding="utf-8")
    while sentence not in _get(url):
        if process.poll() is not None or time.perf_counter() - written > EDIT_TIMEOUT:
            raise BenchError(f"{label}: {url} never showed the new sentence")
        time.sleep(POLL)
    served = time.perf_counter() - written
    last_busy = _wait_until_quiet(process.pid)
    return Edit(served, max(served, last_busy - written), _cpu_seconds(process.pid) - tree_cpu)


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_until_up(process: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not _get(url):
        failed = FAILED_FIRST_BUILD in log.read_text(errors="replace")
        if failed or process.poll() is not None or time.monotonic() > deadline:
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
            raise BenchError(f"{process.args[:4]} did not come up; {log}:\n{tail}")
        time.sleep(SAMPLE)


def _wait_until_quiet(pid: int) -> float:
    """Wait until the tree has used no CPU for QUIET seconds; return when it last did."""
    last_busy, before = time.perf_counter(), _cpu_seconds(pid)
    while time.perf_counter() - last_busy < QUIET:
        time.sleep(SAMPLE)
        now = _cpu_seconds(pid)
        if now - before > IDLE_CPU:
            last_busy = time.perf_counter()
        before = now
    return last_busy


def _tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def _cpu_seconds(pid: int) -> float:
    total = 0
    for member in _tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def _memory_mib(pid: int) -> tuple[float, float]:
    """Resident memory (now, peak) of the tree's largest process: the one that builds
    (Pelican's `-lr` builds in a child)."""
    found = []
    for member in _tree(pid):
        try:
            lines = Path(f"/proc/{member}/status").read_text().splitlines()
        except OSError:
            continue
        status = dict(line.split(":", 1) for line in lines if ":" in line)
        found.append(tuple(int(status[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM")))
    return max(found, key=lambda pair: pair[1])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    for member in reversed(_tree(process.pid)):
        with contextlib.suppress(ProcessLookupError):
            os.kill(member, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
