"""Note every change to the site's sources, from before the first build to the end.

watchfiles runs in threads of its own for the whole session, so a save made while a
build runs is noted then and handed to the next build: none is lost, as happens when
a watcher is started afresh after each build and compares with a snapshot taken then.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

import watchfiles
from pelican.utils import FileChangeFilter

# How long watchfiles waits before telling its thread that nothing changed (the first
# such answer says the watch is in place).
POLL_MS = 200


class Watcher:
    """Changed paths (absolute), kept until `take` hands them over."""

    def __init__(self, folders: Iterable[Path], files: Iterable[Path], ignore: Iterable[str]):
        self._filter = FileChangeFilter(ignore_file_patterns=list(ignore))
        self._files = {str(path.resolve()) for path in files}
        self._watches = [([str(path) for path in folders if path.exists()], True)]
        # A single file is watched through its folder: an editor that saves by renaming
        # a new file over the old one would end a watch on the file itself.
        for parent in {str(Path(file).parent) for file in self._files}:
            self._watches.append(([parent], False))
        self._changed: set[str] = set()
        self._ready = threading.Barrier(len(self._watches) + 1)
        self._lock = threading.Condition()

    def start(self) -> None:
        """Start watching; return once every watch is in place."""
        for paths, recursive in self._watches:
            threading.Thread(
                target=self._run, args=(paths, recursive), daemon=True, name="preview-watch"
            ).start()
        self._ready.wait()

    def pending(self) -> bool:
        with self._lock:
            return bool(self._changed)

    def take(self, timeout: float | None = None) -> set[str]:
        """Every path changed since the last call; waits for one if there is none yet."""
        with self._lock:
            self._lock.wait_for(lambda: self._changed, timeout)
            changed, self._changed = self._changed, set()
            return changed

    def _run(self, paths: list[str], recursive: bool) -> None:
        ready = False
        for changes in watchfiles.watch(
            *paths,
            watch_filter=self._filter if recursive else self._is_watched_file,
            rust_timeout=POLL_MS,
            yield_on_timeout=True,
            recursive=recursive,
        ):
            if not ready:  # the first answer, changes or none, comes once the watch is set
                ready = True
                self._ready.wait()
            if changes:
                with self._lock:
                    self._changed.update(path for _, path in changes)
                    self._lock.notify_all()

    def _is_watched_file(self, _change, path: str) -> bool:
        return path in self._files
