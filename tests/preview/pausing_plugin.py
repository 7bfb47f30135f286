"""A Pelican plugin for tests: holds a full build after it has read the site, before
it writes, for as long as the file named by PREVIEW_TEST_PAUSE exists.

So a test can save a file while a build runs, knowing that the build read the sources
before the save: only a watcher that kept noting changes can show that save.
"""

from __future__ import annotations

import time
from pathlib import Path

from pelican import signals

HOLD_AT_MOST = 300  # seconds; a test that forgets to let go fails, it does not hang


def hold(pelican) -> None:
    pause = Path(pelican.settings["PREVIEW_TEST_PAUSE"])
    if not pause.exists():
        return
    held = pause.with_name(pause.name + ".held")
    held.touch()
    deadline = time.monotonic() + HOLD_AT_MOST
    while pause.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    held.unlink()


def register() -> None:
    signals.finalized.connect(hold)
