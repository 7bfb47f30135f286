"""Run one command as a child process; return its wall time and its own peak memory.

`os.wait4` reports the rusage of exactly that child, so one long-lived benchmark process
can measure many builds without their peaks blurring together (RUSAGE_CHILDREN would
keep the largest so far).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


class BenchError(RuntimeError):
    """A measured command failed; the message says which and where its log is."""


@dataclass(frozen=True)
class Run:
    """Wall time (what a writer waits), CPU time (steadier when the machine is shared)."""

    seconds: float
    cpu_seconds: float
    peak_mib: float


def run(
    command: list[str], *, log: Path, timeout: float, cwd: Path, env: dict[str, str] | None = None
) -> Run:
    """Run `command` with its output in `log`; raise BenchError if it fails or overruns."""
    log.parent.mkdir(parents=True, exist_ok=True)
    # The kernel is still writing back earlier runs' files (and freeing the blocks of the
    # output folder just deleted); flush that first, so each run pays for its own I/O.
    os.sync()
    with log.open("wb") as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        watchdog = threading.Timer(timeout, process.kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            watchdog.cancel()
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        reason = (
            f"was killed after {timeout:.0f} s"
            if seconds >= timeout
            else f"exited {process.returncode}"
        )
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
        raise BenchError(f"{' '.join(command[:4])} ... {reason}; full log: {log}\n{tail}")
    return Run(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_mib=usage.ru_maxrss / 1024,
    )
